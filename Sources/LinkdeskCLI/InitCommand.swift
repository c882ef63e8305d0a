import ArgumentParser
import Foundation
import LinkdeskComposition
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore

/// `linkdesk init [--demo | --empty]`: creates a workspace on purpose (issue 11). Without it,
/// the first command on a new database still creates the demo, as before.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new workspace: the demo pages, or none (to apply your own file).",
        discussion: """
            Refuses when the database already holds a workspace; --force replaces a SQLite file (deleting its \
            bookings, links and activity). On PostgreSQL, init fills a database that holds no workspace yet; to start \
            over there, drop and create the database first.
            """)

    enum Contents: String, EnumerableFlag {
        case demo, empty

        static func help(for value: Contents) -> ArgumentHelp? {
            value == .demo ? "The demo workspace (the default)." : "No event types and no pages: then linkdesk workspace apply FILE."
        }
    }

    @OptionGroup var global: GlobalOptions
    @Flag(exclusivity: .exclusive) var contents: Contents = .demo
    @Flag(help: "Replace an existing SQLite database, deleting everything in it.") var force = false

    func run() async throws {
        try await reporting {
            let empty = contents == .empty
            let seed: () throws -> Workspace = { empty ? Workspace(eventTypes: [], bookingPages: [], masterPages: []) : try DemoWorkspace.load() }
            let what = empty ? "an empty workspace" : "the demo workspace"
            let location = try global.resolvedDatabase()
            if case .postgres(let url) = location {
                let seeded = SeedWitness()
                let store = try PostgresStore(url: url, seed: { seeded.used = true; return try seed() })
                guard seeded.used else {
                    throw Refusal("the PostgreSQL database already holds a workspace: nothing was changed"
                                  + (force ? " (--force replaces SQLite files only: drop and create the database to start over)" : ""))
                }
                if empty { try await Self.newWorkspaceDefaults(store) }
                Output.note("created \(what) in PostgreSQL")
                return
            }
            let path = location.text
            if FileManager.default.fileExists(atPath: path) {
                guard force else {
                    throw Refusal("a workspace already exists at \(path): nothing was changed "
                                  + "(linkdesk init --force replaces it, deleting its bookings, links and activity)")
                }
                for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
                    do { try FileManager.default.removeItem(atPath: file) } catch {
                        throw StoreError("cannot remove \(file): \(error.localizedDescription)")
                    }
                }
            }
            let store = try SQLiteStore(path: path, seed: seed)
            if empty { try await Self.newWorkspaceDefaults(store) }
            Output.note("created \(what) at \(path)")
        }
    }
}

extension InitCommand {
    /// A new empty workspace's defaults: its booking pages, added later, take bookings at least
    /// 4 hours ahead unless they say otherwise (`site: {new-page-minimum-notice: …}` changes it).
    static func newWorkspaceDefaults(_ store: any LinkStore) async throws {
        try await store.saveSettings([WorkspaceSettings.Name.newPageMinimumNotice.rawValue: String(WorkspaceSettings.newWorkspaceMinimumNotice)],
                                     events: [])
    }
}

/// Whether the store asked for its seed (it does only when the database holds no workspace).
private final class SeedWitness: @unchecked Sendable {
    var used = false
}
