import Foundation
import LinkdeskCore
import LinkdeskService

/// The booking site's tokens (manage links, calendar feeds; migration 2) and booking request
/// keys (migration 3), stored hashed.
extension PostgresStore {
    public func booking(manageTokenHash: String) async throws -> Booking? {
        try await readOne { c in
            try c.execute("""
                SELECT * FROM booking WHERE id = linkdesk_manage_token_booking($1)
                """, [manageTokenHash]).rows.first.map(PostgresRows.booking)
        }
    }

    public func booking(requestKeyHash: String) async throws -> Booking? {
        try await readOne { c in
            try c.execute("""
                SELECT * FROM booking WHERE id = linkdesk_request_key_booking($1)
                """, [requestKeyHash]).rows.first.map(PostgresRows.booking)
        }
    }

    public func calendarMember(tokenHash: String) async throws -> PageID? {
        try await readOne { c in
            try c.execute("SELECT linkdesk_calendar_member($1)", [tokenHash]).rows.first?.optionalInt(0)
        }
    }

    public func setCalendarToken(member: PageID, tokenHash: String, at now: Date, events: [ActivityEvent]) async throws {
        try await write { c in
            try c.execute("""
                INSERT INTO calendar_token (member_id, token_hash, created_at) VALUES ($1, $2, $3)
                ON CONFLICT (member_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at
                """, [member, tokenHash, now])
            try PostgresRows.append(events, to: c, by: self.actingLogin)
        }
    }

    public func hasCalendarToken(member: PageID) async throws -> Bool {
        try await readOne { c in
            try c.execute("SELECT 1 FROM calendar_token WHERE member_id = $1", [member]).rowCount > 0
        }
    }
}
