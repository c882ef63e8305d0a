import Foundation
import LinkdeskCore
import LinkdeskStore
import Testing

/// Seeding: the workspace given to a new database is stored whole, and only once.
@Suite("seeding a new database")
struct SeedTests {
    @Test("the demo workspace from Assets/ round-trips through the store and is seeded only once")
    func demoSeededOnce() throws {
        let demo = try StoreFixture.demoWorkspace()
        let t = try TestStore(demo)
        defer { t.remove() }
        #expect(try t.store.workspace() == demo)
        #expect(demo.pages.count == 6)
        // Reopening with another seed keeps what is there.
        let reopened = try SQLiteStore(path: t.path, seed: { StoreFixture.workspace })
        #expect(try reopened.workspace() == demo)
        #expect(try reopened.bookings(BookingQuery()).isEmpty)
        #expect(try reopened.activity(limit: 10).isEmpty)
    }

    @Test("the demo's Dynamic rules: 15 minutes → the Sales call page, 30 minutes → Cactus Co Main")
    func demoRules() throws {
        let t = try TestStore(try StoreFixture.demoWorkspace())
        defer { t.remove() }
        let fifteen = try t.book(Links.general("salescall"), event: "15-minute meeting", at: StoreFixture.tuesday(10))
        let thirty = try t.book(Links.general("salescall"), event: "30-minute meeting", at: StoreFixture.tuesday(10))
        let workspace = try t.store.workspace()
        #expect(workspace.page(id: fifteen.teamMemberID)?.slug == "salescall555")
        #expect(workspace.page(id: thirty.teamMemberID)?.slug == "cactus-co-main")
        // One-time links: only the Dynamic master page.
        #expect(try t.oneTime("salescall").url.hasPrefix("http://localhost:8080/."))
        for slug in ["marketing", "cactus-co-main", "salescall555", "session555", "support-lee"] {
            expectRefusal(RuleText.oneTimeOnlyDynamic, exact: true) { try t.oneTime(slug) }
        }
    }

    @Test("a database path in a directory that does not exist is a store error, and nothing is created")
    func missingDirectory() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-missing-\(UUID().uuidString)")
        #expect(throws: StoreError.self) {
            try SQLiteStore(path: missing.appendingPathComponent("x.sqlite").path, seed: { StoreFixture.workspace })
        }
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test("a file that is not a database is a store error and stays unchanged")
    func notADatabase() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-garbage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("garbage.sqlite")
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: file)
        do {
            _ = try SQLiteStore(path: file.path, seed: { StoreFixture.workspace })
            Issue.record("opening garbage as a database succeeded")
        } catch let error as StoreError {
            #expect(error.message.contains("not a linkdesk database"))
        }
        #expect(try Data(contentsOf: file) == garbage)
    }
}
