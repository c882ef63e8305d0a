import ArgumentParser
import Foundation
import LinkdeskComposition
import LinkdeskCore
import LinkdeskService

/// `linkdesk serve`: the booking site. The server is its own program, `linkdesk-serve`, next to
/// this one, so that the CLI's start-up never pays for NIO and Hummingbird: this command only
/// resolves the workspace (creating it with the demo pages when new) and execs it.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the booking site: every link linkdesk prints opens in a browser.",
        discussion: """
        Serves the workspace's links at the address they name (default 127.0.0.1, the base URL's \
        port); behind a proxy, --base-url names the public origin. Logs one line per request \
        without query strings; SIGTERM or Ctrl-C stops it after the requests in flight. With a mail \
        server (--smtp or LINKDESK_SMTP_URL, and LINKDESK_SECRET_FILE) it sends the booking emails too.
        """)

    @Option(help: ArgumentHelp("Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on (default: the base URL's, 8080).", valueName: "port"))
    var port: Int?

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp(
        "A reverse proxy's IP address whose X-Forwarded-For names the client (repeatable); without it the header is ignored.",
        valueName: "address"))
    var trustedProxies: [String] = []

    @Option(help: ArgumentHelp(
        "The mail server booking emails go through, sent by the server itself (default: LINKDESK_SMTP_URL; needs LINKDESK_SECRET_FILE).",
        valueName: "url"))
    var smtp: String?

    @Option(name: .customLong("mail-interval"), help: ArgumentHelp(
        "Seconds between the sender's rounds for reminders and retries (default 15).", valueName: "seconds"))
    var mailInterval: Int?

    @Option(name: .customLong("calendar-interval"), help: ArgumentHelp(
        "Seconds between reads of the staff calendars (default 300; 0 reads none).", valueName: "seconds"))
    var calendarInterval: Int?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reporting {
            let program = try Self.serverProgram()
            let context = try global.context()   // creates the workspace when new, like any command
            let store = context.linkdesk.store
            _ = try await store.workspace()
            var arguments = [program, "--host", host, "--db", try global.resolvedDatabase().text]
            if let port { arguments += ["--port", String(port)] }
            for proxy in trustedProxies { arguments += ["--trusted-proxy", proxy] }
            if let smtp { arguments += ["--smtp", smtp] }
            if let mailInterval { arguments += ["--mail-interval", String(mailInterval)] }
            if let calendarInterval { arguments += ["--calendar-interval", String(calendarInterval)] }
            if let named = try Composition().namedBaseURL(global.baseURL) {
                arguments += ["--base-url", named.text]
            }
            Self.exec(program, arguments)
        }
    }

    /// `linkdesk-serve` in the folder of this very executable (`/proc/self/exe`).
    static func serverProgram() throws -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let program = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("linkdesk-serve").path
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw StoreError("the booking site's program linkdesk-serve is not next to linkdesk (looked for \(program)): "
                             + "build it with `swift build` (or `swift build --product linkdesk-serve`)")
        }
        return program
    }

    static func exec(_ program: String, _ arguments: [String]) -> Never {
        fflush(nil)  // every stdio stream: nothing written before the exec may be lost
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv(program, &argv)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("linkdesk: cannot start \(program): \(reason)\n".utf8))
        Foundation.exit(3)
    }
}

/// `linkdesk calendar-url MEMBER`: the iCalendar subscription URL of a team member's bookings.
struct CalendarURLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar-url",
        abstract: "Print a team member's calendar feed URL (subscribe to it in Google, Outlook or Apple Calendar).",
        discussion: """
        The URL holds a secret token, stored hashed: it is printed once. --rotate makes a new one \
        and the old URL stops working at once. The feed is served by `linkdesk serve`.
        """)

    @Argument(help: ArgumentHelp("The team member's booking page (slug or name).", valueName: "member"))
    var member: String

    @Flag(help: "Replace the member's calendar feed URL with a new one (the old one stops working).")
    var rotate = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reporting {
            let context = try global.context()
            let made = try await context.linkdesk.makeCalendarURL(member: member, rotate: rotate)
            print(made.url)
            if made.replaced { Output.note("the former calendar feed URL of \"\(made.member.name)\" stopped working") }
        }
    }
}
