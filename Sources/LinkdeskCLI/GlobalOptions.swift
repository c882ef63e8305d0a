import ArgumentParser
import Foundation
import LinkdeskClipboard
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore

/// Options every command takes (SPEC §3). Environment variables fill what the flags leave out.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Database file, or postgres://user@host/db for a team's PostgreSQL (env LINKDESK_DB; default $XDG_DATA_HOME/linkdesk/linkdesk.sqlite).",
        valueName: "path|url"))
    var database: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "Origin of every link (env LINKDESK_BASE_URL; default http://localhost:8080).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Clipboard helper (env LINKDESK_CLIPBOARD; default auto).", valueName: "helper"))
    var clipboard: ClipboardHelper?

    func context() throws -> AppContext {
        try Self.context(database: database, baseURL: baseURL, clipboard: clipboard)
    }

    /// `reads`: `.pool` for the console (it runs its loads and searches side by side), `.one` for
    /// a command and for the Share pop-up, which reads the workspace once before its first frame
    /// and then only writes the link on Copy & close (ReadConnections).
    func context(reads: ReadConnections) throws -> AppContext {
        try Self.context(database: database, baseURL: baseURL, clipboard: clipboard, reads: reads)
    }

    /// The context from the option values: callable without parsing (`FastCommandLine`), since
    /// reading an unparsed `@Option` traps.
    static func context(database: String?, baseURL: String?, clipboard: ClipboardHelper?,
                        reads: ReadConnections = .one) throws -> AppContext {
        let env = Environment()
        let base = try BaseURL(baseURL ?? env["LINKDESK_BASE_URL"] ?? BaseURL.default.text)
        let fromEnvironment = env["LINKDESK_CLIPBOARD"].flatMap { $0.isEmpty ? nil : $0 }
        let helper = try clipboard ?? fromEnvironment.map { name in
            guard let named = ClipboardHelper.named(name) else {
                throw Refusal("unknown clipboard helper \"\(name)\" in LINKDESK_CLIPBOARD: use "
                              + ClipboardHelper.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return named
        } ?? .auto
        let store = try openStore(database, env, reads: reads)
        ExitingStores.keep(store)
        return AppContext(linkdesk: Linkdesk(store: store, base: base, time: try clock(env), random: SystemRandomSource()),
                          clipboard: helper)
    }

    /// A `postgres://` (or `postgresql://`) URL is the team's PostgreSQL (SPEC §6; libpq reads
    /// the PG* environment variables and ~/.pgpass as psql does); anything else a SQLite file.
    private static func openStore(_ database: String?, _ env: Environment, reads: ReadConnections) throws -> any LinkStore {
        if let location = database ?? env["LINKDESK_DB"], PostgresStore.handles(location) {
            return try PostgresStore(url: location, seed: { try DemoWorkspace.load() })
        }
        let path = try databasePath(database, env)
        let isNew = !FileManager.default.fileExists(atPath: path)
        // One read connection for a command, a pool for a screen, the writer's for a write (ReadConnections).
        let store = try SQLiteStore(path: path, seed: { try DemoWorkspace.load() }, reads: reads)
        if isNew && (database != nil || env["LINKDESK_DB"] != nil) && env["LINKDESK_QUIET"] == nil {
            Output.note("created a new workspace with the demo pages at \(path)")
        }
        return store
    }

    /// The database file these options name (the default one's folders created).
    func resolvedDatabasePath() throws -> String { try Self.databasePath(database, Environment()) }

    /// The default path's folders are created; an explicit path must be in an existing folder, so
    /// that a typo in `--db` fails loudly instead of quietly starting an empty workspace elsewhere.
    private static func databasePath(_ database: String?, _ env: Environment) throws -> String {
        if let explicit = database ?? env["LINKDESK_DB"], !explicit.isEmpty { return explicit }
        let home = env["HOME"] ?? NSHomeDirectory()
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        let folder = dataHome + "/linkdesk"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create \(folder): \(error.localizedDescription)")
        }
        return folder + "/linkdesk.sqlite"
    }

    /// LINKDESK_NOW fixes the clock (ISO 8601), for demos and tests of time-bound rules.
    private static func clock(_ env: Environment) throws -> any TimeSource {
        guard let text = env["LINKDESK_NOW"], !text.isEmpty else { return SystemTime() }
        guard let date = ISO8601.date(text) else { throw Refusal("LINKDESK_NOW is not an ISO 8601 time: \(text)") }
        return FixedTime(date)
    }
}
