import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// Booking emails as a reader sees them: every message is parsed by Python's `email` package
/// (and its calendar part by `icalendar`), never searched as a string.
@Suite("booking emails")
struct MailMessageTests {
    static let start = Date(timeIntervalSince1970: 1_796_130_000)  // 2026-12-01 13:00 UTC
    static let staff = ICalendar.Person(name: "Dana Haddad", email: "dana@cactus.example")
    static let sender = try! MailAddress("bookings@cactus.example", name: "Cactus Co bookings")

    static func booking(name: String = "Ann Lee", email: String = "ann@example.com", status: BookingStatus = .scheduled,
                        reason: String? = nil) -> Booking {
        Booking(id: 42, pageID: 10, slugUsed: "dana", teamMemberID: 10, eventTypeID: 2, start: start,
                end: start.addingTimeInterval(1_800), status: status, customer: Customer(name: name, email: email),
                details: Personalization(), linkKind: .general, linkID: nil, policy: .lenient, createdAt: start,
                reason: reason)
    }

    static func notice(_ kind: BookingNotice.Kind, _ booking: Booking = booking(), sequence: Int = 0) -> BookingNotice {
        BookingNotice(kind: kind, booking: booking, eventName: "30-minute meeting", staff: staff,
                      zone: TimeZone(identifier: "America/New_York")!, manageURL: "https://book.cactus.example/manage/TOKEN123",
                      sequence: sequence)
    }

    /// What Python's parsers read in a rendered message.
    struct Read: Decodable {
        var headers: [String]
        var from: String
        var toName: String
        var toAddress: String
        var subject: String
        var messageID: String
        var defects: [String]
        var parts: [String]
        var text: String
        var html: String
        var method: String?
        var calendar: Calendar?

        struct Calendar: Decodable {
            var method: String
            var events: Int
            var uid: String
            var sequence: Int
            var status: String
            var start: Double
            var organizer: String
            var attendees: [String]
        }
    }

