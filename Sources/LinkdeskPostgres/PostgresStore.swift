import Foundation
import LinkdeskCore
import LinkdeskService

/// The team store: one PostgreSQL database shared by every console, command and server of a
/// team (SPEC §6), through libpq.
///
/// **Why libpq, and how it stays off the cooperative pool.** The driver is libpq (Debian's
/// libpq-dev) through the `CLibpq` system-library target, not PostgresNIO: the CLI has tight
/// start-up targets, and every NIO protocol conformance the binary carries lengthens the
/// runtime's conformance scans at each start; PostgresNIO would also add about 5 minutes to a
/// clean CI build (swift-nio, BoringSSL). Nor is libpq linked: it is loaded with `dlopen` when
/// the first connection opens (`LibPQ`), because its twenty-odd dependent libraries (Kerberos,
/// LDAP, SASL, OpenSSL) would cost every start of the CLI, SQLite users' included, some
/// milliseconds of loading and relocation. libpq is blocking, so the store never calls it from a
/// task: `ConnectionPool` owns a few connections, each on a serial dispatch queue of its own,
/// and every read or transaction suspends its caller, hops to a free connection's queue with a
/// continuation, runs there, and resumes the caller with the result. The change listener has a
/// thread and a connection of its own (`PostgresStore+Changes.swift`).
///
/// **Guarantees** live in the database (see `PostgresSchema`): the exclusion constraint
/// `booking_no_overlap` (23P01 → `StoreConflict.slotTaken`), the unique `page_slug_key`
/// (23505 → `.slugTaken`), and the conditional `UPDATE … WHERE uses_left > 0` in the booking's
/// own transaction (no row → `.linkSpent`). Transactions run at READ COMMITTED: the conditional
/// update re-checks its WHERE on the row a concurrent booker just committed, and the exclusion
/// constraint waits for a concurrent overlapping insert to commit or roll back. Serialization
/// failures and deadlocks (40001, 40P01) are retried inside the store, the whole transaction
/// again, a few times with jitter.
///
/// **Faults.** A connection found broken (the server restarted) is replaced on next use; a
/// transaction whose first statement finds it broken is retried once on a fresh connection
/// (nothing was sent). Otherwise a lost connection is a `StoreError` with a one-line message:
/// "cannot reach PostgreSQL at host:port/db: …" when it can't connect (within `connect_timeout`,
/// 3 s unless the URL says otherwise), "lost the connection …" during a change (saying whether
/// the change may have been saved), "… all N connections are busy" when the pool stays full.
public final class PostgresStore: LinkStore, @unchecked Sendable {
    /// The connection string as given (a `postgres://` or `postgresql://` URL, or key=value).
    public let url: String
    let pool: ConnectionPool
    let listener: ChangeListener
    /// The PostgreSQL login of every connection (`session_user`, read once: the URL names it):
    /// who acts through this store (`login()`).
    public let actingLogin: String
    /// The workspace read last, kept while its stamp stays (`workspace()`).
    let workspaceCache = VersionedCache<WorkspaceStamp, Workspace>()
    /// How long it waits for anything; "busy" (a free connection that never came) is a 503 on
    /// the web and exit 3 in the CLI, rather than queueing without end.
    let deadlines: PostgresDeadlines
    /// How many times a transaction is tried when the server reports a serialization failure or deadlock.
    static let attempts = 6

    /// Connection defaults the URL may override: a bounded connect (`deadlines.connect`),
    /// keepalives that notice a dead server within about half a minute even on an idle
    /// connection, and unacknowledged data given up after 8 s (`tcp_user_timeout`).
    static func connectionDefaults(_ deadlines: PostgresDeadlines) -> [(String, String)] {
        [("connect_timeout", String(deadlines.connect)), ("keepalives_idle", "10"), ("keepalives_interval", "5"),
         ("keepalives_count", "3"), ("tcp_user_timeout", "8000"), ("application_name", "linkdesk")]
    }

