import Foundation
import LinkdeskCore
import LinkdeskService

/// Rows ↔ values, as SQLite's `*Rows` do (`Sources/LinkdeskStore`), over libpq results.
enum PostgresRows {
    // MARK: Pages

    /// Writes a workspace (the demo) into an empty database.
    static func insert(_ workspace: Workspace, into c: PGConnection) throws {
        for event in workspace.eventTypes {
            try c.execute("INSERT INTO event_type (id, name, minutes) VALUES ($1, $2, $3)",
                          [event.id, event.name, Int64(event.minutes)])
        }
        for page in workspace.pages {
            try c.execute("INSERT INTO page (id, kind, name, slug, config) VALUES ($1, $2, $3, $4, $5::jsonb)",
                          [page.id, page.kind.rawValue, page.name, page.slug, try PageConfigCodec.encode(page)])
        }
    }

    /// One page as it is in this transaction, locked against changes until it ends
    /// (`FOR SHARE`: a rule switch or slug change waits; `FOR UPDATE`: we are changing it).
    static func page(_ id: PageID, lock: String, in c: PGConnection) throws -> Page? {
        guard let row = try c.execute("SELECT kind, config FROM page WHERE id = $1 \(lock)", [id]).rows.first else { return nil }
        return try PageConfigCodec.decode(kind: row.string("kind"), config: row.string("config"))
    }

    static func workspaceVersion(_ c: PGConnection) throws -> Int64 {
        guard let row = try c.execute("SELECT n FROM workspace_version").rows.first else {
            throw StoreError("the database has no workspace version: was workspace_version emptied by hand?")
        }
        return row.int("n")
    }

    static func workspace(_ c: PGConnection) throws -> Workspace {
        let events = try c.execute("SELECT id, name, minutes FROM event_type ORDER BY id").rows.map {
            EventType(id: $0.int("id"), name: $0.string("name"), minutes: Int($0.int("minutes")))
        }
        let rows: [(kind: String, config: String)] = try c.execute("SELECT kind, config FROM page ORDER BY id").rows
            .map { ($0.string(0), $0.string(1)) }
        let pages = rows.parallelMap(minimumPerSlice: 64) { row in Result { try PageConfigCodec.decode(kind: row.kind, config: row.config) } }
        var bookingPages: [BookingPage] = []
        var masterPages: [MasterPage] = []
        for result in pages {
            switch try result.get() {
            case .booking(let page): bookingPages.append(page)
            case .master(let page): masterPages.append(page)
            }
        }
        return Workspace(eventTypes: events, bookingPages: bookingPages, masterPages: masterPages)
    }

    // MARK: One-time links

    /// `one_time_link`'s columns but `token_hash`.
    static let linkColumnsWithoutHash = "link_id, master_id, created_at, expires_at, uses_allowed, uses_left, revoked_at, "
        + "invalidated_at, personalized_for, made_by"

    /// A link row; one read without its hash (NULL: the site's login) has an empty `tokenHash`.
    static func link(_ row: PGRow) -> OneTimeLink {
        OneTimeLink(linkID: row.string("link_id"), tokenHash: row.string("token_hash"),
                    masterPageID: row.int("master_id"),
                    createdAt: row.date("created_at"), expiresAt: row.date("expires_at"),
                    usesAllowed: Int(row.int("uses_allowed")), usesLeft: Int(row.int("uses_left")),
                    revokedAt: row.optionalDate("revoked_at"), invalidatedAt: row.optionalDate("invalidated_at"),
                    personalizedFor: row.optionalString("personalized_for"), madeBy: row.optionalString("made_by"))
    }

    /// When a link is live, in SQL: the one text every statement of this store that asks uses,
    /// `now` being the parameter that holds the time (`"$1"`). It must say what
    /// `OneTimeLink.status(at:) == .live` says in Core (`LiveLinkTests` checks every statement
    /// against it); `expires_at > now` because a link is expired from its expiry on.
    static func live(now: String) -> String {
        "(uses_left > 0 AND revoked_at IS NULL AND invalidated_at IS NULL AND expires_at > \(now))"
    }

    /// Marks every link of a master page invalidated and returns how many were live. Links
    /// already used, revoked or expired are marked too, so that bookings made through them can
    /// no longer be rescheduled; only the live ones count as "stopped working". One statement:
    /// the count is of the rows the update marked, as they are once it has them locked; each is
    /// returned with the `invalidated_at` it had (NULL: only unmarked rows are marked), so that
    /// `live` asks of it exactly what it asks of a stored row.
    static func invalidateOneTimeLinks(master: PageID, at: Date, in c: PGConnection) throws -> Int {
        Int(try c.execute("""
            WITH marked AS (
                UPDATE one_time_link SET invalidated_at = $1 WHERE master_id = $2 AND invalidated_at IS NULL
                RETURNING uses_left, revoked_at, NULL::timestamptz AS invalidated_at, expires_at)
            SELECT count(*) FILTER (WHERE \(live(now: "$1"))) AS live FROM marked
            """, [at, master]).rows[0].int("live"))
    }

