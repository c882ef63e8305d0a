import ArgumentParser
import Foundation
import LinkdeskCalendars
import LinkdeskCore
import LinkdeskService

/// `linkdesk calendars [list|add|remove|sync]` (SPEC §10): the staff calendars whose busy times
/// block their slots.
struct CalendarsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendars", abstract: "Staff calendars whose busy times block their slots (CalDAV, ICS feeds).",
        discussion: """
            Each staff member may connect calendars: a CalDAV calendar collection (with a login; the password \
            from an environment variable or a file, never stored) or an ICS subscription address (the "secret \
            address" Google and Outlook give; it is stored, and never printed or exported). Their events block \
            the slots of every booking page the staff member owns, everywhere a time is offered or booked; \
            transparent and cancelled events do not, all-day events block the whole day in the zone of the \
            member's first page. `linkdesk serve` reads every calendar every 5 minutes; `calendars sync` does it \
            now. A calendar that cannot be read keeps its last busy times and shows its error here. A member \
            manages their own calendars, an administrator anyone's.
            """,
        subcommands: [List.self, Add.self, Remove.self, Sync.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Each calendar with its last good sync, events and last error.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await reporting {
                let app = try await global.staffContext()
                let now = app.linkdesk.now
                let calendars = try await app.linkdesk.calendars()
                if json { Output.json(calendars.map { CalendarJSON($0, now: now) }); return }
                guard !calendars.isEmpty else {
                    Output.note("no calendars: connect one with `linkdesk calendars add STAFF --caldav URL` or `--ics URL`")
                    return
                }
                Output.line(TextTable.render(["STAFF", "CALENDAR", "KIND", "ADDRESS", "LAST GOOD SYNC", "EVENTS", "LAST ERROR"], calendars.map {
                    [$0.staffLogin, $0.name, $0.source.kind, Display.clean($0.source.redactedURL, max: 40),
                     $0.sync.lastGoodSync.map(ISO8601.string) ?? "never", "\($0.sync.eventCount)",
                     Display.clean($0.sync.lastError ?? ($0.isStale(at: now) ? "not synced lately" : ""), max: 50)]
                }))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Connect a calendar to a staff member (read at once).",
            discussion: "Give --caldav with the calendar collection's URL (and --user with --password-env or --password-file when it needs a login), or --ics with a feed's address (webcal:// is read as https://).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff member's login.") var staff: String
        @Option(help: ArgumentHelp("A CalDAV calendar collection's URL.", valueName: "url")) var caldav: String?
        @Option(help: ArgumentHelp("An ICS feed's address (a secret: never printed).", valueName: "url")) var ics: String?
        @Option(help: "The CalDAV login's user name.") var user: String?
        @Option(name: .customLong("password-env"), help: ArgumentHelp("The environment variable holding the CalDAV password.", valueName: "var"))
        var passwordEnv: String?
        @Option(name: .customLong("password-file"), help: ArgumentHelp("A file holding the CalDAV password (full path).", valueName: "file"))
        var passwordFile: String?
        @Option(help: "A name for it, one word (default: the address's host).") var name: String?
        @Flag(help: "Do not read it now (the next sync will).") var noSync = false

        func run() async throws {
            try await reporting {
                let source: CalendarSource
                switch (caldav, ics) {
                case (let url?, nil):
                    guard passwordEnv == nil || passwordFile == nil else {
                        throw Refusal(.input("give the password with --password-env or --password-file, not both"))
                    }
                    let password = passwordEnv.map(CalendarPassword.environment) ?? passwordFile.map(CalendarPassword.file)
                    source = .caldav(url: CalendarSource.normalized(url), user: user, password: password)
                case (nil, let url?):
                    guard user == nil, passwordEnv == nil, passwordFile == nil else {
                        throw Refusal(.input("an ICS feed takes no login: its address is its key (--user and passwords are for --caldav)"))
                    }
                    source = .ics(url: CalendarSource.normalized(url))
                default:
                    throw Refusal(.input("give one of --caldav URL or --ics URL"))
                }
                let app = try await global.staffContext()
                let calendar = try await app.linkdesk.addCalendar(staffLogin: staff, name: name, source: source)
                Output.note("calendar \"\(calendar.name)\" of \(calendar.staffLogin) added (\(source.kind), \(source.redactedURL))")
                guard !noSync else { return }
                let outcomes = try await app.linkdesk.syncCalendars(staffLogin: staff, reader: NetworkCalendarReader())
                try CalendarsCommand.report(outcomes.filter { $0.calendar.id == calendar.id })
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Disconnect a calendar: its busy times stop blocking at once.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff member's login.") var staff: String
        @Argument(help: "The calendar's name (see `linkdesk calendars`).") var calendar: String

        func run() async throws {
            try await reporting {
                let app = try await global.staffContext()
                try await app.linkdesk.removeCalendar(staffLogin: staff, name: calendar)
                Output.note("calendar \"\(calendar)\" of \(staff) removed")
            }
        }
    }

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync", abstract: "Read every calendar now (or one staff member's).",
            discussion: "Exits 2 when a calendar could not be read: its last busy times are kept and its error is shown.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Only this staff member's calendars.") var staff: String?
        @Option(help: "Seconds a calendar may take.") var timeout = 60

        func run() async throws {
            try await reporting {
                guard (1...600).contains(timeout) else { throw Refusal(.input("--timeout takes 1 to 600 seconds")) }
                let app = try await global.staffContext()
                let outcomes = try await app.linkdesk.syncCalendars(staffLogin: staff, reader: NetworkCalendarReader(timeout: timeout))
                guard !outcomes.isEmpty else { Output.note("no calendars to sync"); return }
                try CalendarsCommand.report(outcomes)
            }
        }
    }

    /// One line per calendar; a refusal (exit 2) naming the ones that failed.
    static func report(_ outcomes: [CalendarSyncOutcome]) throws {
        for outcome in outcomes {
            let calendar = outcome.calendar
            if let error = outcome.error {
                Output.note("\(calendar.staffLogin)/\(calendar.name): not read, its last busy times are kept: \(Display.clean(error, max: 200))")
            } else {
                Output.line("\(calendar.staffLogin)/\(calendar.name): \(calendar.sync.eventCount) busy event\(calendar.sync.eventCount == 1 ? "" : "s")")
            }
        }
        let failed = outcomes.filter { $0.error != nil }.map { "\($0.calendar.staffLogin)/\($0.calendar.name)" }
        if !failed.isEmpty {
            throw Refusal(.input("\(failed.count) calendar\(failed.count == 1 ? "" : "s") could not be read: " + failed.joined(separator: ", ")))
        }
    }
}

