import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// A booking request's key (the booking form's idempotency key): the store records key →
/// booking in the booking's own transaction, so a retried request, even one racing the first,
/// never books twice and never spends a second use (SPEC §6).
@Suite("booking request keys")
struct RequestKeyTests {
    typealias F = StoreFixture

    static func new(_ booking: Booking, consumes: String? = nil, key: String) -> NewBooking {
        NewBooking(booking: booking, consumes: consumes, requiresSlug: nil, requestKeyHash: Token.hash(key),
                   events: StoreGuaranteeTests.events)
    }

    @Test("the store refuses a second booking for one key (.repeatedRequest), spends nothing, and finds the first (SQLite)")
    func storeRefusesRepeat() async throws { try await storeRefusesRepeat(kind: .sqlite) }

    @Test("the store refuses a second booking for one key (.repeatedRequest), spends nothing, and finds the first (PostgreSQL)", .postgres)
    func storeRefusesRepeatOnPostgres() async throws { try await storeRefusesRepeat(kind: .postgres) }

    @Test("the store refuses a second booking for one key (.repeatedRequest), spends nothing, and finds the first (in memory)")
    func storeRefusesRepeatInMemory() async throws { try await storeRefusesRepeat(kind: .memory) }

    func storeRefusesRepeat(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let link = try await t.oneTime(uses: 3)
        let key = "KEY-ONE"
        let first = try await store.insertBooking(Self.new(F.draft("A", "a@example.com", at: F.tuesday(10), linkID: link.linkID),
                                                           consumes: link.linkID, key: key))
        #expect(try await store.booking(requestKeyHash: Token.hash(key)) == first)
        #expect(try await store.booking(requestKeyHash: Token.hash("KEY-TWO")) == nil)
        let before = try await StoreGuaranteeTests.Snapshot(store)
        // Another time (no overlap): only the key stands in the way.
        await expectConflict(.repeatedRequest) {
            try await store.insertBooking(Self.new(F.draft("A", "a@example.com", at: F.tuesday(14), linkID: link.linkID),
                                                   consumes: link.linkID, key: key))
        }
        #expect(try await StoreGuaranteeTests.Snapshot(store) == before, "nothing written, no second use spent")
        #expect(try await store.oneTimeLink(id: link.linkID)?.usesLeft == 2)
        // Another key books as usual.
        _ = try await store.insertBooking(Self.new(F.draft("B", "b@example.com", at: F.tuesday(14), linkID: link.linkID),
                                                   consumes: link.linkID, key: "KEY-TWO"))
        #expect(try await store.oneTimeLink(id: link.linkID)?.usesLeft == 1)
    }

    /// The same form sent twice: the repeat asks for the same time through the same link, whose
    /// one use (or whose time) the first took. The key is what the store answers, on every
    /// store, before the spent use or the taken time (PostgreSQL answered `.linkSpent`, or
    /// `.slotTaken` through a general link, where SQLite answered `.repeatedRequest`).
    @Test("the same request sent twice through a one-use link or a general link: .repeatedRequest, nothing written (SQLite)")
    func repeatOfTheSameForm() async throws { try await repeatOfTheSameForm(kind: .sqlite) }

    @Test("the same request sent twice through a one-use link or a general link: .repeatedRequest, nothing written (PostgreSQL)", .postgres)
    func repeatOfTheSameFormOnPostgres() async throws { try await repeatOfTheSameForm(kind: .postgres) }

    @Test("the same request sent twice through a one-use link or a general link: .repeatedRequest, nothing written (in memory)")
    func repeatOfTheSameFormInMemory() async throws { try await repeatOfTheSameForm(kind: .memory) }

