import Foundation
import LinkdeskCore
import LinkdeskMail
import LinkdeskTestSupport
import Testing

/// Sending through a real mail server (aiosmtpd): STARTTLS, AUTH, reply codes, a server that is
/// down or answers garbage. What arrives is read by Python's `email` package.
@Suite("sending email")
struct SMTPSenderTests {
    static let start = Date(timeIntervalSince1970: 1_796_130_000)

    static func message(to address: String = "ann@example.com") throws -> MailMessage {
        let booking = Booking(id: 7, pageID: 10, slugUsed: "dana", teamMemberID: 10, eventTypeID: 2, start: start,
                              end: start.addingTimeInterval(1_800), status: .scheduled,
                              customer: Customer(name: "Ann Lee", email: address), details: Personalization(),
                              linkKind: .general, linkID: nil, policy: .lenient, createdAt: start)
        return try BookingNotice(kind: .confirmation, booking: booking, eventName: "30-minute meeting",
                                 staff: ICalendar.Person(name: "Dana Haddad", email: "dana@cactus.example"),
                                 zone: TimeZone(identifier: "Europe/Paris")!, manageURL: "https://book.cactus.example/manage/T0KEN",
                                 sequence: 0)
            .message(from: try MailAddress("bookings@cactus.example", name: "Cactus Co"), replyTo: nil, now: start)
    }

    @Test("STARTTLS and AUTH: the message arrives whole, over TLS, logged in", .python("aiosmtpd"), .tools("openssl"))
    func startTLSAndAuth() throws {
        let sink = try MailSink(tls: true, user: "desk", password: "s3cr@t:pw")
        defer { sink.stop() }
        let server = try SMTPServer(url: "smtp://desk:s3cr%40t%3Apw@127.0.0.1:\(sink.port)", caFile: sink.certificate)
        let message = try Self.message()
        #expect(SMTPSender(server: server).sendBlocking(message) == nil)
        let received = sink.messages()
        try #require(received.count == 1)
        #expect(received[0].envelope[0] == "<bookings@cactus.example>" || received[0].envelope[0] == "bookings@cactus.example")
        #expect(received[0].envelope[1] == "ann@example.com")
        #expect(received[0].envelope[2] == "tls" && received[0].envelope[3] == "auth")
        let read = try ReceivedMessage(received[0].message)
        #expect(read.messageID == "<\(message.messageID)>" && read.to == "ann@example.com" && read.defects == 0)
        #expect(read.text.contains("https://book.cactus.example/manage/T0KEN"))
    }

