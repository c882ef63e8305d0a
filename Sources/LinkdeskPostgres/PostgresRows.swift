import Foundation
import LinkdeskCore
import LinkdeskService

/// Rows ↔ values, as SQLite's `*Rows` do (`Sources/LinkdeskStore`), over libpq results.
enum PostgresRows {
    // MARK: JSON columns

    /// Sorted keys keep the stored document stable (as in SQLite's JSON columns).
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    // MARK: Pages

    /// Writes a workspace (the demo) into an empty database.
    static func insert(_ workspace: Workspace, into c: PGConnection) throws {
        for event in workspace.eventTypes {
            try c.execute("INSERT INTO event_type (id, name, minutes) VALUES ($1, $2, $3)",
                          [event.id, event.name, Int64(event.minutes)])
        }
        for page in workspace.pages {
            try c.execute("INSERT INTO page (id, kind, name, slug, config) VALUES ($1, $2, $3, $4, $5::jsonb)",
                          [page.id, page.kind.rawValue, page.name, page.slug, try config(of: page)])
        }
    }

    static func config(of page: Page) throws -> String {
        switch page {
        case .booking(let p): return try encode(p)
        case .master(let p): return try encode(p)
        }
    }

    static func page(kind: String, config: String) throws -> Page {
        kind == Page.Kind.master.rawValue ? .master(try decode(MasterPage.self, config))
            : .booking(try decode(BookingPage.self, config))
    }

    /// One page as it is in this transaction, locked against changes until it ends
    /// (`FOR SHARE`: a rule switch or slug change waits; `FOR UPDATE`: we are changing it).
    static func page(_ id: PageID, lock: String, in c: PGConnection) throws -> Page? {
        guard let row = try c.execute("SELECT kind, config FROM page WHERE id = $1 \(lock)", [id]).rows.first else { return nil }
        return try page(kind: row.string("kind"), config: row.string("config"))
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
        let pages = rows.parallelMap(minimumPerSlice: 64) { row in Result { try page(kind: row.kind, config: row.config) } }
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

    static func link(_ row: PGRow) -> OneTimeLink {
        OneTimeLink(linkID: row.string("link_id"), tokenHash: row.string("token_hash"), masterPageID: row.int("master_id"),
                    createdAt: row.date("created_at"), expiresAt: row.date("expires_at"),
                    usesAllowed: Int(row.int("uses_allowed")), usesLeft: Int(row.int("uses_left")),
                    revokedAt: row.optionalDate("revoked_at"), invalidatedAt: row.optionalDate("invalidated_at"),
                    personalizedFor: row.optionalString("personalized_for"))
    }

    // MARK: Bookings

    static let bookingColumns = """
        id, page_id, slug_used, team_member_id, event_type_id, starts_at, ends_at, status, customer_name,
        customer_email, details, link_kind, link_id, policy, created_at, reason
        """

    static func booking(_ row: PGRow) throws -> Booking {
        Booking(id: row.int("id"), pageID: row.int("page_id"), slugUsed: row.optionalString("slug_used"),
                teamMemberID: row.int("team_member_id"), eventTypeID: row.int("event_type_id"),
                start: row.date("starts_at"), end: row.date("ends_at"),
                status: try known(BookingStatus(rawValue: row.string("status")), row.string("status")),
                customer: Customer(name: row.string("customer_name"), email: row.string("customer_email")),
                details: try decode(Personalization.self, row.string("details")),
                linkKind: try known(Link.Kind(rawValue: row.string("link_kind")), row.string("link_kind")),
                linkID: row.optionalString("link_id"),
                policy: try decode(ChangePolicy.self, row.string("policy")),
                createdAt: row.date("created_at"), reason: row.optionalString("reason"))
    }

    private static func known<T>(_ value: T?, _ raw: String) throws -> T {
        guard let value else {
            throw StoreError("a booking holds a value this linkdesk does not know (\(raw)): is the database from a newer version?")
        }
        return value
    }

    // MARK: Activity

    /// Appends events in order (ids follow it), a few hundred rows per statement.
    static func append(_ events: [ActivityEvent], to c: PGConnection) throws {
        var start = 0
        while start < events.count {
            let chunk = events[start..<min(events.count, start + 500)]
            var values: [String] = []
            var parameters: [PGBindable?] = []
            for event in chunk {
                let n = parameters.count
                values.append("($\(n + 1), $\(n + 2), $\(n + 3), $\(n + 4), $\(n + 5))")
                parameters += [event.at, event.actor.rawValue, event.kind.rawValue, event.subject, event.detail]
            }
            try c.execute("INSERT INTO activity (at, actor, kind, subject, detail) VALUES " + values.joined(separator: ", "),
                          parameters)
            start += chunk.count
        }
    }

    static func activity(limit: Int, in c: PGConnection) throws -> [ActivityEvent] {
        try c.execute("SELECT at, actor, kind, subject, detail FROM activity ORDER BY id DESC LIMIT $1", [limit]).rows.map { row in
            guard let actor = Actor(rawValue: row.string("actor")), let kind = ActivityEvent.Kind(rawValue: row.string("kind")) else {
                throw StoreError("the activity table holds an event this linkdesk does not know (\(row.string("kind"))): is the database from a newer version?")
            }
            return ActivityEvent(at: row.date("at"), actor: actor, kind: kind, subject: row.string("subject"),
                                 detail: row.string("detail"))
        }
    }
}
