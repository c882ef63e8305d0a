import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// The outbox: what a booking owes the customer's and the staff member's inboxes is written in
/// the same transaction as the booking, cancellation or reschedule that causes it (a booking
/// that is not stored owes nothing; a stored one always has its notices), and a change of time
/// or status withdraws the pending reminders in its own transaction.
@Suite("outbox")
struct OutboxTests {
    typealias F = StoreFixture

    static func kinds(_ items: [OutboxItem]) -> [String] {
        items.map { $0.notice.kind.rawValue + ($0.notice.before.map { "-\($0)" } ?? "") + ":" + $0.state.rawValue }
    }

    @Test("a booking's notices are written with it, a refused booking's never (SQLite)")
    func withTheBooking() async throws { try await withTheBooking(kind: .sqlite) }

    @Test("a booking's notices are written with it, a refused booking's never (PostgreSQL)", .postgres)
    func withTheBookingOnPostgres() async throws { try await withTheBooking(kind: .postgres) }

    @Test("a booking's notices are written with it, a refused booking's never (in memory)")
    func withTheBookingInMemory() async throws { try await withTheBooking(kind: .memory) }

    func withTheBooking(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let link = try await t.oneTime()
        let draft = F.draft("Ann", "ann@example.com", at: F.tuesday(10), linkID: link.linkID)
        let notices = OutboxRules.booked(draft, reminders: OutboxRules.defaultReminders, now: F.now)
        let booked = try await store.insertBooking(NewBooking(booking: draft, consumes: link.linkID, requiresSlug: nil,
                                                              notices: notices, events: StoreGuaranteeTests.events))
        let items = try await store.outbox(booking: booked.id, limit: 100)
        #expect(Self.kinds(items) == ["confirmation:pending", "staff-new:pending", "reminder-86400:pending", "reminder-3600:pending"])
        #expect(items.map(\.notice) == notices)
        #expect(items.allSatisfy { $0.bookingID == booked.id && $0.attempts == 0 && $0.lastError == nil && $0.sentAt == nil })

        // The same member at the same time: refused by the store, and nothing of it in the outbox.
        let clash = F.draft("Bob", "bob@example.com", at: F.tuesday(10))
        await expectConflict(.slotTaken) {
            try await store.insertBooking(NewBooking(booking: clash, consumes: nil, requiresSlug: nil,
                                                     notices: OutboxRules.booked(clash, reminders: [3_600], now: F.now),
                                                     events: StoreGuaranteeTests.events))
        }
        // The one-time use already spent: refused inside the booking's own statement on PostgreSQL.
        let spent = F.draft("Cleo", "cleo@example.com", at: F.tuesday(14), linkID: link.linkID)
        await expectConflict(.linkSpent) {
            try await store.insertBooking(NewBooking(booking: spent, consumes: link.linkID, requiresSlug: nil,
                                                     notices: OutboxRules.booked(spent, reminders: [3_600], now: F.now),
                                                     events: StoreGuaranteeTests.events))
        }
        #expect(try await store.outbox(booking: nil, limit: 100) == items, "refused bookings owe nothing")
    }

    @Test("a reschedule withdraws the pending reminders and queues its own; a cancellation withdraws them and queues its notices (SQLite)")
    func changes() async throws { try await changes(kind: .sqlite) }

    @Test("a reschedule withdraws the pending reminders and queues its own; a cancellation withdraws them and queues its notices (PostgreSQL)", .postgres)
    func changesOnPostgres() async throws { try await changes(kind: .postgres) }

    @Test("a reschedule withdraws the pending reminders and queues its own; a cancellation withdraws them and queues its notices (in memory)")
    func changesInMemory() async throws { try await changes(kind: .memory) }

