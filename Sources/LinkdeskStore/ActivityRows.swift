import Foundation
import GRDB
import LinkdeskCore

/// The append-only activity table: rows are inserted, never updated or deleted.
enum ActivityRows {
    static func append(_ event: ActivityEvent, to db: Database) throws {
        try db.execute(sql: "INSERT INTO activity (at, actor, kind, subject, detail) VALUES (?, ?, ?, ?, ?)",
                       arguments: [event.at.timeIntervalSince1970, event.actor.rawValue, event.kind.rawValue,
                                   event.subject, event.detail])
    }

    static func recent(limit: Int, in db: Database) throws -> [ActivityEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM activity ORDER BY id DESC LIMIT ?", arguments: [limit]).compactMap { row in
            guard let actor = Actor(rawValue: row["actor"]), let kind = ActivityEvent.Kind(rawValue: row["kind"]) else {
                return nil
            }
            return ActivityEvent(at: Date(timeIntervalSince1970: row["at"]), actor: actor, kind: kind,
                                 subject: row["subject"], detail: row["detail"])
        }
    }
}

extension SQLiteStore {
    public func changeStamp() throws -> Int64 {
        try read { try Int64.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }

    public func activity(limit: Int) throws -> [ActivityEvent] {
        try read { try ActivityRows.recent(limit: limit, in: $0) }
    }

    public func recordShare(page: Page, kind: Link.Kind, detail: String, now: Date) throws {
        try write { db in
            try ActivityRows.append(ActivityEvent(at: now, actor: .staff, kind: .linkShared, subject: page.name,
                                                  detail: detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)"), to: db)
        }
    }
}
