import ArgumentParser
import Foundation
import LinkdeskComposition
import LinkdeskCalendars
import LinkdeskCore
import LinkdeskMail
import LinkdeskService
import LinkdeskWeb

/// The booking site's program. `linkdesk serve` execs it (so the CLI never links NIO) with the
/// same options; run on its own it takes the same environment and defaults, through the same
/// composition root. Every failure is one line on stderr: exit 2 for a bad command line or
/// value, 3 for a store that cannot be opened or a server that cannot start.
@main
struct ServeProgram: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linkdesk-serve",
        abstract: "Serve the booking site (what `linkdesk serve` runs).",
        discussion: """
        Environment: LINKDESK_DB, LINKDESK_BASE_URL, LINKDESK_NOW (fixes the clock), as for linkdesk. \
        Without --base-url the links name the served address. Logs one line per request without \
        query strings (--quiet: none); SIGTERM or Ctrl-C stops it after the requests in flight. \
        With a mail server (--smtp or LINKDESK_SMTP_URL, and LINKDESK_SECRET_FILE) it also sends \
        the booking emails: at once when a booking is made, and reminders and retries when due; \
        the sender address is the workspace's notifications: from (else LINKDESK_MAIL_FROM).
        """)

    @Option(help: ArgumentHelp("Address to listen on (0.0.0.0 for every interface).", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on (default: the base URL's, else 8080).", valueName: "port"))
    var port: Int?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "Public origin of every link, e.g. behind a proxy (env LINKDESK_BASE_URL).", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Workspace file, or postgres://user@host/db (env LINKDESK_DB; default as for linkdesk).", valueName: "path|url"))
    var database: String?

    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp(
        "A reverse proxy's IP address whose X-Forwarded-For names the client (repeatable).", valueName: "address"))
    var trustedProxies: [String] = []

    @Option(help: ArgumentHelp(
        "The mail server booking emails go through: smtp://user:password@host:587, smtps://…:465 (env LINKDESK_SMTP_URL; needs LINKDESK_SECRET_FILE).",
        valueName: "url"))
    var smtp: String?

    @Option(name: .customLong("mail-interval"), help: ArgumentHelp(
        "Seconds between the sender's rounds for reminders and retries (it also sends at once when a booking is made).",
        valueName: "seconds"))
    var mailInterval = 15

    @Option(name: .customLong("calendar-interval"), help: ArgumentHelp(
        "Seconds between reads of the staff calendars (CalDAV, ICS feeds); 0 reads none.", valueName: "seconds"))
    var calendarInterval = 300

    @Flag(help: "Log no requests.")
    var quiet = false

    static func main() async {
        let program: ServeProgram
        do {
            program = try parse()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }  // --help
            let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid command line"
            fail("\(first) (see linkdesk-serve --help)", 2)
        }
        do {
            try await program.serve()
            say("linkdesk serve: stopped")
        } catch let refusal as Refusal {
            fail(refusal.message, 2)
        } catch let failure as ServeFailure {
            fail(failure.message, failure.status)
        } catch let error as StoreError {
            fail(error.message, 3)
        } catch {
            fail("\(error)", 3)
        }
    }

    func serve() async throws {
        for proxy in trustedProxies where ClientAddress.normalized(Substring(proxy)) == nil {
            throw ServeFailure(status: 2, message: "--trusted-proxy takes an IP address (the proxy's, as this server sees it), not \"\(proxy)\"")
        }
        if let port, !(0...65535).contains(port) { throw ServeFailure(status: 2, message: "--port takes a number from 0 to 65535") }
        let composition = Composition()
        let named = try composition.namedBaseURL(baseURL)
        // The port: --port, else the base URL's own (https://book.example.com → 443), else 8080.
        let bound = port ?? named.map(Self.port(of:)) ?? 8080
        // The links and the served address agree by default.
        let shown = ["127.0.0.1", "0.0.0.0", "::", "::1", "localhost"].contains(host) ? "localhost" : host
        let base = try named ?? BaseURL("http://\(shown):\(bound)")
        guard mailInterval >= 1 else { throw ServeFailure(status: 2, message: "--mail-interval takes at least 1 second") }
        guard calendarInterval == 0 || calendarInterval >= 10 else {
            throw ServeFailure(status: 2, message: "--calendar-interval takes at least 10 seconds (0: no calendar reads)")
        }
        let time = try composition.clock()
        let mailServer = try composition.mailServer(smtp)
        let overrides = try composition.mailOverrides(from: nil, replyTo: nil)
        let store = try composition.serverStore(try composition.database(database))
        // Bookings queue their emails when a mail server is configured; the sender below sends them.
        let linkdesk = Linkdesk(store: store, base: base, time: time, notifications: try composition.notifications(smtpURL: smtp))
        // Start following the store's changes now (PostgreSQL: its LISTEN), so that the first
        // requests already use the pushed stamps instead of reading version rows.
        _ = try? await store.changeStamp()
        // Least privilege (SPEC §8): a site facing the internet should hold the site role alone.
        if let extra = try? await store.privilegesBeyondSite() {
            let login = (try? await store.login()) ?? "?"
            let line = "linkdesk serve: the login \"\(login)\" holds more than the site role (\(extra)): give the site a login of its own "
                + "(linkdesk staff add LOGIN --role site --password-stdin)"
            FileHandle.standardError.write(Data((line + "\n").utf8))
            if !quiet { say(ISO8601.string(Date()) + " " + line) }
        }
        let requestLog: @Sendable (String) -> Void = { line in say(ISO8601.string(Date()) + " " + line) }
        let configuration = WebConfiguration(host: host, port: bound, log: quiet ? nil : requestLog,
                                             trustedProxies: trustedProxies)
        // The sender runs beside the site and stops with it; its lines are logged even with
        // --quiet (they are not request lines, and a mail server that fails must be seen).
        let sender = mailServer.map { server in
            Task { [mailInterval] in
                await linkdesk.runSender(through: SMTPSender(server: server), overrides: overrides, interval: Double(mailInterval)) { line in
                    say(ISO8601.string(Date()) + " " + line)
                }
            }
        }
        defer { sender?.cancel() }
        // Staff calendars are read beside the site too (SPEC §10); their lines are logged even
        // with --quiet, as the sender's are.
        let calendars = calendarInterval == 0 ? nil : Task { [calendarInterval] in
            await linkdesk.runCalendarSync(reader: NetworkCalendarReader(), interval: Double(calendarInterval)) { line in
                say(ISO8601.string(Date()) + " " + line)
            }
        }
        defer { calendars?.cancel() }
        do {
            try await runSite(linkdesk: linkdesk, configuration: configuration, onRunning: { [host, base, mailServer] port in
                say("linkdesk serve: listening on http://\(host):\(port), links start with \(base.text) (Ctrl-C stops)"
                    + (mailServer.map { "; booking emails go through \($0.redacted)" } ?? ""))
            })
        } catch let refusal as Refusal {
            throw ServeFailure(status: 3, message: refusal.message)  // the port is taken, the address not ours
        }
    }

    /// The port a base URL names, or its scheme's.
    static func port(of base: BaseURL) -> Int {
        let authority = base.text.split(separator: "/").dropFirst().first ?? ""
        if let last = authority.split(separator: ":").last, authority.contains(":"), let number = Int(last) { return number }
        return base.text.hasPrefix("https") ? 443 : 80
    }
}

/// Why the server did not run: a value the parser accepted but the server cannot use (2), or a
/// socket it cannot listen on (3).
struct ServeFailure: Error {
    let status: Int32
    let message: String
}

/// One line on stdout, written at once (stdout may be a pipe: nothing waits in a buffer).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String, _ code: Int32) -> Never {
    FileHandle.standardError.write(Data("linkdesk serve: \(message)\n".utf8))
    exit(code)
}
