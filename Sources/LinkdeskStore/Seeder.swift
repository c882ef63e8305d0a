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
