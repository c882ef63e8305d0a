import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// A staff member's calendars in the Setup view (SPEC §10): connect one, or disconnect some.
/// Unlike the other editors these do not edit the workspace: the runner hands what they say to
/// the calendar use cases (`CalendarEdit`).
extension SetupForm {
    public static let calendarKinds = ["CalDAV", "ICS feed"]

    public static func newCalendar(for member: StaffMember) -> SetupForm {
        SetupForm(kind: .newCalendar(login: member.login), title: "Connect a calendar of \(member.name)", rows: [
            .text(label: "Name", field: TextField(), placeholder: "one word, e.g. work (default: the host)"),
            .choice(label: "Kind", options: calendarKinds, selected: 0),
            .text(label: "Address", field: TextField(), placeholder: "https://… (a feed's address is kept secret)"),
            .text(label: "User", field: TextField(), placeholder: "CalDAV login, if any"),
            .text(label: "Password", field: TextField(), placeholder: "$VARIABLE or /path/to/file (never the password)"),
        ])
    }

    /// One toggle per calendar: switched off, it is disconnected on save.
    public static func calendars(of member: StaffMember, _ calendars: [StaffCalendar]) -> SetupForm {
        let theirs = calendars.filter { $0.staffLogin == member.login }
        return SetupForm(kind: .calendars(login: member.login, names: theirs.map(\.name)), title: "Calendars of \(member.name)",
                         rows: theirs.map { .toggle(label: $0.name, detail: "\($0.source.kind), \($0.source.redactedURL)", on: true) })
    }

    /// What a calendar editor asks for; nil for the workspace editors.
    public func calendarEdit() -> Result<CalendarEdit, Refusal>? {
        switch kind {
        case .newCalendar(let login):
            guard rows.count == 5 else { return .failure(Refusal("the calendar form is incomplete")) }
            let name = rows[0].text, address = rows[2].text, user = rows[3].text, password = rows[4].text
            guard !address.isEmpty else { return .failure(Refusal("type the calendar's address")) }
            let url = CalendarSource.normalized(address)
            if rows[1].choice == 1 {
                guard user.isEmpty, password.isEmpty else { return .failure(Refusal("a feed takes no user or password: its address is its key")) }
                return .success(.add(login: login, name: name.isEmpty ? nil : name, source: .ics(url: url)))
            }
            var from: CalendarPassword?
            if password.hasPrefix("$") {
                from = .environment(String(password.dropFirst()))
            } else if !password.isEmpty {
                from = .file(password)
            }
            return .success(.add(login: login, name: name.isEmpty ? nil : name,
                                 source: .caldav(url: url, user: user.isEmpty ? nil : user, password: from)))
        case let .calendars(login, names):
            let off = zip(names, rows).filter { !$0.1.isOn }.map(\.0)
            return .success(.remove(login: login, names: off))
        default:
            return nil
        }
    }
}

/// What a Setup calendar editor asks the runner to do.
public enum CalendarEdit: Equatable, Sendable {
    case add(login: String, name: String?, source: CalendarSource)
    case remove(login: String, names: [String])
}
