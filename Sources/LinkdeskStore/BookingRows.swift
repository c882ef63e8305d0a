import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

/// Bookings as rows. Times are stored as Unix seconds so range queries use the index.
enum BookingRows {
    /// The columns `decode` reads, in its order: reads select these (not `*`) so that a row is
    /// read by position — a lookup by name compares the name with every column, per value.
    static let columns = """
        id, page_id, slug_used, team_member_id, event_type_id, start, "end", status, customer_name, customer_email,
        details, link_kind, link_id, policy, created_at, reason, buffer_before, buffer_after
        """

    /// A row of `SELECT \(columns)`.
    static func decode(_ row: Row) throws -> Booking {
        Booking(id: row[0], pageID: row[1], slugUsed: row[2], teamMemberID: row[3],
                eventTypeID: row[4], start: Date(timeIntervalSince1970: row[5]),
                end: Date(timeIntervalSince1970: row[6]),
                status: try known(BookingStatus(rawValue: row[7]), row[7]),
                customer: Customer(name: row[8], email: row[9]),
                details: try details(row[10]),
                linkKind: try known(Link.Kind(rawValue: row[11]), row[11]), linkID: row[12],
                policy: try policy(row[13]),
                createdAt: Date(timeIntervalSince1970: row[14]), reason: row[15], buffers: buffers(row[16], row[17]))
    }

    /// The stored minutes as `MeetingBuffers`; nil for none (every booking from before buffers).
    static func buffers(_ before: Int, _ after: Int) -> MeetingBuffers? {
        before == 0 && after == 0 ? nil : MeetingBuffers(before: before, after: after)
    }

    private static func details(_ text: String) throws -> Personalization {
        try ConfigReader.personalization(text) ?? StoredJSON.decode(Personalization.self, text)
    }

    private static func policy(_ text: String) throws -> ChangePolicy {
        try ConfigReader.changePolicy(text) ?? StoredJSON.decode(ChangePolicy.self, text)
    }

    /// A value this version does not know is a database from a newer linkdesk (or damaged):
    /// reading it as a default would show a wrong booking, so it is an error.
    private static func known<T>(_ value: T?, _ raw: String?) throws -> T {
        guard let value else {
            throw StoreError("a booking holds a value this linkdesk does not know (\(raw ?? "null")): is the database from a newer version?")
        }
        return value
    }

    /// True when a live booking of `member` (other than `excluding`) keeps time, buffers
    /// included, inside `[start, end)` (the new meeting's time with its buffers). A meeting lasts
    /// a day at most and each buffer a day at most: only bookings starting two days before
    /// `start` or later can meet it, which the index of starts finds.
    static func overlaps(member: PageID, start: Date, end: Date, excluding: BookingID?, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM booking WHERE team_member_id = ? AND start > ? AND start - buffer_before * 60 < ?
              AND "end" + buffer_after * 60 > ? AND id != ? AND status IN \(liveList) LIMIT 1
            """), arguments: StatementArguments([member, start.timeIntervalSince1970 - 2 * 86_400, end.timeIntervalSince1970,
                             start.timeIntervalSince1970, excluding ?? -1] as [any DatabaseValueConvertible]) + liveArguments) == true
    }

    /// True when the cap's day already holds its limit of the member's live bookings (other than
    /// `excluding`); the index of members' starts finds them.
    static func fills(_ cap: DayCap, excluding: BookingID?, in db: Database) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM booking WHERE team_member_id = ? AND start >= ? AND start < ? AND id != ? AND status IN \(liveList)
            """), arguments: StatementArguments([cap.member, cap.from.timeIntervalSince1970, cap.until.timeIntervalSince1970,
                             excluding ?? -1] as [any DatabaseValueConvertible]) + liveArguments) ?? 0 >= cap.limit
    }

    /// The statuses that hold a member's time (`BookingStatus.isLive`), as placeholders and their values.
    static let liveStatuses = BookingStatus.allCases.filter(\.isLive).map(\.rawValue)
    static let liveList = "(" + liveStatuses.map { _ in "?" }.joined(separator: ", ") + ")"
    static var liveArguments: StatementArguments { StatementArguments(liveStatuses) }

    /// A cached statement, like every statement of a booking: preparing this INSERT compiled
    /// its triggers (search index, change stamp) too, a fifth of a web booking's time.
    static func insert(_ b: Booking, into db: Database) throws -> BookingID {
        try db.cachedStatement(sql: """
            INSERT INTO booking (page_id, slug_used, team_member_id, event_type_id, start, "end", status,
                customer_name, customer_email, details, link_kind, link_id, policy, created_at, buffer_before, buffer_after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [b.pageID, b.slugUsed, b.teamMemberID, b.eventTypeID, b.start.timeIntervalSince1970,
                             b.end.timeIntervalSince1970, b.status.rawValue, b.customer.name, b.customer.email,
                             try StoredJSON.encode(b.details), b.linkKind.rawValue, b.linkID,
                             try StoredJSON.encode(b.policy), b.createdAt.timeIntervalSince1970,
                             b.buffers?.before ?? 0, b.buffers?.after ?? 0])
        return db.lastInsertedRowID
    }
}
