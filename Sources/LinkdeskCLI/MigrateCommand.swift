import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore

/// `linkdesk migrate --from FILE.sqlite --to postgres://…` (SPEC §6): the whole workspace moves,
/// links and bookings included, in one transaction on the PostgreSQL side, counts verified.
/// Tokens are not stored, only their hashes, which move: the links made before keep working.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Copy a SQLite workspace into a new PostgreSQL database, and verify the counts.")

    @Option(help: ArgumentHelp("The SQLite database to copy (left unchanged).", valueName: "file")) var from: String
    @Option(help: ArgumentHelp("The PostgreSQL database to fill (it must hold no workspace yet).", valueName: "url")) var to: String

    func run() async throws {
        try await reporting {
            guard PostgresStore.handles(to) else { throw Refusal("--to must be a postgres:// or postgresql:// URL") }
            guard FileManager.default.fileExists(atPath: from) else { throw StoreError("no SQLite database at \(from)") }
            let source = try SQLiteStore(path: from)
            let dump = StoreDump(workspace: try await source.workspace(), links: try await source.oneTimeLinks(),
                                 bookings: try await allBookings(source),
                                 activity: try await source.activity(limit: Int(Int32.max)).reversed(),
                                 formerSlugs: try await source.formerSlugs())
            let target = try PostgresStore(url: to)
            let counts = try await target.importDump(dump)
            // Read back through the store, as any console would.
            let workspace = try await target.workspace()
            let bookings = try await target.countBookings(BookingQuery(limit: Int(Int32.max)))
            guard workspace == dump.workspace, bookings == dump.bookings.count,
                  try await target.oneTimeLinks().count == dump.links.count else {
                throw StoreError("the copy in PostgreSQL does not read back as the SQLite workspace")
            }
            Output.line("""
                copied \(counts.pages) pages, \(counts.eventTypes) event types, \(counts.links) one-time links, \
                \(counts.bookings) bookings, \(counts.activity) activity events, \(counts.formerSlugs) former slugs: counts verified
                """)
        }
    }

    private func allBookings(_ store: SQLiteStore) async throws -> [Booking] {
        var all: [Booking] = []
        while true {
            let page = try await store.bookings(BookingQuery(limit: 10_000, offset: all.count))
            all += page
            if page.count < 10_000 { return all }
        }
    }
}