    /// Connections a web server's store keeps (a console or command needs one or two). A booking
    /// holds one for a few tenths of a millisecond of PostgreSQL's time, so a few keep the database
    /// busy; more backends than the database's cores only take turns (measured with
    /// `linkdesk-bench team`: 4 a server did more bookings a second than 8). A caller finding all
    /// of them busy waits, suspended, up to `deadlines.acquire`.
    public static let serverConnections = 4

    /// True when `location` names a PostgreSQL database rather than a SQLite file.
    public static func handles(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Connects to the database at `url`, migrates its schema to this version (once, whoever
    /// else starts at the same moment), and seeds it: `seed` is asked for the demo workspace
    /// only when the database has none yet. Blocks the calling thread while it connects, as
    /// opening a SQLite file does (it runs once, at start).
    public init(url: String, connections: Int = 4, deadlines: PostgresDeadlines = .production,
                seed: (() throws -> Workspace)? = nil) throws {
        self.url = url
        self.deadlines = deadlines
        let open: @Sendable () throws -> PGConnection = { try Self.connect(url, deadlines) }
        pool = ConnectionPool(size: connections, acquireTimeout: deadlines.acquire, open: open)
        listener = ChangeListener(url: url, open: open)
        let connection = try open()
        do {
            try Self.prepare(connection, seed: seed, deadlines: deadlines)
            actingLogin = try connection.execute("SELECT session_user AS login").rows[0].string("login")
        } catch let error as PostgresError {
            throw Self.storeError(error, place: connection.place, during: .setUp, deadlines: deadlines)
        }
        pool.adopt(connection)
    }

    deinit { listener.stop() }

    /// A new connection, or the one-line error saying why there is none.
    static func connect(_ url: String, _ deadlines: PostgresDeadlines = .production) throws -> PGConnection {
        do {
            let connection = try PGConnection(url: url, defaults: connectionDefaults(deadlines))
            connection.answerTimeout = deadlines.answer
            // Timestamps are bound and read in binary; text casts (psql, migrate) read UTC.
            try connection.script(deadlines.sessionSettings)
            return connection
        } catch let error as PostgresError {
            throw StoreError("cannot reach PostgreSQL at \(redacted(url)): \(error.message)")
        }
    }

    /// The URL without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else {
            return url.isEmpty ? "(PG* environment)" : url
        }
        parts.password = "***"
        parts.query = nil
        return parts.string ?? url
    }

    // MARK: Schema and seed

