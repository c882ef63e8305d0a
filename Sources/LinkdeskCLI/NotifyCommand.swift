import ArgumentParser
import Foundation
import LinkdeskComposition
import LinkdeskCore
import LinkdeskMail
import LinkdeskService

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send the booking emails that are due, through the team's mail server.",
        discussion: """
            Bookings, reschedules and cancellations queue their emails in the outbox when a mail server \
            is configured (LINKDESK_SMTP_URL, with LINKDESK_SECRET_FILE holding the manage-link secret). \
            This sends what is due: with --once one pass (for cron or a systemd timer), else a pass \
            every --interval seconds until stopped. Failures the server may get over are tried again \
            later, for up to three days; refusals (5xx) fail at once. `linkdesk outbox` lists them.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The mail server: smtp://user:password@host:587, smtps://…:465, smtp://127.0.0.1:25 (default: LINKDESK_SMTP_URL).")
    var smtp: String?
    @Option(help: "The sender address, optionally \"Name <address>\" (default: the workspace's notifications: from, else LINKDESK_MAIL_FROM).")
    var from: String?
    @Option(name: .customLong("reply-to"), help: "A reply-to address (default: the workspace's notifications: reply-to, else LINKDESK_MAIL_REPLY_TO).")
    var replyTo: String?
    @Flag(help: "One pass, then exit.") var once = false
    @Option(help: "Seconds between passes without --once.") var interval = 30

    func run() async throws {
        try await reporting {
            let composition = Composition()
            guard let server = try composition.mailServer(smtp) else {
                throw Refusal(.input("no mail server: set LINKDESK_SMTP_URL or pass --smtp smtp://host:587"))
            }
            let overrides = try composition.mailOverrides(from: from, replyTo: replyTo)
            guard interval >= 1 else { throw Refusal(.input("--interval takes at least 1 second")) }
            let app = try await global.staffContext()
            let linkdesk = Linkdesk(store: app.linkdesk.store, base: app.linkdesk.base, time: app.linkdesk.time,
                                    notifications: try composition.notifications(smtpURL: smtp))
            let sender = SMTPSender(server: server)
            while true {
                guard let settings = try await linkdesk.mailSettings(overrides) else {
                    throw Refusal(.input("no sender address: set notifications: {from: bookings@example.com} in the workspace file, "
                                         + "LINKDESK_MAIL_FROM, or pass --from"))
                }
                let total = try await linkdesk.deliverAllDue(through: sender, settings: settings, batch: Self.batch)
                Output.line("\(server.redacted): sent \(total.sent), to retry \(total.retrying), failed \(total.failed), withdrawn \(total.withdrawn)"
                            + (total.deferred > 0 ? ", not tried \(total.deferred) (the mail server could not be reached)" : ""))
                if once { return }
                try await Task.sleep(nanoseconds: UInt64(interval) * 1_000_000_000)
            }
        }
    }

    static let batch = 50
}
