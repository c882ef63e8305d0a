import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

/// The embedded SQLite store, for one machine. Several processes share one file safely: it is in
/// WAL mode, every write is one IMMEDIATE transaction (GRDB's choice for writes) that waits up to
/// `busyTimeout` for the lock, so the checks a write makes and the rows it writes are serialised
/// across processes; readers never wait for the writer.
///
/// Reads go to read-only connections (readers never wait for the writer): a `DatabasePool` for
/// the booking site and the screens, which read side by side, or one `DatabaseQueue` for a
/// command, which reads one thing at a time (`ReadConnections`); writes go to one
/// read-write connection, opened on the first write. Reading never writes: GRDB's own WAL set-up
/// of a read-write pool writes a dummy table whenever the WAL file is gone (the last process to
/// close removes it), and a read-write connection checkpoints when it closes last — four
/// fdatasyncs for `linkdesk pages` before. The writer sets WAL mode itself, which costs nothing
/// when the file is in WAL mode already.
public final class SQLiteStore: LinkStore, @unchecked Sendable {
    public let path: String
    public static let busyTimeout: TimeInterval = 5
    /// How often `changes()` looks for commits of other connections.
    public static let changePollInterval: Duration = .milliseconds(200)

    private let lock = NSLock()
    private let reads: ReadConnections
    private var readOnly: (any DatabaseReader)?   // guarded by `lock`
    private var readWrite: DatabaseQueue?  // guarded by `lock`
    private var stamps: StampConnection?   // guarded by `lock`
    /// Bookings that arrive together commit together (`GroupCommit`).
    let group = GroupCommit()
    /// The workspace last read, with the `workspace_version` it was read at (`workspace()`).
    let workspaceCache = VersionedCache<String, Workspace>()
    /// Who acts through this store (`login()`): the operating-system user unless the caller says.
    public let actingLogin: String

