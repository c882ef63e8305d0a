import ArgumentParser
import Foundation
import LinkdeskClipboard
import LinkdeskComposition
import LinkdeskCore
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

    /// `context()` for a command a staff member runs: a login that is not staff of a workspace
    /// that has staff is refused with one line before anything is read (SPEC §8).
    func staffContext() async throws -> AppContext {
        try await context().checked()
    }

    /// `reads`: `.pool` for the console (it runs its loads and searches side by side), `.one` for
    /// a command and for the Share pop-up, which reads the workspace once before its first frame
    /// and then only writes the link on Copy & close (ReadConnections).
    func context(reads: ReadConnections) throws -> AppContext {
        try Self.context(database: database, baseURL: baseURL, clipboard: clipboard, reads: reads)
    }

    /// The context from the option values: callable without parsing (`FastCommandLine`), since
    /// reading an unparsed `@Option` traps. Store, clock and base URL come from `Composition`,
    /// which `linkdesk-serve` shares; the clipboard is the CLI's own.
    static func context(database: String?, baseURL: String?, clipboard: ClipboardHelper?,
                        reads: ReadConnections = .one) throws -> AppContext {
        let composition = Composition()
        let env = composition.environment
        let base = try composition.namedBaseURL(baseURL) ?? BaseURL.default
        let fromEnvironment = env.nonEmpty("LINKDESK_CLIPBOARD")
        let helper = try clipboard ?? fromEnvironment.map { name in
            guard let named = ClipboardHelper.named(name) else {
                throw Refusal("unknown clipboard helper \"\(name)\" in LINKDESK_CLIPBOARD: use "
                              + ClipboardHelper.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return named
        } ?? .auto
        let location = try composition.database(database)
        let isNew = if case .sqlite(let path, named: true) = location { !FileManager.default.fileExists(atPath: path) } else { false }
        let store = try composition.commandStore(location, reads: reads, seed: { try DemoWorkspace.load() })
        if isNew && env["LINKDESK_QUIET"] == nil {
            Output.note("created a new workspace with the demo pages at \(location.text)")
        }
        ExitingStores.keep(store)
        return AppContext(linkdesk: Linkdesk(store: store, base: base, time: try composition.clock(), random: SystemRandomSource(),
                                             notifications: try composition.notifications()),
                          clipboard: helper)
    }

    /// The database these options name (the default file's folders created).
    func resolvedDatabase() throws -> DatabaseLocation { try Composition().database(database) }
}
