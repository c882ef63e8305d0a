import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore

/// `linkdesk migrate --from FILE.sqlite --to postgres://…` (SPEC §6): the whole workspace moves,
/// links and bookings included, in one transaction on the PostgreSQL side, counts verified.
/// Tokens are not stored, only their hashes, which move: the links made before keep working,
/// one-time links, customers' manage links and staff's calendar feeds alike.
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
            let dump = try await source.dump()
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
                \(counts.bookings) bookings, \(counts.activity) activity events, \(counts.formerSlugs) former slugs, \
                \(counts.manageTokens) manage links, \(counts.requestKeys) booking requests, \(counts.calendarTokens) calendar feeds: \
                counts verified
                """)
        }
    }
}
