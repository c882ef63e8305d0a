import Foundation
import GRDB
import LinkdeskCore

/// The embedded SQLite store. One `DatabaseQueue` per process; several processes share one file
/// safely because the file is in WAL mode, waits up to `busyTimeout` for a lock, and every write
/// runs in an IMMEDIATE transaction (GRDB's default for writable queues), so rule checks and the
/// writes they allow are serialised across processes.
public final class SQLiteStore: LinkStore {
    let db: DatabaseQueue
    public let path: String
    public static let busyTimeout: TimeInterval = 5

    /// Opens (creating when absent) the database at `path`. `seed` is asked for the demo
    /// workspace only when the database has none yet, so ordinary starts never read the asset.
    public init(path: String, seed: (() throws -> Workspace)? = nil) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw StoreError("cannot open database \(path): directory \(directory) does not exist")
        }
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        do {
            db = try DatabaseQueue(path: path, configuration: config)
            try prepareRetrying(seed: seed)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    /// Processes that open a brand-new file together race to create the schema; the loser sees
    /// transient errors ("table exists", "no such table") until the winner commits. Preparing is
    /// idempotent, so it is simply tried again.
    private func prepareRetrying(seed: (() throws -> Workspace)?) throws {
        var attempt = 0
        while true {
            do {
                return try prepare(seed: seed)
            } catch let error as DatabaseError where attempt < 8 && error.resultCode == .SQLITE_ERROR {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.025 * Double(attempt))
            }
        }
    }

    private func prepare(seed: (() throws -> Workspace)?) throws {
        let migrator = Schema.migrator
        let ready = try db.read { db in
            try migrator.hasCompletedMigrations(db)
                && (try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'seeded'")) != nil
        }
        if ready { return }
        try migrator.migrate(db)
        guard let seed else { return }
        let workspace = try seed()
        try db.write { db in
            // Another process may have seeded between our read and this write transaction.
            guard try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'seeded'") == nil else { return }
            try Seeder.insert(workspace, into: db)
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('seeded', 'demo')")
        }
    }

    /// Runs a write transaction, translating SQLite failures into one-line store errors while
    /// letting rule refusals through untouched.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try db.write(body)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try db.read(body)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

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
