import Foundation
import LinkdeskCore
import LinkdeskService

extension PostgresStore {
    /// Groups of rows, counted by `WorkspaceUsage.addBookings` and `addOneTimeLinks`.
    public func workspaceUsage(at now: Date) async throws -> WorkspaceUsage {
        try await read { c in
            var usage = WorkspaceUsage()
            for row in try c.execute("""
                SELECT page_id, team_member_id, event_type_id, status, count(*) AS n FROM booking
                GROUP BY page_id, team_member_id, event_type_id, status
                """).rows {
                usage.addBookings(Int(row.int("n")), page: row.int("page_id"), member: row.int("team_member_id"),
                                    eventType: row.int("event_type_id"), status: row.string("status"))
            }
            for row in try c.execute("""
                SELECT master_id, count(*) AS total, count(*) FILTER (WHERE \(PostgresRows.live(now: "$1"))) AS live
                FROM one_time_link GROUP BY master_id
                """, [now]).rows {
                usage.addOneTimeLinks(master: row.int("master_id"), live: Int(row.int("live")), total: Int(row.int("total")))
            }
            return usage
        }
    }

    /// Runs `WorkspaceReplacementPlan`'s steps, each as PostgreSQL statements. The configuration
    /// tables are locked (EXCLUSIVE: reads go on, other writers of pages and event types wait)
    /// before the comparison with `base`, so nothing changes between the two.
    public func replaceWorkspace(_ change: WorkspaceReplacement) async throws -> [PageID: Int] {
        try await write(workspace: true) { c in
            try c.script("LOCK TABLE event_type, page IN EXCLUSIVE MODE")
            guard try PostgresRows.workspace(c) == change.base else { throw StoreConflict.stale }
            var stopped: [PageID: Int] = [:]
            for step in WorkspaceReplacementPlan(change).steps {
                switch step {
                case .upsertEventType(let event):
                    try c.execute("""
                        INSERT INTO event_type (id, name, minutes) VALUES ($1, $2, $3)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, minutes = excluded.minutes
                        """, [event.id, event.name, Int64(event.minutes)])
                case .deletePage(let id):
                    try c.execute("DELETE FROM former_slug WHERE page_id = $1", [id])
                    try c.execute("DELETE FROM calendar_token WHERE member_id = $1", [id])
                    try c.execute("DELETE FROM page WHERE id = $1", [id])
                case .parkSlug(let id, let slug):
                    // page_slug_key holds at every step: the parked slug is no page's.
                    try c.execute("UPDATE page SET slug = $1 WHERE id = $2", [slug, id])
                case .updatePage(let page):
                    try c.execute("UPDATE page SET name = $1, slug = $2, config = $3::jsonb WHERE id = $4",
                                  [page.name, page.slug, try PageConfigCodec.encode(page), page.id])
                case .insertPage(let page):
                    try c.execute("INSERT INTO page (id, kind, name, slug, config) VALUES ($1, $2, $3, $4, $5::jsonb)",
                                  [page.id, page.kind.rawValue, page.name, page.slug, try PageConfigCodec.encode(page)])
                case .deleteEventType(let id):
                    try c.execute("DELETE FROM event_type WHERE id = $1", [id])
                case .keepFormerSlug(let note):
                    try c.execute("INSERT INTO former_slug (slug, page_id, changed_at) VALUES ($1, $2, $3)",
                                  [note.slug, note.pageID, change.at])
                case .invalidateOneTimeLinks(let master):
                    stopped[master] = try PostgresRows.invalidateOneTimeLinks(master: master, at: change.at, in: c)
                }
            }
            try PostgresRows.append(change.events(stopped), to: c, by: self.actingLogin)
            return stopped
        }
    }
}
