import GRDB

/// Schema changes go through migrations (SPEC §4). Pages keep their configuration as a JSON
/// document beside indexed columns (kind, name, slug): configuration is read whole, while the
/// slug must be unique across booking and master pages, which one UNIQUE column enforces.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE event_type (id INTEGER PRIMARY KEY, name TEXT NOT NULL, minutes INTEGER NOT NULL);
                CREATE TABLE page (
                    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
                    slug TEXT NOT NULL UNIQUE COLLATE NOCASE, config TEXT NOT NULL);
                CREATE TABLE former_slug (
                    slug TEXT NOT NULL COLLATE NOCASE, page_id INTEGER NOT NULL REFERENCES page(id),
                    changed_at DOUBLE NOT NULL);
                CREATE INDEX former_slug_by_slug ON former_slug(slug);
                CREATE TABLE one_time_link (
                    link_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
                    master_id INTEGER NOT NULL REFERENCES page(id),
                    created_at DOUBLE NOT NULL, expires_at DOUBLE NOT NULL,
                    uses_allowed INTEGER NOT NULL, uses_left INTEGER NOT NULL CHECK (uses_left >= 0),
                    revoked_at DOUBLE, invalidated_at DOUBLE, personalized_for TEXT,
                    expiry_noted INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX one_time_link_by_master ON one_time_link(master_id);
                CREATE TABLE booking (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    page_id INTEGER NOT NULL REFERENCES page(id), slug_used TEXT,
                    team_member_id INTEGER NOT NULL REFERENCES page(id),
                    event_type_id INTEGER NOT NULL REFERENCES event_type(id),
                    start DOUBLE NOT NULL, "end" DOUBLE NOT NULL, status TEXT NOT NULL,
                    customer_name TEXT NOT NULL, customer_email TEXT NOT NULL, details TEXT NOT NULL,
                    link_kind TEXT NOT NULL, link_id TEXT REFERENCES one_time_link(link_id),
                    policy TEXT NOT NULL, created_at DOUBLE NOT NULL, reason TEXT);
                CREATE INDEX booking_by_member_start ON booking(team_member_id, start);
                CREATE INDEX booking_by_start ON booking(start);
                CREATE TABLE activity (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, at DOUBLE NOT NULL, actor TEXT NOT NULL,
                    kind TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL);
                """)
        }
        return migrator
    }
}
