import Foundation
@testable import LinkdeskCLI
import LinkdeskConsole
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore
import LinkdeskTerminal
import LinkdeskTestSupport
import Testing

/// The console's whole loop as the CLI runs it — `ConsoleProgram` in `Program`, effects by the
/// CLI's `ConsoleEffects` through the use cases onto a real SQLite store, the store's change
/// stream as messages — with keys in and screens out through `TestBackend`, without tmux.
@Suite("Console over a real store: keys in, effects on the store, screens out")
struct ConsoleOverStoreTests {
    static let now = ISO8601.date("2026-11-23T14:00:00Z")!  // Monday 09:00 in New York

    /// A demo workspace in a temporary SQLite file or a fresh PostgreSQL database (team mode,
    /// SPEC §6: the console over the team store, its changes through LISTEN/NOTIFY), and what
    /// the console's runner builds over it.
    struct Setup {
        let kind: RuntimeStore
        let directory: URL
        let postgres: (server: String, database: String, url: String)?
        let app: AppContext

        /// `server`: where the PostgreSQL case makes its database (the `LINKDESK_TEST_PG` one unless told).
        /// `seed`: the workspace of a new store (the demo unless told).
        init(_ kind: RuntimeStore = .sqlite, server: String? = nil, seed: Workspace? = nil) throws {
            self.kind = kind
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-runtime-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store: any LinkStore
            switch kind {
            case .sqlite:
                postgres = nil
                store = try SQLiteStore(path: directory.appendingPathComponent("db.sqlite").path, seed: { try seed ?? DemoWorkspace.load() })
            case .postgres:
                let server = try server ?? PostgresServer.require()
                let database = PostgresServer.freshName("linkdesk_rt_")
                _ = try PostgresStore.execute("CREATE DATABASE \(database)", at: server)
                let url = try PostgresServer.url(server, database: database)
                postgres = (server, database, url)
                store = try PostgresStore(url: url, seed: { try seed ?? DemoWorkspace.load() })
            }
            app = AppContext(linkdesk: Linkdesk(store: store, base: .default, time: FixedTime(ConsoleOverStoreTests.now)),
                             clipboard: .none)
        }

        /// Another process on the same file or database.
        func otherProcess() throws -> Linkdesk {
            let store: any LinkStore = if let postgres {
                try PostgresStore(url: postgres.url)
            } else {
                try SQLiteStore(path: directory.appendingPathComponent("db.sqlite").path)
            }
            return Linkdesk(store: store, base: .default, time: FixedTime(ConsoleOverStoreTests.now))
        }

        /// What `ConsoleRunner.run` builds, over `TestBackend` instead of the terminal.
        func program(view: ViewID, script: [TestBackend.Step]) async throws -> (Program<ConsoleProgram>, TestBackend) {
            let effects = ConsoleEffects(app: app)
            let changes = StoreWatcher.messages(app.linkdesk.store.changes())
            let runner = ConsoleRunner(app: app, theme: .light, firstView: view)
            let (model, rest) = try await runner.firstModel(screenRows: ScreenSize.standard.height)
            let backend = TestBackend(script: script)
            // Generous: these tests check that a change shows up at all, on a machine the whole
            // suite loads (the 1 s promise is measured where nothing else runs: ConsoleLiveTests).
            backend.waitLimit = .seconds(30)
            let program = Program(model: model, backend: backend, perform: { effect in await effects.perform(effect) },
                                  messages: changes, effects: rest)
            return (program, backend)
        }

        func remove() {
            try? FileManager.default.removeItem(at: directory)
            if let postgres {
                _ = try? PostgresStore.execute("DROP DATABASE IF EXISTS \(postgres.database) WITH (FORCE)", at: postgres.server)
            }
        }
    }

    static func book(_ desk: Linkdesk, name: String, hour: Int) async throws -> Booking {
        let link = Link(target: .page(slug: "salescall"))
        let start = ISO8601.date(String(format: "2026-11-24T%02d:00:00Z", hour + 5))!
        return try await desk.book(CustomerBooking(link: link, eventName: "30-minute meeting", start: start,
                                                   form: Personalization(name: name, email: "\(name.lowercased())@example.com")))
    }

    @Test("a booking made by another process shows in Bookings; c cancels it in the store, with the reason asked (SQLite)")
    func bookingsLiveAndCancel() async throws {
        try await Self.bookingsLiveAndCancel(.sqlite)
    }

