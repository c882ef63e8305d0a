import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

extension SQLiteStore {
    /// Groups of rows, counted by `WorkspaceUsage.addBookings` and `addOneTimeLinks`.
    public func workspaceUsage(at now: Date) async throws -> WorkspaceUsage {
        try await read { db in
            var usage = WorkspaceUsage()
            for row in try Row.fetchAll(db, sql: """
                SELECT page_id, team_member_id, event_type_id, status, COUNT(*) FROM booking
                GROUP BY page_id, team_member_id, event_type_id, status
                """) {
                usage.addBookings(row[4], page: row[0], member: row[1], eventType: row[2], status: row[3])
            }
            for row in try Row.fetchAll(db, sql: "SELECT master_id, SUM(\(LinkRows.live)), COUNT(*) FROM one_time_link GROUP BY master_id",
                                        arguments: [now.timeIntervalSince1970]) {
                usage.addOneTimeLinks(master: row[0], live: row[1], total: row[2])
            }
            return usage
        }
    }

    /// Runs `WorkspaceReplacementPlan`'s steps, each as SQLite statements. Writes are serialised
    /// (one writer at a time), so the comparison with `base` holds until the commit.
    public func replaceWorkspace(_ change: WorkspaceReplacement) async throws -> [PageID: Int] {
        try await write { db in
            guard try PageRows.load(db) == change.base else { throw StoreConflict.stale }
            var stopped: [PageID: Int] = [:]
            for step in WorkspaceReplacementPlan(change).steps {
                switch step {
                case .upsertEventType(let event):
                    try db.execute(sql: """
                        INSERT INTO event_type (id, name, minutes) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, minutes = excluded.minutes
                        """, arguments: [event.id, event.name, event.minutes])
                case .deletePage(let id):
                    try db.execute(sql: "DELETE FROM former_slug WHERE page_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM calendar_token WHERE member_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM page WHERE id = ?", arguments: [id])
                case .parkSlug(let id, let slug):
                    try db.execute(sql: "UPDATE page SET slug = ? WHERE id = ?", arguments: [slug, id])
                case .updatePage(let page):
                    try PageRows.slugChecked { try PageRows.update(page, in: db) }
                case .insertPage(let page):
                    try PageRows.slugChecked { try PageRows.insert(page, into: db) }
                case .deleteEventType(let id):
                    try db.execute(sql: "DELETE FROM event_type WHERE id = ?", arguments: [id])
                case .keepFormerSlug(let note):
                    try db.execute(sql: "INSERT INTO former_slug (slug, page_id, changed_at) VALUES (?, ?, ?)",
                                   arguments: [note.slug, note.pageID, change.at.timeIntervalSince1970])
                case .invalidateOneTimeLinks(let master):
                    stopped[master] = try LinkRows.invalidateAll(master: master, now: change.at, in: db)
                }
            }
            try ActivityRows.append(change.events(stopped), to: db, by: self.actingLogin)
            return stopped
        }
    }
}
