import ArgumentParser

/// `linkdesk`: share booking links and manage the bookings that come through them.
public struct LinkdeskCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "linkdesk",
        abstract: "Share booking links (general, personalized, one-time) and manage bookings.",
        // Each paragraph is one line here: ArgumentParser wraps it to the terminal, and a line
        // break inside a sentence would show as a break in the middle of it.
        discussion: """
        With no command, linkdesk opens the console. Results go to stdout, notes and errors to \
        stderr.

        Exit codes: 0 done, 1 cancelled, 2 refused by a rule or bad input, 3 the database failed \
        (busy, missing, not a database), 4 no usable terminal.

        Environment: LINKDESK_DB, LINKDESK_BASE_URL, LINKDESK_CLIPBOARD, LINKDESK_NOW (fixes the clock).
        """,
        version: LinkdeskCommand.version,
        subcommands: [
            ConsoleCommandLine.self, ShareCommand.self, PagesCommand.self, LinkCommand.self, ButtonCommand.self, PageCommand.self, LinksCommand.self, RevokeCommand.self,
            SlotsCommand.self, BookCommand.self, BookingsCommand.self, CancelCommand.self,
            RescheduleCommand.self, MarkCommand.self, ActivityCommand.self, ReportCommand.self,
            BatchCommand.self, QRCommand.self, WorkspaceCommand.self, InitCommand.self, MigrateCommand.self, ServeCommand.self, CalendarURLCommand.self,
            StaffCommand.self, WhoamiCommand.self, OutboxCommand.self, NotifyCommand.self, CalendarsCommand.self,
        ],
        defaultSubcommand: ConsoleCommandLine.self)

    /// Printed by `linkdesk --version`.
    public static let version = "0.4.0"

    public init() {}
}
