import Foundation
import GRDB
import LinkdeskCore

extension SQLiteStore {
    /// One link is a batch of one: the same rules, rows and id-collision handling. A taken listing
    /// id is replaced by a fresh one from the system's random source.
    public func createOneTimeLink(_ request: NewOneTimeLink, now: Date) throws -> OneTimeLink {
        guard let link = try createOneTimeLinks([request], now: now, relabel: { Token.linkID(using: SystemRandomSource()) }).first else {
            throw StoreError("the one-time link was not stored")
        }
        return link
    }

    /// Lists every one-time link, newest first. Links that have expired since the last look are
    /// noted in the activity stream once (expiry happens by the clock, not by an action, so the
    /// first reader records it).
    public func oneTimeLinks(now: Date) throws -> [OneTimeLink] {
        let links = try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM one_time_link ORDER BY created_at DESC, link_id").map(LinkRows.decode)
        }
        let newlyExpired = links.filter { $0.status(at: now) == .expired }
        if !newlyExpired.isEmpty { try noteExpired(now: now) }
        return links
    }

    private func noteExpired(now: Date) throws {
        try write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.link_id, p.name FROM one_time_link o JOIN page p ON p.id = o.master_id
                WHERE o.expiry_noted = 0 AND o.expires_at <= ? AND o.revoked_at IS NULL
                  AND o.invalidated_at IS NULL AND o.uses_left > 0
                """, arguments: [now.timeIntervalSince1970])
            for row in rows {
                try ActivityRows.append(ActivityEvent(at: now, actor: .staff, kind: .oneTimeExpired,
                                                      subject: row["name"], detail: row["link_id"]), to: db)
                try db.execute(sql: "UPDATE one_time_link SET expiry_noted = 1 WHERE link_id = ?",
                               arguments: [row["link_id"] as String])
            }
        }
    }

    public func revoke(linkID: String, now: Date) throws -> OneTimeLink {
        try write { db in
            guard var link = try LinkRows.find(linkID: linkID, in: db) else {
                throw Refusal("unknown one-time link id \"\(linkID)\" (see `linkdesk links`)")
            }
            switch link.status(at: now) {
            case .live: break
            case .revoked: throw Refusal("one-time link \(linkID) is already revoked")
            case let other: throw Refusal("one-time link \(linkID) is \(other.rawValue): there is nothing to revoke")
            }
            try db.execute(sql: "UPDATE one_time_link SET revoked_at = ? WHERE link_id = ?",
                           arguments: [now.timeIntervalSince1970, linkID])
            link.revokedAt = now
            let name = try String.fetchOne(db, sql: "SELECT name FROM page WHERE id = ?", arguments: [link.masterPageID])
            try ActivityRows.append(ActivityEvent(at: now, actor: .staff, kind: .oneTimeRevoked, subject: name ?? "",
                                                  detail: linkID), to: db)
            return link
        }
    }

    public func resolve(_ link: Link, now: Date) throws -> ResolvedLink {
        try read { try Self.resolve(link, in: $0) }
    }

    /// What a URL points at, with the refusals a customer following it would get.
    static func resolve(_ link: Link, in db: Database) throws -> ResolvedLink {
        let workspace = try PageRows.load(db)
        switch link.target {
        case .page(let slug):
            if let page = workspace.page(slug: slug) { return ResolvedLink(page: page, oneTime: nil) }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM former_slug WHERE slug = ?", arguments: [slug]) == true {
                throw Refusal("this page link was changed and no longer works: ask for the new link")
            }
            throw Refusal("no page at the link \"\(slug)\"")
        case .oneTime(let token):
            guard let oneTime = try LinkRows.find(tokenHash: Token.hash(token), in: db) else {
                throw Refusal("unknown one-time link: it was never generated here (or mistyped)")
            }
            guard let page = workspace.page(id: oneTime.masterPageID) else {
                throw Refusal("the master page of this one-time link no longer exists")
            }
            return ResolvedLink(page: page, oneTime: oneTime)
        }
    }
}
