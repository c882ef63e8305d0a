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
        let noFrom = try ws.run(["notify", "--once"], extraEnv: ["LINKDESK_SMTP_URL": "smtp://127.0.0.1:25",
                                                                 "LINKDESK_SECRET_FILE": try Self.secretFile(in: ws)])
        #expect(noFrom.status == 2 && noFrom.stderr.hasPrefix("linkdesk: no sender address: set notifications: {from: bookings@example.com} in the workspace file"),
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
        #expect(sent.status == 0 && sent.stdout.contains("sent 1,") && sent.stdout.contains("withdrawn 0"), "\(sent)")
        let received = sink.messages()
        #expect(received.count == 1 && received.first?.envelope[1] == "ann@example.com")
        let outbox = try ws.jsonArray(["outbox", "--json"])
        let states = outbox.compactMap { $0["state"] as? String }, kinds = outbox.compactMap { $0["kind"] as? String }
        // The demo pages have no owner: nobody on the staff to tell, so no staff notice.
        #expect(states.first == "sent" && kinds.first == "confirmation" && !kinds.contains("staff-new"), "\(outbox)")
        #expect(zip(kinds, states).dropFirst().allSatisfy { $0 == ("reminder", "pending") }, "reminders wait for their time")
        let again = try ws.run(["notify", "--once"], extraEnv: env)
        #expect(again.stdout.contains("sent 0,") && sink.messages().count == 1, "nothing twice")
    }

    /// The demo workspace with `notifications:` and, on every booking page, `reminders:` added.
    static func withMailSettings(_ exported: String, reminders: String) -> String {
        exported.replacingOccurrences(of: "\n    time-zone:", with: "\n    reminders: \(reminders)\n    time-zone:")
            + "notifications:\n  from: \"Desk Ö <desk@cactus.example>\"\n  reply-to: help@cactus.example\n"
            + "site:\n  bookings-per-client-per-hour: 20\n"
    }

    static func secretFile(in ws: CLIWorkspace) throws -> String {
        let secret = ws.directory.appendingPathComponent("secret").path
        try Data((0..<32).map { UInt8($0 * 7 % 256) }).write(to: URL(fileURLWithPath: secret))
        return secret
    }

    @Test("the sender address and a page's reminders come from the workspace file; a reminder is sent at its time, not before",
          .python("aiosmtpd"))
    func settingsAndReminderTime() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let sink = try MailSink()
        defer { sink.stop() }
        let env = ["LINKDESK_SMTP_URL": "smtp://127.0.0.1:\(sink.port)", "LINKDESK_SECRET_FILE": try Self.secretFile(in: ws)]
        let file = ws.directory.appendingPathComponent("team.yaml")
        try Self.withMailSettings(try ws.ok(["workspace", "export"]), reminders: "[3h]").write(to: file, atomically: true, encoding: .utf8)
        let applied = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(applied.status == 0 && applied.stdout.contains("setting mail-from: not set → \"Desk Ö <desk@cactus.example>\"")
                && applied.stdout.contains("reminders 3 hours")
                && applied.stdout.contains("setting bookings-per-client-per-hour: not set → \"20\""), "\(applied)")
        #expect(try ws.ok(["workspace", "apply", file.path, "--yes"]) == "no changes\n", "export and apply agree on the settings")
        // Confirm by email, as a page's policy: written back as it was read.
        let confirming = try ws.ok(["workspace", "export"]).replacingOccurrences(of: "\n    policy:\n", with: "\n    policy:\n      confirm-by-email: 45m\n")
        try confirming.write(to: file, atomically: true, encoding: .utf8)
        #expect(try ws.run(["workspace", "apply", file.path, "--yes"]).stdout.contains("policy"))
        #expect(try ws.ok(["workspace", "export"]).contains("      confirm-by-email: 45m\n"))
        let tooLong = confirming.replacingOccurrences(of: "confirm-by-email: 45m", with: "confirm-by-email: 3d")
        try tooLong.write(to: file, atomically: true, encoding: .utf8)
        let refusedHold = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(refusedHold.status == 2 && refusedHold.stderr.contains("confirm-by-email holds a slot 5m to 1d, not 3d"), "\(refusedHold)")
        try confirming.write(to: file, atomically: true, encoding: .utf8)
        #expect(try ws.ok(["workspace", "export"]).contains("notifications:\n  from: \"Desk Ö <desk@cactus.example>\"\n  reply-to: \"help@cactus.example\"\n"))

        // Tuesday 10:00 in New York (15:00Z), booked on Monday: one reminder, three hours before.
        let booked = try ws.run(["book", "http://localhost:8080/salescall555", "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                                 "--name", "Ann Lee", "--email", "ann@example.com"], extraEnv: env)
        #expect(booked.status == 0, "\(booked)")
        let reminders = try ws.jsonArray(["outbox", "--json"]).filter { $0["kind"] as? String == "reminder" }
        #expect(reminders.map { $0["due"] as? String } == ["2026-11-24T12:00:00Z"], "\(reminders)")
        _ = try ws.run(["notify", "--once"], extraEnv: env)
        let confirmation = try ReceivedMessage(try #require(sink.messages().first).message)
        #expect(confirmation.from == "Desk Ö <desk@cactus.example>" && confirmation.replyTo == "help@cactus.example",
                "the workspace's sender: \(confirmation.from), \(confirmation.replyTo)")
        #expect(confirmation.text.contains("http://localhost:8080/manage/"), "a booking made by staff carries its manage link")

        let early = try ws.run(["notify", "--once"], now: "2026-11-24T11:59:00Z", extraEnv: env)
        #expect(early.stdout.contains("sent 0,") && sink.messages().count == 1, "not before its time: \(early)")
        let due = try ws.run(["notify", "--once"], now: "2026-11-24T12:00:30Z", extraEnv: env)
        #expect(due.stdout.contains("sent 1,") && sink.messages().count == 2, "at its time: \(due)")
        let reminder = try ReceivedMessage(try #require(sink.messages().last).message)
        #expect(reminder.subject.hasPrefix("Reminder: ") && reminder.to == "ann@example.com", "\(reminder.subject)")
        #expect(reminder.text.contains("http://localhost:8080/manage/"), "the reminder carries the manage link, days later")
    }

    @Test("outbox --resend makes a failed message pending again; the next round sends it; a message that has not failed is refused",
          .python("aiosmtpd"))
    func resend() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let sink = try MailSink()
        defer { sink.stop() }
        let env = ["LINKDESK_SMTP_URL": "smtp://127.0.0.1:\(sink.port)", "LINKDESK_SECRET_FILE": try Self.secretFile(in: ws),
                   "LINKDESK_MAIL_FROM": "desk@cactus.example"]
        for (hour, email) in [(10, "ann@reject.example"), (11, "bo@example.com")] {
            let booked = try ws.run(["book", "http://localhost:8080/salescall555", "--event", Demo.thirty, "--at", Demo.tuesdayLocal(hour),
                                     "--name", "Customer", "--email", email], extraEnv: env)
            #expect(booked.status == 0, "\(booked)")
        }
        _ = try ws.run(["notify", "--once"], extraEnv: env)
        let confirmations = try ws.jsonArray(["outbox", "--json"]).filter { $0["kind"] as? String == "confirmation" }
        let failed = try #require(confirmations.first { $0["state"] as? String == "failed" })
        let sent = try #require(confirmations.first { $0["state"] as? String == "sent" })
        #expect((failed["lastError"] as? String)?.contains("550") == true, "\(failed)")
        let failedID = try #require(failed["id"] as? Int), sentID = try #require(sent["id"] as? Int)

        let refused = try ws.run(["outbox", "--resend", String(sentID)], extraEnv: env)
        #expect(refused.status == 2 && refused.stderr == "linkdesk: message \(sentID) has not failed: only a failed message can be sent again\n",
                "\(refused)")
        let off = try ws.run(["outbox", "--resend", String(failedID)])
        #expect(off.status == 2 && off.stderr.hasPrefix("linkdesk: booking emails are off"), "\(off)")
        #expect(try ws.run(["outbox", "--resend", "999"], extraEnv: env).status == 2)
        let again = try ws.run(["outbox", "--resend", String(failedID)], extraEnv: env)
        #expect(again.status == 0, "\(again)")
        let pending = try #require(try ws.jsonArray(["outbox", "--json"]).first { $0["id"] as? Int == failedID })
        #expect(pending["state"] as? String == "pending" && pending["attempts"] as? Int == 0, "\(pending)")
        let round = try ws.run(["notify", "--once"], extraEnv: env)
        #expect(round.stdout.contains("failed 1"), "tried again (and refused again by the server): \(round)")
    }

    @Test("a bad notifications: setting is placed in the file; a member may not change the settings")
    func settingsRefused() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let file = ws.directory.appendingPathComponent("team.yaml")
        let text = try ws.ok(["workspace", "export"]) + "notifications:\n  from: \"Desk <desk@@cactus>\"\n  bcc: x@example.com\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let refused = try ws.run(["workspace", "apply", file.path, "--yes"])
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 2
        #expect(refused.status == 2 && refused.stderr.contains("team.yaml:\(line):9: from: not a valid email address")
                && refused.stderr.contains("team.yaml:\(line + 1):3: unknown key \"bcc\" in notifications"), "\(refused)")
        let reminders = try ws.ok(["workspace", "export"]).replacingOccurrences(of: "\n    time-zone:", with: "\n    reminders: [2h, soon]\n    time-zone:")
        try reminders.write(to: file, atomically: true, encoding: .utf8)
        let badReminder = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(badReminder.status == 2 && badReminder.stderr.contains("reminders: not a duration: \"soon\""), "\(badReminder)")
        #expect(try ws.ok(["workspace", "export"]) == (try String(contentsOf: file, encoding: .utf8)).replacingOccurrences(of: "    reminders: [2h, soon]\n", with: ""),
                "nothing was applied")
    }

    @Test("a sender killed with kill -9 mid-run: every message arrives, a resent one with the same Message-ID", .python("aiosmtpd"))
    func killedMidRun() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let sink = try MailSink(delay: 0.1)  // a tenth of a second a message: the sender is killed while sending
        defer { sink.stop() }
        let env = ["LINKDESK_SMTP_URL": "smtp://127.0.0.1:\(sink.port)", "LINKDESK_SECRET_FILE": try Self.secretFile(in: ws),
                   "LINKDESK_MAIL_FROM": "desk@cactus.example"]
        for (i, slot) in Demo.tuesdayHalfHours.enumerated() {
            let booked = try ws.run(["book", "http://localhost:8080/salescall555", "--event", Demo.thirty, "--at", slot,
                                     "--name", "Customer \(i)", "--email", "c\(i)@example.com"], extraEnv: env)
            #expect(booked.status == 0, "\(booked)")
        }
        let count = Demo.tuesdayHalfHours.count
        let sender = try ws.start(["notify", "--once"], extraEnv: env)
        let deadline = Date().addingTimeInterval(30)
        while sink.messages().count < 3 && Date() < deadline { usleep(2_000) }
        kill(sender.pid, SIGKILL)
        _ = sender.finish(timeout: 10)
        let before = sink.messages().count
        #expect(before >= 3 && before < count, "killed mid-run, after \(before) of \(count)")
        // Its claims lapse after the lease (five minutes): the next sender takes them over.
        let after = try ws.run(["notify", "--once"], now: "2026-11-23T12:06:00Z", extraEnv: env)
        #expect(after.status == 0, "\(after)")
        let received = try sink.messages().map { try ReceivedMessage($0.message) }
        let ids = Set(received.map(\.messageID))
        #expect(Set(received.map(\.to)) == Set((0..<count).map { "c\($0)@example.com" }), "every customer's confirmation arrived")
        #expect(ids.count == count, "\(received.count) messages, \(ids.count) Message-IDs for \(count) confirmations: a resend keeps its id")
        #expect(try ws.jsonArray(["outbox", "--json"]).filter { $0["kind"] as? String == "confirmation" }
                    .allSatisfy { $0["state"] as? String == "sent" })
    }
}
