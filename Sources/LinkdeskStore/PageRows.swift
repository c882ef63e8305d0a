import GRDB
import LinkdeskCore
import LinkdeskService

/// Pages as rows: indexed columns plus the configuration document.
enum PageRows {
    static func insert(_ page: Page, into db: Database) throws {
        try db.execute(sql: "INSERT INTO page (id, kind, name, slug, config) VALUES (?, ?, ?, ?, ?)",
                       arguments: [page.id, page.kind.rawValue, page.name, page.slug, try PageConfigCodec.encode(page)])
    }

    static func update(_ page: Page, in db: Database) throws {
        try db.execute(sql: "UPDATE page SET name = ?, slug = ?, config = ? WHERE id = ?",
                       arguments: [page.name, page.slug, try PageConfigCodec.encode(page), page.id])
    }

    /// Runs a page write; a slug another page has (the `UNIQUE` index on `page.slug`) is
    /// `StoreConflict.slugTaken`.
    static func slugChecked(_ write: () throws -> Void) throws {
        do {
            try write()
        } catch let error as DatabaseError
                    where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && error.message?.contains("page.slug") == true {
            throw StoreConflict.slugTaken
        }
    }

    /// One page as it is in this transaction, read alone rather than with the whole workspace.
    static func find(_ id: PageID, in db: Database) throws -> Page? {
        guard let row = try Row.fetchOne(db, sql: "SELECT kind, config FROM page WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let config: String = row["config"]
        return try decode(kind: row["kind"], config: Array(config.utf8))
    }

    /// `ConfigReader` reads the configurations linkdesk writes, from the column's bytes
    /// (`RawRows.bytes`); anything else (and every error) goes through `PageConfigCodec`, the
    /// decoder both stores share, as text.
    static func decode(kind: String, config: [UInt8]) throws -> Page {
        switch PageConfigCodec.kind(kind) {
        case .master: if let page = ConfigReader.masterPage(config) { return .master(page) }
        case .booking: if let page = ConfigReader.bookingPage(config) { return .booking(page) }
        }
        return try PageConfigCodec.decode(kind: kind, config: String(decoding: config, as: UTF8.self))
    }

    /// Every page's summary in the workspace's order (booking pages, then master pages, each by
    /// id), from the indexed columns; a master page's two rule settings come out of its
    /// configuration through SQLite's JSON functions, which is all the summary needs of it. JSON
    /// without those two values (or with unknown ones) is decoded whole instead, which fails as
    /// `workspace()` would; JSON SQLite can't parse fails the read, as it would too. One
    /// scan in rowid order, split by kind here: ordering by kind in SQL sorted every row, which
    /// cost as much as the scan.
    static func summaries(_ db: Database) throws -> [PageSummary] {
        var booking: [PageSummary] = [], master: [PageSummary] = []
        var unread: [Int] = []  // positions in `master`
        try RawRows.forEach("""
            SELECT id, kind = 'master', name, slug,
                   CASE WHEN kind = 'master' THEN json_extract(config, '$.scenario') END,
                   CASE WHEN kind = 'master' THEN json_extract(config, '$.ruleType') END
            FROM page ORDER BY id
            """, in: db) { row in
            let id = RawRows.int64(row, 0), name = RawRows.text(row, 2), slug = RawRows.text(row, 3)
            guard RawRows.int64(row, 1) != 0 else {
                booking.append(PageSummary(id: id, kind: .booking, name: name, slug: slug, allowsOneTimeLinks: false))
                return
            }
            let scenario = RawRows.optionalText(row, 4).flatMap(Scenario.init(rawValue:))
            let ruleType = RawRows.optionalText(row, 5).flatMap(RuleType.init(rawValue:))
            var allows = false
            if let scenario, let ruleType {
                allows = MasterPage.allowsOneTimeLinks(scenario: scenario, ruleType: ruleType)
            } else {
                unread.append(master.count)
            }
            master.append(PageSummary(id: id, kind: .master, name: name, slug: slug, allowsOneTimeLinks: allows))
        }
        for position in unread {
            guard let page = try find(master[position].id, in: db) else { continue }
            master[position] = page.summary
        }
        return booking + master
    }

    /// The whole workspace, or with `bookingPagesUpTo` only the event types and that many booking
    /// pages (the top of the page list). Decoding the pages' JSON is most of a first frame's
    /// work with a thousand pages, so it runs on every core; the database read itself is one pass.
    static func load(_ db: Database, bookingPagesUpTo limit: Int? = nil) throws -> Workspace {
        var events: [EventType] = []
        try RawRows.forEach("SELECT id, name, minutes FROM event_type ORDER BY id", in: db) { row in
            events.append(EventType(id: RawRows.int64(row, 0), name: RawRows.text(row, 1), minutes: Int(RawRows.int64(row, 2))))
        }
        var rows: [(kind: String, config: [UInt8])] = []
        let read: (SQLiteStatement) -> Void = { row in rows.append((RawRows.text(row, 0), RawRows.bytes(row, 1))) }
        if let limit {
            // `decode` reads every kind but master as a booking page.
            try RawRows.forEach("SELECT kind, config FROM page WHERE kind != 'master' ORDER BY id LIMIT \(max(limit, 0))", in: db, read)
        } else {
            try RawRows.forEach("SELECT kind, config FROM page ORDER BY id", in: db, read)
        }
        let pages = rows.parallelMap(minimumPerSlice: 64) { row in Result { try decode(kind: row.kind, config: row.config) } }
        var bookingPages: [BookingPage] = []
        var masterPages: [MasterPage] = []
        bookingPages.reserveCapacity(pages.count)
        for result in pages {
            switch try result.get() {
            case .booking(let page): bookingPages.append(page)
            case .master(let page): masterPages.append(page)
            }
        }
        return Workspace(eventTypes: events, bookingPages: bookingPages, masterPages: masterPages)
    }
}