    private static func prepare(_ connection: PGConnection, seed: (() throws -> Workspace)?, deadlines: PostgresDeadlines) throws {
        if try isReady(connection, needsSeed: seed != nil) { return }
        // A migration (an index over a big table) or waiting for another process's may take
        // longer than a statement is given; a minute, then the usual deadlines again.
        connection.answerTimeout = 65
        try connection.script("SET statement_timeout = '60s'")
        defer {
            connection.answerTimeout = deadlines.answer
            try? connection.script(deadlines.sessionSettings)
        }
        try connection.script("BEGIN")
        do {
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [PostgresSchema.migrationLock])
            try connection.script("""
                CREATE TABLE IF NOT EXISTS schema_version (
                    version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            let current = try connection.execute("SELECT coalesce(max(version), 0) AS v FROM schema_version").rows[0].int("v")
            if current > PostgresSchema.latest {
                throw StoreError("the database is at schema version \(current), newer than this linkdesk knows (\(PostgresSchema.latest)): upgrade linkdesk")
            }
            for migration in PostgresSchema.migrations where migration.version > current {
                try connection.script(migration.sql)
                try connection.execute("INSERT INTO schema_version (version) VALUES ($1)", [migration.version])
            }
            if let seed, try connection.execute("SELECT 1 FROM meta WHERE key = 'seeded'").rowCount == 0 {
                try PostgresRows.insert(try seed(), into: connection)
                try connection.execute("INSERT INTO meta (key, value) VALUES ('seeded', 'demo')")
            }
            try connection.script("COMMIT")
        } catch {
            try? connection.script("ROLLBACK")
            throw error
        }
    }

    /// Migrated to this version (and seeded, when a seed is offered): nothing to do, no lock taken.
    private static func isReady(_ connection: PGConnection, needsSeed: Bool) throws -> Bool {
        guard try connection.execute("SELECT to_regclass('schema_version') IS NOT NULL AS present").rows[0].int("present") == 1,
              try connection.execute("SELECT to_regclass('meta') IS NOT NULL AS present").rows[0].int("present") == 1
        else { return false }
        let row = try connection.execute("""
            SELECT (SELECT max(version) FROM schema_version) AS version,
                   (SELECT count(*) FROM meta WHERE key = 'seeded') AS seeded
            """).rows[0]
        if row.int("version") > PostgresSchema.latest {
            throw StoreError("the database is at schema version \(row.int("version")), newer than this linkdesk knows (\(PostgresSchema.latest)): upgrade linkdesk")
        }
        return row.int("version") == PostgresSchema.latest && (!needsSeed || row.int("seeded") > 0)
    }

    // MARK: Running work on a connection

    /// What was under way when a connection was lost, for the message.
    enum Phase { case setUp, read, beforeCommit, commit }

    /// One write transaction (READ COMMITTED), retried whole on serialization failures and
    /// deadlocks, and once on a fresh connection when the connection was found broken before
    /// anything was sent. Constraint violations become `StoreConflict`s; rule refusals and
    /// conflicts thrown by `body` roll back and pass through. `workspace`: the transaction may
    /// write pages or event types, so the kept workspace is dropped at its commit (this store's
    /// own reads must see it at once, before its notification comes back).
    func write<T: Sendable>(workspace: Bool = false, _ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await run { slot, connection in
            var attempt = 0
            var reconnected = false
            while true {
                attempt += 1
                let c = try connection()
                var phase = Phase.beforeCommit
                do {
                    do {
                        try c.script("BEGIN")
                    } catch let error as PostgresError where error.connectionLost && !reconnected {
                        reconnected = true  // a connection that died while idle: nothing was sent
                        slot.connection = nil
                        continue
                    }
                    let value = try body(c)
                    phase = .commit
                    try c.script("COMMIT")
                    self.listener.committed(workspace: workspace)
                    return value
                } catch let error as PostgresError {
                    if !error.connectionLost { try? c.script("ROLLBACK") }
                    if ["40001", "40P01"].contains(error.sqlState ?? ""), attempt < Self.attempts {
                        Thread.sleep(forTimeInterval: Double.random(in: 0.002...0.02) * Double(attempt))
                        continue
                    }
                    throw Self.conflict(error) ?? Self.storeError(error, place: c.place, during: phase, deadlines: self.deadlines)
                } catch {
                    if c.isOK { try? c.script("ROLLBACK") }
                    throw error
                }
            }
        }
    }

    /// A read: several statements see one snapshot (REPEATABLE READ, READ ONLY). Safe to retry
    /// on a fresh connection when the connection was lost, which it is, once.
    func read<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await run { slot, connection in
            var reconnected = false
            while true {
                let c = try connection()
                do {
                    try c.script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    let value = try body(c)
                    try c.script("COMMIT")
                    return value
                } catch let error as PostgresError {
                    if error.connectionLost && !reconnected {
                        reconnected = true
                        slot.connection = nil
                        continue
                    }
                    if !error.connectionLost { try? c.script("ROLLBACK") }
                    throw Self.storeError(error, place: c.place, during: .read, deadlines: self.deadlines)
                } catch {
                    if c.isOK { try? c.script("ROLLBACK") }
                    throw error
                }
            }
        }
    }

    /// A write that is one statement, sent alone: outside a transaction block PostgreSQL runs a
    /// statement as a transaction of its own (all of it or none of it), so BEGIN and COMMIT
    /// would be two round trips for nothing. Retried whole on serialization failures and
    /// deadlocks, as `write`; the pool hands it a connection found open (`stillOpen`), and a
    /// connection lost during it is reported as a commit whose outcome is unknown. Not for
    /// statements that write pages or event types (see `write(workspace:)`).
    func writeOne<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await run { _, connection in
            var attempt = 0
            while true {
                attempt += 1
                let c = try connection()
                do {
                    let value = try body(c)
                    self.listener.committed(workspace: false)
                    return value
                } catch let error as PostgresError {
                    if ["40001", "40P01"].contains(error.sqlState ?? ""), attempt < Self.attempts {
                        Thread.sleep(forTimeInterval: Double.random(in: 0.002...0.02) * Double(attempt))
                        continue
                    }
                    throw Self.conflict(error) ?? Self.storeError(error, place: c.place, during: .commit, deadlines: self.deadlines)
                }
            }
        }
    }

    /// A read of one statement, sent alone: a statement sees one snapshot by itself, so the
    /// BEGIN and COMMIT that `read` wraps around several would be two round trips for nothing.
    func readOne<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await run { slot, connection in
            var reconnected = false
            while true {
                let c = try connection()
                do {
                    return try body(c)
                } catch let error as PostgresError {
                    if error.connectionLost && !reconnected {
                        reconnected = true
                        slot.connection = nil
                        continue
                    }
                    throw Self.storeError(error, place: c.place, during: .read, deadlines: self.deadlines)
                }
            }
        }
    }

    public func holdingConnection<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        do {
            return try await pool.hold(body)
        } catch let busy as PoolBusy {
            throw Self.busyError(busy, url: url)
        }
    }

    private static func busyError(_ busy: PoolBusy, url: String) -> StoreError {
        StoreError("PostgreSQL at \(Self.redacted(url)): all \(busy.size) connections stayed busy for \(String(format: "%g", busy.waited)) s: nothing was changed, try again")
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (ConnectionPool.Slot, () throws -> PGConnection) throws -> T) async throws -> T {
        do {
            return try await pool.run(body)
        } catch let busy as PoolBusy {
            throw Self.busyError(busy, url: url)
        }
    }

    /// The store's guarantees, as the database enforced them.
    static func conflict(_ error: PostgresError) -> StoreConflict? {
        switch (error.sqlState, error.constraint) {
        case ("23P01", "booking_no_overlap"?): return .slotTaken
        case ("23505", "page_slug_key"?): return .slugTaken
        case ("23505", "booking_request_pkey"?): return .repeatedRequest
        default: return nil
        }
    }

    static func storeError(_ error: PostgresError, place: String, during phase: Phase, deadlines: PostgresDeadlines) -> StoreError {
        if error.connectionLost {
            switch phase {
            case .setUp, .read:
                return StoreError("lost the connection to PostgreSQL at \(place): \(error.message)")
            case .beforeCommit:
                return StoreError("lost the connection to PostgreSQL at \(place): \(error.message); nothing was changed, try again")
            case .commit:
                return StoreError("lost the connection to PostgreSQL at \(place) while saving: the change may or may not have been saved; check before trying again")
            }
        }
        switch error.sqlState {
        case "53300"?: return StoreError("PostgreSQL at \(place) has no free connection (too many clients): try again")
        case "57014"?: return StoreError("PostgreSQL at \(place) took longer than the \(PostgresDeadlines.seconds(deadlines.statement)) s a statement is given: nothing was changed, try again")
        case "42501"?: return StoreError("PostgreSQL at \(place) refused: \(error.message)")
        default: return StoreError("database error: \(error.message)")
        }
    }
}

extension PostgresStore {
    /// Runs a script of SQL on a connection of its own (blocking) and returns the last
    /// statement's rows as text: for administration (tests creating databases, `linkdesk
    /// migrate`'s checks), never from a task that must not block.
    public static func execute(_ sql: String, at url: String) throws -> [[String?]] {
        let connection = try connect(url)
        return try connection.textRows(sql)
    }
}
