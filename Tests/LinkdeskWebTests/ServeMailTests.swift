import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// The sender inside `linkdesk serve`: real servers (`linkdesk-serve`, aiosmtpd, PostgreSQL),
/// what arrives read back by Python's `email`.
@Suite struct ServeMailTests {
    /// What a server needs to send: the mail server, the manage-link secret, the sender address.
    static func mailEnvironment(_ sink: MailSink, folder: URL) throws -> [String: String] {
        let secret = folder.appendingPathComponent("secret-\(UUID().uuidString)").path
        try Data((0..<32).map { UInt8($0 * 11 % 256) }).write(to: URL(fileURLWithPath: secret))
        return ["LINKDESK_SMTP_URL": "smtp://127.0.0.1:\(sink.port)", "LINKDESK_SECRET_FILE": secret,
                "LINKDESK_MAIL_FROM": "Cactus Co <bookings@cactus.example>"]
    }

    /// Waits (polling, up to `seconds`) until `done` holds.
    static func wait(_ seconds: Double, until done: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try done() { return true }
            usleep(50_000)
        }
        return try done()
    }

    @Test("a booking made on the site is emailed by the server itself, at once; its manage link opens the booking", .python("aiosmtpd"))
    func serverSendsAtOnce() async throws {
        let fixture = try WebFixture()
        defer { fixture.remove() }
        let sink = try MailSink()
        defer { sink.stop() }
        // A round an hour: only the booking's own news can wake the sender this quickly.
        let server = try ServeProcess(db: fixture.path, arguments: ["--mail-interval", "3600"],
                                      environment: try Self.mailEnvironment(sink, folder: fixture.directory))
        defer { server.stop() }
        let master = try #require(try await fixture.linkdesk.workspace().page(slug: "salescall"))
        let made = try await fixture.linkdesk.makeLinks(page: master, personalizations: [Personalization(name: "Ann Lee", email: "ann@example.com")],
                                                        oneTime: OneTimeOptions())
        let link = try #require(made.first)
        let path = String(link.url.dropFirst(BaseURL.default.text.count))
        // The customer's browser is in Tokyo: the email gives the time there (14:00Z is 23:00), zone named.
        let posted = try RawHTTP.send(port: server.port, method: "POST", path: path, headers: formHeaderFields,
                                      body: formText([("event", "1"), ("slot", slots(1)[0]), ("tz", "Asia/Tokyo")]))
        #expect(posted.status == 303, "\(posted.status)")
        #expect(Self.wait(10) { sink.messages().count >= 1 }, "no email within 10 s")
        let message = try ReceivedMessage(try #require(sink.messages().first).message)
        #expect(message.to == "ann@example.com" && message.calendarMethod == "REQUEST" && message.defects == 0)
        #expect(message.text.contains("23:00–23:15 (Asia/Tokyo)"), "the customer's zone: \(message.text)")
        let manage = try #require(message.text.split(whereSeparator: \.isWhitespace).first { $0.contains("/manage/") })
        let managePath = try #require(URL(string: String(manage))?.path)
        let page = try RawHTTP.send(port: server.port, path: managePath)
        #expect(page.status == 200 && page.body.contains("Ann Lee"), "the emailed manage link opens the booking: \(page.status)")
    }

    @Test("two servers on one PostgreSQL send each of 200 bookings' confirmations exactly once", .postgres, .python("aiosmtpd"))
    func twoServersExactlyOnce() async throws {
        let database = try PostgresDatabase()
        defer { database.remove() }
        let sink = try MailSink()
        defer { sink.stop() }
        let folder = FileManager.default.temporaryDirectory
        let env = try Self.mailEnvironment(sink, folder: folder)
        defer { try? FileManager.default.removeItem(atPath: env["LINKDESK_SECRET_FILE"] ?? "") }
        let first = try ServeProcess(db: database.url, environment: env)
        defer { first.stop() }
        let second = try ServeProcess(db: database.url, base: first.base, environment: env)
        defer { second.stop() }
        let count = 200
        let links = try await database.oneTimeLinks(count, base: first.base)
        let times = slots(count)
        let ports = [first.port, second.port]
        let results = RawHTTP.race(count) { index in
            Result { try RawHTTP.send(port: ports[index % 2], method: "POST", path: String(links[index].url.dropFirst(first.base.count)),
                                      headers: formHeaderFields, body: formText([("event", "1"), ("slot", times[index])])) }
        }
        let statuses = try results.map { try $0.get().status }
        #expect(statuses.allSatisfy { $0 == 303 }, "\(tally(statuses))")
        let pending = "SELECT count(*) FROM outbox WHERE kind = 'confirmation' AND state <> 'sent'"
        let drained = try Self.wait(60) { try database.count(pending) == 0 && sink.messages().count >= count }
        #expect(drained, "still pending: \((try? database.count(pending)) ?? -1), received \(sink.messages().count)")
        try await Task.sleep(for: .seconds(1))  // a second sending of anything would arrive by now
        let received = try sink.messages().map { try ReceivedMessage($0.message) }
        #expect(received.count == count, "\(received.count) messages for \(count) bookings")
        #expect(Set(received.map(\.messageID)).count == count && Set(received.map(\.to)).count == count, "each exactly once")
    }
}

