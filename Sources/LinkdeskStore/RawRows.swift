import GRDB
import GRDBSQLite

/// Steps a prepared statement through SQLite's C API and hands each row's handle to the
/// caller. For the reads a first frame makes a thousand rows at a time (every page's
/// configuration): `Row.fetchAll` copies each row into a `Row` of `DatabaseValue`s before a
/// column is read, which cost as much as decoding the configurations.
enum RawRows {
    static func forEach(_ sql: String, in db: Database, _ row: (SQLiteStatement) throws -> Void) throws {
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        defer { sqlite3_reset(handle) }  // ends the statement's read at once, however it ends
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: sql)
            }
            try row(handle)
        }
    }

    /// A column's text; "" for NULL, as GRDB's non-optional `String` read would refuse it
    /// instead: the columns read here are `NOT NULL`.
    static func text(_ handle: SQLiteStatement, _ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    static func int64(_ handle: SQLiteStatement, _ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }
}
