import Foundation
import GRDB
import LinkdeskService

extension SQLiteStore {
    /// Every former slug, oldest first (for `linkdesk migrate`; the protocol only asks whether a slug is one).
    public func formerSlugs() async throws -> [FormerSlug] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT slug, page_id, changed_at FROM former_slug ORDER BY rowid").map {
                FormerSlug(slug: $0["slug"], pageID: $0["page_id"], changedAt: Date(timeIntervalSince1970: $0["changed_at"]))
            }
        }
    }
}
