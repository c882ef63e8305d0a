import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

extension SQLiteStore {
    /// The pages and event types. Decoding every page's configuration is most of what a read
    /// costs (the booking site reads the workspace on every request), so the last one read is
    /// kept and handed out again while `workspace_version` — bumped by triggers on every change
    /// to a page or event type, by any process — is the one it was read at. The version is read
    /// in the same transaction as the rows would be, so a hit is exactly as fresh as a read.
    public func workspace() async throws -> Workspace {
        let cache = workspaceCache
        return try await read { db in
            let version = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'workspace_version'"))
            if let version, let cached = cache.value(at: version) { return cached }
            let workspace = try PageRows.load(db)
            if let version { cache.keep(workspace, at: version) }
            return workspace
        }
    }

    /// From the kept workspace when it is current, else from the page columns alone (a first
    /// frame's read: no configuration decoded).
    public func pageSummaries() async throws -> [PageSummary] {
        let cache = workspaceCache
        return try await read { db in
            let version = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'workspace_version'"))
            if let version, let cached = cache.value(at: version) { return cached.pages.map(\.summary) }
            return try PageRows.summaries(db)
        }
    }

    public func workspace(bookingPagesUpTo limit: Int) async throws -> Workspace? {
        let cache = workspaceCache
        return try await read { db in
            let version = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'workspace_version'"))
            if let version, let cached = cache.value(at: version) {
                return Workspace(eventTypes: cached.eventTypes, bookingPages: Array(cached.bookingPages.prefix(max(limit, 0))), masterPages: [])
            }
            return try PageRows.load(db, bookingPagesUpTo: limit)
        }
    }

    public func page(id: PageID) async throws -> Page? {
        try await read { db in try PageRows.find(id, in: db) }
    }

    public func manageNonce(booking: BookingID) async throws -> String? {
        try await read { db in
            // Cached, as `booking(id:)`: the sender asks for each message it makes.
            try String.fetchOne(db.cachedStatement(sql: "SELECT nonce FROM manage_token WHERE booking_id = ?"), arguments: [booking])
        }
    }

    public func outbox(booking: BookingID?, limit: Int) async throws -> [OutboxItem] {
        try await read { db in try OutboxRows.items(booking: booking, limit: limit, in: db) }
    }

    /// Read synchronously (`StampConnection`): from an async context GRDB would pick its async
    /// read, and the booking site asks for the stamp on every page it serves from its cache.
    public func changeStamp() async throws -> String? {
        try stampReader().read()
    }