    // MARK: Bookings

    static let bookingColumns = """
        id, page_id, slug_used, team_member_id, event_type_id, starts_at, ends_at, status, customer_name,
        customer_email, details, link_kind, link_id, policy, created_at, reason, blocked_from, blocked_until
        """

    static func booking(_ row: PGRow) throws -> Booking {
        Booking(id: row.int("id"), pageID: row.int("page_id"), slugUsed: row.optionalString("slug_used"),
                teamMemberID: row.int("team_member_id"), eventTypeID: row.int("event_type_id"),
                start: row.date("starts_at"), end: row.date("ends_at"),
                status: try known(BookingStatus(rawValue: row.string("status")), row.string("status")),
                customer: Customer(name: row.string("customer_name"), email: row.string("customer_email")),
                details: try StoredJSON.decode(Personalization.self, row.string("details")),
                linkKind: try known(Link.Kind(rawValue: row.string("link_kind")), row.string("link_kind")),
                linkID: row.optionalString("link_id"),
                policy: try StoredJSON.decode(ChangePolicy.self, row.string("policy")),
                createdAt: row.date("created_at"), reason: row.optionalString("reason"),
                buffers: buffers(start: row.date("starts_at"), end: row.date("ends_at"), from: row.optionalDate("blocked_from"),
                                 until: row.optionalDate("blocked_until")))
    }

    /// A booking's buffers from the time it keeps (`blocked_from`, `blocked_until`, NULL: its
    /// own); nil for none.
    static func buffers(start: Date, end: Date, from: Date?, until: Date?) -> MeetingBuffers? {
        let before = Int((start.timeIntervalSince(from ?? start) / 60).rounded())
        let after = Int(((until ?? end).timeIntervalSince(end) / 60).rounded())
        return before == 0 && after == 0 ? nil : MeetingBuffers(before: before, after: after)
    }

    /// What a booking stores as the time it keeps: NULL, NULL without buffers.
    static func blocked(_ booking: Booking) -> (from: Date?, until: Date?) {
        booking.buffers == nil ? (nil, nil) : (booking.blockedStart, booking.blockedEnd)
    }

    private static func known<T>(_ value: T?, _ raw: String) throws -> T {
        guard let value else {
            throw StoreError("a booking holds a value this linkdesk does not know (\(raw)): is the database from a newer version?")
        }
        return value
    }

    // MARK: Activity

    /// Appends events in order (ids follow it), a few hundred rows per statement.
    /// Staff events are recorded under `login`, the store's `session_user` (unless the event names
    /// one; nil: as the events say, for a dump moved in).
    static func append(_ events: [ActivityEvent], to c: PGConnection, by login: String?) throws {
        var start = 0
        while start < events.count {
            let chunk = events[start..<min(events.count, start + 500)]
            var values: [String] = []
            var parameters: [PGBindable?] = []
            for event in chunk {
                let n = parameters.count
                values.append("($\(n + 1), $\(n + 2), $\(n + 3), $\(n + 4), $\(n + 5), $\(n + 6))")
                parameters += [event.at, event.actor.rawValue, event.kind.rawValue, event.subject, event.detail,
                               event.by ?? (event.actor == .staff ? login : nil)]
            }
            try c.execute("INSERT INTO activity (at, actor, kind, subject, detail, by_login) VALUES " + values.joined(separator: ", "),
                          parameters)
            start += chunk.count
        }
    }

    static func activity(limit: Int, in c: PGConnection) throws -> [ActivityEvent] {
        try c.execute("SELECT at, actor, kind, subject, detail, by_login FROM activity ORDER BY id DESC LIMIT $1", [limit]).rows.map { row in
            guard let actor = Actor(rawValue: row.string("actor")), let kind = ActivityEvent.Kind(rawValue: row.string("kind")) else {
                throw StoreError("the activity table holds an event this linkdesk does not know (\(row.string("kind"))): is the database from a newer version?")
            }
            return ActivityEvent(at: row.date("at"), actor: actor, kind: kind, subject: row.string("subject"),
                                 detail: row.string("detail"), by: row.optionalString("by_login"))
        }
    }
}
