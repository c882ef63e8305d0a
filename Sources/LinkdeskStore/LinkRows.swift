import Foundation
import GRDB
import LinkdeskCore

/// One-time links as rows.
enum LinkRows {
    /// When a link is live, in SQL: the one text every statement of this store that asks uses,
    /// with its one parameter (`?`) the time. It must say what `OneTimeLink.status(at:) == .live`
    /// says in Core (`LiveLinkTests` checks every statement against it); `expires_at > ?`
    /// because a link is expired from its expiry on.
    static let live = "(uses_left > 0 AND revoked_at IS NULL AND invalidated_at IS NULL AND expires_at > ?)"

    static func decode(_ row: Row) -> OneTimeLink {
        OneTimeLink(linkID: row["link_id"], tokenHash: row["token_hash"], masterPageID: row["master_id"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
                    usesAllowed: row["uses_allowed"], usesLeft: row["uses_left"],
                    revokedAt: (row["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    invalidatedAt: (row["invalidated_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    personalizedFor: row["personalized_for"], madeBy: row["made_by"])
    }

    static func find(linkID: String, in db: Database) throws -> OneTimeLink? {
        try Row.fetchOne(db, sql: "SELECT * FROM one_time_link WHERE link_id = ?", arguments: [linkID]).map(decode)
    }

    static func find(tokenHash: String, in db: Database) throws -> OneTimeLink? {
        // Cached: the booking site looks a token up on every request (no parse, no authorizer).
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM one_time_link WHERE token_hash = ?"), arguments: [tokenHash]).map(decode)
    }

    /// Marks every live link of a master page invalidated and returns how many were live.
    /// Links already used, revoked or expired are marked too, so that bookings made through them
    /// can no longer be rescheduled; only the live ones are counted as "stopped working".
    static func invalidateAll(master: PageID, now: Date, in db: Database) throws -> Int {
        let t = now.timeIntervalSince1970
        let live = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM one_time_link WHERE master_id = ? AND \(Self.live)",
                                    arguments: [master, t]) ?? 0
        try db.execute(sql: "UPDATE one_time_link SET invalidated_at = ? WHERE master_id = ? AND invalidated_at IS NULL",
                       arguments: [t, master])
        return live
    }
}
