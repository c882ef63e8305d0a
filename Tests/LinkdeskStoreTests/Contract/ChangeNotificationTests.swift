import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// `changes()` lets an open console (or a web page) follow what other processes commit.
@Suite("change notification")
struct ChangeNotificationTests {
    typealias F = StoreFixture

    static func event(_ n: Int) -> ActivityEvent {
        ActivityEvent(at: F.now + Double(n), actor: .staff, kind: .linkShared, subject: "Ann", detail: "general \(n)")
    }

    @Test("a commit through another connection makes changes() yield within 1 s, and every later one again (SQLite)")
    func yieldsOnCommit() async throws { try await yieldsOnCommit(kind: .sqlite) }

    @Test("a commit through another connection makes changes() yield within 1 s, and every later one again (PostgreSQL)", .postgres)
    func yieldsOnCommitOnPostgres() async throws { try await yieldsOnCommit(kind: .postgres) }

    @Test("a commit through another connection makes changes() yield within 1 s, and every later one again (in memory)")
    func yieldsOnCommitInMemory() async throws { try await yieldsOnCommit(kind: .memory) }

    func yieldsOnCommit(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let other = try await t.secondConnection()
        let changes = await subscribed(t.store)
        try await other.append([Self.event(1)])
        #expect(await yields(changes, within: .seconds(1)), "first commit")

        let again = await subscribed(t.store)
        _ = try await Linkdesk(store: other, base: .default, time: FixedTime(F.now))
            .book(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting", start: F.tuesday(10), form: F.form))
        #expect(await yields(again, within: .seconds(1)), "a booking")
        _ = try await Linkdesk(store: other, base: .default, time: FixedTime(F.now)).setSlug(page: 10, to: "ann-lee")
        #expect(await yields(again, within: .seconds(1)), "a later commit on the same stream")
    }

    @Test("a commit through the store itself is a change too (SQLite)")
    func ownCommit() async throws { try await ownCommit(kind: .sqlite) }

    @Test("a commit through the store itself is a change too (PostgreSQL)", .postgres)
    func ownCommitOnPostgres() async throws { try await ownCommit(kind: .postgres) }

    @Test("a commit through the store itself is a change too (in memory)")
    func ownCommitInMemory() async throws { try await ownCommit(kind: .memory) }

    func ownCommit(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let watcher = try await t.secondConnection()
        let changes = await subscribed(watcher)
        try await t.oneTime()
        #expect(await yields(changes, within: .seconds(1)))
    }

    @Test("no yield while nothing is written, nor for reads or refused writes (SQLite)")
    func quietWithoutCommits() async throws { try await quietWithoutCommits(kind: .sqlite) }

    @Test("no yield while nothing is written, nor for reads or refused writes (PostgreSQL)", .postgres)
    func quietWithoutCommitsOnPostgres() async throws { try await quietWithoutCommits(kind: .postgres) }

    @Test("no yield while nothing is written, nor for reads or refused writes (in memory)")
    func quietWithoutCommitsInMemory() async throws { try await quietWithoutCommits(kind: .memory) }

    func quietWithoutCommits(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let booking = try await t.book(Links.general("cleo"), at: F.tuesday(13))
        let used = try await t.oneTime()
        let keyed = NewBooking(booking: F.draft("Kay", "kay@example.com", at: F.tuesday(9), linkID: used.linkID),
                               consumes: used.linkID, requiresSlug: nil, requestKeyHash: Token.hash("KEY-ONE"),
                               events: { _ in [Self.event(3)] })
        _ = try await t.store.insertBooking(keyed)
        let quiet = await subscribed(t.store)
        #expect(await !yields(quiet, within: .milliseconds(500)), "nothing was written")

        let other = try await t.secondConnection()
        let afterReads = await subscribed(t.store)
        let desk = Linkdesk(store: other, base: .default, time: FixedTime(F.now + F.days(100)))
        _ = try await desk.workspace()
        _ = try await desk.activity(limit: 100)
        _ = try await desk.bookings(BookingQuery(search: "form"))
        _ = try await desk.oneTimeLinks()
        await expectRefusal("does not let customers cancel") {
            try await t.linkdesk().cancel(id: booking.id, actor: .customer, reason: "x")
        }
        await expectConflict(.slotTaken) {  // the store's own refusal rolls back
            try await other.insertBooking(NewBooking(booking: F.draft("Pat", "pat@example.com", at: F.tuesday(13), member: 12),
                                                     consumes: nil, requiresSlug: nil, events: { _ in [Self.event(2)] }))
        }
        // Refusals the booking's own statement finds: the one-time use already spent, the slug
        // it came through changed meanwhile, its request key already booked (PostgreSQL's
        // statement-level triggers used to notify for the rows it did not write).
        await expectConflict(.linkSpent) {
            try await other.insertBooking(NewBooking(booking: F.draft("Pat", "pat@example.com", at: F.tuesday(15), linkID: used.linkID),
                                                     consumes: used.linkID, requiresSlug: nil, events: { _ in [Self.event(4)] }))
        }
        await expectConflict(.stale) {
            try await other.insertBooking(NewBooking(booking: F.draft("Pat", "pat@example.com", at: F.tuesday(15)),
                                                     consumes: nil, requiresSlug: "ann-before", events: { _ in [Self.event(5)] }))
        }
        await expectConflict(.repeatedRequest) { try await other.insertBooking(keyed) }
        #expect(await !yields(afterReads, within: .milliseconds(500)), "reads and refusals committed nothing")
    }

    /// A caller subscribes, then loads what it shows: a commit made right after `changes()`
    /// returns must not be missed, or the view stays stale until some later commit. The other
    /// tests give the stream `subscribed`'s moment to settle; this one gives it none.
    ///
    /// Known issue: SQLiteStore's stream takes its first `data_version` inside the polling task,
    /// after `changes()` has returned (Sources/LinkdeskStore/SQLiteStore+Changes.swift:12–14), so
    /// a commit in between is taken as the starting point and never reported.
    @Test("a commit right after changes() returns is not missed (SQLite)")
    func commitRightAfterSubscribing() async throws { try await commitRightAfterSubscribing(kind: .sqlite) }

    @Test("a commit right after changes() returns is not missed (PostgreSQL)", .postgres)
    func commitRightAfterSubscribingOnPostgres() async throws { try await commitRightAfterSubscribing(kind: .postgres) }

    @Test("a commit right after changes() returns is not missed (in memory)")
    func commitRightAfterSubscribingInMemory() async throws { try await commitRightAfterSubscribing(kind: .memory) }

    func commitRightAfterSubscribing(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let other = try await t.secondConnection()
        _ = try await other.workspace()
        let changes = t.store.changes()
        try await other.append([Self.event(1)])
        #expect(await yields(changes, within: .seconds(1)))
    }
}
