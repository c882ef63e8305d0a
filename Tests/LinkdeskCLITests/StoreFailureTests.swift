import Foundation
import GRDB
import LinkdeskTestSupport
import Testing

/// Exit 3 and one line on stderr when the store itself fails (SPEC §3 exit codes).
@Suite("store failures")
struct StoreFailureTests {
    static func expectStoreFailure(_ result: Finished, _ reason: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 3, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("linkdesk: ") && result.stderr.contains(reason), "\(result)",
                sourceLocation: sourceLocation)
    }

    @Test("--db in a directory that does not exist: exit 3, nothing created")
    func missingDirectory() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let missing = ws.directory.appendingPathComponent("no/such/dir")
        let path = missing.appendingPathComponent("x.sqlite").path
        for command in [["pages", "--db", path], ["bookings", "--json", "--db", path], ["link", "salescall", "--db", path]] {
            Self.expectStoreFailure(try ws.run(command), "does not exist")
        }
        // The same through LINKDESK_DB.
        let viaEnv = try Processes.run(Products.path("linkdesk"), ["pages"], environment: .exactly(ws.environment(db: path)),
                                       timeout: 30)
        Self.expectStoreFailure(viaEnv, "does not exist")
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test("a file that is not a database: exit 3, the file left byte for byte unchanged")
    func notADatabase() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 13) }) + Data("not a database\n".utf8)
        try garbage.write(to: URL(fileURLWithPath: ws.dbPath))
        for command in [["pages"], ["bookings", "--json"], ["link", "salescall", "--one-time"],
                        ["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                         "--name", "A", "--email", "a@example.com"]] {
            Self.expectStoreFailure(try ws.run(command), "is not a linkdesk database")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: ws.dbPath)) == garbage)
    }

    @Test("a database locked by another connection: reads go on, a write exits 3 'busy' after the busy timeout, nothing changed")
    func busyDatabase() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["pages"])
        let holder = try DatabaseQueue(path: ws.dbPath)
        let (read, write) = try holder.inDatabase { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let read = try ws.start(["bookings", "--json"])
            let write = try ws.start(["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                                      "--name", "A", "--email", "a@example.com"])
            return (read.finish(timeout: 20), write.finish(timeout: 20))
        }
        // WAL: a reader never waits for the writer, even one holding an exclusive lock.
        #expect(read.status == 0, "\(read)")
        #expect(read.seconds < 3, "a read waited for the writer: \(read)")
        Self.expectStoreFailure(write, "busy")
        #expect(write.seconds < 12, "should give up after the 5 s busy timeout: \(write)")
        try holder.close()
        #expect(try ws.bookings().isEmpty)
    }

    /// libpq prints the server's notices on stderr unless told otherwise; over the console a
    /// restarting server's "WARNING:  terminating connection …" landed in the middle of the
    /// screen. `client_min_messages=debug5` (through PGOPTIONS) makes the server send notices for
    /// every statement (35 lines for `pages` before). One may remain: the notice the server sends
    /// while the connection starts, before libpq hands back a connection to set the processor on.
    @Test("PostgreSQL: the server's notices on a connection never reach stderr (they would land on a full-screen console)", .postgres)
    func noServerNoticesOnPostgres() throws {
        let ws = try CLIWorkspace(.postgres)
        defer { ws.remove() }
        let chatty = ["PGOPTIONS": "-c client_min_messages=debug5"]
        for command in [["pages"], ["link", "salescall", "--one-time"], ["bookings", "--json"]] {
            let result = try ws.run(command, extraEnv: chatty)
            #expect(result.status == 0, "\(command): \(result)")
            let notices = result.stderrLines.filter { $0.hasPrefix("DEBUG") || $0.hasPrefix("WARNING") }
            #expect(notices.count <= 1 && !result.stderr.contains("linkdesk_"), "\(command): \(result.stderr.prefix(300))")
        }
    }

    /// Switching a new file to WAL needs it to itself, and SQLite answers SQLITE_BUSY at once
    /// (no busy handler) while another connection reads it: ten processes creating one database
    /// together failed "database is busy" about once in 30 rounds. Here another connection holds
    /// a write lock on a file in rollback mode for half a second while `pages` starts on it (the
    /// case where SQLite skips the busy handler to avoid a deadlock): the switch waits, then works.
    @Test("a file another process is writing in rollback mode: the first command waits for the WAL switch instead of failing busy")
    func walSwitchWaitsForAWriter() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let other = try DatabaseQueue(path: ws.dbPath)  // GRDB's queue keeps SQLite's rollback journal
        try other.write { try $0.execute(sql: "CREATE TABLE other_tool (x)") }
        let reading = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        Thread {
            try? other.inDatabase { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "INSERT INTO other_tool VALUES (1)")
                    reading.signal()
                    _ = release.wait(timeout: .now() + 10)
                    return .commit
                }
            }
        }.start()
        reading.wait()
        let running = try ws.start(["pages", "--json"])
        Thread.sleep(forTimeInterval: 0.5)
        release.signal()
        let result = try running.finish(timeout: 30)
        #expect(result.status == 0, "\(result)")
        #expect(try ws.jsonArray(["pages", "--json"]).count == 6)
    }
}