/// `linkdesk calendars --json`: one object per calendar; the address redacted, the password's
/// place named, never the password.
struct CalendarJSON: JSONShape {
    let calendar: StaffCalendar
    let stale: Bool

    init(_ calendar: StaffCalendar, now: Date) {
        self.calendar = calendar
        stale = calendar.isStale(at: now)
    }

    var json: JSONValue {
        var user: String?, password: String?
        if case .caldav(_, let u, let p) = calendar.source {
            user = u
            password = p?.description
        }
        return .object([
            JSONMember("staff", .string(calendar.staffLogin)), JSONMember("name", .string(calendar.name)),
            JSONMember("kind", .string(calendar.source.kind)), JSONMember("address", .string(calendar.source.redactedURL)),
            JSONMember("user", .string(orNull: user)), JSONMember("passwordFrom", .string(orNull: password)),
            JSONMember("lastGoodSync", .string(orNull: calendar.sync.lastGoodSync.map(ISO8601.string))),
            JSONMember("lastAttempt", .string(orNull: calendar.sync.lastAttempt.map(ISO8601.string))),
            JSONMember("events", .int(calendar.sync.eventCount)), JSONMember("lastError", .string(orNull: calendar.sync.lastError)),
            JSONMember("stale", .bool(stale)),
        ])
    }
}
