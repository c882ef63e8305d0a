import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

/// The append-only activity table: rows are inserted, never updated or deleted.
enum ActivityRows {
    /// Staff events are recorded under `login`, the login the store acts as (unless the event names one).
    static func append(_ events: [ActivityEvent], to db: Database, by login: String) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO activity (at, actor, kind, subject, detail, by_login) VALUES (?, ?, ?, ?, ?, ?)")
        for event in events {
            try insert.execute(arguments: [event.at.timeIntervalSince1970, event.actor.rawValue, event.kind.rawValue,
                                           event.subject, event.detail, event.by ?? (event.actor == .staff ? login : nil)])
        }
    }

    static func recent(limit: Int, in db: Database) throws -> [ActivityEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM activity ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
            guard let actor = Actor(rawValue: row["actor"]), let kind = ActivityEvent.Kind(rawValue: row["kind"]) else {
                throw StoreError("the activity table holds an event this linkdesk does not know (\(row["kind"] ?? "?")): is the database from a newer version?")
            }
            return ActivityEvent(at: Date(timeIntervalSince1970: row["at"]), actor: actor, kind: kind,
                                 subject: row["subject"], detail: row["detail"], by: row["by_login"])
        }
    }
}
