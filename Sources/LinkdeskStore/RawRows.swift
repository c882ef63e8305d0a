import GRDB
import GRDBSQLite

/// Steps a prepared statement through SQLite's C API and hands each row's handle to the
/// caller. For the reads a first frame makes a thousand rows at a time (every page's
/// configuration) and for the booking site's per-request change stamp: GRDB's `Row` (a copied
/// value per row) and its generic cursor cost as much as the statements themselves.
enum RawRows {
    static func forEach(_ sql: String, in db: Database, _ row: (SQLiteStatement) throws -> Void) throws {
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        defer { sqlite3_reset(handle) }  // ends the statement's read at once, however it ends
        while try step(handle, sql: sql, in: db) { try row(handle) }
    }

    /// The first row only, in one step: for a statement that answers one row.
    static func first<T>(_ sql: String, in db: Database, _ row: (SQLiteStatement) throws -> T) throws -> T? {
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        defer { sqlite3_reset(handle) }
        return try step(handle, sql: sql, in: db) ? row(handle) : nil
    }

    /// True on a row, false when done; any other code is the error it is.
    private static func step(_ handle: SQLiteStatement, sql: String, in db: Database) throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }

    /// A column's text, nil for NULL.
    static func optionalText(_ handle: SQLiteStatement, _ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// A column's text; "" for NULL, as GRDB's non-optional `String` read would refuse it
    /// instead: the columns read this way are `NOT NULL`.
    static func text(_ handle: SQLiteStatement, _ column: Int32) -> String {
        optionalText(handle, column) ?? ""
    }

    /// A column's text as its UTF-8 bytes, copied but not validated: for text that a reader
    /// parses byte by byte anyway (`ConfigReader`), where making a String first checked each
    /// page configuration's UTF-8 once more for nothing. Empty for NULL.
    static func bytes(_ handle: SQLiteStatement, _ column: Int32) -> [UInt8] {
        guard let text = sqlite3_column_text(handle, column) else { return [] }
        return Array(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    static func int64(_ handle: SQLiteStatement, _ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }
}
