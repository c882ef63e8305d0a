import Foundation
import LinkdeskCore
import LinkdeskMail
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// The outbox drained into a real mail server (aiosmtpd): nothing lost while it is down, every
/// message once when it is up, with a manage link that works.
@Suite("delivering the outbox")
struct DeliveryTests {
    static let now = Date(timeIntervalSince1970: 1_796_130_000)  // Tuesday 1 December 2026, 13:00 UTC
    static let secret = [UInt8](repeating: 0x42, count: 32)

    static let workspace = Workspace(
        eventTypes: [EventType(id: 2, name: "30-minute meeting", minutes: 30)],
        bookingPages: [
            BookingPage(id: 10, name: "Dana Haddad", owner: "Dana Haddad", slug: "dana", timeZone: "Europe/Paris",
                        availability: .weekdaysNineToFive, eventTypeIDs: [2], policy: .lenient, ownerLogin: "dana"),
        ],
        masterPages: [])

    @Test("mail server down while ten bookings are made: nothing lost; once it is up every message arrives once, its manage link working",
          .python("aiosmtpd"))
    func downThenUp() async throws {
        let store = InMemoryStore(workspace: Self.workspace, login: "dana")
        try await store.saveStaff(StaffMember(login: "dana", name: "Dana Haddad", email: "dana@cactus.example", role: .administrator),
                                  password: nil, events: [])
        let emails = try Notifications(secret: Self.secret, reminders: [])
        let desk = Linkdesk(store: store, base: .default, time: FixedTime(Self.now), notifications: emails)
        var made: [BookingID: String] = [:]
        for i in 0..<10 {
            let start = Self.now.addingTimeInterval(19 * 3_600 + Double(i) * 1_800)  // Wednesday from 09:00 in Paris
            let booked = try await desk.bookOnline(CustomerBooking(link: Link(target: .page(slug: "dana")), eventName: "30-minute meeting",
                                                                   start: start, form: Personalization(name: "Customer \(i)", email: "c\(i)@example.com")),
                                                   requestKey: desk.newRequestKey())
            made[booked.booking.id] = booked.manageToken
        }
        let port = freePort()
        var sender = SMTPSender(server: try SMTPServer(url: "smtp://127.0.0.1:\(port)"))
        sender.connectTimeout = 2
        let settings = MailSettings(from: try MailAddress("bookings@cactus.example", name: "Cactus Co bookings"))

        // The first message finds nobody listening: the round stops there, the others wait for the
        // same time untried (each would have waited out the same timeout).
        let down = try await desk.deliverDue(through: sender, settings: settings, limit: 100)
        #expect(down.retrying == 1 && down.deferred == 19 && down.sent == 0 && down.failed == 0, "\(down)")
        let waiting = try await store.outbox(booking: nil, limit: 100)
        #expect(waiting.allSatisfy { $0.state == .pending && $0.notice.due == Self.now + 60 })
        #expect(waiting.filter { $0.attempts == 1 && $0.lastError != nil }.count == 1 && waiting.filter { $0.attempts == 0 }.count == 19)

        let sink = try MailSink(port: port)
        defer { sink.stop() }
        #expect(try await desk.deliverDue(through: sender, settings: settings, limit: 100) == DeliveryReport(), "nothing due before its retry")
        let later = Linkdesk(store: store, base: .default, time: FixedTime(Self.now + 61), notifications: emails)
        let up = try await later.deliverDue(through: sender, settings: settings, limit: 100)
        #expect(up.sent == 20, "\(up)")
        #expect(try await later.deliverDue(through: sender, settings: settings, limit: 100) == DeliveryReport(), "nothing twice")

        let received = try sink.messages().map { try ReceivedMessage($0.message) }
        #expect(received.count == 20)
        #expect(Set(received.map(\.messageID)).count == 20, "each message once")
        #expect(received.filter { $0.to == "dana@cactus.example" }.count == 10, "the staff member's ten")
        #expect(received.allSatisfy { $0.defects == 0 })
        for (id, token) in made {
            let confirmation = try #require(received.first { $0.messageID == "<booking-\(id).confirmation.0@cactus.example>" })
            let url = try #require(confirmation.text.split(separator: "\n").compactMap { line in
                line.range(of: "http").map { String(line[$0.lowerBound...]) }
            }.first)
            #expect(url == desk.manageURL(token))
            let sent = String(try #require(url.split(separator: "/").last))
            #expect(try await later.managedBooking(token: sent).id == id, "the manage link in the email opens its booking")
        }
        let sentItems = try await store.outbox(booking: nil, limit: 100)
        #expect(sentItems.allSatisfy { $0.state == .sent } && sentItems.map(\.attempts).reduce(0, +) == 21, "twenty sends and the one failed try")
    }

    @Test("with the mail server out of reach, a sender stops after one try: no round after it finds the server gone")
    func outOfReachStopsTheRounds() async throws {
        let store = InMemoryStore(workspace: Self.workspace, login: "dana")
        try await store.saveStaff(StaffMember(login: "dana", name: "Dana Haddad", email: "dana@cactus.example", role: .administrator),
                                  password: nil, events: [])
        let desk = Linkdesk(store: store, base: .default, time: FixedTime(Self.now), notifications: try Notifications(secret: Self.secret, reminders: []))
        for i in 0..<5 {
            _ = try await desk.book(CustomerBooking(link: Link(target: .page(slug: "dana")), eventName: "30-minute meeting",
                                                    start: Self.now.addingTimeInterval(19 * 3_600 + Double(i) * 1_800),
                                                    form: Personalization(name: "Customer \(i)", email: "c\(i)@example.com")))
        }
        var sender = SMTPSender(server: try SMTPServer(url: "smtp://127.0.0.1:\(freePort())"))  // nobody listens there
        sender.connectTimeout = 2
        let settings = MailSettings(from: try MailAddress("bookings@cactus.example"))
        let report = try await desk.deliverAllDue(through: sender, settings: settings, batch: 4)
        #expect(report.retrying == 1 && report.deferred == 3, "one round of four, one tried: \(report)")
        let items = try await store.outbox(booking: nil, limit: 100)
        #expect(items.count == 10 && items.filter { $0.notice.due == Self.now && $0.attempts == 0 }.count == 6,
                "the six the stopped sender never took are due as they were")
    }

    @Test("a mailbox the server refuses fails at once; a cancelled booking's reminder is never sent", .python("aiosmtpd"))
    func refusedAndWithdrawn() async throws {
        let store = InMemoryStore(workspace: Self.workspace, login: "dana")
        try await store.saveStaff(StaffMember(login: "dana", name: "Dana Haddad", email: "dana@cactus.example", role: .administrator),
                                  password: nil, events: [])
        let desk = Linkdesk(store: store, base: .default, time: FixedTime(Self.now),
                            notifications: try Notifications(secret: Self.secret, reminders: [3_600]))
        let refused = try await desk.bookOnline(CustomerBooking(link: Link(target: .page(slug: "dana")), eventName: "30-minute meeting",
                                                                start: Self.now + 19 * 3_600,
                                                                form: Personalization(name: "Bob", email: "bob@reject.example")))
        let sink = try MailSink()
        defer { sink.stop() }
        let sender = SMTPSender(server: try SMTPServer(url: "smtp://127.0.0.1:\(sink.port)"))
        let settings = MailSettings(from: try MailAddress("bookings@cactus.example"))
        let first = try await desk.deliverDue(through: sender, settings: settings)
        #expect(first.failed == 1 && first.sent == 1, "\(first)")
        let items = try await store.outbox(booking: refused.booking.id, limit: 10)
        #expect(items.first { $0.notice.kind == .confirmation }?.state == .failed)
        #expect(items.first { $0.notice.kind == .confirmation }?.lastError?.contains("550") == true)

        // Cancelled (here by a store write with no notices): its pending reminder is withdrawn then, and nothing goes at its time.
        var cancelled = refused.booking
        cancelled.status = .canceledByStaff
        try await store.updateBooking(cancelled, expecting: refused.booking, events: [], manageTokenHash: nil)
        let reminderTime = Linkdesk(store: store, base: .default, time: FixedTime(refused.booking.start - 3_600),
                                    notifications: try Notifications(secret: Self.secret))
        #expect(try await reminderTime.deliverDue(through: sender, settings: settings) == DeliveryReport())
        #expect(sink.messages().count == 1, "the staff member's notice alone")
    }

    @Test("a pass of the server's sender yields to a customer who books during it; the next pass sends the rest, the new booking's too",
          .python("aiosmtpd"))
    func yieldsToBookings() async throws {
        let store = InMemoryStore(workspace: Self.workspace, login: "dana")
        try await store.saveStaff(StaffMember(login: "dana", name: "Dana Haddad", email: "dana@cactus.example", role: .administrator),
                                  password: nil, events: [])
        let desk = Linkdesk(store: store, base: .default, time: FixedTime(Self.now), notifications: try Notifications(secret: Self.secret, reminders: []))
        @Sendable func book(_ i: Int) async throws {
            _ = try await desk.bookOnline(CustomerBooking(link: Link(target: .page(slug: "dana")), eventName: "30-minute meeting",
                                                          start: Self.now.addingTimeInterval(19 * 3_600 + Double(i) * 1_800),
                                                          form: Personalization(name: "Customer \(i)", email: "c\(i)@example.com")))
        }
        for i in 0..<6 { try await book(i) }  // twelve messages: each booking's confirmation and staff notice
        let sink = try MailSink()
        defer { sink.stop() }
        let sender = SMTPSender(server: try SMTPServer(url: "smtp://127.0.0.1:\(sink.port)"))
        let settings = MailSettings(from: try MailAddress("bookings@cactus.example"))
        // A customer books while the first message goes out (the real sender sends it).
        let booking = BookingWhileSending(sender: sender) { try? await book(6) }
        let first = try await desk.deliverAllDue(through: booking, settings: settings, batch: 4, yieldingTo: desk.traffic)
        #expect(first.yielded && first.sent == 4, "one round, then the site goes first: \(first)")
        #expect(sink.messages().count == 4)
        let rest = try await desk.deliverAllDue(through: sender, settings: settings, batch: 4, yieldingTo: desk.traffic)
        #expect(!rest.yielded && rest.sent == 10, "nobody booked meanwhile: the other eight and the new booking's two: \(rest)")
        #expect(Set(try sink.messages().map { try ReceivedMessage($0.message).messageID }).count == 14, "each message once")
    }
}

/// The real sender, with a customer booking (once) as its first message goes out.
private final class BookingWhileSending: MailTransport, @unchecked Sendable {
    let sender: SMTPSender
    let book: @Sendable () async -> Void
    private let lock = NSLock()
    private var booked = false

    init(sender: SMTPSender, book: @escaping @Sendable () async -> Void) {
        self.sender = sender
        self.book = book
    }

    private func takeFirst() -> Bool {
        lock.withLock {
            defer { booked = true }
            return !booked
        }
    }

    func send(_ message: MailMessage) async -> MailFailure? {
        if takeFirst() { await book() }
        return await sender.send(message)
    }
}
