import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// `linkdesk notify` end to end: a booking made with the command line while a mail server is
/// configured queues its emails; `notify --once` sends them to a real mail server (aiosmtpd).
@Suite("notify through the command line")
struct NotifyCommandTests {
    @Test("without a mail server, a sender address or a secret: one line each, exit 2")
    func misconfigured() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        _ = try ws.expectRefused(["notify", "--once"], "no mail server: set LINKDESK_SMTP_URL")
        let noFrom = try ws.run(["notify", "--once"], extraEnv: ["LINKDESK_SMTP_URL": "smtp://127.0.0.1:25"])
        #expect(noFrom.status == 2 && noFrom.stderr == "linkdesk: no sender address: set LINKDESK_MAIL_FROM or pass --from bookings@example.com\n",
                "\(noFrom)")
        let noSecret = try ws.run(["notify", "--once"], extraEnv: ["LINKDESK_SMTP_URL": "smtp://127.0.0.1:25",
                                                                   "LINKDESK_MAIL_FROM": "desk@example.com"])
        #expect(noSecret.status == 2 && noSecret.stderr.hasPrefix("linkdesk: booking emails need a manage-link secret"), "\(noSecret)")
        let badURL = try ws.run(["notify", "--once", "--smtp", "http://mail.example"])
        #expect(badURL.status == 2 && badURL.stderr.contains("smtp:// or smtps://"), "\(badURL)")
    }

    @Test("a booking made while a mail server is configured is queued; notify --once sends it; outbox shows it sent", .python("aiosmtpd"))
    func sends() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let sink = try MailSink()
        defer { sink.stop() }
        let secret = ws.directory.appendingPathComponent("secret").path
        try Data((0..<32).map { UInt8($0 * 7 % 256) }).write(to: URL(fileURLWithPath: secret))
        let env = ["LINKDESK_SMTP_URL": "smtp://127.0.0.1:\(sink.port)", "LINKDESK_SECRET_FILE": secret,
                   "LINKDESK_MAIL_FROM": "Cactus Co <bookings@cactus.example>"]
        let first = try #require(try ws.jsonArray(["slots", "http://localhost:8080/salescall555", "--json"]).first)
        let slot = try #require(first["start"] as? String), event = try #require(first["event"] as? String)
        let booked = try ws.run(["book", "http://localhost:8080/salescall555", "--event", event, "--at", slot, "--name", "Ann Lee",
                                 "--email", "ann@example.com"], extraEnv: env)
        #expect(booked.status == 0, "\(booked)")
        let sent = try ws.run(["notify", "--once"], extraEnv: env)
        #expect(sent.status == 0 && sent.stdout.contains("sent 1,") && sent.stdout.contains("failed 1,"), "\(sent)")
        let received = sink.messages()
        #expect(received.count == 1 && received.first?.envelope[1] == "ann@example.com")
        let outbox = try ws.jsonArray(["outbox", "--json"])
        let states = outbox.compactMap { $0["state"] as? String }, kinds = outbox.compactMap { $0["kind"] as? String }
        #expect(Array(states.prefix(2)) == ["sent", "failed"] && Array(kinds.prefix(2)) == ["confirmation", "staff-new"], "\(outbox)")
        #expect(zip(kinds, states).dropFirst(2).allSatisfy { $0 == ("reminder", "pending") }, "reminders wait for their time")
        #expect((outbox.first { $0["kind"] as? String == "staff-new" }?["lastError"] as? String)?.contains("no staff member") == true,
                "the demo pages have no owner: the staff member's notice says why it was not sent")
        let again = try ws.run(["notify", "--once"], extraEnv: env)
        #expect(again.stdout.contains("sent 0,") && sink.messages().count == 1, "nothing twice")
    }
}
