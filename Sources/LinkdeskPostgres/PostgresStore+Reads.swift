import Foundation
import LinkdeskCore
import LinkdeskService

extension PostgresStore {
    /// The workspace, read again only when it changed: a booking or a page view asks for it on
    /// every request, and reading and decoding every page each time was most of a booking's
    /// work on this store. While the change listener runs (a server or a console started it),
    /// its pushed workspace stamp says so with no round trip; the stamp is taken before the read,
    /// so a change committed during the read moves it and the next call reads again. Otherwise
    /// one round trip reads the version row (migration 4) and compares it.
    ///
    /// With the pushed stamp, another program's change is seen once its notification has
    /// arrived (well under a millisecond on the same machine or LAN), as the booking site's
    /// page cache sees it; this store's own changes at once (`write(workspace:)`). Nothing
    /// that guards a booking rests on it: the booking's own statement re-checks the slug, the
    /// link's uses and the overlap.
    public func workspace() async throws -> Workspace {
        if let pushed = listener.workspaceStamp() {
            let stamp = WorkspaceStamp.pushed(pushed)
            if let kept = workspaceCache.value(at: stamp) { return kept }
            let workspace = try await read { c in try PostgresRows.workspace(c) }
            workspaceCache.keep(workspace, at: stamp)
            return workspace
        }
        let version = try await readOne { try PostgresRows.workspaceVersion($0) }
        if let kept = workspaceCache.value(at: .read(version)) { return kept }
        let (read, workspace) = try await read { c in (try PostgresRows.workspaceVersion(c), try PostgresRows.workspace(c)) }
        workspaceCache.keep(workspace, at: .read(read))
        return workspace
    }

    /// Text orders use `COLLATE "C"` (byte order), as SQLite's BINARY does, whatever the database's locale.
    public func oneTimeLinks() async throws -> [OneTimeLink] {
        try await readOne { c in
            try c.execute("SELECT * FROM one_time_link ORDER BY created_at DESC, link_id COLLATE \"C\"").rows.map(PostgresRows.link)
        }
    }

    public func oneTimeLink(tokenHash: String) async throws -> OneTimeLink? {
        try await readOne { c in
            // Through the lookup function: the site's login may look a hash up, never list them (`PostgresRoles`).
            try c.execute("SELECT * FROM linkdesk_one_time_link($1)", [tokenHash]).rows.first.map(PostgresRows.link)
        }
    }

    public func oneTimeLink(id: String) async throws -> OneTimeLink? {
        try await readOne { c in
            // The hash through `linkdesk_link_hash`: the site's login may not read hashes
            // (`PostgresRoles`), and gets the link with an empty `tokenHash`.
            try c.execute("SELECT \(PostgresRows.linkColumnsWithoutHash), linkdesk_link_hash(link_id) AS token_hash FROM one_time_link WHERE link_id = $1",
                          [id]).rows.first.map(PostgresRows.link)
        }
    }

    public func oneTimeLinks(expiredBy now: Date, limit: Int) async throws -> [OneTimeLink] {
        try await readOne { c in
            try c.execute("""
                SELECT * FROM one_time_link
                WHERE expires_at <= $1 AND uses_left > 0
                  AND (revoked_at IS NULL OR revoked_at > expires_at)
                  AND (invalidated_at IS NULL OR invalidated_at > expires_at)
                ORDER BY expires_at DESC, link_id COLLATE "C" LIMIT $2
                """, [now, limit]).rows.map(PostgresRows.link)
        }
    }

    public func isFormerSlug(_ slug: String) async throws -> Bool {
        try await readOne { c in
            try c.execute("SELECT 1 FROM former_slug WHERE lower(slug) = lower($1) LIMIT 1", [slug]).rowCount > 0
        }
    }

    public func booking(id: BookingID) async throws -> Booking? {
        try await readOne { c in
            try c.execute("SELECT \(PostgresRows.bookingColumns) FROM booking WHERE id = $1", [id]).rows.first.map(PostgresRows.booking)
        }
    }

    public func manageNonce(booking: BookingID) async throws -> String? {
        try await readOne { c in try c.execute("SELECT linkdesk_manage_nonce($1) AS n", [booking]).rows.first?.optionalString("n") }
    }

    public func outbox(booking: BookingID?, limit: Int) async throws -> [OutboxItem] {
        try await readOne { c in
            try Self.outboxItems(c.execute("""
                SELECT \(Self.outboxColumns) FROM outbox WHERE $1::bigint IS NULL OR booking_id = $1 ORDER BY id LIMIT $2
                """, [booking, max(limit, 0)]))
        }
    }

    static let outboxColumns = "id, booking_id, kind, due_at, sequence, before_seconds, state, attempts, last_error, sent_at"
    /// The same columns named through the table, for a statement that joins another relation with an `id`.
    static let qualifiedOutboxColumns = outboxColumns.split(separator: ",").map { "outbox." + $0.trimmingCharacters(in: .whitespaces) }
        .joined(separator: ", ")

