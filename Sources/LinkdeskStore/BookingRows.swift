import Foundation
import GRDB
import LinkdeskCore

/// Bookings as rows. Times are stored as Unix seconds so range queries use the index.
enum BookingRows {
    static func decode(_ row: Row) throws -> Booking {
        Booking(id: row["id"], pageID: row["page_id"], slugUsed: row["slug_used"], teamMemberID: row["team_member_id"],
                eventTypeID: row["event_type_id"], start: Date(timeIntervalSince1970: row["start"]),
                end: Date(timeIntervalSince1970: row["end"]),
                status: BookingStatus(rawValue: row["status"]) ?? .scheduled,
                customer: Customer(name: row["customer_name"], email: row["customer_email"]),
                details: try JSONColumn.decode(Personalization.self, row["details"]),
                linkKind: Link.Kind(rawValue: row["link_kind"]) ?? .general, linkID: row["link_id"],
                policy: try JSONColumn.decode(ChangePolicy.self, row["policy"]),
                createdAt: Date(timeIntervalSince1970: row["created_at"]), reason: row["reason"])
    }

    static func find(_ id: BookingID, in db: Database) throws -> Booking {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM booking WHERE id = ?", arguments: [id]) else {
            throw Refusal("no booking #\(id)")
        }
        return try decode(row)
    }

    /// Live bookings of one team member that could overlap [start, end): meetings are at most a
    /// day long, so a day of margin on each side catches every overlap through the index.
    static func live(member: PageID, around start: Date, _ end: Date, excluding: BookingID? = nil,
                     in db: Database) throws -> [Booking] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM booking WHERE team_member_id = ? AND start >= ? AND start < ? AND id != ?
              AND status IN (?, ?)
            """, arguments: [member, start.timeIntervalSince1970 - 86_400, end.timeIntervalSince1970 + 86_400,
                             excluding ?? -1, BookingStatus.scheduled.rawValue, BookingStatus.rescheduled.rawValue])
            .map(decode)
    }

    static func insert(_ b: Booking, into db: Database) throws -> BookingID {
        try db.execute(sql: """
            INSERT INTO booking (page_id, slug_used, team_member_id, event_type_id, start, "end", status,
                customer_name, customer_email, details, link_kind, link_id, policy, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [b.pageID, b.slugUsed, b.teamMemberID, b.eventTypeID, b.start.timeIntervalSince1970,
                             b.end.timeIntervalSince1970, b.status.rawValue, b.customer.name, b.customer.email,
                             try JSONColumn.encode(b.details), b.linkKind.rawValue, b.linkID,
                             try JSONColumn.encode(b.policy), b.createdAt.timeIntervalSince1970])
        return db.lastInsertedRowID
    }

    static func update(_ b: Booking, in db: Database) throws {
        try db.execute(sql: "UPDATE booking SET start = ?, \"end\" = ?, status = ?, reason = ? WHERE id = ?",
                       arguments: [b.start.timeIntervalSince1970, b.end.timeIntervalSince1970, b.status.rawValue,
                                   b.reason, b.id])
    }
}
