import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import Testing

/// The SQLite store's change stamp, read from the WAL-index header without a read transaction
/// (`WALIndexHeader`): it must move with every commit of any connection or process, and stay
/// while nothing is written, or the booking site would serve a page staler than a fresh render.
@Suite("SQLite store: the change stamp")
struct ChangeStampTests {
    typealias F = StoreFixture

    @Test("read from the WAL index; moved by another connection's commit at once, by reads never")
    func movesWithEveryCommit() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-stamp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stamp.sqlite").path
        let site = try SQLiteStore(path: path, seed: { F.workspace })
        let first = try #require(try await site.changeStamp())
        #expect(first.hasPrefix("wal."), "the header was mapped: \(first)")
        _ = try await site.workspace()
        _ = try await site.bookings(BookingQuery())
        #expect(try await site.changeStamp() == first, "reads move no stamp")

        // Another connection (as another process would) writes a row by hand: the very next read sees it.
        let other = try DatabaseQueue(path: path)
        var seen: [String] = [first]
        for round in 0..<20 {
            try await other.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('stamp-test', ?)", arguments: [round])
            }
            let now = try #require(try await site.changeStamp())
            #expect(!seen.contains(now), "round \(round): a commit moved the stamp (\(now) was seen before)")
            seen.append(now)
        }
        // A checkpoint that restarts the WAL changes nothing a page shows, and the stamp stays unique.
        try await other.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try await other.write { db in try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('stamp-test', 'after')") }
        let restarted = try #require(try await site.changeStamp())
        #expect(!seen.contains(restarted), "after a WAL restart: \(restarted)")
        try other.close()
    }
}
