import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// What the store itself guarantees inside its transaction, whatever a caller read before:
/// written straight to the `LinkStore`, past the rules. A refused write writes nothing.
@Suite("store guarantees")
struct StoreGuaranteeTests {
    typealias F = StoreFixture

    /// Everything a refused write must have left as it was.
    struct Snapshot: Equatable {
        var workspace: Workspace
        var links: [OneTimeLink]
        var bookings: [Booking]
        var activity: [ActivityEvent]

        init(_ store: any LinkStore) async throws {
            workspace = try await store.workspace()
            links = try await store.oneTimeLinks()
            bookings = try await store.bookings(BookingQuery())
            activity = try await store.activity(limit: 10_000)
        }
    }

    static func events(_ booking: Booking) -> [ActivityEvent] {
        [ActivityEvent(at: F.now, actor: .customer, kind: .bookingScheduled, subject: "#\(booking.id)")]
    }

    /// The Sales call master page of the fixture, with another slug.
    static func salescall(slug: String) -> Page {
        var page = F.workspace.masterPages.first { $0.id == 20 }!
        page.slug = slug
        return .master(page)
    }

    static func new(_ booking: Booking, consumes: String? = nil, requiresSlug: String? = nil) -> NewBooking {
        NewBooking(booking: booking, consumes: consumes, requiresSlug: requiresSlug, events: events)
    }

    @Test("a booking spends its one-time use in its own transaction; with no use left: .linkSpent, nothing written (SQLite)")
    func linkSpent() async throws { try await linkSpent(kind: .sqlite) }

    @Test("a booking spends its one-time use in its own transaction; with no use left: .linkSpent, nothing written (PostgreSQL)", .postgres)
    func linkSpentOnPostgres() async throws { try await linkSpent(kind: .postgres) }

    @Test("a booking spends its one-time use in its own transaction; with no use left: .linkSpent, nothing written (in memory)")
    func linkSpentInMemory() async throws { try await linkSpent(kind: .memory) }

    func linkSpent(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let twice = try await t.oneTime(uses: 2)
        let first = try await store.insertBooking(Self.new(F.draft("A", "a@example.com", at: F.tuesday(9), linkID: twice.linkID),
                                                          consumes: twice.linkID))
        #expect(first.id > 0, "the store assigns the id")
        #expect(try await store.booking(id: first.id) == first)
        #expect(try await store.oneTimeLink(id: twice.linkID)?.usesLeft == 1)
        #expect(try await store.activity(limit: 1).first?.subject == "#\(first.id)", "the events see the assigned id")
        _ = try await store.insertBooking(Self.new(F.draft("B", "b@example.com", at: F.tuesday(10), linkID: twice.linkID),
                                                   consumes: twice.linkID))
        #expect(try await store.oneTimeLink(id: twice.linkID)?.usesLeft == 0)

        let revoked = try await t.oneTime()
        _ = try await t.linkdesk().revoke(linkID: revoked.linkID)
        let expired = try await t.oneTime(expiresAt: F.now + F.hours(1))
        let invalidated = try await t.oneTime(uses: 5)
        let before = try await Snapshot(store)
        // Used up, revoked, expired by the booking's time:
        for (linkID, createdAt) in [(twice.linkID, F.now), (revoked.linkID, F.now), (expired.linkID, F.now + F.hours(1))] {
            var draft = F.draft("C", "c@example.com", at: F.tuesday(11), linkID: linkID)
            draft.createdAt = createdAt
            await expectConflict(.linkSpent) { try await store.insertBooking(Self.new(draft, consumes: linkID)) }
        }
        #expect(try await Snapshot(store) == before, "a refused booking wrote nothing")

        let stopped = try await t.linkdesk().setRuleType(master: 20, to: .static)
        #expect(stopped == 2, "`invalidated` and `expired` were still live")
        let afterSwitch = try await Snapshot(store)
        await expectConflict(.linkSpent) {
            try await store.insertBooking(Self.new(F.draft("D", "d@example.com", at: F.tuesday(12), linkID: invalidated.linkID),
                                                   consumes: invalidated.linkID))
        }
        #expect(try await Snapshot(store) == afterSwitch)
        #expect(try await store.oneTimeLink(id: invalidated.linkID)?.usesLeft == 5)
    }

