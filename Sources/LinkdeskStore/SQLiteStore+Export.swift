import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

extension SQLiteStore {
    /// The whole store, for `linkdesk migrate`: each part read in one snapshot of its own (a
    /// migration runs while nobody else writes the file; the importer checks the counts).
    public func dump() async throws -> StoreDump {
        var bookings: [Booking] = []
        while true {
            let page = try await self.bookings(BookingQuery(limit: 10_000, offset: bookings.count))
            bookings += page
            if page.count < 10_000 { break }
        }
        let (manage, requests, calendars) = try await read { db in
            let pairs = { (sql: String) in
                try Row.fetchAll(db, sql: sql).map { BookingToken(hash: $0[0], bookingID: $0[1], nonce: $0[2]) }
            }
            return (try pairs("SELECT token_hash, booking_id, nonce FROM manage_token ORDER BY booking_id"),
                    try pairs("SELECT key_hash, booking_id, NULL FROM booking_request ORDER BY booking_id"),
                    try Row.fetchAll(db, sql: "SELECT member_id, token_hash, created_at FROM calendar_token ORDER BY member_id").map {
                        CalendarToken(memberID: $0[0], hash: $0[1], createdAt: Date(timeIntervalSince1970: $0[2]))
                    })
        }
        return StoreDump(workspace: try await workspace(), links: try await oneTimeLinks(), bookings: bookings,
                         activity: try await activity(limit: Int(Int32.max)).reversed(), formerSlugs: try await formerSlugs(),
                         manageTokens: manage, requestKeys: requests, calendarTokens: calendars, staff: try await staff(),
                         outbox: try await outbox(booking: nil, limit: Int.max), settings: try await settings(),
                         calendars: try await calendarsWithBusy())
    }

    /// Every calendar with the busy times its last good sync read.
    func calendarsWithBusy() async throws -> [(calendar: StaffCalendar, busy: [BusyInterval])] {
        let calendars = try await self.calendars()
        return try await read { db in
            try calendars.map { calendar in
                (calendar, try Row.fetchAll(db, sql: "SELECT start, \"end\" FROM calendar_busy WHERE calendar_id = ? ORDER BY start",
                                            arguments: [calendar.id]).map { CalendarRows.interval($0[0], $0[1]) })
            }
        }
    }

    /// Every former slug, oldest first (for `linkdesk migrate`; the protocol only asks whether a slug is one).
    public func formerSlugs() async throws -> [FormerSlug] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT slug, page_id, changed_at FROM former_slug ORDER BY rowid").map {
                FormerSlug(slug: $0["slug"], pageID: $0["page_id"], changedAt: Date(timeIntervalSince1970: $0["changed_at"]))
            }
        }
    }
}
