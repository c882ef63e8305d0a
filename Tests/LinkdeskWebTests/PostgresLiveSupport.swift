import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// A database of its own on a PostgreSQL server (the `LINKDESK_TEST_PG` one unless told
/// otherwise), seeded with the demo pages; `remove()` drops it.
final class PostgresDatabase: @unchecked Sendable {
    let server: String
    let name: String
    let url: String
    let store: PostgresStore

    init(server: String? = nil, seed: Workspace? = nil) throws {
        self.server = try server ?? PostgresServer.require()
        name = PostgresServer.freshName("linkdesk_w_")
        _ = try PostgresStore.execute("CREATE DATABASE \(name)", at: self.server)
        url = try PostgresServer.url(self.server, database: name)
        let workspace = try seed ?? WebFixture.demoWorkspace()
        store = try PostgresStore(url: url, seed: { workspace })
    }

    /// The use cases over this database at the live servers' clock.
    func linkdesk(base: String) -> Linkdesk {
        Linkdesk(store: store, base: (try? BaseURL(base)) ?? .default, time: FixedTime(WebFixture.now))
    }

    /// `count` one-time links of the demo's Dynamic master page, each for its own customer.
    func oneTimeLinks(_ count: Int, base: String) async throws -> [MadeLink] {
        let desk = linkdesk(base: base)
        let master = try #require(try await desk.workspace().page(slug: "salescall"))
        return try await desk.makeLinks(page: master, personalizations: (0..<count).map {
            Personalization(name: "Customer \($0)", email: "c\($0)@example.com")
        }, oneTime: OneTimeOptions())
    }

    /// The number a `SELECT count(*) …` gives, straight from the database.
    func count(_ sql: String) throws -> Int {
        let cell = try PostgresStore.execute(sql, at: url).first?.first ?? nil
        return Int(cell ?? "") ?? -1
    }

    func remove() {
        _ = try? PostgresStore.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", at: server)
    }
}

/// A real `linkdesk-serve` on the database `--db` names (a SQLite path or a postgres:// URL), at the tests' clock.
final class ServeProcess: @unchecked Sendable {
    let port: Int
    let process = Process()
    let output = Pipe()
    var base: String { "http://localhost:\(port)" }

    /// `arguments` and `environment` are added to the server's own.
    init(db: String, port: Int = freePort(), base: String? = nil, now: String = "2026-12-07T12:00:00Z", quiet: Bool = true,
         arguments: [String] = [], environment: [String: String] = [:]) throws {
        self.port = port
        process.executableURL = URL(fileURLWithPath: try Products.path("linkdesk-serve"))
        process.arguments = ["--db", db, "--port", String(port)] + (quiet ? ["--quiet"] : []) + (base.map { ["--base-url", $0] } ?? [])
            + arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LINKDESK_") }
        env["LINKDESK_NOW"] = now
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if (try? RawHTTP.send(port: port, path: "/style.css", timeout: 2))?.status == 200 { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        let said = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        throw RawHTTP.Failure(description: "linkdesk-serve did not start on port \(port): \(said)")
    }

    func stop() {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }
}

/// The statuses of replies, counted, for messages.
func tally(_ statuses: [Int]) -> [Int: Int] { Dictionary(grouping: statuses) { $0 }.mapValues(\.count) }