    @Test("a member's time is taken once: an overlapping live booking is .slotTaken, and spends no use (SQLite)")
    func slotTaken() async throws { try await slotTaken(kind: .sqlite) }

    @Test("a member's time is taken once: an overlapping live booking is .slotTaken, and spends no use (PostgreSQL)", .postgres)
    func slotTakenOnPostgres() async throws { try await slotTaken(kind: .postgres) }

    @Test("a member's time is taken once: an overlapping live booking is .slotTaken, and spends no use (in memory)")
    func slotTakenInMemory() async throws { try await slotTaken(kind: .memory) }

    func slotTaken(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let ten = try await store.insertBooking(Self.new(F.draft("A", "a@example.com", at: F.tuesday(10))))
        let link = try await t.oneTime()
        let before = try await Snapshot(store)
        for start in [F.tuesday(10), F.tuesday(10, 15), F.tuesday(9, 45), F.tuesday(9, 31), F.tuesday(10, 29)] {
            await expectConflict(.slotTaken) { try await store.insertBooking(Self.new(F.draft("B", "b@example.com", at: start))) }
            await expectConflict(.slotTaken) {
                try await store.insertBooking(Self.new(F.draft("B", "b@example.com", at: start, linkID: link.linkID),
                                                       consumes: link.linkID))
            }
        }
        // A 60-minute booking starting before and covering the 30 minutes.
        var long = F.draft("B", "b@example.com", at: F.tuesday(9, 30))
        long.end = F.tuesday(11)
        await expectConflict(.slotTaken) { try await store.insertBooking(Self.new(long)) }
        #expect(try await Snapshot(store) == before, "nothing written, the one-time use not spent")

        // Back to back, another member at the same time, and a canceled booking's time are free.
        _ = try await store.insertBooking(Self.new(F.draft("C", "c@example.com", at: F.tuesday(10, 30))))
        _ = try await store.insertBooking(Self.new(F.draft("D", "d@example.com", at: F.tuesday(9, 30))))
        _ = try await store.insertBooking(Self.new(F.draft("E", "e@example.com", at: F.tuesday(10), member: 11)))
        var canceled = ten
        canceled.status = .canceledByStaff
        try await store.updateBooking(canceled, expecting: ten, events: [])
        let retaken = try await store.insertBooking(Self.new(F.draft("F", "f@example.com", at: F.tuesday(10))))
        #expect(try await store.bookings(BookingQuery(liveOnly: true, teamMember: 10)).map(\.id).contains(retaken.id))
    }

    @Test("a booking through a page's own link needs that link to still be the page's: else .stale (SQLite)")
    func slugRequired() async throws { try await slugRequired(kind: .sqlite) }

    @Test("a booking through a page's own link needs that link to still be the page's: else .stale (PostgreSQL)", .postgres)
    func slugRequiredOnPostgres() async throws { try await slugRequired(kind: .postgres) }

    @Test("a booking through a page's own link needs that link to still be the page's: else .stale (in memory)")
    func slugRequiredInMemory() async throws { try await slugRequired(kind: .memory) }

    func slugRequired(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        _ = try await store.insertBooking(Self.new(F.draft("A", "a@example.com", at: F.tuesday(10)), requiresSlug: "ANN"))
        try await t.linkdesk().setSlug(page: 10, to: "ann-lee")
        let before = try await Snapshot(store)
        await expectConflict(.stale) {
            try await store.insertBooking(Self.new(F.draft("B", "b@example.com", at: F.tuesday(11)), requiresSlug: "ann"))
        }
        #expect(try await Snapshot(store) == before)
        _ = try await store.insertBooking(Self.new(F.draft("B", "b@example.com", at: F.tuesday(11)), requiresSlug: "ann-lee"))
    }

