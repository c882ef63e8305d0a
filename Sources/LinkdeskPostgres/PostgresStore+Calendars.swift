import Foundation
import LinkdeskCore
import LinkdeskService

/// Staff calendars on PostgreSQL (SPEC §10, migration 16): row-level security shows a member
/// their own calendars alone.
extension PostgresStore {
    public func calendars() async throws -> [StaffCalendar] {
        try await readOne { c in
            try c.execute("SELECT * FROM calendar ORDER BY staff_login COLLATE \"C\", name COLLATE \"C\"").rows.map { row in
                let columns = CalendarColumns(kind: row.string("kind"), url: row.string("url"), user: row.optionalString("user"),
                                              passwordEnv: row.optionalString("password_env"),
                                              passwordFile: row.optionalString("password_file"))
                return StaffCalendar(id: row.int("id"), staffLogin: row.string("staff_login"), name: row.string("name"),
                                     source: try columns.source(),
                                     sync: CalendarSyncState(lastGoodSync: row.optionalDate("last_good_sync"),
                                                             eventCount: Int(row.int("event_count")),
                                                             lastError: row.optionalString("last_error"),
                                                             lastAttempt: row.optionalDate("last_attempt")))
            }
        }
    }

    public func saveCalendar(_ calendar: StaffCalendar, events: [ActivityEvent]) async throws -> StaffCalendar {
        try await write { c in
            var calendar = calendar
            let columns = CalendarColumns(calendar.source)
            let taken = try c.execute("SELECT 1 FROM calendar WHERE staff_login = $1 AND name = $2 AND id <> $3",
                                      [calendar.staffLogin, calendar.name, calendar.id]).rowCount > 0
            if taken { throw StoreError("\"\(calendar.staffLogin)\" already has a calendar named \"\(calendar.name)\"") }
            if calendar.id == 0 {
                calendar.id = try c.execute("""
                    INSERT INTO calendar (staff_login, name, kind, url, "user", password_env, password_file)
                    VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                    """, [calendar.staffLogin, calendar.name, columns.kind, columns.url, columns.user, columns.passwordEnv,
                          columns.passwordFile]).rows[0].int("id")
                calendar.sync = CalendarSyncState()
            } else {
                guard try c.execute("""
                    UPDATE calendar SET name = $1, kind = $2, url = $3, "user" = $4, password_env = $5, password_file = $6
                    WHERE id = $7 RETURNING id
                    """, [calendar.name, columns.kind, columns.url, columns.user, columns.passwordEnv, columns.passwordFile,
                          calendar.id]).rowCount == 1 else { throw StoreConflict.stale }
            }
            try PostgresRows.append(events, to: c, by: self.actingLogin)
            return calendar
        }
    }

    public func removeCalendar(id: Int64, events: [ActivityEvent]) async throws -> Bool {
        try await write { c in
            guard try c.execute("DELETE FROM calendar WHERE id = $1 RETURNING id", [id]).rowCount == 1 else { return false }
            try PostgresRows.append(events, to: c, by: self.actingLogin)
            return true
        }
    }

    public func recordCalendarSync(id: Int64, reading: CalendarReading, at now: Date) async throws {
        try await write { c in
            guard let login = try c.execute("SELECT staff_login FROM calendar WHERE id = $1 FOR UPDATE", [id]).rows.first?
                .string("staff_login") else { return }  // removed meanwhile
            switch reading {
            case .busy(let busy, let events):
                let fresh = busy.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
                let stored = try c.execute("""
                    SELECT starts_at, ends_at FROM calendar_busy WHERE calendar_id = $1 ORDER BY starts_at, ends_at
                    """, [id]).rows.map { BusyInterval(start: $0.date("starts_at"), end: $0.date("ends_at")) }
                if stored != fresh {
                    _ = try c.execute("DELETE FROM calendar_busy WHERE calendar_id = $1", [id])
                    if !fresh.isEmpty {
                        // Two arrays of epoch microseconds, one statement, however many times.
                        let starts = "{" + fresh.map { String(Self.microseconds($0.start)) }.joined(separator: ",") + "}"
                        let ends = "{" + fresh.map { String(Self.microseconds($0.end)) }.joined(separator: ",") + "}"
                        _ = try c.execute("""
                            INSERT INTO calendar_busy (calendar_id, staff_login, starts_at, ends_at)
                            SELECT $1, $2, to_timestamp(s / 1000000.0), to_timestamp(e / 1000000.0)
                            FROM unnest($3::bigint[], $4::bigint[]) AS t(s, e)
                            """, [id, login, starts, ends])
                    }
                }
                _ = try c.execute("""
                    UPDATE calendar SET last_good_sync = $1, last_attempt = $1, event_count = $2, last_error = NULL WHERE id = $3
                    """, [now, events, id])
            case .failed(let reason):
                _ = try c.execute("UPDATE calendar SET last_attempt = $1, last_error = $2 WHERE id = $3", [now, reason, id])
            }
        }
    }

    public func calendarBusy(from: Date, to: Date, staffLogins: [String]?) async throws -> [CalendarBusy] {
        if let staffLogins, staffLogins.isEmpty { return [] }
        // Logins are `StaffLogin`s (letters, digits, _ . -): each quoted, so that one spelled
        // "null" is a login and not a NULL element.
        let logins = staffLogins.map { "{" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "}" }
        return try await readOne { c in
            try c.execute("""
                SELECT staff_login, starts_at, ends_at FROM calendar_busy
                WHERE starts_at < $1 AND starts_at > $2 AND ends_at > $3 AND ($4::text[] IS NULL OR staff_login = ANY($4::text[]))
                ORDER BY starts_at
                """, [to, from.addingTimeInterval(-BusyInterval.longest), from, logins]).rows.map { row in
                CalendarBusy(staffLogin: row.string("staff_login"), start: row.date("starts_at"), end: row.date("ends_at"))
            }
        }
    }

    /// A time as whole microseconds since 1970, PostgreSQL's own resolution (so that what is read
    /// back compares equal to what was written).
    static func microseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
}
