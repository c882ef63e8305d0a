import Foundation
import LinkdeskCore
import Yams

/// The workspace as a file people keep in git (issue 11): YAML, read through Yams' composed
/// nodes because they carry the line and column of every key and value — which is how a problem
/// Core finds in the model (a rule naming a page that is not a team member, overlapping hours, a
/// slug taken, an unknown time zone) is reported at its place in the file, as a syntax error is.
/// JSON is YAML too, so the `--format json` export reads back the same way.
///
/// The file names things as people do: event types by name, team members and primary team
/// members by their page's slug, hours as "09:00-12:00" per weekday. `id`s tie an entry to the
/// page or event type it already is (so a changed slug is a change of that page, not a new page);
/// an entry without one is new.
enum WorkspaceFile {
    /// One problem, at its place in the file.
    struct Problem: Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String
        var description: String { "\(line):\(column): \(message)" }
    }

    /// Every problem of a file, each to be printed as "FILE:LINE:COLUMN: what is wrong".
    struct Invalid: Error {
        var problems: [Problem]
    }

    /// What a file says: the proposed workspace (new things numbered -1, -2, …) and where each
    /// part of it was written.
    struct Contents {
        var workspace: Workspace
        var positions: [WorkspacePath: Mark]
        /// The `staff:` list, when the file has one (nil: the file leaves the staff as they are).
        var staff: [StaffMember]?
        /// Where each staff member's entry and each booking page's `owned-by` were written.
        var staffMarks: [String: Mark] = [:]
        var ownerMarks: [Int64: Mark] = [:]
        /// The `notifications:` settings, when the file has them (nil: the settings stay as they are).
        var settings: WorkspaceSettings?
        /// Each staff member's whole list of calendars, for the staff entries that have `calendars:`.
        var calendars: [String: [CalendarEntry]] = [:]

        /// The place of `path`, or of the nearest part around it that was written.
        func position(of path: WorkspacePath) -> (line: Int, column: Int) {
            var path = path
            while true {
                if let mark = positions[path] { return (mark.line, mark.column) }
                if path.components.isEmpty { return (1, 1) }
                path = path.parent
            }
        }

        /// Core's issues, placed in the file.
        func problems(_ issues: [WorkspaceIssue]) -> [Problem] {
            issues.map { issue in
                let (line, column) = position(of: issue.path)
                return Problem(line: line, column: column, message: issue.message)
            }
        }
    }

    enum Key {
        static let top = ["event-types", "booking-pages", "master-pages", "staff", "notifications", "site"]
        static let notifications = ["from", "reply-to"]
        static let site = ["bookings-per-client-per-hour", "new-page-minimum-notice"]
        static let staff = ["login", "name", "email", "role"]
        static let staffEntry = staff + ["calendars"]
        static let calendar = ["name", "caldav", "ics", "user", "password-env", "password-file"]
        static let eventType = ["id", "name", "minutes"]
        static let bookingPage = ["id", "name", "owner", "owned-by", "slug", "time-zone", "hours", "dates-off", "date-hours", "event-types", "policy",
                                  "reminders", "scheduling", "event-scheduling"]
        static let scheduling = ["minimum-notice", "horizon", "interval", "daily-limit", "buffer-before", "buffer-after"]
        static let policy = ["cancel", "cancel-reason", "reschedule", "reschedule-reason", "confirm-by-email"]
        static let masterPage = ["id", "name", "slug", "scenario", "rule-type", "locale", "theme", "members", "event-types",
                                 "dynamic-rules"]
        static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    }

    static func read(_ text: String) throws(Invalid) -> Contents {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Invalid(problems: [syntaxProblem(error)])
        } catch {
            throw Invalid(problems: [Problem(line: 1, column: 1, message: "\(error)")])
        }
        var reader = WorkspaceFileReader()
        let workspace = reader.workspace(root)
        guard reader.problems.isEmpty, let workspace else {
            throw Invalid(problems: reader.problems.isEmpty ? [Problem(line: 1, column: 1, message: "empty file")] : reader.problems)
        }
        return Contents(workspace: workspace, positions: reader.positions, staff: reader.staff, staffMarks: reader.staffMarks,
                        ownerMarks: reader.ownerMarks, settings: reader.settings, calendars: reader.calendars)
    }

    static func syntaxProblem(_ error: YamlError) -> Problem {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return Problem(line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        case let .reader(problem, _, _, _):
            return Problem(line: 1, column: 1, message: "cannot read the file: \(problem)")
        default:
            return Problem(line: 1, column: 1, message: "not valid YAML: \(error)")
        }
    }
}
