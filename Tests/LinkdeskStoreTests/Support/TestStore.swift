import Foundation
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore
import LinkdeskTestSupport
import Testing

/// A fresh store of one kind, seeded with a workspace (the fixture unless told otherwise), on a
/// database of its own (or in memory); `remove()` deletes that database.
///
/// The conveniences go through the use cases (`Linkdesk`), acting at `StoreFixture.now` unless
/// told otherwise; `store` is there for the tests of the store's own guarantees.
final class TestStore: Sendable {
    let kind: StoreKind
    let store: any LinkStore
    private let location: Location

    /// Where a test's database lives.
    private enum Location {
        /// A file in a temporary directory of its own (with its -wal and -shm beside it).
        case sqlite(directory: URL, path: String)
        /// A database of its own on the `LINKDESK_TEST_PG` server, dropped by `remove()`.
        case postgres(server: String, database: String, url: String)
        /// An `InMemoryStore`: nothing to delete.
        case memory
    }

    init(_ kind: StoreKind, seed workspace: Workspace = StoreFixture.workspace) async throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("linkdesk-store-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("test.sqlite").path
            location = .sqlite(directory: directory, path: path)
            store = try SQLiteStore(path: path, seed: { workspace })
        case .postgres:
            let server = try PostgresServer.require()
            let database = "linkdesk_t_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
            _ = try PostgresStore.execute("CREATE DATABASE \(database)", at: server)
            let url = try Self.url(server, database: database)
            location = .postgres(server: server, database: database, url: url)
            store = try PostgresStore(url: url, seed: { workspace })
        case .memory:
            location = .memory
            store = InMemoryStore(workspace: workspace)
        }
    }

    /// `server` with its database replaced by `database`.
    static func url(_ server: String, database: String) throws -> String {
        guard var parts = URLComponents(string: server) else { throw StoreError("LINKDESK_TEST_PG is not a URL: \(server)") }
        parts.path = "/" + database
        return parts.string ?? server
    }

    /// Another store (its own connection) on the same database, as another process would have.
    /// `seed` is offered to it as to any opening store: a database that has a workspace keeps it.
    /// In memory there is no other connection: the same store is what anyone else would see.
    func secondConnection(seed: Workspace? = nil) async throws -> any LinkStore {
        switch location {
        case .sqlite(_, let path):
            return try SQLiteStore(path: path, seed: seed.map { workspace in { workspace } })
        case .postgres(_, _, let url):
            return try PostgresStore(url: url, seed: seed.map { workspace in { workspace } })
        case .memory:
            return store
        }
    }

    /// The SQLite file, for the SQLite-only tests.
    var sqlitePath: String? {
        switch location {
        case .sqlite(_, let path): path
        case .postgres, .memory: nil
        }
    }

    /// The database's connection URL, for the PostgreSQL-only tests.
    var postgresURL: String? {
        switch location {
        case .sqlite, .memory: nil
        case .postgres(_, _, let url): url
        }
    }

    func remove() {
        switch location {
        case .sqlite(let directory, _): try? FileManager.default.removeItem(at: directory)
        case .postgres(let server, let database, _):
            _ = try? PostgresStore.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", at: server)
        case .memory: break
        }
    }

    /// The use cases over this store, acting at `now`.
    func linkdesk(_ now: Date = StoreFixture.now) -> Linkdesk {
        Linkdesk(store: store, base: .default, time: FixedTime(now))
    }

    // MARK: Conveniences over the use cases

    /// A one-time link made through `Linkdesk.makeLink`, read back from the URL it printed.
    @discardableResult
    func oneTime(_ slug: String = "salescall", uses: Int = 1, expiresAt: Date? = nil,
                 personalization: Personalization = Personalization(),
                 now: Date = StoreFixture.now) async throws -> (url: String, link: Link, linkID: String) {
        let linkdesk = linkdesk(now)
        let page = try await linkdesk.workspace().resolvePage(slug)
        let made = try await linkdesk.makeLink(page: page, personalization: personalization,
                                               oneTime: OneTimeOptions(uses: uses, expiresAt: expiresAt))
        let link = try linkdesk.link(from: made.url)
        guard let id = made.oneTime?.linkID else { throw Refusal("makeLink returned no one-time link") }
        return (made.url, link, id)
    }

    /// Books as the customer holding `link`. The form carries a name and email unless told otherwise.
    @discardableResult
    func book(_ link: Link, event: String = "30-minute meeting", at start: Date,
              form: Personalization = StoreFixture.form, now: Date = StoreFixture.now) async throws -> Booking {
        try await linkdesk(now).book(CustomerBooking(link: link, eventName: event, start: start, form: form))
    }

    /// The one-time link with listing id `id`, as listed.
    func link(_ id: String) async throws -> OneTimeLink? {
        try await linkdesk().oneTimeLinks().first { $0.linkID == id }
    }

    func allBookings() async throws -> [Booking] {
        try await linkdesk().bookings(BookingQuery())
    }

    /// The kinds of the activity stream as read at `now`, newest first.
    func activityKinds(now: Date = StoreFixture.now) async throws -> [ActivityEvent.Kind] {
        try await linkdesk(now).activity(limit: 10_000).map(\.kind)
    }
}

/// Links as data.
enum Links {
    static func general(_ slug: String, name: String? = nil, email: String? = nil, showForm: Bool = false) -> Link {
        Link(target: .page(slug: slug), personalization: Personalization(name: name, email: email, showForm: showForm))
    }
}
