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

    static func items(booking: BookingID?, limit: Int, in db: Database) throws -> [OutboxItem] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, booking_id, kind, due_at, sequence, before_seconds, state, attempts, last_error, sent_at FROM outbox
            WHERE ?1 IS NULL OR booking_id = ?1 ORDER BY id LIMIT ?2
            """, arguments: [booking, max(limit, 0)])
        return try rows.map { row in
            let kindText: String = row["kind"], stateText: String = row["state"]
            guard let kind = BookingNotice.Kind(rawValue: kindText), let state = OutboxState(rawValue: stateText) else {
                throw StoreError("the outbox holds a row linkdesk does not know (kind \(kindText), state \(stateText)): upgrade linkdesk")
            }
            let sentAt: Double? = row["sent_at"]
            return OutboxItem(id: row["id"], bookingID: row["booking_id"],
                              notice: OutboxNotice(kind: kind, due: Date(timeIntervalSince1970: row["due_at"]),
                                                   sequence: row["sequence"], before: row["before_seconds"]),
                              state: state, attempts: row["attempts"], lastError: row["last_error"],
                              sentAt: sentAt.map(Date.init(timeIntervalSince1970:)))
        }
    }
}
