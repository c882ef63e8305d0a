import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService
@testable import LinkdeskStore
import Testing

/// The plans SQLite picks for the queries the booking site's busiest paths make, read from the
/// statements the store runs: a plan that walks every booking passes every other test and only
/// shows as a slow site (the sender's look for lapsed holds once did, on each round).
@Suite("SQLite store: query plans")
struct QueryPlanTests {
    typealias F = StoreFixture

    @Test("the holds the sender looks for each round come from the partial index of holds, not a walk through every booking")
    func holds() async throws {
        let t = try await TestStore(.sqlite)
        defer { t.remove() }
        let path = try #require(t.sqlitePath)
        let store = t.store
        _ = try await store.insertBooking(NewBooking(booking: F.draft("One", "one@example.com", at: F.tuesday(10)), consumes: nil,
                                                     requiresSlug: "ann", events: { _ in [] }))
        var holds = BookingQuery(limit: 1_000)
        holds.awaitingOnly = true
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        func plan(_ query: BookingQuery) throws -> String {
            let (sql, arguments) = SQLiteStore.bookingsSQL(query)
            return try queue.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String? ?? "" }
                    .joined(separator: "; ")
            }
        }
        let held = try plan(holds)
        #expect(held.contains("booking_awaiting"), "\(held)")
        #expect(!held.contains("booking_by_start"), "\(held)")
        #expect(try await store.bookings(holds).isEmpty)
        // The site's own queries keep the index of starts, which their order needs.
        var live = BookingQuery(limit: 50)
        live.liveOnly = true
        live.startsFrom = F.now
        #expect(try plan(live).contains("booking_by_start") || plan(live).contains("booking_by_member_start"))
    }
}
