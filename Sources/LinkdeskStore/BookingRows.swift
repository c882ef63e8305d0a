import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

/// Bookings as rows. Times are stored as Unix seconds so range queries use the index.
enum BookingRows {
    static func decode(_ row: Row) throws -> Booking {
        Booking(id: row["id"], pageID: row["page_id"], slugUsed: row["slug_used"], teamMemberID: row["team_member_id"],
                eventTypeID: row["event_type_id"], start: Date(timeIntervalSince1970: row["start"]),
                end: Date(timeIntervalSince1970: row["end"]),
                status: try known(BookingStatus(rawValue: row["status"]), row["status"]),
                customer: Customer(name: row["customer_name"], email: row["customer_email"]),
                details: try details(row["details"]),
                linkKind: try known(Link.Kind(rawValue: row["link_kind"]), row["link_kind"]), linkID: row["link_id"],
                policy: try policy(row["policy"]),
                createdAt: Date(timeIntervalSince1970: row["created_at"]), reason: row["reason"])
    }

    private static func details(_ text: String) throws -> Personalization {
        try ConfigReader.personalization(text) ?? JSONColumn.decode(Personalization.self, text)
    }

    private static func policy(_ text: String) throws -> ChangePolicy {
        try ConfigReader.changePolicy(text) ?? JSONColumn.decode(ChangePolicy.self, text)
    }

    /// A value this version does not know is a database from a newer linkdesk (or damaged):
    /// reading it as a default would show a wrong booking, so it is an error.
    private static func known<T>(_ value: T?, _ raw: String?) throws -> T {
        guard let value else {
            throw StoreError("a booking holds a value this linkdesk does not know (\(raw ?? "null")): is the database from a newer version?")
        }
        return value
    }

    /// True when the member has a live booking overlapping [start, end) (other than `excluding`).
    /// Meetings last at most a day, which bounds the index range looked at.
    static func overlaps(member: PageID, start: Date, end: Date, excluding: BookingID?, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT 1 FROM booking WHERE team_member_id = ? AND start > ? AND start < ? AND "end" > ? AND id != ?
              AND status IN (?, ?) LIMIT 1
            """, arguments: [member, start.timeIntervalSince1970 - 86_400, end.timeIntervalSince1970,
                             start.timeIntervalSince1970, excluding ?? -1,
                             BookingStatus.scheduled.rawValue, BookingStatus.rescheduled.rawValue]) == true
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
}