    func changes(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let draft = F.draft("Ann", "ann@example.com", at: F.tuesday(10))
        let booked = try await store.insertBooking(NewBooking(booking: draft, consumes: nil, requiresSlug: nil,
                                                              notices: OutboxRules.booked(draft, reminders: [3_600], now: F.now),
                                                              events: StoreGuaranteeTests.events))
        var moved = booked
        moved.start = F.tuesday(15)
        moved.end = moved.start + 30 * 60
        moved.status = .rescheduled
        try await store.updateBooking(moved, expecting: booked, events: [], manageTokenHash: nil,
                                      notices: OutboxRules.rescheduled(moved, reminders: [3_600], sequence: 1, now: F.now))
        #expect(Self.kinds(try await store.outbox(booking: booked.id, limit: 100)) == [
            "confirmation:pending", "staff-new:pending", "reminder-3600:withdrawn",
            "rescheduled:pending", "staff-rescheduled:pending", "reminder-3600:pending",
        ])
        let reminder = try await store.outbox(booking: booked.id, limit: 100).last
        #expect(reminder?.notice.due == moved.start - 3_600 && reminder?.notice.sequence == 1)

        var cancelled = moved
        cancelled.status = .canceledByCustomer
        cancelled.reason = "Travelling"
        try await store.updateBooking(cancelled, expecting: moved, events: [], manageTokenHash: nil,
                                      notices: OutboxRules.cancelled(sequence: 2, now: F.now))
        #expect(Self.kinds(try await store.outbox(booking: booked.id, limit: 100)) == [
            "confirmation:pending", "staff-new:pending", "reminder-3600:withdrawn",
            "rescheduled:pending", "staff-rescheduled:pending", "reminder-3600:withdrawn",
            "cancelled:pending", "staff-cancelled:pending",
        ])

        // A refused change (stale: the booking moved meanwhile) changes nothing in the outbox.
        let before = try await store.outbox(booking: nil, limit: 100)
        await expectConflict(.stale) {
            try await store.updateBooking(moved, expecting: booked, events: [], manageTokenHash: nil,
                                          notices: OutboxRules.cancelled(sequence: 3, now: F.now))
        }
        #expect(try await store.outbox(booking: nil, limit: 100) == before)
        #expect(try await store.outbox(booking: nil, limit: 3).count == 3)
    }

    @Test("notifications on: booking, moving and cancelling queue what OutboxRules says; off: nothing is queued (SQLite)")
    func throughTheUseCases() async throws { try await throughTheUseCases(kind: .sqlite) }

    @Test("notifications on: booking, moving and cancelling queue what OutboxRules says; off: nothing is queued (PostgreSQL)", .postgres)
    func throughTheUseCasesOnPostgres() async throws { try await throughTheUseCases(kind: .postgres) }

    @Test("notifications on: booking, moving and cancelling queue what OutboxRules says; off: nothing is queued (in memory)")
    func throughTheUseCasesInMemory() async throws { try await throughTheUseCases(kind: .memory) }

    func throughTheUseCases(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let off = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now))
        let quiet = try await off.book(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting",
                                                       start: F.tuesday(10), form: F.form))
        _ = try await off.cancel(id: quiet.id, actor: .staff, reason: nil)
        #expect(try await t.store.outbox(booking: nil, limit: 100).isEmpty, "no mail server: nothing queued")

        let on = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now), notifications: try Notifications(secret: [UInt8](repeating: 0x5A, count: 32), reminders: [3_600]))
        // A page nobody owns: nobody on the staff to tell.
        let unowned = try await on.book(CustomerBooking(link: Links.general("ben"), eventName: "30-minute meeting",
                                                        start: F.tuesday(11), form: F.form))
        #expect(Self.kinds(try await t.store.outbox(booking: unowned.id, limit: 100)) == ["confirmation:pending", "reminder-3600:pending"])
        // Ann's page owned by whoever runs this (as an administrator): her notices too.
        try await on.saveStaff(StaffMember(login: try await t.store.login(), name: "Ann Lee", email: "ann@example.com", role: .administrator),
                               owns: [10])
        let booked = try await on.book(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting",
                                                       start: F.tuesday(11), form: F.form))
        #expect(Self.kinds(try await t.store.outbox(booking: booked.id, limit: 100))
                == ["confirmation:pending", "staff-new:pending", "reminder-3600:pending"])
        let moved = try await on.reschedule(id: booked.id, actor: .staff, to: F.tuesday(14), reason: nil)
        _ = try await on.cancel(id: booked.id, actor: .staff, reason: "No longer needed")
        let items = try await t.store.outbox(booking: booked.id, limit: 100)
        #expect(Self.kinds(items) == [
            "confirmation:pending", "staff-new:pending", "reminder-3600:withdrawn",
            "rescheduled:pending", "staff-rescheduled:pending", "reminder-3600:withdrawn",
            "cancelled:pending", "staff-cancelled:pending",
        ])
        #expect(items.map(\.notice.sequence) == [0, 0, 0, 1, 1, 1, 2, 2], "each change one invitation newer")
        #expect(items[5].notice.due == moved.start - 3_600)
    }

    @Test("claims: what is due, to one sender at a time, again after the lease; outcomes recorded (SQLite)")
    func claims() async throws { try await claims(kind: .sqlite) }

    @Test("claims: what is due, to one sender at a time, again after the lease; outcomes recorded (PostgreSQL)", .postgres)
    func claimsOnPostgres() async throws { try await claims(kind: .postgres) }

    @Test("claims: what is due, to one sender at a time, again after the lease; outcomes recorded (in memory)")
    func claimsInMemory() async throws { try await claims(kind: .memory) }

    func claims(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        for hour in [9, 10, 11] {
            let draft = F.draft("C\(hour)", "c\(hour)@example.com", at: F.tuesday(hour))
            _ = try await store.insertBooking(NewBooking(booking: draft, consumes: nil, requiresSlug: nil,
                                                         notices: OutboxRules.booked(draft, reminders: [3_600], now: F.now),
                                                         events: StoreGuaranteeTests.events))
        }
        // Two senders at once: six notices are due now (the reminders are not), each claimed by one of them.
        let other = try await t.secondConnection()
        async let first = store.claimDue(at: F.now, limit: 4, lease: 300)
        async let second = other.claimDue(at: F.now, limit: 4, lease: 300)
        let (a, b) = try await (first, second)
        #expect(a.count + b.count == 6, "\(a.count) + \(b.count)")
        #expect(Set(a.map(\.id)).isDisjoint(with: b.map(\.id)), "no notice claimed twice")
        #expect((a + b).allSatisfy { $0.notice.kind != .reminder })
        #expect(try await store.claimDue(at: F.now + 299, limit: 10, lease: 300).isEmpty, "held while the lease lasts")

        let claimed = (a + b).sorted { $0.id < $1.id }
        try await store.recordDeliveries([
            Delivery(id: claimed[0].id, outcome: .sent),
            Delivery(id: claimed[1].id, outcome: .retry(at: F.now + 60, reason: "451 try again")),
            Delivery(id: claimed[2].id, outcome: .failed(reason: "550 mailbox unavailable")),
            Delivery(id: claimed[3].id, outcome: .withdrawn),
        ], at: F.now)
        let items = try await store.outbox(booking: nil, limit: 100)
        let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        #expect(byID[claimed[0].id]?.state == .sent && byID[claimed[0].id]?.sentAt == F.now && byID[claimed[0].id]?.attempts == 1)
        #expect(byID[claimed[1].id]?.state == .pending && byID[claimed[1].id]?.notice.due == F.now + 60
                && byID[claimed[1].id]?.lastError == "451 try again" && byID[claimed[1].id]?.attempts == 1)
        #expect(byID[claimed[2].id]?.state == .failed && byID[claimed[2].id]?.lastError == "550 mailbox unavailable")
        #expect(byID[claimed[3].id]?.state == .withdrawn)

        // After the lease: the two never recorded (a sender that died) are due again; the retried one at its time.
        let again = try await store.claimDue(at: F.now + 301, limit: 10, lease: 300)
        #expect(Set(again.map(\.id)) == Set([claimed[4].id, claimed[5].id, claimed[1].id]))
    }
}