    @Test("a booking made by another process shows in Bookings; c cancels it in the store, with the reason asked (PostgreSQL)", .postgres)
    func bookingsLiveAndCancelOnPostgres() async throws {
        try await Self.bookingsLiveAndCancel(.postgres)
    }

    static func bookingsLiveAndCancel(_ kind: RuntimeStore) async throws {
        let setup = try Setup(kind)
        defer { setup.remove() }
        let other = try setup.otherProcess()
        let (program, backend) = try await setup.program(view: .bookings, script: [
            .waitFor(text: " Bookings"),
            .run { Task { _ = try? await Self.book(other, name: "Nadia", hour: 10) } },
            .waitFor("Nadia's booking, made elsewhere") { $0.contains { $0.contains("Nadia") && $0.contains("Scheduled") } },
            .key(.char("c")),
            .waitFor(text: "Cancel booking #1"),
        ] + TestBackend.type("double booked") + [
            .key(.enter),
            .waitFor("the booking canceled") { $0.contains { $0.contains("Nadia") && $0.contains("Canceled") } },
            .key(.char("q")),
        ])
        _ = try await program.runOnThread()
        let stored = try await other.booking(id: 1)
        #expect(stored.status == .canceledByStaff)
        #expect(stored.reason == "double booked")
        let last = try #require(backend.frames.last).lines()
        #expect(last.contains { $0.contains("booking #1 canceled") }, "\(last.joined(separator: "\n"))")
    }

    @Test("a refusal from the rules is shown on the status line and changes nothing (SQLite)")
    func refusalOnTheStatusLine() async throws {
        try await Self.refusalOnTheStatusLine(.sqlite)
    }

    @Test("a refusal from the rules is shown on the status line and changes nothing (PostgreSQL)", .postgres)
    func refusalOnTheStatusLineOnPostgres() async throws {
        try await Self.refusalOnTheStatusLine(.postgres)
    }

    static func refusalOnTheStatusLine(_ kind: RuntimeStore) async throws {
        let setup = try Setup(kind)
        defer { setup.remove() }
        let other = try setup.otherProcess()
        _ = try await Self.book(other, name: "Omar", hour: 11)
        _ = try await other.cancel(id: 1, actor: .staff, reason: "moved away")
        let (program, backend) = try await setup.program(view: .bookings, script: [
            .waitFor(text: "Omar"),
            .key(.char("m")),  // mark completed: refused, the booking is canceled (and has not started)
            .waitFor("the refusal") { $0.contains { $0.contains("can't be marked") || $0.contains("has not started") } },
            .key(.char("q")),
        ])
        _ = try await program.runOnThread()
        #expect(try await other.booking(id: 1).status == .canceledByStaff)
        #expect(program.model.state.statusFailed, "\(backend.screen.joined(separator: "\n"))")
    }

    /// The first frame loads only what the first view shows; the other views' data follows in
    /// the reload after it, so switching views shows everything made before the console opened.
    @Test("opened on Pages, the first frame needs only pages and links; Bookings and Log then show what was there (SQLite)")
    func firstFrameThenTheRest() async throws {
        try await Self.firstFrameThenTheRest(.sqlite)
    }

    @Test("opened on Pages, the first frame needs only pages and links; Bookings and Log then show what was there (PostgreSQL)", .postgres)
    func firstFrameThenTheRestOnPostgres() async throws {
        try await Self.firstFrameThenTheRest(.postgres)
    }

    static func firstFrameThenTheRest(_ kind: RuntimeStore) async throws {
        let setup = try Setup(kind)
        defer { setup.remove() }
        let other = try setup.otherProcess()
        _ = try await Self.book(other, name: "Priya", hour: 9)
        let runner = ConsoleRunner(app: setup.app, theme: .light, firstView: .pages)
        let (model, rest) = try await runner.firstModel(screenRows: ScreenSize.standard.height)
        #expect(model.data.bookings.rows.isEmpty && model.data.activity.isEmpty, "not loaded before the first frame")
        #expect(rest.count == 1, "one reload of the rest: \(rest)")
        let (program, _) = try await setup.program(view: .pages, script: [
            .waitFor(text: "BOOKING PAGES"),
            .key(.char("4")),
            .waitFor("Priya's booking in Bookings") { $0.contains { $0.contains("Priya") && $0.contains("Scheduled") } },
            .key(.char("5")),
            .waitFor("her booking in the activity stream") { $0.contains { $0.contains("booking scheduled") } },
            .key(.char("q")),
        ])
        _ = try await program.runOnThread()
    }
}
