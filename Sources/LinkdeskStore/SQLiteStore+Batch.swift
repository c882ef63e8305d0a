import Foundation
import GRDB
import LinkdeskCore

/// Many links in one transaction, for `linkdesk batch`: one IMMEDIATE transaction and one commit
/// per chunk instead of one per link, with the same rules and the same rows (link and activity
/// event) as `createOneTimeLink` and `recordShare`.
extension SQLiteStore {
    public func createOneTimeLinks(_ requests: [NewOneTimeLink], now: Date,
                                   relabel: () -> String) throws -> [OneTimeLink] {
        guard let first = requests.first else { return [] }
        guard requests.allSatisfy({ $0.masterPageID == first.masterPageID }) else {
            throw Refusal("a batch of one-time links belongs to one master page")
        }
        let expiries = try requests.map { try $0.options.expiry(from: now) }
        return try write { db in
            // Each chunk inserts into two indexes at random places: keep their pages cached
            // between chunks (64 MiB; SQLite's default is 2 MiB) instead of reading them back.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            let page = try Self.batchPage(id: first.masterPageID, in: db)
            if let refusal = page.oneTimeRefusal { throw refusal }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO one_time_link (link_id, token_hash, master_id, created_at, expires_at, uses_allowed,
                                           uses_left, personalized_for)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (link_id) DO NOTHING
                """)
            let activity = try db.cachedStatement(sql: """
                INSERT INTO activity (at, actor, kind, subject, detail) VALUES (?, ?, ?, ?, ?)
                """)
            let at = now.timeIntervalSince1970
            var made: [OneTimeLink] = []
            made.reserveCapacity(requests.count)
            for (request, expiresAt) in zip(requests, expiries) {
                var link = OneTimeLink(linkID: request.linkID, tokenHash: request.tokenHash, masterPageID: page.id,
                                       createdAt: now, expiresAt: expiresAt, usesAllowed: request.options.uses,
                                       usesLeft: request.options.uses, personalizedFor: request.personalizedFor)
                // Listing ids are short (31^6 ≈ 8.9e8), so a batch of 100,000 beside as many
                // existing links meets a taken one a few times: draw another id and insert again.
                var attempts = 0
                while true {
                    try insert.execute(arguments: [link.linkID, link.tokenHash, link.masterPageID, at,
                                                   expiresAt.timeIntervalSince1970, link.usesAllowed, link.usesLeft,
                                                   link.personalizedFor])
                    if db.changesCount == 1 { break }
                    attempts += 1
                    guard attempts < 32 else { throw StoreError("could not find a free one-time link id") }
                    link.linkID = relabel()
                }
                let detail = link.linkID + (link.personalizedFor.map { " for \($0)" } ?? "")
                    + (link.usesAllowed > 1 ? ", \(link.usesAllowed) uses" : "")
                try activity.execute(arguments: [at, Actor.staff.rawValue, ActivityEvent.Kind.oneTimeCreated.rawValue,
                                                 page.name, detail])
                made.append(link)
            }
            return made
        }
    }

    public func recordShares(page: Page, _ shares: [(kind: Link.Kind, detail: String)], now: Date) throws {
        guard !shares.isEmpty else { return }
        try write { db in
            let activity = try db.cachedStatement(sql: """
                INSERT INTO activity (at, actor, kind, subject, detail) VALUES (?, ?, ?, ?, ?)
                """)
            for (kind, detail) in shares {
                try activity.execute(arguments: [now.timeIntervalSince1970, Actor.staff.rawValue,
                                                 ActivityEvent.Kind.linkShared.rawValue, page.name,
                                                 detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)"])
            }
        }
    }

    /// The page as it is inside this transaction (another process may have switched its rule
    /// type since the batch started), read alone rather than with the whole workspace.
    private static func batchPage(id: PageID, in db: Database) throws -> Page {
        guard let row = try Row.fetchOne(db, sql: "SELECT kind, config FROM page WHERE id = ?", arguments: [id]) else {
            throw Refusal("unknown page #\(id)")
        }
        let config: String = row["config"]
        if row["kind"] as String == Page.Kind.master.rawValue {
            return .master(try JSONColumn.decode(MasterPage.self, config))
        }
        return .booking(try JSONColumn.decode(BookingPage.self, config))
    }
}