    @Test("updateBooking replaces a booking only while it still is `previous`: else .stale, nothing written (SQLite)")
    func staleUpdate() async throws { try await staleUpdate(kind: .sqlite) }

    @Test("updateBooking replaces a booking only while it still is `previous`: else .stale, nothing written (PostgreSQL)", .postgres)
    func staleUpdateOnPostgres() async throws { try await staleUpdate(kind: .postgres) }

    @Test("updateBooking replaces a booking only while it still is `previous`: else .stale, nothing written (in memory)")
    func staleUpdateInMemory() async throws { try await staleUpdate(kind: .memory) }

    func staleUpdate(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let original = try await store.insertBooking(Self.new(F.draft("A", "a@example.com", at: F.tuesday(10))))
        let other = try await store.insertBooking(Self.new(F.draft("B", "b@example.com", at: F.tuesday(11))))
        var moved = original
        moved.start = F.tuesday(14)
        moved.end = F.tuesday(14, 30)
        moved.status = .rescheduled
        moved.reason = "moved"
        let event = ActivityEvent(at: F.now, actor: .staff, kind: .bookingRescheduled, subject: "#\(original.id)")
        try await store.updateBooking(moved, expecting: original, events: [event])
        #expect(try await store.booking(id: original.id) == moved)
        var recorded = event
        recorded.by = try await store.login()
        #expect(try await store.activity(limit: 1) == [recorded], "a staff event is recorded under the store's login")

        let before = try await Snapshot(store)
        var canceled = original  // decided on what was read before the move
        canceled.status = .canceledByStaff
        await expectConflict(.stale) { try await store.updateBooking(canceled, expecting: original, events: [event]) }
        var again = original
        again.start = F.tuesday(15)
        again.end = F.tuesday(15, 30)
        await expectConflict(.stale) { try await store.updateBooking(again, expecting: original, events: [event]) }
        // A new live time overlapping another live booking of the member.
        var clash = moved
        clash.start = F.tuesday(11, 15)
        clash.end = F.tuesday(11, 45)
        await expectConflict(.slotTaken) { try await store.updateBooking(clash, expecting: moved, events: [event]) }
        #expect(try await Snapshot(store) == before, "nothing written")
        #expect(try await store.booking(id: other.id) == other)
    }

    @Test("a slug belongs to one page (any case): .slugTaken; a page changed meanwhile: .stale; nothing written (SQLite)")
    func slugTaken() async throws { try await slugTaken(kind: .sqlite) }

    @Test("a slug belongs to one page (any case): .slugTaken; a page changed meanwhile: .stale; nothing written (PostgreSQL)", .postgres)
    func slugTakenOnPostgres() async throws { try await slugTaken(kind: .postgres) }

    @Test("a slug belongs to one page (any case): .slugTaken; a page changed meanwhile: .stale; nothing written (in memory)")
    func slugTakenInMemory() async throws { try await slugTaken(kind: .memory) }