    func repeatOfTheSameForm(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let link = try await t.oneTime()
        let once = Self.new(F.draft("A", "a@example.com", at: F.tuesday(10), linkID: link.linkID), consumes: link.linkID, key: "KEY-ONE")
        let general = NewBooking(booking: F.draft("B", "b@example.com", at: F.tuesday(11), member: 11), consumes: nil,
                                 requiresSlug: "ben", requestKeyHash: Token.hash("KEY-TWO"), events: StoreGuaranteeTests.events)
        let first = try await store.insertBooking(once)
        let second = try await store.insertBooking(general)
        let before = try await StoreGuaranteeTests.Snapshot(store)
        await expectConflict(.repeatedRequest) { try await store.insertBooking(once) }
        await expectConflict(.repeatedRequest) { try await store.insertBooking(general) }
        #expect(try await StoreGuaranteeTests.Snapshot(store) == before, "nothing written")
        #expect(try await store.booking(requestKeyHash: Token.hash("KEY-ONE")) == first)
        #expect(try await store.booking(requestKeyHash: Token.hash("KEY-TWO")) == second)
    }

    @Test("bookOnline with a request key: a retry answers the same booking and manage token; the link's one use spent once (SQLite)")
    func retriedRequest() async throws { try await retriedRequest(kind: .sqlite) }

    @Test("bookOnline with a request key: a retry answers the same booking and manage token; the link's one use spent once (PostgreSQL)", .postgres)
    func retriedRequestOnPostgres() async throws { try await retriedRequest(kind: .postgres) }

    @Test("bookOnline with a request key: a retry answers the same booking and manage token; the link's one use spent once (in memory)")
    func retriedRequestInMemory() async throws { try await retriedRequest(kind: .memory) }

    func retriedRequest(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = try await t.oneTime().link
        let desk = t.linkdesk()
        let key = desk.newRequestKey()
        #expect(Token.isRequestKey(key) && key != desk.newRequestKey())
        let request = CustomerBooking(link: link, eventName: "30-minute meeting", start: F.tuesday(10), form: F.form)
        let first = try await desk.bookOnline(request, requestKey: key)
        // The retry comes after the link is used up: still the same booking, not a refusal.
        let again = try await desk.bookOnline(request, requestKey: key)
        #expect(again.booking == first.booking)
        #expect(again.manageToken == first.manageToken)
        #expect(try await desk.managedBooking(token: first.manageToken) == first.booking)
        let earlier = try #require(try await desk.bookedEarlier(requestKey: key))
        #expect(earlier.booking == first.booking && earlier.manageToken == first.manageToken)
        #expect(try await desk.bookedEarlier(requestKey: desk.newRequestKey()) == nil)
        #expect(try await desk.bookedEarlier(requestKey: "not a key") == nil)
        #expect(try await t.allBookings().count == 1)
        #expect(try await t.activityKinds().filter { $0 == .oneTimeUsed }.count == 1)
        // Without the key, the used link refuses as ever.
        await expectRefusal(Refusal.DeadLink.used.sentence, exact: true) { try await desk.bookOnline(request) }
    }

    @Test("8 connections sending ONE request (same key) at once through a 5-use link: one booking, one use, same answer (SQLite)")
    func racingRetries() async throws { try await racingRetries(kind: .sqlite) }

    @Test("8 connections sending ONE request (same key) at once through a 5-use link: one booking, one use, same answer (PostgreSQL)", .postgres)
    func racingRetriesOnPostgres() async throws { try await racingRetries(kind: .postgres) }

    @Test("8 connections sending ONE request (same key) at once through a 5-use link: one booking, one use, same answer (in memory)")
    func racingRetriesInMemory() async throws { try await racingRetries(kind: .memory) }

    func racingRetries(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let made = try await t.oneTime(uses: 5)
        let key = t.linkdesk().newRequestKey()
        let results = try await race(RaceTests.racers, setup: { _ in try await RaceTests.racer(t) }) { _, desk in
            try await desk.bookOnline(CustomerBooking(link: made.link, eventName: "30-minute meeting", start: F.tuesday(11),
                                                      form: F.form), requestKey: key)
        }
        let answers = try results.map { try $0.get() }
        #expect(Set(answers.map(\.booking.id)).count == 1, "\(answers.map(\.booking.id))")
        #expect(Set(answers.map(\.manageToken)).count == 1)
        #expect(try await t.allBookings().count == 1)
        #expect(try await t.store.oneTimeLink(id: made.linkID)?.usesLeft == 4)
    }
}
