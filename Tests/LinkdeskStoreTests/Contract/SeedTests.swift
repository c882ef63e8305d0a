import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Seeding: the workspace given to a new database is stored whole, and only once.
@Suite("seeding a new database")
struct SeedTests {
    @Test("the demo workspace from Assets/ round-trips through the store and is seeded only once (SQLite)")
    func demoSeededOnce() async throws { try await demoSeededOnce(kind: .sqlite) }

    @Test("the demo workspace from Assets/ round-trips through the store and is seeded only once (PostgreSQL)", .postgres)
    func demoSeededOnceOnPostgres() async throws { try await demoSeededOnce(kind: .postgres) }

    @Test("the demo workspace from Assets/ round-trips through the store and is seeded only once (in memory)")
    func demoSeededOnceInMemory() async throws { try await demoSeededOnce(kind: .memory) }

    func demoSeededOnce(kind: StoreKind) async throws {
        let demo = try StoreFixture.demoWorkspace()
        let t = try await TestStore(kind, seed: demo)
        defer { t.remove() }
        #expect(try await t.store.workspace() == demo)
        #expect(demo.pages.count == 6)
        // Reopening with another seed keeps what is there.
        let reopened = try await t.secondConnection(seed: StoreFixture.workspace)
        #expect(try await reopened.workspace() == demo)
        #expect(try await reopened.bookings(BookingQuery()).isEmpty)
        #expect(try await reopened.activity(limit: 10).isEmpty)
        #expect(try await t.store.workspace() == demo)
    }

    @Test("the demo's Dynamic rules: 15 minutes → the Sales call page, 30 minutes → Cactus Co Main (SQLite)")
    func demoRules() async throws { try await demoRules(kind: .sqlite) }

    @Test("the demo's Dynamic rules: 15 minutes → the Sales call page, 30 minutes → Cactus Co Main (PostgreSQL)", .postgres)
    func demoRulesOnPostgres() async throws { try await demoRules(kind: .postgres) }

    @Test("the demo's Dynamic rules: 15 minutes → the Sales call page, 30 minutes → Cactus Co Main (in memory)")
    func demoRulesInMemory() async throws { try await demoRules(kind: .memory) }

    func demoRules(kind: StoreKind) async throws {
        let t = try await TestStore(kind, seed: try StoreFixture.demoWorkspace())
        defer { t.remove() }
        let fifteen = try await t.book(Links.general("salescall"), event: "15-minute meeting", at: StoreFixture.tuesday(10))
        let thirty = try await t.book(Links.general("salescall"), event: "30-minute meeting", at: StoreFixture.tuesday(10))
        let workspace = try await t.store.workspace()
        #expect(workspace.page(id: fifteen.teamMemberID)?.slug == "salescall555")
        #expect(workspace.page(id: thirty.teamMemberID)?.slug == "cactus-co-main")
        // One-time links: only the Dynamic master page.
        #expect(try await t.oneTime("salescall").url.hasPrefix("http://localhost:8080/."))
        for slug in ["marketing", "cactus-co-main", "salescall555", "session555", "support-lee"] {
            await expectRefusal(Refusal.Reason.oneTimeOnlyDynamic.sentence, exact: true) { try await t.oneTime(slug) }
        }
    }
}
