import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

/// Staff calendars on SQLite (SPEC §10).
extension SQLiteStore {
    public func calendars() async throws -> [StaffCalendar] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM calendar ORDER BY staff_login, name").map(CalendarRows.decode)
        }
    }

    public func saveCalendar(_ calendar: StaffCalendar, events: [ActivityEvent]) async throws -> StaffCalendar {
        try await write { db in
            var calendar = calendar
            let columns = CalendarColumns(calendar.source)
            let taken = try Int.fetchOne(db, sql: "SELECT 1 FROM calendar WHERE staff_login = ? AND name = ? AND id <> ?",
                                         arguments: [calendar.staffLogin, calendar.name, calendar.id]) != nil
            if taken { throw StoreError("\"\(calendar.staffLogin)\" already has a calendar named \"\(calendar.name)\"") }
            if calendar.id == 0 {
                try db.execute(sql: """
                    INSERT INTO calendar (staff_login, name, kind, url, user, password_env, password_file) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [calendar.staffLogin, calendar.name, columns.kind, columns.url, columns.user,
                                     columns.passwordEnv, columns.passwordFile])
                calendar.id = db.lastInsertedRowID
                calendar.sync = CalendarSyncState()
            } else {
                try db.execute(sql: """
                    UPDATE calendar SET name = ?, kind = ?, url = ?, user = ?, password_env = ?, password_file = ? WHERE id = ?
                    """, arguments: [calendar.name, columns.kind, columns.url, columns.user, columns.passwordEnv,
                                     columns.passwordFile, calendar.id])
                guard db.changesCount == 1 else { throw StoreConflict.stale }
            }
            try ActivityRows.append(events, to: db, by: self.actingLogin)
            return calendar
        }
    }

    public func removeCalendar(id: Int64, events: [ActivityEvent]) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM calendar_busy WHERE calendar_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM calendar WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { return false }
            try ActivityRows.append(events, to: db, by: self.actingLogin)
            return true
        }
    }

    public func recordCalendarSync(id: Int64, reading: CalendarReading, at now: Date) async throws {
        try await write { db in
            guard let login = try String.fetchOne(db, sql: "SELECT staff_login FROM calendar WHERE id = ?", arguments: [id]) else {
                return  // removed meanwhile
            }
            switch reading {
            case .busy(let busy, let events):
                let stored = try Row.fetchAll(db, sql: "SELECT start, \"end\" FROM calendar_busy WHERE calendar_id = ? ORDER BY start, \"end\"",
                                              arguments: [id]).map { CalendarRows.interval($0[0], $0[1]) }
                let fresh = busy.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
                if stored != fresh {
                    try db.execute(sql: "DELETE FROM calendar_busy WHERE calendar_id = ?", arguments: [id])
                    let insert = try db.cachedStatement(sql: "INSERT INTO calendar_busy (calendar_id, staff_login, start, \"end\") VALUES (?, ?, ?, ?)")
                    for time in fresh {
                        try insert.execute(arguments: [id, login, time.start.timeIntervalSince1970, time.end.timeIntervalSince1970])
                    }
                }
                try db.execute(sql: """
                    UPDATE calendar SET last_good_sync = ?, last_attempt = ?, event_count = ?, last_error = NULL WHERE id = ?
                    """, arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, events, id])
            case .failed(let reason):
                try db.execute(sql: "UPDATE calendar SET last_attempt = ?, last_error = ? WHERE id = ?",
                               arguments: [now.timeIntervalSince1970, reason, id])
            }
        }
    }

    public func calendarBusy(from: Date, to: Date, staffLogins: [String]?) async throws -> [CalendarBusy] {
        try await read { db in
            var sql = "SELECT staff_login, start, \"end\" FROM calendar_busy WHERE start < ? AND start > ? AND \"end\" > ?"
            var arguments: [any DatabaseValueConvertible] = [to.timeIntervalSince1970,
                                                             from.timeIntervalSince1970 - BusyInterval.longest, from.timeIntervalSince1970]
            if let staffLogins {
                guard !staffLogins.isEmpty else { return [] }
                sql += " AND staff_login IN (" + staffLogins.map { _ in "?" }.joined(separator: ", ") + ")"
                arguments += staffLogins.map { $0 as any DatabaseValueConvertible }
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY start", arguments: StatementArguments(arguments)).map { row in
                CalendarBusy(staffLogin: row[0], start: Date(timeIntervalSince1970: row[1]), end: Date(timeIntervalSince1970: row[2]))
            }
        }
    }
}

/// Reading the calendar table.
enum CalendarRows {
    static func decode(_ row: Row) throws -> StaffCalendar {
        let columns = CalendarColumns(kind: row["kind"], url: row["url"], user: row["user"], passwordEnv: row["password_env"],
                                      passwordFile: row["password_file"])
        let good: Double? = row["last_good_sync"], attempt: Double? = row["last_attempt"]
        return StaffCalendar(id: row["id"], staffLogin: row["staff_login"], name: row["name"], source: try columns.source(),
                             sync: CalendarSyncState(lastGoodSync: good.map(Date.init(timeIntervalSince1970:)),
                                                     eventCount: row["event_count"], lastError: row["last_error"],
                                                     lastAttempt: attempt.map(Date.init(timeIntervalSince1970:))))
    }

    static func interval(_ start: Double, _ end: Double) -> BusyInterval {
        BusyInterval(start: Date(timeIntervalSince1970: start), end: Date(timeIntervalSince1970: end))
    }

    /// True when a calendar of `login` is busy somewhere in `[start, end)`: the booking's own
    /// transaction asks it (a sync may have run since the time was offered).
    static func busy(login: String, start: Date, end: Date, in db: Database) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM calendar_busy WHERE staff_login = ? AND start < ? AND start > ? AND "end" > ? LIMIT 1
            """), arguments: [login, end.timeIntervalSince1970, start.timeIntervalSince1970 - BusyInterval.longest,
                              start.timeIntervalSince1970]) != nil
    }
}