    static let reader = #"""
        import sys, json, email, email.policy, icalendar
        msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
        out = {"headers": list(msg.keys()), "from": str(msg["From"]), "subject": str(msg["Subject"]),
               "toName": msg["To"].addresses[0].display_name, "toAddress": msg["To"].addresses[0].addr_spec,
               "messageID": str(msg["Message-ID"]), "defects": [type(d).__name__ for d in msg.defects],
               "parts": [], "text": "", "html": "", "method": None, "calendar": None}
        for part in msg.walk():
            if part.is_multipart(): continue
            out["parts"].append(part.get_content_type())
            out["defects"] += [type(d).__name__ for d in part.defects]
            if part.get_content_type() == "text/plain": out["text"] = part.get_content()
            if part.get_content_type() == "text/html": out["html"] = part.get_content()
            if part.get_content_type() == "text/calendar":
                out["method"] = part.get_param("method")
                cal = icalendar.Calendar.from_ical(part.get_content())
                events = [c for c in cal.walk() if c.name == "VEVENT"]
                e = events[0]
                out["calendar"] = {"method": str(cal["METHOD"]), "events": len(events), "uid": str(e["UID"]),
                    "sequence": int(e["SEQUENCE"]), "status": str(e["STATUS"]), "start": e["DTSTART"].dt.timestamp(),
                    "organizer": str(e["ORGANIZER"]),
                    "attendees": [str(a) for a in (e["ATTENDEE"] if isinstance(e["ATTENDEE"], list) else [e["ATTENDEE"]])]}
        print(json.dumps(out))
        """#

    static func read(_ message: MailMessage) throws -> Read {
        let python = try Tools.requirePython("icalendar")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("message.eml").path
        try Data(message.rendered().utf8).write(to: URL(fileURLWithPath: file))
        let run = try Processes.run(python, ["-c", reader], stdin: file, timeout: 30)
        try #require(run.status == 0, Comment(rawValue: run.stderr))
        return try JSONDecoder().decode(Read.self, from: run.stdoutData)
    }

    @Test("a confirmation: text and HTML alternatives with the manage link, a REQUEST invitation with one event", .python("icalendar"))
    func confirmation() throws {
        let message = try Self.notice(.confirmation).message(from: Self.sender, replyTo: nil, now: Self.start)
        let read = try Self.read(message)
        #expect(read.defects.isEmpty)
        #expect(read.parts == ["text/plain", "text/html", "text/calendar"])
        #expect(read.toName == "Ann Lee" && read.toAddress == "ann@example.com")
        #expect(read.subject == "Booked: 30-minute meeting with Dana Haddad, Tuesday 1 December 2026, 08:00–08:30 (America/New_York)")
        #expect(read.text.contains("https://book.cactus.example/manage/TOKEN123"))
        #expect(read.html.contains("href=\"https://book.cactus.example/manage/TOKEN123\""))
        #expect(read.method == "REQUEST")
        let calendar = try #require(read.calendar)
        #expect(calendar.method == "REQUEST" && calendar.events == 1 && calendar.sequence == 0 && calendar.status == "CONFIRMED")
        #expect(calendar.start == Self.start.timeIntervalSince1970)
        #expect(calendar.organizer == "mailto:dana@cactus.example" && calendar.attendees == ["mailto:ann@example.com"])
        #expect(read.messageID == "<booking-42.confirmation.0@cactus.example>")
        #expect(message.rendered() == message.rendered(), "rendered again (a retry), the same bytes")
    }

    @Test("a cancellation withdraws the same event: CANCEL, same UID, a higher SEQUENCE; the reason is in the text", .python("icalendar"))
    func cancellation() throws {
        let booked = try Self.read(try Self.notice(.confirmation).message(from: Self.sender, replyTo: nil, now: Self.start))
        let cancelled = Self.booking(status: .canceledByCustomer, reason: "Travelling that week")
        let read = try Self.read(try Self.notice(.cancelled, cancelled, sequence: 1).message(from: Self.sender, replyTo: nil, now: Self.start))
        let calendar = try #require(read.calendar)
        #expect(read.method == "CANCEL" && calendar.method == "CANCEL" && calendar.status == "CANCELLED")
        #expect(calendar.uid == booked.calendar?.uid)
        #expect(calendar.sequence > (booked.calendar?.sequence ?? 0))
        #expect(read.text.contains("Reason: Travelling that week"))
        #expect(read.messageID != booked.messageID)
    }

    @Test("the staff member's message goes to them and names the customer", .python("icalendar"))
    func staffMessage() throws {
        let read = try Self.read(try Self.notice(.staffNew).message(from: Self.sender, replyTo: nil, now: Self.start))
        #expect(read.toAddress == "dana@cactus.example" && read.toName == "Dana Haddad")
        #expect(read.text.contains("Customer: Ann Lee <ann@example.com>"))
        #expect(!read.text.contains("TOKEN123"), "staff change bookings in linkdesk, not through the customer's link")
    }

    @Test("hostile and foreign names: CR LF and a Bcc: add no header; any script reads back as typed", .python("icalendar"))
    func hostileNames() throws {
        let hostile = Self.booking(name: "Eve\r\nBcc: spy@evil.example", email: "eve@example.com")
        let read = try Self.read(try Self.notice(.confirmation, hostile).message(
            from: Self.sender, replyTo: try MailAddress("desk@cactus.example", name: "Desk\nX-Injected: yes"), now: Self.start))
        #expect(!read.headers.map { $0.lowercased() }.contains("bcc"))
        #expect(!read.headers.map { $0.lowercased() }.contains("x-injected"))
        #expect(read.toAddress == "eve@example.com" && !read.toName.contains("\n") && read.toName.contains("Bcc: spy@evil.example"))
        #expect(read.defects.isEmpty)

        let name = "Zoë Ünal-Øster 山田太郎 \"the third\", a name far longer than one encoded word holds"
        let foreign = try Self.read(try Self.notice(.confirmation, Self.booking(name: name)).message(
            from: Self.sender, replyTo: nil, now: Self.start))
        #expect(foreign.toName == name)
        #expect(foreign.defects.isEmpty)
    }

    @Test("an address the site would refuse is refused before it reaches a header")
    func refusedAddresses() {
        for bad in ["ann@example.com\r\nBcc: spy@evil.example", "ann example.com", "ann@", "<ann@example.com>", ""] {
            #expect(throws: Refusal.self) { try MailAddress(bad) }
        }
        #expect(throws: Refusal.self) {
            try Self.notice(.confirmation, Self.booking(email: "not an address")).message(from: Self.sender, replyTo: nil, now: Self.start)
        }
    }

    @Test("header text: control characters become spaces; long or non-ASCII text becomes encoded words of at most 75 characters")
    func headerText() {
        #expect(MailHeader.singleLine("a\r\nb\tc") == "a  b c")
        #expect(MailHeader.unstructured("Plain subject") == "Plain subject")
        let encoded = MailHeader.unstructured(String(repeating: "é", count: 100))
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.count <= 76 && line.trimmingCharacters(in: .whitespaces).hasPrefix("=?UTF-8?B?"))
        }
        #expect(MailHeader.date(Self.start) == "Tue, 01 Dec 2026 13:00:00 +0000")
    }
}