    @Test("messages one after another share a connection, TLS and login included; a server restarted meanwhile gets a new one",
          .python("aiosmtpd"), .tools("openssl"))
    func sharedConnection() throws {
        let sink = try MailSink(tls: true, user: "desk", password: "secret")
        let server = try SMTPServer(url: "smtp://desk:secret@127.0.0.1:\(sink.port)", caFile: sink.certificate)
        let sent = try ["ann@example.com", "bob@example.com", "cleo@example.com"].map(Self.message(to:))
        for message in sent { #expect(SMTPSender(server: server).sendBlocking(message) == nil) }
        let received = sink.messages()
        try #require(received.count == 3)
        #expect(Set(received.map { $0.envelope[4] }).count == 1, "one connection: \(received.map { $0.envelope[4] })")
        for (message, arrived) in zip(sent, received) {
            #expect(arrived.envelope[2] == "tls" && arrived.envelope[3] == "auth")
            let read = try ReceivedMessage(arrived.message)
            #expect(read.messageID == "<\(message.messageID)>" && read.to == message.to.address && read.defects == 0)
        }
        sink.stop()
        // A local relay goes away and comes back: the kept connection is dead, and the next
        // message still goes out, on a new one.
        let relay = try MailSink()
        let relayServer = try SMTPServer(url: "smtp://127.0.0.1:\(relay.port)")
        #expect(SMTPSender(server: relayServer).sendBlocking(try Self.message(to: "dan@example.com")) == nil)
        relay.stop()
        let again = try MailSink(port: relay.port)
        defer { again.stop() }
        #expect(SMTPSender(server: relayServer).sendBlocking(try Self.message(to: "eve@example.com")) == nil)
        #expect(again.messages().count == 1)
    }

    @Test("a wrong password and a refused mailbox fail for good (5xx); a 451 is worth retrying", .python("aiosmtpd"), .tools("openssl"))
    func replyCodes() throws {
        let sink = try MailSink(tls: true, user: "desk", password: "secret")
        defer { sink.stop() }
        let wrong = try SMTPServer(url: "smtp://desk:nope@127.0.0.1:\(sink.port)", caFile: sink.certificate)
        let denied = SMTPSender(server: wrong).sendBlocking(try Self.message())
        #expect(denied?.kind == .permanent && denied?.code == 535)
        let right = try SMTPServer(url: "smtp://desk:secret@127.0.0.1:\(sink.port)", caFile: sink.certificate)
        let refused = SMTPSender(server: right).sendBlocking(try Self.message(to: "bob@reject.example"))
        #expect(refused?.kind == .permanent && refused?.code == 550)
        let later = SMTPSender(server: right).sendBlocking(try Self.message(to: "cleo@later.example"))
        #expect(later?.kind == .transient && later?.code == 451)
        #expect(sink.messages().isEmpty)
    }

    @Test("a certificate that is not trusted stops the send before anything is sent", .python("aiosmtpd"), .tools("openssl"))
    func untrustedCertificate() throws {
        let sink = try MailSink(tls: true, user: "desk", password: "secret")
        defer { sink.stop() }
        let server = try SMTPServer(url: "smtp://desk:secret@127.0.0.1:\(sink.port)")  // the system's CAs only
        let failure = SMTPSender(server: server).sendBlocking(try Self.message())
        #expect(failure?.kind == .transient)
        #expect(sink.messages().isEmpty)
    }

    @Test("a local relay without TLS or login takes the message", .python("aiosmtpd"))
    func localRelay() throws {
        let sink = try MailSink()
        defer { sink.stop() }
        #expect(SMTPSender(server: try SMTPServer(url: "smtp://127.0.0.1:\(sink.port)")).sendBlocking(try Self.message()) == nil)
        #expect(sink.messages().count == 1 && sink.messages().first?.envelope[2] == "plain")
    }

    @Test("nobody listening, or a server that answers garbage: a failure worth retrying, within seconds, no hang")
    func downOrGarbage() throws {
        let started = Date()
        let down = SMTPSender(server: try SMTPServer(url: "smtp://127.0.0.1:\(freePort())")).sendBlocking(try Self.message())
        #expect(down?.kind == .transient && down?.code == nil)

        let listener = loopbackSocket()
        defer { close(listener.fd) }
        #expect(listen(listener.fd, 4) == 0)
        let garbage = Thread {
            let client = accept(listener.fd, nil, nil)
            guard client >= 0 else { return }
            let text = Array("this is not SMTP at all\r\n\u{1}\u{2}\u{3}\r\n".utf8)
            _ = text.withUnsafeBytes { write(client, $0.baseAddress, text.count) }
            usleep(200_000)
            close(client)
        }
        garbage.start()
        var sender = SMTPSender(server: try SMTPServer(url: "smtp://127.0.0.1:\(listener.port)"))
        sender.timeout = 5
        let failure = sender.sendBlocking(try Self.message())
        #expect(failure?.kind == .transient)
        #expect(Date().timeIntervalSince(started) < 15)
    }

    @Test("mail server URLs: schemes, ports, percent-encoded logins; the password is never shown")
    func urls() throws {
        let plain = try SMTPServer(url: "smtp://desk:p%40ss@mail.cactus.example:587")
        #expect(plain.host == "mail.cactus.example" && plain.port == 587 && plain.user == "desk" && plain.password == "p@ss")
        #expect(plain.security == .startTLS && plain.requiresTLS, "a password to another machine needs STARTTLS")
        #expect(!plain.redacted.contains("p@ss") && !plain.redacted.contains("p%40ss"))
        #expect(try SMTPServer(url: "smtp://desk:pw@127.0.0.1:25").requiresTLS == false, "loopback: TLS when offered")
        #expect(try SMTPServer(url: "smtps://desk:pw@mail.cactus.example").port == 465)
        #expect(try SMTPServer(url: "smtp://relay.cactus.example").port == 25)
        #expect(try SMTPServer(url: "smtp://relay.cactus.example").requiresTLS == false, "no password: TLS when offered")
        for bad in ["http://mail.example", "smtp://", "mail.example:25", "smtp://:pw@host", "smtp://host:99999", ""] {
            #expect(throws: Refusal.self, "\(bad)") { try SMTPServer(url: bad) }
        }
    }
}