    /// Opens (creating when absent) the database at `path`. `seed` is asked for the demo
    /// workspace only when the database has none yet, so ordinary starts never read the asset.
    public init(path: String, seed: (() throws -> Workspace)? = nil, reads: ReadConnections = .pool,
                login: String? = nil) throws {
        self.path = path
        actingLogin = login ?? Self.operatingSystemLogin()
        self.reads = reads
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw StoreError("cannot open database \(path): directory \(directory) does not exist")
        }
        do {
            if reads == .writer {
                let queue = try openReadWrite()
                try prepareRetrying(queue, seed: seed)
                readOnly = queue
                return
            }
            // Anything short of a ready database (none yet, half-created by a racing process, not
            // a database at all) goes the read-write way, which creates, waits or says what is wrong.
            if FileManager.default.fileExists(atPath: path),
               let reader = try? Self.readOnlyConnections(path: path, reads),
               (try? Self.isReady(reader)) == true {
                readOnly = reader
                return
            }
            let pool = try openReadWrite()
            try prepareRetrying(pool, seed: seed)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    static func configuration(readOnly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        if readOnly { config.journalMode = .wal }  // read-only: GRDB sets up nothing, reads WAL
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = !readOnly  // only writes check them; the pragma costs every read-only open
        config.prepareDatabase { db in db.add(function: containsFunction) }
        return config
    }

    /// `linkdesk_contains(text, part)`: true when `text` contains `part`, ignoring case in every
    /// alphabet (for searches too short for the trigram index).
    static let containsFunction = DatabaseFunction("linkdesk_contains", argumentCount: 2, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]), let part = String.fromDatabaseValue(values[1]) else { return false }
        return text.range(of: part, options: [.caseInsensitive]) != nil
    }

    /// Every migration applied and the workspace seeded. Two plain statements: GRDB's
    /// `hasCompletedMigrations` introspects the table and reads every identifier into a set,
    /// a twentieth of a short command's time. A database without the tables is not ready.
    private static func isReady(_ db: some DatabaseReader) throws -> Bool {
        try db.read { db in
            let tables = try RawRows.first("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('grdb_migrations', 'meta')",
                                           in: db) { RawRows.int64($0, 0) }
            guard tables == 2 else { return false }
            return try RawRows.first(Schema.readinessQuery, in: db) { row in
                RawRows.int64(row, 0) == Int64(Schema.migrations.count) && RawRows.int64(row, 1) == 1
            } ?? false
        }
    }

    /// The read-write connection, opened once, in WAL mode. Commits are durable (synchronous =
    /// FULL: a booking whose confirmation was shown survives a power cut), where GRDB's WAL
    /// default, NORMAL, is not.
    private func openReadWrite() throws -> DatabaseQueue {
        lock.lock()
        defer { lock.unlock() }
        if let readWrite { return readWrite }
        let queue = try DatabaseQueue(path: path, configuration: Self.configuration(readOnly: false))
        try queue.writeWithoutTransaction { db in
            let mode = try Self.enterWAL(db)
            guard mode?.lowercased() == "wal" else { throw StoreError("cannot put \(db.description) in WAL mode") }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        readWrite = queue
        return queue
    }

    /// `PRAGMA journal_mode = WAL` on a file still in rollback mode (a new database) needs the
    /// file to itself, and answers SQLITE_BUSY at once — the busy handler is not consulted —
    /// while another process has it open: ten processes creating one database together saw
    /// "database is busy" about once in 30 rounds. Tried again with short pauses for up to
    /// `busyTimeout`; on a database already in WAL mode it is a read that answers at once.
    private static func enterWAL(_ db: Database) throws -> String? {
        let deadline = Date().addingTimeInterval(busyTimeout)
        var pause = 0.002
        while true {
            do {
                return try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.05)
            }
        }
    }

    /// The read-only connections, opened once the file exists and is in WAL mode.
    private func openReadOnly() throws -> any DatabaseReader {
        lock.lock()
        defer { lock.unlock() }
        if let readOnly { return readOnly }
        let reader = try Self.readOnlyConnections(path: path, reads)
        readOnly = reader
        return reader
    }

    /// A read-only pool opens two connections (its "writer", which only reads, and a reader on
    /// the first read), each parsing the schema: a command that reads once paid for both.
    private static func readOnlyConnections(path: String, _ reads: ReadConnections) throws -> any DatabaseReader {
        switch reads {
        case .pool: try DatabasePool(path: path, configuration: configuration(readOnly: true))
        case .one, .writer: try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
        }
    }

    /// Processes that open a brand-new file together race to create the schema; the loser sees
    /// transient errors ("table exists", "no such table") until the winner commits. Preparing is
    /// idempotent, so it is simply tried again.
    private func prepareRetrying(_ pool: DatabaseQueue, seed: (() throws -> Workspace)?) throws {
        var attempt = 0
        while true {
            do {
                return try prepare(pool, seed: seed)
            } catch let error as DatabaseError where attempt < 8 && error.resultCode == .SQLITE_ERROR {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.025 * Double(attempt))
            }
        }
    }

    private func prepare(_ pool: DatabaseQueue, seed: (() throws -> Workspace)?) throws {
        if try Self.isReady(pool) { return }
        try Schema.migrator.migrate(pool)
        guard let seed else { return }
        let workspace = try seed()
        try pool.write { db in
            // Another process may have seeded between our read and this write transaction.
            guard try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'seeded'") == nil else { return }
            try Seeder.insert(workspace, into: db)
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('seeded', 'demo')")
        }
    }

    /// A read-only connection of its own for `changeStamp`, read synchronously: the booking
    /// site asks for the stamp on every page it serves from its cache, and the stamp is one
    /// prepared statement — a hop to the pool's queues would cost more than the read.
    func stampReader() throws -> StampConnection {
        lock.lock()
        defer { lock.unlock() }
        if let stamps { return stamps }
        let connection = try StampConnection(path: path, busyTimeout: Self.busyTimeout)
        stamps = connection
        return connection
    }

    /// Closes the connections now, for a process about to exit (`ExitingStores` in the CLI): the
    /// read-write connection, closed last, checkpoints the WAL into the database as its
    /// deinitialiser would. The store is not used afterwards and is never deinitialised:
    /// GRDB's deinitialisers unregister notification observers, which set up NotificationCenter
    /// only to tear it down — a tenth of a short command.
    public func closeForExit() {
        lock.lock()
        defer { lock.unlock() }
        // Readers first: only the last connection to close checkpoints, and readers cannot.
        stamps = nil
        if let queue = readOnly as? DatabaseQueue { try? queue.close() }
        if let pool = readOnly as? DatabasePool { try? pool.close() }
        try? readWrite?.close()
    }

    private var reader: any DatabaseReader {
        get throws { try openReadOnly() }
    }

    /// Runs one write transaction, translating SQLite failures into one-line store errors while
    /// letting rule refusals and conflicts through untouched.
    ///
    /// A command (`reads` not `.pool`) does one thing at a time, so it runs the transaction on its
    /// own thread (GRDB's blocking API): the asynchronous one hands it to a dispatch thread,
    /// which a short-lived process starts just for that (issue 8, start-up).
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            if reads != .pool { return try blocking { try $0.openReadWrite().write(body) } }
            return try await openReadWrite().write(body)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    /// `write`, sharing its transaction (and its fsync) with the writes that arrive meanwhile;
    /// `body` runs in a savepoint of its own and its caller gets its own result or error, only
    /// once the transaction committed (`GroupCommit`).
    func groupedWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await group.write(on: { [self] in try openReadWrite() }, body)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    /// On the caller's thread for a command, as `write` is.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            if reads != .pool { return try blocking { try $0.reader.read(body) } }
            return try await reader.read(body)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    /// Runs `body` synchronously: in a synchronous closure GRDB's blocking `read`/`write` are the
    /// ones chosen (in an async function the compiler picks the asynchronous overloads).
    private func blocking<T>(_ body: (SQLiteStore) throws -> T) throws -> T { try body(self) }

    static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError("database is busy (another linkdesk holds its lock for over \(Int(busyTimeout)) s): nothing was changed, try again")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError("\(path) is not a linkdesk database (or it is damaged)")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            return StoreError("cannot open database \(path) for writing: \(error.message ?? "permission denied")")
        case .SQLITE_FULL:
            return StoreError("disk full: nothing was changed")
        default:
            return StoreError("database error: \(error.message ?? "\(error.resultCode)")")
        }
    }
}

/// How an `SQLiteStore` reads: the booking site serves requests side by side and a screen runs
/// its loads and searches side by side (`pool`: readers in parallel); a command reads one thing
/// at a time (`one`: a single read-only connection, opened and set up once instead of twice — a
/// read-only pool opens its "writer", which only reads, and a reader); a command that is sure to write reads
/// through its read-write connection (`writer`: one connection in all — never for a command that
/// only reads, whose read-write connection would checkpoint when it closes).
public enum ReadConnections: Sendable {
    case pool
    case one
    case writer
}
