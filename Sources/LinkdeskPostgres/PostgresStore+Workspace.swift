import Foundation
import LinkdeskCore
import LinkdeskService

extension PostgresStore {
    public func workspaceUsage(at now: Date) async throws -> WorkspaceUsage {
        try await read { c in
            var usage = WorkspaceUsage()
            let live = BookingStatus.allCases.filter(\.isLive).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            // A booking through a master page counts for the master page and for its team member.
            for row in try c.execute("""
                SELECT id, count(*) FILTER (WHERE live) AS live, count(*) AS total FROM (
                    SELECT page_id AS id, status IN (\(live)) AS live FROM booking
                    UNION ALL
                    SELECT team_member_id, status IN (\(live)) FROM booking WHERE team_member_id <> page_id) AS uses
                GROUP BY id
                """).rows {
                usage.bookings[row.int("id")] = .init(live: Int(row.int("live")), total: Int(row.int("total")))
            }
            for row in try c.execute("SELECT event_type_id AS id, count(*) AS n FROM booking GROUP BY event_type_id").rows {
                usage.eventTypeBookings[row.int("id")] = Int(row.int("n"))
            }
            for row in try c.execute("""
                SELECT master_id AS id, count(*) AS total,
                       count(*) FILTER (WHERE invalidated_at IS NULL AND revoked_at IS NULL AND uses_left > 0 AND expires_at > $1) AS live
                FROM one_time_link GROUP BY master_id
                """, [now]).rows {
                usage.oneTimeLinks[row.int("id")] = .init(live: Int(row.int("live")), total: Int(row.int("total")))
            }
            return usage
        }
    }

    /// The configuration tables are locked (EXCLUSIVE: reads go on, other writers of pages and
    /// event types wait) before the comparison with `base`, so nothing changes between the two.
    public func replaceWorkspace(_ change: WorkspaceReplacement) async throws -> [PageID: Int] {
        try await write { c in
            try c.script("LOCK TABLE event_type, page IN EXCLUSIVE MODE")
            guard try PostgresRows.workspace(c) == change.base else { throw StoreConflict.stale }
            let new = change.workspace
            let keptPages = Set(new.pages.map(\.id))
            let keptEvents = Set(new.eventTypes.map(\.id))
            for event in new.eventTypes {
                try c.execute("""
                    INSERT INTO event_type (id, name, minutes) VALUES ($1, $2, $3)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, minutes = excluded.minutes
                    """, [event.id, event.name, Int64(event.minutes)])
            }
            for page in change.base.pages where !keptPages.contains(page.id) {
                try c.execute("DELETE FROM former_slug WHERE page_id = $1", [page.id])
                try c.execute("DELETE FROM calendar_token WHERE member_id = $1", [page.id])
                try c.execute("DELETE FROM page WHERE id = $1", [page.id])
            }
            // Slugs may swap between pages: park the changed ones first, so page_slug_key holds at every step.
            for page in new.pages where change.base.page(id: page.id).map({ $0.slug != page.slug }) ?? false {
                try c.execute("UPDATE page SET slug = $1 WHERE id = $2", ["~moving-\(page.id)", page.id])
            }
            for page in new.pages {
                if let old = change.base.page(id: page.id) {
                    guard old != page else { continue }
                    try c.execute("UPDATE page SET name = $1, slug = $2, config = $3::jsonb WHERE id = $4",
                                  [page.name, page.slug, try PostgresRows.config(of: page), page.id])
                } else {
                    try c.execute("INSERT INTO page (id, kind, name, slug, config) VALUES ($1, $2, $3, $4, $5::jsonb)",
                                  [page.id, page.kind.rawValue, page.name, page.slug, try PostgresRows.config(of: page)])
                }
            }
            for event in change.base.eventTypes where !keptEvents.contains(event.id) {
                try c.execute("DELETE FROM event_type WHERE id = $1", [event.id])
            }
            for note in change.formerSlugs {
                try c.execute("INSERT INTO former_slug (slug, page_id, changed_at) VALUES ($1, $2, $3)",
                              [note.slug, note.pageID, change.at])
            }
            var stopped: [PageID: Int] = [:]
            for master in change.invalidatesOneTimeLinks {
                stopped[master] = Int(try c.execute("""
                    WITH marked AS (
                        UPDATE one_time_link SET invalidated_at = $1 WHERE master_id = $2 AND invalidated_at IS NULL
                        RETURNING revoked_at, uses_left, expires_at)
                    SELECT count(*) FILTER (WHERE revoked_at IS NULL AND uses_left > 0 AND expires_at > $1) AS live FROM marked
                    """, [change.at, master]).rows[0].int("live"))
            }
            try PostgresRows.append(change.events(stopped), to: c)
            return stopped
        }
    }
}
