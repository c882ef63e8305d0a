import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

/// The outbox table (migration v8-outbox): notices written with the booking changes that cause them.
enum OutboxRows {
    static func queue(_ notices: [OutboxNotice], for booking: BookingID, in db: Database) throws {
        for notice in notices {
            try db.cachedStatement(sql: """
                INSERT INTO outbox (booking_id, kind, due_at, sequence, before_seconds) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [booking, notice.kind.rawValue, notice.due.timeIntervalSince1970, notice.sequence, notice.before])
        }
    }

    /// The booking's pending reminders, withdrawn: its time or status changed.
    static func withdrawReminders(of booking: BookingID, in db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE outbox SET state = 'withdrawn' WHERE booking_id = ? AND kind = 'reminder' AND state = 'pending'
            """).execute(arguments: [booking])
    }

    static let columns = "id, booking_id, kind, due_at, sequence, before_seconds, state, attempts, last_error, sent_at"

    static func items(booking: BookingID?, limit: Int, in db: Database) throws -> [OutboxItem] {
        try items(Row.fetchAll(db, sql: """
            SELECT \(columns) FROM outbox WHERE ?1 IS NULL OR booking_id = ?1 ORDER BY id LIMIT ?2
            """, arguments: [booking, max(limit, 0)]))
    }

    /// Inside a write transaction (SQLite has one writer at a time): the claim is the sender's alone.
    static func claimDue(at now: Date, limit: Int, lease: Double, in db: Database) throws -> [OutboxItem] {
        let due = try items(Row.fetchAll(db, sql: """
            SELECT \(columns) FROM outbox
            WHERE state = 'pending' AND due_at <= ?1 AND (claimed_until IS NULL OR claimed_until <= ?1)
            ORDER BY due_at, id LIMIT ?2
            """, arguments: [now.timeIntervalSince1970, max(limit, 0)]))
        for item in due {
            try db.execute(sql: "UPDATE outbox SET claimed_until = ? WHERE id = ?",
                           arguments: [now.timeIntervalSince1970 + lease, item.id])
        }
        return due
    }

    static func recordDelivery(id: Int64, outcome: OutboxOutcome, at now: Date, in db: Database) throws {
        switch outcome {
        case .sent:
            try db.execute(sql: """
                UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL, claimed_until = NULL WHERE id = ?
                """, arguments: [now.timeIntervalSince1970, id])
        case .retry(let at, let reason):
            try db.execute(sql: """
                UPDATE outbox SET attempts = attempts + 1, due_at = ?, last_error = ?, claimed_until = NULL WHERE id = ?
                """, arguments: [at.timeIntervalSince1970, reason, id])
        case .failed(let reason):
            try db.execute(sql: """
                UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, claimed_until = NULL WHERE id = ?
                """, arguments: [reason, id])
        case .withdrawn:
            try db.execute(sql: "UPDATE outbox SET state = 'withdrawn', claimed_until = NULL WHERE id = ?", arguments: [id])
        case .deferred(let until):
            try db.execute(sql: "UPDATE outbox SET due_at = ?, claimed_until = NULL WHERE id = ?", arguments: [until.timeIntervalSince1970, id])
        }
    }

    private static func items(_ rows: [Row]) throws -> [OutboxItem] {
        try rows.map { row in
            let sentAt: Double? = row["sent_at"]
            return try OutboxItem.stored(id: row["id"], bookingID: row["booking_id"], kind: row["kind"], state: row["state"],
                                         due: Date(timeIntervalSince1970: row["due_at"]), sequence: row["sequence"],
                                         before: row["before_seconds"], attempts: row["attempts"], lastError: row["last_error"],
                                         sentAt: sentAt.map(Date.init(timeIntervalSince1970:)))
        }
    }
}
