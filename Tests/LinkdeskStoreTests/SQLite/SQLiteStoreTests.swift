import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import Testing

/// What only the SQLite store has: a file, opened by processes that may race to create it, and
/// read-only opens for processes that only read.
@Suite("SQLite store: the file")
struct SQLiteStoreTests {
    typealias F = StoreFixture
    static let racers = 8

    /// `SQLiteStore.init` is synchronous, so the open race runs on threads.
    @Test("8 connections opening a brand-new database at once: all succeed, seeded once")
    func firstOpen() async throws {
        for round in 0..<4 {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-open-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("new.sqlite").path
            let results = runTogether(Self.racers, setup: { _ in () }) { _, _ in
                try SQLiteStore(path: path, seed: { F.workspace })
            }
            for result in results {
                switch result {
                case .success: break
                case .failure(let error): Issue.record("round \(round): opening a new database failed: \(error)")
                }
            }
            for case .success(let store) in results {
                #expect(try await store.workspace() == F.workspace, "round \(round)")
            }
            let queue = try DatabaseQueue(path: path)
            let pages = try await queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM page") }
            try queue.close()
            #expect(pages == F.workspace.pages.count, "round \(round): seeded once")
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

    /// A process that only reads (`linkdesk pages`, `linkdesk activity`) must not write the file:
    /// no commit (the file's `data_version`, seen from another connection, stays put) and no
    /// change to the database or its WAL.
    @Test("reads, expiries included, commit nothing and leave the files untouched",
          arguments: [ReadConnections.pool, .one])
    func readsWriteNothing(reads: ReadConnections) async throws {
        let t = try await TestStore(.sqlite)
        defer { t.remove() }
        let path = try #require(t.sqlitePath)
        let expiring = try await t.oneTime(expiresAt: F.now + F.hours(1))
        try await t.book(Links.general("ann"), at: F.tuesday(10))

        let witness = try DatabaseQueue(path: path)
        defer { try? witness.close() }
        func dataVersion() throws -> Int64? { try witness.read { try Int64.fetchOne($0, sql: "PRAGMA data_version") } }
        func files() throws -> [String: Data] {
            var contents: [String: Data] = [:]
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
                contents[suffix] = try Data(contentsOf: URL(fileURLWithPath: path + suffix))
            }
            return contents
        }
        let version = try dataVersion()
        let before = try files()

        let reader = try SQLiteStore(path: path, reads: reads)
        let desk = Linkdesk(store: reader, base: .default, time: FixedTime(F.now + F.days(2)))
        _ = try await desk.workspace()
        let events = try await desk.activity(limit: 100)
        #expect(events.first?.kind == .oneTimeExpired && events.first?.detail == expiring.linkID)
        _ = try await desk.oneTimeLinks()
        _ = try await desk.bookings(BookingQuery(search: "form"))
        _ = try await desk.countBookings(BookingQuery())
        _ = try await desk.resolve(Links.general("salescall"))
        _ = try await reader.isFormerSlug("nope")

        #expect(try dataVersion() == version, "a read committed something")
        #expect(try files() == before, "a read changed the database file or its WAL")
    }

    /// `link --one-time` reads through the connection that writes (`ReadConnections.writer`).
    @Test("a store that reads through its writer creates and seeds a new file, sees its own writes, and others see them")
    func readsThroughTheWriter() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("w.sqlite").path

        let writer = try SQLiteStore(path: path, seed: { F.workspace }, reads: .writer)
        let desk = Linkdesk(store: writer, base: .default, time: FixedTime(F.now))
        #expect(try await desk.workspace().pages.count == F.workspace.pages.count)
        let page = try await desk.workspace().resolvePage("salescall")
        let made = try await desk.makeLink(page: page, personalization: Personalization(), oneTime: OneTimeOptions())
        let id = try #require(made.oneTime?.linkID)
        #expect(try await desk.oneTimeLinks().map(\.linkID) == [id])

        let other = Linkdesk(store: try SQLiteStore(path: path, reads: .one), base: .default, time: FixedTime(F.now))
        #expect(try await other.oneTimeLinks().map(\.linkID) == [id])
        #expect(try await other.workspace() == desk.workspace())
    }

    /// The next event of `stream`, or nil after `seconds` (a poll that never reports must fail
    /// the test, not hang it).
    static func next(_ stream: AsyncStream<StoreEvent>, within seconds: Double) async -> StoreEvent? {
        await withTaskGroup(of: StoreEvent?.self) { group in
            group.addTask { var events = stream.makeAsyncIterator(); return await events.next() }
            group.addTask { try? await Task.sleep(for: .seconds(seconds)); return nil }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test("the change poll opens its connection again after a failed open, and says when the store is back")
    func changePollReopens() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p.sqlite").path
        let store = try SQLiteStore(path: path, seed: { F.workspace })
        try FileManager.default.moveItem(atPath: path, toPath: path + ".away")
        let stream = store.changes()  // its connection cannot open: the file is away
        let failed = await Self.next(stream, within: 5)
        guard case .unavailable(let message) = failed else {
            Issue.record("expected .unavailable, got \(String(describing: failed))")
            return
        }
        #expect(message.contains("cannot watch"))
        try FileManager.default.moveItem(atPath: path + ".away", toPath: path)
        #expect(await Self.next(stream, within: 5) == .changed)
    }
}