    static func outboxItems(_ result: PGResult) throws -> [OutboxItem] {
        try result.rows.map { row in
            try OutboxItem.stored(id: row.int("id"), bookingID: row.int("booking_id"), kind: row.string("kind"), state: row.string("state"),
                                  due: row.date("due_at"), sequence: Int(row.int("sequence")),
                                  before: row.optionalInt("before_seconds").map(Int.init), attempts: Int(row.int("attempts")),
                                  lastError: row.optionalString("last_error"), sentAt: row.optionalDate("sent_at"))
        }
    }

    public func bookings(_ query: BookingQuery) async throws -> [Booking] {
        try await list(query, columns: PostgresRows.bookingColumns) { try PostgresRows.booking($0) }
    }

    /// Three columns, no JSON to decode: a booking and an offer of slots read every live
    /// booking around their time.
    public func busyTimes(_ query: BookingQuery) async throws -> [BusyTime] {
        try await list(query, columns: "team_member_id, starts_at, ends_at, status, blocked_from, blocked_until") { row in
            let start = row.date("starts_at"), end = row.date("ends_at")
            return BusyTime(teamMemberID: row.int("team_member_id"), start: start, end: end,
                            holdsTime: BookingStatus(rawValue: row.string("status"))?.isLive ?? false,
                            buffers: PostgresRows.buffers(start: start, end: end, from: row.optionalDate("blocked_from"),
                                                          until: row.optionalDate("blocked_until")))
        }
    }

    /// The page of bookings `query` asks for, in start order, as `columns` read by `row`.
    private func list<T: Sendable>(_ query: BookingQuery, columns: String,
                                   _ row: @escaping @Sendable (PGRow) throws -> T) async throws -> [T] {
        try await readOne { c in
            var (whereSQL, parameters) = Self.filter(query)
            let n = parameters.count
            parameters += [query.limit, query.offset]
            return try c.execute("SELECT \(columns) FROM booking" + whereSQL
                                 + " ORDER BY starts_at, id LIMIT $\(n + 1) OFFSET $\(n + 2)", parameters).rows.map(row)
        }
    }

    public func countBookings(_ query: BookingQuery) async throws -> Int {
        try await readOne { c in
            var (whereSQL, parameters) = Self.filter(query)
            parameters.append(query.limit)
            return Int(try c.execute("SELECT count(*) AS n FROM (SELECT 1 FROM booking" + whereSQL
                                     + " LIMIT $\(parameters.count)) AS matches", parameters).rows[0].int("n"))
        }
    }

    public func activity(limit: Int) async throws -> [ActivityEvent] {
        try await readOne { try PostgresRows.activity(limit: limit, in: $0) }
    }

    /// The WHERE clause of a booking query (empty when it filters nothing) and its parameters.
    /// The search is a substring of the name or email in any case and alphabet (ICU's lower on
    /// both sides), taken literally (`%`, `_` and `\` escaped), which the trigram indexes serve.
    /// The match cap is a hint this store does not need.
    static func filter(_ query: BookingQuery) -> (String, [PGBindable?]) {
        var parameters: [PGBindable?] = []
        var clauses: [String] = []
        func parameter(_ value: PGBindable) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        if let search = query.search, !search.isEmpty {
            let literal = search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            let p = parameter("%" + literal + "%")
            clauses.append("""
                (lower(customer_name COLLATE "und-x-icu") LIKE lower(\(p)::text COLLATE "und-x-icu")
                 OR lower(customer_email COLLATE "und-x-icu") LIKE lower(\(p)::text COLLATE "und-x-icu"))
                """)
        }
        if query.awaitingOnly {
            clauses.append("status = '\(BookingStatus.awaitingConfirmation.rawValue)'")
        }
        if query.liveOnly {
            // Literals, not parameters: a prepared statement's generic plan can use the partial
            // index `booking_live_by_start` only when the predicate is in the text.
            let live = BookingStatus.allCases.filter(\.isLive).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            clauses.append("status IN (\(live))")
        }
        if let from = query.startsFrom { clauses.append("starts_at >= \(parameter(from))") }
        if let before = query.startsBefore { clauses.append("starts_at < \(parameter(before))") }
        if let member = query.teamMember { clauses.append("team_member_id = \(parameter(member))") }
        if let members = query.teamMembers {
            clauses.append(members.isEmpty ? "false" : "team_member_id IN (" + members.map { parameter($0) }.joined(separator: ", ") + ")")
        }
        if let excluded = query.excluding { clauses.append("id <> \(parameter(excluded))") }
        return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), parameters)
    }
}

/// What the kept workspace was read at: the listener's pushed workspace stamp, or the version
/// row read in a round trip. The two never compare equal, so a switch between them reads again.
enum WorkspaceStamp: Equatable, Sendable {
    case pushed(UInt64)
    case read(Int64)
}
