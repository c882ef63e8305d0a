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
                    expiry_noted INTEGER NOT NULL DEFAULT 0);  -- unused since expiry is computed when read (v3)
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
        migrator.registerMigration("v2-booking-search") { db in
            // Trigram full-text index over customer name and email: a substring search of the
            // Bookings view must stay fast over 100,000 bookings, which LIKE '%x%' (a full scan
            // of rows carrying JSON) is not. Triggers keep it in step with every writer.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE booking_search USING fts5(
                    customer_name, customer_email, content='booking', content_rowid='id', tokenize='trigram');
                INSERT INTO booking_search(booking_search) VALUES ('rebuild');
                CREATE TRIGGER booking_search_insert AFTER INSERT ON booking BEGIN
                    INSERT INTO booking_search(rowid, customer_name, customer_email)
                    VALUES (new.id, new.customer_name, new.customer_email);
                END;
                CREATE TRIGGER booking_search_delete AFTER DELETE ON booking BEGIN
                    INSERT INTO booking_search(booking_search, rowid, customer_name, customer_email)
                    VALUES ('delete', old.id, old.customer_name, old.customer_email);
                END;
                CREATE TRIGGER booking_search_update AFTER UPDATE OF customer_name, customer_email ON booking BEGIN
                    INSERT INTO booking_search(booking_search, rowid, customer_name, customer_email)
                    VALUES ('delete', old.id, old.customer_name, old.customer_email);
                    INSERT INTO booking_search(rowid, customer_name, customer_email)
                    VALUES (new.id, new.customer_name, new.customer_email);
                END;
                """)
        }
        migrator.registerMigration("v3-expiry-index") { db in
            // Expiry is computed when the activity stream is read (reads never write), which asks
            // for the links that expired by now.
            try db.execute(sql: "CREATE INDEX one_time_link_by_expiry ON one_time_link(expires_at)")
        }
        migrator.registerMigration("v4-web-tokens") { db in
            // The booking site (SPEC §5): one manage token per booking and one calendar-feed token
            // per team member, both kept as SHA-256 hashes like one-time tokens.
            try db.execute(sql: """
                CREATE TABLE manage_token (
                    token_hash TEXT PRIMARY KEY,
                    booking_id INTEGER NOT NULL UNIQUE REFERENCES booking(id));
                CREATE TABLE calendar_token (
                    member_id INTEGER PRIMARY KEY REFERENCES page(id),
                    token_hash TEXT NOT NULL UNIQUE, created_at DOUBLE NOT NULL);
                """)
        }
        migrator.registerMigration("v5-booking-requests") { db in
            // The booking form's request key (its hash) → the booking it made, so a retried POST
            // never books twice (SPEC §6; PostgreSQL's migration 3).
            try db.execute(sql: """
                CREATE TABLE booking_request (
                    key_hash TEXT PRIMARY KEY,
                    booking_id INTEGER NOT NULL UNIQUE REFERENCES booking(id));
                """)
        }
        migrator.registerMigration("v6-workspace-version") { db in
            // A counter every change to the workspace's rows bumps, in the changing transaction,
            // whoever makes it: a process keeps the workspace it read while the counter stays.
            // `booking_version` likewise for what else a booking page shows: bookings (free
            // times, round robin) and a one-time link's state (a new link changes no page).
            var sql = "INSERT OR IGNORE INTO meta (key, value) VALUES ('workspace_version', '0'), ('booking_version', '0');"
            let counted = [("page", ["INSERT", "UPDATE", "DELETE"], "workspace_version"),
                           ("event_type", ["INSERT", "UPDATE", "DELETE"], "workspace_version"),
                           ("booking", ["INSERT", "UPDATE", "DELETE"], "booking_version"),
                           ("one_time_link", ["UPDATE", "DELETE"], "booking_version")]
            for (table, changes, counter) in counted {
                for change in changes {
                    sql += """
                        CREATE TRIGGER \(table)_\(change.lowercased())_version AFTER \(change) ON \(table) BEGIN
                            UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '\(counter)';
                        END;
                        """
                }
            }
            try db.execute(sql: sql)
        }
        migrator.registerMigration("v7-staff") { db in
            // Staff members and who did what (SPEC §8): the staff list, the login each staff
            // event was recorded under, and who made each one-time link. On a SQLite file the
            // roles are the program's to keep (whoever can write the file can write anything);
            // PostgreSQL enforces them itself.
            try db.execute(sql: """
                CREATE TABLE staff (
                    login TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('administrator', 'member', 'site')));
                ALTER TABLE activity ADD COLUMN by_login TEXT;
                ALTER TABLE one_time_link ADD COLUMN made_by TEXT;
                """)
        }
        migrator.registerMigration("v8-outbox") { db in
            // What bookings owe their customers' and staff's inboxes (`OutboxRules`), written in
            // the booking's own transaction; a sender delivers what is due.
            try db.execute(sql: """
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY, booking_id INTEGER NOT NULL REFERENCES booking(id),
                    kind TEXT NOT NULL, due_at REAL NOT NULL, sequence INTEGER NOT NULL, before_seconds INTEGER,
                    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'withdrawn')),
                    attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, sent_at REAL);
                CREATE INDEX outbox_by_booking ON outbox (booking_id);
                CREATE INDEX outbox_due ON outbox (due_at) WHERE state = 'pending';
                """)
        }
        migrator.registerMigration("v9-manage-nonce") { db in
            // A manage token made from a secret kept outside the database keeps its nonce here.
            try db.execute(sql: "ALTER TABLE manage_token ADD COLUMN nonce TEXT")
        }
        migrator.registerMigration("v10-outbox-claims") { db in
            // A sender's claim on a notice while it tries to send it (`LinkStore.claimDue`).
            try db.execute(sql: "ALTER TABLE outbox ADD COLUMN claimed_until REAL")
        }
        migrator.registerMigration("v11-settings") { db in
            // The workspace's own settings (`WorkspaceSettings`), by name.
            try db.execute(sql: "CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        }
        migrator.registerMigration("v12-holds") { db in
            // Bookings awaiting confirmation by email: the sender looks for lapsed holds each round.
            try db.execute(sql: "CREATE INDEX booking_awaiting ON booking (created_at) WHERE status = 'Awaiting confirmation'")
        }
        migrator.registerMigration("v13-calendars") { db in
            // Staff calendars (SPEC §10): where to read them (never a password: only where it is
            // read from) and how their syncs went; and the busy times the last good sync read,
            // each at most `BusyInterval.longest` long, found by owner and start.
            try db.execute(sql: """
                CREATE TABLE calendar (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a sync in flight finds a removed calendar gone
                    staff_login TEXT NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    url TEXT NOT NULL,
                    user TEXT,
                    password_env TEXT,
                    password_file TEXT,
                    last_good_sync REAL,
                    last_attempt REAL,
                    event_count INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    UNIQUE (staff_login, name)
                );
                CREATE TABLE calendar_busy (
                    calendar_id INTEGER NOT NULL REFERENCES calendar (id) ON DELETE CASCADE,
                    staff_login TEXT NOT NULL,
                    start REAL NOT NULL,
                    "end" REAL NOT NULL
                );
                CREATE INDEX calendar_busy_staff ON calendar_busy (staff_login, start);
                CREATE INDEX calendar_busy_calendar ON calendar_busy (calendar_id);
                """)
        }
        migrator.registerMigration("v14-buffers") { db in
            // The minutes a booking keeps free around itself (`MeetingBuffers`), as they were when
            // it was booked or moved: the write's overlap check covers them.
            try db.execute(sql: """
                ALTER TABLE booking ADD COLUMN buffer_before INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE booking ADD COLUMN buffer_after INTEGER NOT NULL DEFAULT 0;
                """)
        }
        return migrator
    }

    /// How many of the registered migrations the database has applied, and whether the demo or a
    /// workspace was seeded (`SQLiteStore.isReady`). The identifiers are this file's constants,
    /// none with a quote.
    static let migrations = migrator.migrations
    static let readinessQuery: String = {
        let identifiers = migrations.map { "'\($0)'" }.joined(separator: ", ")
        return "SELECT (SELECT count(*) FROM grdb_migrations WHERE identifier IN (\(identifiers))), "
            + "EXISTS (SELECT 1 FROM meta WHERE key = 'seeded')"
    }()
}
