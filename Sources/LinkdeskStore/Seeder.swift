import GRDB
import LinkdeskCore
import LinkdeskService

/// Writes a workspace (the demo, or a benchmark's generated one) into an empty database.
public enum Seeder {
    public static func insert(_ workspace: Workspace, into db: Database) throws {
        for event in workspace.eventTypes {
            try db.execute(sql: "INSERT INTO event_type (id, name, minutes) VALUES (?, ?, ?)",
                           arguments: [event.id, event.name, event.minutes])
        }
        for page in workspace.pages {
            try PageRows.insert(page, into: db)
        }
    }
}

/// Pages as rows: indexed columns plus the configuration document.
enum PageRows {
    static func insert(_ page: Page, into db: Database) throws {
        try db.execute(sql: "INSERT INTO page (id, kind, name, slug, config) VALUES (?, ?, ?, ?, ?)",
                       arguments: [page.id, page.kind.rawValue, page.name, page.slug, try config(of: page)])
    }

    static func update(_ page: Page, in db: Database) throws {
        try db.execute(sql: "UPDATE page SET name = ?, slug = ?, config = ? WHERE id = ?",
                       arguments: [page.name, page.slug, try config(of: page), page.id])
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
    /// (`RawRows.bytes`); anything else (and every error) goes through `JSONDecoder`, as text.
    static func decode(kind: String, config: [UInt8]) throws -> Page {
        if kind == Page.Kind.master.rawValue {
            return .master(try ConfigReader.masterPage(config)
                ?? JSONColumn.decode(MasterPage.self, String(decoding: config, as: UTF8.self)))
        }
        return .booking(try ConfigReader.bookingPage(config)
            ?? JSONColumn.decode(BookingPage.self, String(decoding: config, as: UTF8.self)))
    }

    static func config(of page: Page) throws -> String {
        switch page {
        case .booking(let p): return try JSONColumn.encode(p)
        case .master(let p): return try JSONColumn.encode(p)
        }
    }

    /// The whole workspace. Decoding the pages' JSON is most of a first frame's work with a
    /// thousand pages, so it runs on every core; the database read itself is one pass.
    static func load(_ db: Database) throws -> Workspace {
        var events: [EventType] = []
        try RawRows.forEach("SELECT id, name, minutes FROM event_type ORDER BY id", in: db) { row in
            events.append(EventType(id: RawRows.int64(row, 0), name: RawRows.text(row, 1), minutes: Int(RawRows.int64(row, 2))))
        }
        var rows: [(kind: String, config: [UInt8])] = []
        try RawRows.forEach("SELECT kind, config FROM page ORDER BY id", in: db) { row in
            rows.append((RawRows.text(row, 0), RawRows.bytes(row, 1)))
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