    func slugTaken(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let salescall = try #require(try await store.workspace().page(id: 20))
        #expect(salescall == Self.salescall(slug: "salescall"))
        let before = try await Snapshot(store)
        for slug in ["ann", "ANN", "team"] {
            let renamed = Self.salescall(slug: slug)
            await expectConflict(.slugTaken) {
                try await store.updatePage(PageChange(page: renamed, previous: salescall, at: F.now, keepsFormerSlug: true) { _ in
                    [ActivityEvent(at: F.now, actor: .staff, kind: .pageLinkChanged, subject: "Sales call")]
                })
            }
        }
        #expect(try await Snapshot(store) == before, "nothing written")
        #expect(try await !store.isFormerSlug("salescall"), "the slug was not retired")

        let renamed = Self.salescall(slug: "sales-team")
        #expect(try await store.updatePage(PageChange(page: renamed, previous: salescall, at: F.now, keepsFormerSlug: true) { _ in [] })
                    == 0)
        #expect(try await store.isFormerSlug("salescall"))
        #expect(try await store.isFormerSlug("SalesCall"), "slugs are case-insensitive")
        #expect(try await !store.isFormerSlug("sales-team"))
        // Decided on the page as it was before the rename.
        let stale = Self.salescall(slug: "sales-2027")
        let afterRename = try await Snapshot(store)
        await expectConflict(.stale) {
            try await store.updatePage(PageChange(page: stale, previous: salescall, at: F.now) { _ in
                [ActivityEvent(at: F.now, actor: .staff, kind: .pageLinkChanged, subject: "Sales call")]
            })
        }
        #expect(try await Snapshot(store) == afterRename)
    }

    @Test("revoking a link that is no longer live is .stale and writes nothing (SQLite)")
    func staleRevoke() async throws { try await staleRevoke(kind: .sqlite) }

    @Test("revoking a link that is no longer live is .stale and writes nothing (PostgreSQL)", .postgres)
    func staleRevokeOnPostgres() async throws { try await staleRevoke(kind: .postgres) }

    @Test("revoking a link that is no longer live is .stale and writes nothing (in memory)")
    func staleRevokeInMemory() async throws { try await staleRevoke(kind: .memory) }

    func staleRevoke(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let used = try await t.oneTime()
        try await t.book(used.link, at: F.tuesday(10))
        let revoked = try await t.oneTime()
        let event = ActivityEvent(at: F.now, actor: .staff, kind: .oneTimeRevoked, subject: "Sales call")
        try await store.revokeOneTimeLink(id: revoked.linkID, at: F.now, events: [event])
        #expect(try await store.oneTimeLink(id: revoked.linkID)?.revokedAt == F.now)
        let expiring = try await t.oneTime(expiresAt: F.now + F.hours(1))
        let before = try await Snapshot(store)
        for (id, at) in [(used.linkID, F.now), (revoked.linkID, F.now), (expiring.linkID, F.now + F.hours(1)), ("ot-nosuch", F.now)] {
            await expectConflict(.stale) { try await store.revokeOneTimeLink(id: id, at: at, events: [event]) }
        }
        #expect(try await Snapshot(store) == before)
    }

    @Test("one-time links are found by listing id and by token hash; the listing is newest first (SQLite)")
    func oneTimeLookups() async throws { try await oneTimeLookups(kind: .sqlite) }

    @Test("one-time links are found by listing id and by token hash; the listing is newest first (PostgreSQL)", .postgres)
    func oneTimeLookupsOnPostgres() async throws { try await oneTimeLookups(kind: .postgres) }

    @Test("one-time links are found by listing id and by token hash; the listing is newest first (in memory)")
    func oneTimeLookupsInMemory() async throws { try await oneTimeLookups(kind: .memory) }

    func oneTimeLookups(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        let first = try await t.oneTime(now: F.now)
        let second = try await t.oneTime(uses: 3, now: F.now + 60)
        let listed = try await store.oneTimeLinks()
        #expect(listed.map(\.linkID) == [second.linkID, first.linkID])
        for made in [first, second] {
            guard case .oneTime(let token) = made.link.target else { Issue.record("not one-time: \(made.url)"); continue }
            let byID = try #require(try await store.oneTimeLink(id: made.linkID))
            #expect(try await store.oneTimeLink(tokenHash: Token.hash(token)) == byID)
            #expect(listed.contains(byID))
        }
        #expect(try await store.oneTimeLink(id: "ot-nosuch") == nil)
        #expect(try await store.oneTimeLink(tokenHash: Token.hash("ABCDEFGHJKMNP")) == nil)
        #expect(try await store.booking(id: 12_345) == nil)
        await expectRefusal("no booking #12345") { try await t.linkdesk().booking(id: 12_345) }
    }
}