/// Bookings per client per hour (`site: {bookings-per-client-per-hour}`), through a real server
/// behind a trusted proxy, so that the clients are the addresses the proxy names.
@Suite struct BookingLimitTests {
    @Test("a client address books as many times an hour as the workspace allows, then gets 429 with Retry-After; another address and loopback are not held back")
    func perClientLimit() async throws {
        let fixture = try WebFixture()
        defer { fixture.remove() }
        try await fixture.linkdesk.saveSettings(WorkspaceSettings(bookingsPerClientHour: 2))
        let server = try ServeProcess(db: fixture.path, arguments: ["--trusted-proxy", "127.0.0.1"])
        defer { server.stop() }
        let master = try #require(try await fixture.linkdesk.workspace().page(slug: "salescall"))
        let links = try await fixture.linkdesk.makeLinks(page: master, personalizations: (0..<6).map {
            Personalization(name: "Customer \($0)", email: "c\($0)@example.com")
        }, oneTime: OneTimeOptions())
        let times = slots(6)
        func post(_ index: Int, from client: String?) throws -> RawHTTP.Reply {
            var headers = formHeaderFields
            if let client { headers["X-Forwarded-For"] = client }
            return try RawHTTP.send(port: server.port, method: "POST", path: String(links[index].url.dropFirst(BaseURL.default.text.count)),
                                    headers: headers, body: formText([("event", "1"), ("slot", times[index])]))
        }
        #expect(try post(0, from: "203.0.113.5").status == 303)
        #expect(try post(1, from: "203.0.113.5").status == 303)
        let third = try post(2, from: "203.0.113.5")
        #expect(third.status == 429 && third.body.contains("Too many bookings"), "\(third.status)")
        let wait = Int(third.headers["retry-after"] ?? "") ?? 0
        #expect(wait > 3_500 && wait <= 3_600, "the hour since the first booking: \(wait) s")
        #expect(try post(2, from: "203.0.113.6").status == 303, "another address books")
        #expect(try post(3, from: nil).status == 303 && (try post(4, from: nil)).status == 303 && (try post(5, from: nil)).status == 303,
                "loopback (the machine itself, or an untrusted proxy) is not counted")
        #expect(try await fixture.store.countBookings(BookingQuery()) == 6, "the refused one booked nothing")
    }
}

/// Confirm by email in a real browser: a customer books on a page that asks for it, the server
/// emails the request (read back from aiosmtpd by Python's `email`), the customer opens the
/// emailed link in Chromium and confirms; then the booking is scheduled and its confirmation sent.
@Suite(.serialized, .tools("chromium", "chromedriver"), .python("aiosmtpd")) struct ConfirmByEmailBrowserTests {
    @Test func aCustomerConfirmsTheirBookingThroughTheEmailedLink() async throws {
        var workspace = try WebFixture.demoWorkspace()
        for index in workspace.bookingPages.indices { workspace.bookingPages[index].policy.confirmWithin = 30 }
        let fixture = try WebFixture(workspace: workspace)
        defer { fixture.remove() }
        let sink = try MailSink()
        defer { sink.stop() }
        let server = try ServeProcess(db: fixture.path, environment: try ServeMailTests.mailEnvironment(sink, folder: fixture.directory))
        defer { server.stop() }
        let master = try #require(try await fixture.linkdesk.workspace().page(slug: "salescall"))
        let made = try await fixture.linkdesk.makeLinks(page: master, personalizations: [Personalization(name: "Ada Lovelace", email: "ada@example.com")],
                                                        oneTime: OneTimeOptions())
        let link = try #require(made.first).url.replacingOccurrences(of: BaseURL.default.text, with: server.base)

        let browser = try Browser()
        try browser.go(link)
        try browser.click("ul.choices li:first-child a")
        try browser.waitFor { try browser.source.contains("name=\"slot\"") }
        try browser.click("input[name=slot]")
        try browser.click("form[method=post] button[type=submit]")
        try browser.waitFor { try browser.title == "Almost done: confirm by email" }
        #expect(try browser.source.contains("We sent a link to ada@example.com"))
        #expect(try await fixture.store.bookings(BookingQuery()).first?.status == .awaitingConfirmation)

        #expect(ServeMailTests.wait(10) { sink.messages().count >= 1 }, "no request to confirm within 10 s")
        let request = try ReceivedMessage(try #require(sink.messages().first).message)
        #expect(request.subject.hasPrefix("Please confirm: ") && request.calendarMethod.isEmpty, "\(request.subject)")
        let emailed = try #require(request.text.split(whereSeparator: \.isWhitespace).first { $0.contains("?confirm=") })
        let parts = try #require(URLComponents(string: String(emailed)))
        try browser.go(server.base + parts.path + "?" + (parts.percentEncodedQuery ?? ""))
        #expect(try browser.title == "Confirm your booking")
        try browser.click("#confirm")
        try browser.waitFor { try browser.title == "You are booked" }
        #expect(try await fixture.store.bookings(BookingQuery()).first?.status == .scheduled)
        #expect(ServeMailTests.wait(10) { sink.messages().count >= 2 }, "no confirmation within 10 s of confirming")
        let confirmation = try ReceivedMessage(try #require(sink.messages().last).message)
        #expect(confirmation.subject.hasPrefix("Booked: ") && confirmation.calendarMethod == "REQUEST")
    }
}
