import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// What a workspace plan is told refers to pages and event types (`LinkStore.workspaceUsage`):
/// the same counts from both stores, whose groups `WorkspaceUsage.addBookings` reads.
@Suite("workspace usage")
struct WorkspaceUsageTests {
    typealias F = StoreFixture

    @Test("bookings by page (a master page's for its member too), live and in all; by event type; one-time links (SQLite)")
    func counts() async throws { try await counts(kind: .sqlite) }

    @Test("bookings by page (a master page's for its member too), live and in all; by event type; one-time links (PostgreSQL)", .postgres)
    func countsOnPostgres() async throws { try await counts(kind: .postgres) }

    @Test("bookings by page (a master page's for its member too), live and in all; by event type; one-time links (in memory)")
    func countsInMemory() async throws { try await counts(kind: .memory) }

    func counts(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        #expect(try await store.workspaceUsage(at: F.now) == WorkspaceUsage())

        _ = try await store.insertBooking(StoreGuaranteeTests.new(F.draft("A", "a@example.com", at: F.tuesday(10))))
        var throughMaster = F.draft("B", "b@example.com", at: F.tuesday(10), member: 11)
        throughMaster.pageID = 20
        throughMaster.slugUsed = "salescall"
        throughMaster.eventTypeID = 1
        _ = try await store.insertBooking(StoreGuaranteeTests.new(throughMaster))
        let cleo = try await store.insertBooking(StoreGuaranteeTests.new(F.draft("C", "c@example.com", at: F.tuesday(13), member: 12)))
        var canceled = cleo
        canceled.status = .canceledByStaff
        try await store.updateBooking(canceled, expecting: cleo, events: [])
        try await t.oneTime()
        let dead = try await t.oneTime()
        _ = try await t.linkdesk().revoke(linkID: dead.linkID)

        #expect(try await store.workspaceUsage(at: F.now) == WorkspaceUsage(
            bookings: [10: .init(live: 1, total: 1), 20: .init(live: 1, total: 1), 11: .init(live: 1, total: 1),
                       12: .init(live: 0, total: 1)],
            eventTypeBookings: [1: 1, 2: 2],
            oneTimeLinks: [20: .init(live: 1, total: 2)]))
    }
}
