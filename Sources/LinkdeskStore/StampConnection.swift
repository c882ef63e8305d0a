import Foundation
import GRDBSQLite
import LinkdeskService

/// The connection the booking site reads the change stamp through, on every page it serves from
/// its cache: SQLite's own API on a read-only connection of its own, behind a lock, with the one
/// statement prepared once. Through a GRDB queue each read was a `DispatchQueue.sync` that the
/// server's request threads queued on, and the stamp cost a fifth of a cached page.
final class StampConnection: @unchecked Sendable {
    private let lock = NSLock()
    private let connection: OpaquePointer          // used under `lock` only
    private let statement: OpaquePointer           // used under `lock` only
    private let path: String
    /// The header that moves with every commit, mapped once this connection has opened the
    /// database (which keeps the `-shm` file in place); nil: the stamp is read with SQL.
    private let walIndex: WALIndexHeader?

    /// "booking.workspace", or nil while either version is missing (a database from before them).
    /// One SELECT sees one snapshot by itself: no transaction around it.
    static let query = """
        SELECT (SELECT value FROM meta WHERE key = 'booking_version'),
               (SELECT value FROM meta WHERE key = 'workspace_version')
        """

    init(path: String, busyTimeout: TimeInterval) throws {
        self.path = path
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let reason = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(opened)
            throw StoreError("cannot open \(path): \(reason)")
        }
        sqlite3_busy_timeout(opened, Int32(busyTimeout * 1000))
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v3(opened, Self.query, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil) == SQLITE_OK,
              let prepared else {
            let reason = String(cString: sqlite3_errmsg(opened))
            sqlite3_close_v2(opened)
            throw StoreError("cannot read \(path): \(reason)")
        }
        connection = opened
        statement = prepared
        // One read first: it sets the WAL index up if no connection had, so that it can be mapped.
        lock.lock()
        _ = sqlite3_step(prepared)
        sqlite3_reset(prepared)
        lock.unlock()
        walIndex = WALIndexHeader(connection: opened)
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close_v2(connection)
    }

    func read() throws -> String? {
        if let stamp = walIndex?.stamp() { return stamp }
        return try readWithSQL()
    }

    /// What the counters say, through a read transaction of its own.
    func readWithSQL() throws -> String? {
        lock.lock()
        defer {
            sqlite3_reset(statement)
            lock.unlock()
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_ROW else {
            if code == SQLITE_DONE { return nil }
            throw StoreError(code == SQLITE_BUSY ? "the database \(path) is busy: try again"
                                                 : "cannot read \(path): \(String(cString: sqlite3_errmsg(connection)))")
        }
        guard let booking = Self.text(statement, 0), let workspace = Self.text(statement, 1) else { return nil }
        return booking + "." + workspace
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
}
