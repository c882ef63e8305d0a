import Foundation
import LinkdeskPostgres
import LinkdeskTestSupport
import Testing

/// One test's own database (a file in its own temporary folder, or a database of its own on the
/// `LINKDESK_TEST_PG` server), and the binary run against it with a fixed clock. `remove()`
/// deletes the folder (the database and its -wal/-shm files), and drops the PostgreSQL database.
final class CLIWorkspace: @unchecked Sendable {
    /// Monday 23 November 2026, 07:00 in New York (the demo pages' zone).
    static let defaultNow = "2026-11-23T12:00:00Z"

    let directory: URL
    /// What `--db` / LINKDESK_DB names: the SQLite file, or the PostgreSQL database's URL.
    let dbPath: String
    let store: RuntimeStore
    var now: String
    private var dropDatabase: (server: String, name: String)?

    init(_ store: RuntimeStore = .sqlite, now: String = CLIWorkspace.defaultNow) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("linkdesk-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.store = store
        self.now = now
        switch store {
        case .sqlite:
            dbPath = directory.appendingPathComponent("linkdesk.sqlite").path
        case .postgres:
            // The CLI migrates and seeds the demo pages on first use, as on a team's new database.
            let server = try PostgresServer.require()
            let name = PostgresServer.freshName("linkdesk_c_")
            _ = try PostgresStore.execute("CREATE DATABASE \(name)", at: server)
            dropDatabase = (server, name)
            dbPath = try PostgresServer.url(server, database: name)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
        if let (server, name) = dropDatabase {
            _ = try? PostgresStore.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", at: server)
        }
    }

    /// The child's environment: the caller's, minus any LINKDESK_* setting, plus ours.
    func environment(now: String? = nil, db: String? = nil, extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LINKDESK_") }
        env["LINKDESK_DB"] = db ?? dbPath
        env["LINKDESK_NOW"] = now ?? self.now
        env["LINKDESK_QUIET"] = "1"
        env["LINKDESK_CLIPBOARD"] = "none"
        env["XDG_DATA_HOME"] = directory.appendingPathComponent("xdg").path
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// The checkout this test file belongs to: its Assets/ holds the demo workspace.
    static let assetsFolder: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Assets").path

    /// Starts the `linkdesk` of this build (stdin /dev/null, output to files) without waiting for it.
    func start(_ arguments: [String], now: String? = nil, extraEnv: [String: String] = [:]) throws -> Running {
        try Processes.start(Products.path("linkdesk"), arguments, environment: .exactly(environment(now: now, extra: extraEnv)))
    }

    func run(_ arguments: [String], now: String? = nil, extraEnv: [String: String] = [:],
             timeout: TimeInterval = 30) throws -> Finished {
        let result = try start(arguments, now: now, extraEnv: extraEnv).finish(timeout: timeout)
        #expect(!result.timedOut, "linkdesk \(arguments) timed out")
        return result
    }

    /// Runs a command that must succeed and returns its stdout.
    @discardableResult
    func ok(_ arguments: [String], now: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, now: now)
        #expect(result.status == 0, "linkdesk \(arguments): \(result)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Runs a `--json` command that must succeed and parses its stdout.
    func json(_ arguments: [String], now: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let out = try ok(arguments, now: now, sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(out.utf8), options: [.fragmentsAllowed])
    }

    func jsonArray(_ arguments: [String], now: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let value = try json(arguments, now: now, sourceLocation: sourceLocation)
        return try #require(value as? [[String: Any]], "expected a JSON array of objects from \(arguments)",
                            sourceLocation: sourceLocation)
    }

    func jsonObject(_ arguments: [String], now: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try json(arguments, now: now, sourceLocation: sourceLocation)
        return try #require(value as? [String: Any], "expected a JSON object from \(arguments)", sourceLocation: sourceLocation)
    }

    /// A one-time link to the demo's Dynamic master page: (url, linkId).
    func oneTimeLink(_ extra: [String] = [], page: String = "salescall") throws -> (url: String, linkID: String) {
        let made = try jsonObject(["link", page, "--one-time", "--json"] + extra)
        let url = try #require(made["url"] as? String)
        let id = try #require(made["linkId"] as? String)
        return (url, id)
    }

    func bookings() throws -> [[String: Any]] { try jsonArray(["bookings", "--json"]) }
    func links() throws -> [[String: Any]] { try jsonArray(["links", "--json"]) }

    /// Everything a refusal must leave untouched, as text that compares exactly.
    func snapshot() throws -> String {
        try ok(["bookings", "--json"]) + ok(["links", "--json"]) + ok(["activity", "--json", "--limit", "100000"])
            + ok(["pages", "--json"])
    }
}

/// Demo times: Tuesday 24 November 2026 in New York (EST, UTC-5).
enum Demo {
    static func tuesdayLocal(_ hour: Int, _ minute: Int = 0) -> String {
        String(format: "2026-11-24T%02d:%02d", hour, minute)
    }

    static func tuesdayUTC(_ hour: Int, _ minute: Int = 0) -> String {
        String(format: "2026-11-24T%02d:%02d:00Z", hour + 5, minute)
    }

    /// 30-minute slots of Cactus Co Main on Tuesday, 09:00 … 16:30 local.
    static let tuesdayHalfHours: [String] = (0..<16).map { tuesdayLocal(9 + $0 / 2, ($0 % 2) * 30) }

    static let salescall = "http://localhost:8080/salescall"
    static let thirty = "30-minute meeting"
    static let fifteen = "15-minute meeting"
}