    public func oneTimeLinks() async throws -> [OneTimeLink] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM one_time_link ORDER BY created_at DESC, link_id").map(LinkRows.decode)
        }
    }

    public func oneTimeLink(tokenHash: String) async throws -> OneTimeLink? {
        try await read { try LinkRows.find(tokenHash: tokenHash, in: $0) }
    }

    public func oneTimeLink(id: String) async throws -> OneTimeLink? {
        try await read { try LinkRows.find(linkID: id, in: $0) }
    }

    public func oneTimeLinks(expiredBy now: Date, limit: Int) async throws -> [OneTimeLink] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM one_time_link
                WHERE expires_at <= ? AND uses_left > 0
                  AND (revoked_at IS NULL OR revoked_at > expires_at)
                  AND (invalidated_at IS NULL OR invalidated_at > expires_at)
                ORDER BY expires_at DESC, link_id LIMIT ?
                """, arguments: [now.timeIntervalSince1970, limit]).map(LinkRows.decode)
        }
    }

    public func booking(manageTokenHash: String) async throws -> Booking? {
        try await read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(BookingRows.columns) FROM booking WHERE id = (SELECT booking_id FROM manage_token WHERE token_hash = ?)
                """, arguments: [manageTokenHash]).map(BookingRows.decode)
        }
    }

    public func booking(requestKeyHash: String) async throws -> Booking? {
        try await read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(BookingRows.columns) FROM booking WHERE id = (SELECT booking_id FROM booking_request WHERE key_hash = ?)
                """, arguments: [requestKeyHash]).map(BookingRows.decode)
        }
    }

    public func calendarMember(tokenHash: String) async throws -> PageID? {
        try await read { db in
            try PageID.fetchOne(db, sql: "SELECT member_id FROM calendar_token WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func hasCalendarToken(member: PageID) async throws -> Bool {
        try await read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM calendar_token WHERE member_id = ?", arguments: [member]) == true
        }
    }

    public func isFormerSlug(_ slug: String) async throws -> Bool {
        try await read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM former_slug WHERE slug = ?", arguments: [slug]) == true
        }
    }

    public func booking(id: BookingID) async throws -> Booking? {
        try await read { db in
            // A cached statement: the sender reads each message's booking, and preparing the
            // statement anew (with GRDB's authorizer) cost more than running it.
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(BookingRows.columns) FROM booking WHERE id = ?"), arguments: [id])
                .map(BookingRows.decode)
        }
    }

    public func bookings(_ query: BookingQuery) async throws -> [Booking] {
        try await read { db in
            let (sql, arguments) = Self.bookingsSQL(query)
            // Cached by its text: a filter of the same shape (the booking site's, every request) reuses it.
            return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(BookingRows.decode)
        }
    }

    /// The statement `bookings` runs. Holds are few: ordered by `+start`, a query for them keeps
    /// the planner off the index of starts, which it would otherwise walk through every booking
    /// in order to find them (the sender asks on each round), and on the partial index of holds.
    static func bookingsSQL(_ query: BookingQuery) -> (String, StatementArguments) {
        let (whereSQL, whereArguments) = filter(query)
        let order = query.awaitingOnly ? " ORDER BY +start, id" : " ORDER BY start, id"
        return ("SELECT \(BookingRows.columns) FROM booking" + whereSQL + order + " LIMIT ? OFFSET ?",
                whereArguments + [query.limit, query.offset])
    }

    /// Three columns, no JSON to decode (a booking and an offer of slots read every live booking
    /// around their time).
    public func busyTimes(_ query: BookingQuery) async throws -> [BusyTime] {
        try await read { db in
            let (whereSQL, whereArguments) = Self.filter(query)
            let statement = try db.cachedStatement(sql: "SELECT team_member_id, start, \"end\", status, buffer_before, buffer_after FROM booking" + whereSQL
                                                   + " ORDER BY start, id LIMIT ? OFFSET ?")
            return try Row.fetchAll(statement, arguments: whereArguments + [query.limit, query.offset]).map { row in
                BusyTime(teamMemberID: row[0], start: Date(timeIntervalSince1970: row[1]), end: Date(timeIntervalSince1970: row[2]),
                         holdsTime: BookingStatus(rawValue: row[3])?.isLive ?? false, buffers: BookingRows.buffers(row[4], row[5]))
            }
        }
    }

    public func countBookings(_ query: BookingQuery) async throws -> Int {
        try await read { db in
            let (whereSQL, arguments) = Self.filter(query)
            if whereSQL.isEmpty {
                // A plain count is answered from the smallest index, without stepping every row
                // (100,000 bookings: the console's first frame waited for that walk).
                let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM booking") ?? 0
                return query.limit < 0 ? all : min(all, query.limit)
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM booking" + whereSQL + " LIMIT ?)",
                                    arguments: arguments + [query.limit]) ?? 0
        }
    }

    public func activity(limit: Int) async throws -> [ActivityEvent] {
        try await read { try ActivityRows.recent(limit: limit, in: $0) }
    }

    /// The WHERE clause of a booking query (empty when it filters nothing).
    static func filter(_ query: BookingQuery) -> (String, StatementArguments) {
        var arguments: StatementArguments = []
        var clauses: [String] = []
        // The match cap bounds the index matches looked at; with other filters it could hide
        // every row they keep, so it applies only to a search alone.
        let filtersMore = query.liveOnly || query.awaitingOnly || query.startsFrom != nil || query.startsBefore != nil
            || query.teamMember != nil || query.teamMembers != nil || query.excluding != nil
        if let search = query.search, search.count >= 3 {
            // The trigram index answers substrings of 3+ characters (case-insensitively for every
            // alphabet); the phrase quotes make every character literal (a doubled quote is a quote).
            clauses.append("id IN (SELECT rowid FROM booking_search WHERE booking_search MATCH ? LIMIT ?)")
            arguments += ["\"" + search.replacingOccurrences(of: "\"", with: "\"\"") + "\"",
                          filtersMore ? -1 : (query.matchCap ?? -1)]
        } else if let search = query.search, !search.isEmpty {
            // Shorter than a trigram: a scan, with Unicode case folding (SQLite's LIKE folds ASCII only).
            clauses.append("(linkdesk_contains(customer_name, ?) OR linkdesk_contains(customer_email, ?))")
            arguments += [search, search]
        }
        if query.awaitingOnly {
            // A literal, so that the partial index of holds (v12-holds) serves it.
            clauses.append("status = '\(BookingStatus.awaitingConfirmation.rawValue)'")
        }
        if query.liveOnly {
            clauses.append("status IN " + BookingRows.liveList)
            arguments += BookingRows.liveArguments
        }
        if let from = query.startsFrom {
            clauses.append("start >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let before = query.startsBefore {
            clauses.append("start < ?")
            arguments += [before.timeIntervalSince1970]
        }
        if let member = query.teamMember {
            clauses.append("team_member_id = ?")
            arguments += [member]
        }
        if let members = query.teamMembers {
            clauses.append(members.isEmpty ? "0" : "team_member_id IN (" + members.map { _ in "?" }.joined(separator: ", ") + ")")
            for member in members { arguments += [member] }
        }
        if let excluded = query.excluding {
            clauses.append("id != ?")
            arguments += [excluded]
        }
        return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), arguments)
    }
}
