import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskService

/// `linkdesk workspace export|apply` (issue 11, SPEC §7): the team's own setup as a file.
struct WorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "Keep the workspace's setup (event types, pages, hours, policies) in a file.",
        discussion: """
            export writes the whole setup as YAML (or JSON); edit it, keep it in git, and apply shows what would \
            change, with the consequences (a changed slug's former link stops working at once; leaving Dynamic \
            rules kills live one-time links), then applies it in one transaction. Bookings, links and activity are kept. \
            notifications: {from, reply-to} sets where booking emails come from; a page's reminders: [24h, 1h] \
            when its customers are reminded ([] for none).
            """,
        subcommands: [Export.self, Apply.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Write the workspace's setup to stdout (linkdesk workspace export > team.yaml).",
            discussion: "Applying what export wrote changes nothing.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "yaml or json (both read back by apply).") var format: ExportFormat = .yaml

        func run() async throws {
            try await reporting {
                let linkdesk = try await global.staffContext().linkdesk
                print(WorkspaceFileWriter.write(try await linkdesk.workspace(), staff: try await linkdesk.staff(),
                                                settings: try await linkdesk.settings(), calendars: try await linkdesk.calendars(),
                                                as: format.writer),
                      terminator: "")
            }
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply", abstract: "Show what a workspace file changes, then apply it in one transaction.",
            discussion: """
                Every problem in the file is printed as FILE:LINE:COLUMN: what is wrong, and nothing is applied while \
                any remains. Pages and event types not in the file are removed, unless bookings or one-time links \
                refer to them (linkdesk keeps those): then nothing is applied and the count is printed. Asks before \
                applying when stdin is a terminal; exit 1 when not confirmed.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The workspace file (YAML or JSON), - for stdin.", valueName: "file")) var file: String
        @Flag(help: "Apply without asking (for scripts).") var yes = false
        @Flag(help: "Only show what would change.") var dryRun = false

        func run() async throws {
            try await reporting {
                let text = try Self.text(of: file)
                let contents: WorkspaceFile.Contents
                do {
                    contents = try WorkspaceFile.read(text)
                } catch let invalid as WorkspaceFile.Invalid {
                    try Self.fail(file, invalid.problems)
                }
                let app = try await global.staffContext()
                let plan: WorkspacePlan
                do {
                    plan = try await app.linkdesk.planWorkspace(contents.workspace, settings: contents.settings)
                } catch let invalid as WorkspaceInvalid {
                    try Self.fail(file, contents.problems(invalid.issues))
                }
                // The staff list when the file has one (SPEC §8); every owned-by must name a staff member.
                let currentStaff = try await app.linkdesk.staff()
                let staffPlan = contents.staff.map { StaffPlan(current: currentStaff, proposed: $0) }
                let logins = Set((contents.staff ?? currentStaff).map(\.login))
                let strays = contents.workspace.bookingPages.filter { page in page.ownerLogin.map { !logins.contains($0) } ?? false }
                if !strays.isEmpty {
                    try Self.fail(file, strays.map { page in
                        let mark = contents.ownerMarks[page.id]
                        return WorkspaceFile.Problem(line: mark?.line ?? 1, column: mark?.column ?? 1,
                                                     message: "owned-by \"\(page.ownerLogin ?? "")\" is not a staff member"
                                                         + (contents.staff == nil ? "" : " in this file's staff list"))
                    })
                }
                // The `notifications:` settings when the file has them (else they stay as they are).
                let currentSettings = try await app.linkdesk.settings()
                let settingLines = contents.settings.map { currentSettings.changes(to: $0) } ?? []
                // Each staff member's `calendars:` when their entry has one (else theirs stay as they are).
                let calendarPlan = contents.calendars.isEmpty ? CalendarPlan()
                    : try await app.linkdesk.planCalendars(contents.calendars, staff: contents.staff.map { $0.map(\.login) })
                guard !plan.isEmpty || !(staffPlan?.isEmpty ?? true) || !settingLines.isEmpty || !calendarPlan.isEmpty else {
                    Output.line("no changes")
                    return
                }
                for change in plan.changes { Output.line(change.summary) }
                for line in staffPlan?.lines ?? [] { Output.line(line) }
                for line in settingLines { Output.line(line) }
                for line in calendarPlan.lines { Output.line(line) }
                if let blocker = plan.blockers.first {
                    for other in plan.blockers.dropFirst() { Output.note(other.message) }
                    throw Refusal(blocker.message + "; nothing was applied")
                }
                let changes = plan.changes.count + (staffPlan?.count ?? 0) + settingLines.count + calendarPlan.count
                let count = "\(changes) change\(changes == 1 ? "" : "s")"
                if dryRun {
                    Output.note("dry run: \(count) not applied")
                    return
                }
                if !yes {
                    guard isatty(STDIN_FILENO) == 1, file != "-" else {
                        throw Refusal("not applied: confirm with --yes (stdin is not a terminal), or use --dry-run")
                    }
                    FileHandle.standardError.write(Data("Apply \(count)? [y/N] ".utf8))
                    guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased().trimmingCharacters(in: .whitespaces)) else {
                        Output.note("not applied")
                        throw ExitStatus.cancelled
                    }
                }
                if let staffPlan, !staffPlan.isEmpty { try await app.linkdesk.checkStaffPlan(staffPlan) }
                if !settingLines.isEmpty { try await app.linkdesk.checkSettingsChange() }
                let stopped = plan.isEmpty ? [:] : try await app.linkdesk.applyWorkspace(plan)
                if let settings = contents.settings, !settingLines.isEmpty { try await app.linkdesk.saveSettings(settings) }
                if let staffPlan, !staffPlan.isEmpty { try await app.linkdesk.applyStaff(staffPlan) }
                if !calendarPlan.isEmpty { try await app.linkdesk.applyCalendars(calendarPlan) }
                let killed = stopped.values.reduce(0, +)
                Output.note("applied \(count)" + (killed > 0 ? "; \(killed) live one-time link\(killed == 1 ? "" : "s") stopped working" : ""))
            }
        }

        static func text(of file: String) throws -> String {
            if file == "-" {
                return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw Refusal("cannot read \(file): no such file, or not readable")
            }
            guard let text = String(data: data, encoding: .utf8) else { throw Refusal("\(file) is not UTF-8 text") }
            return text
        }

        /// Prints every problem as FILE:LINE:COLUMN: message (the form editors jump to) and exits 2.
        static func fail(_ file: String, _ problems: [WorkspaceFile.Problem]) throws -> Never {
            let name = file == "-" ? "<stdin>" : file
            for problem in problems.sorted(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
                FileHandle.standardError.write(Data("\(name):\(problem.line):\(problem.column): \(problem.message)\n".utf8))
            }
            Output.note("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(name): nothing was applied")
            throw ExitStatus.refused
        }
    }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
    var writer: WorkspaceFileWriter.Format { self == .json ? .json : .yaml }
}
