import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

extension SQLiteStore {
    public func workspaceUsage(at now: Date) async throws -> WorkspaceUsage {
        try await read { db in
            var usage = WorkspaceUsage()
            let live = BookingStatus.allCases.filter(\.isLive).map { "'\($0.rawValue)'" }.joined(separator: ", ")
            // A booking through a master page counts for the master page and for its team member.
            for row in try Row.fetchAll(db, sql: """
                SELECT id, SUM(live), COUNT(*) FROM (
                    SELECT page_id AS id, status IN (\(live)) AS live FROM booking
                    UNION ALL
                    SELECT team_member_id, status IN (\(live)) FROM booking WHERE team_member_id != page_id)
                GROUP BY id
                """) {
                usage.bookings[row[0]] = .init(live: row[1], total: row[2])
            }
            for row in try Row.fetchAll(db, sql: "SELECT event_type_id, COUNT(*) FROM booking GROUP BY event_type_id") {
                usage.eventTypeBookings[row[0]] = row[1]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT master_id, SUM(invalidated_at IS NULL AND revoked_at IS NULL AND uses_left > 0 AND expires_at > ?), COUNT(*)
                FROM one_time_link GROUP BY master_id
                """, arguments: [now.timeIntervalSince1970]) {
                usage.oneTimeLinks[row[0]] = .init(live: row[1], total: row[2])
            }
            return usage
        }
    }

    public func replaceWorkspace(_ change: WorkspaceReplacement) async throws -> [PageID: Int] {
        try await write { db in
            guard try PageRows.load(db) == change.base else { throw StoreConflict.stale }
            let new = change.workspace
            let keptPages = Set(new.pages.map(\.id))
            let keptEvents = Set(new.eventTypes.map(\.id))
            for event in new.eventTypes {
                try db.execute(sql: """
                    INSERT INTO event_type (id, name, minutes) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, minutes = excluded.minutes
                    """, arguments: [event.id, event.name, event.minutes])
            }
            for page in change.base.pages where !keptPages.contains(page.id) {
                try db.execute(sql: "DELETE FROM former_slug WHERE page_id = ?", arguments: [page.id])
                try db.execute(sql: "DELETE FROM calendar_token WHERE member_id = ?", arguments: [page.id])
                try db.execute(sql: "DELETE FROM page WHERE id = ?", arguments: [page.id])
            }
            // Slugs may swap between pages: park the changed ones first, so UNIQUE holds at every step.
            let moved = new.pages.filter { page in change.base.page(id: page.id).map { $0.slug != page.slug } ?? false }
            for page in moved {
                try db.execute(sql: "UPDATE page SET slug = ? WHERE id = ?", arguments: ["~moving-\(page.id)", page.id])
            }
            do {
                for page in new.pages {
                    if let old = change.base.page(id: page.id) {
                        if old != page { try PageRows.update(page, in: db) }
                    } else {
                        try PageRows.insert(page, into: db)
                    }
                }
            } catch let error as DatabaseError
                        where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && error.message?.contains("page.slug") == true {
                throw StoreConflict.slugTaken
            }
            for event in change.base.eventTypes where !keptEvents.contains(event.id) {
                try db.execute(sql: "DELETE FROM event_type WHERE id = ?", arguments: [event.id])
            }
            for note in change.formerSlugs {
                try db.execute(sql: "INSERT INTO former_slug (slug, page_id, changed_at) VALUES (?, ?, ?)",
                               arguments: [note.slug, note.pageID, change.at.timeIntervalSince1970])
            }
            var stopped: [PageID: Int] = [:]
            for master in change.invalidatesOneTimeLinks {
                stopped[master] = try LinkRows.invalidateAll(master: master, now: change.at, in: db)
            }
            try ActivityRows.append(change.events(stopped), to: db)
            return stopped
        }
    }
}
