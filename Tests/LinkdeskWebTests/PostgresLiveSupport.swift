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

/// A real `linkdesk-serve` on a database named by `--db` (a postgres:// URL), at the tests' clock.
final class ServeProcess: @unchecked Sendable {
    let port: Int
    let process = Process()
    let output = Pipe()
    var base: String { "http://localhost:\(port)" }

    init(db: String, port: Int = freePort(), base: String? = nil, now: String = "2026-12-07T12:00:00Z") throws {
        self.port = port
        process.executableURL = URL(fileURLWithPath: try Products.path("linkdesk-serve"))
        process.arguments = ["--db", db, "--port", String(port), "--quiet"] + (base.map { ["--base-url", $0] } ?? [])
        var env = ProcessInfo.processInfo.environment
        env["LINKDESK_NOW"] = now
        env.removeValue(forKey: "LINKDESK_BASE_URL")
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

/// What a finished process said and how it ended.
struct Finished: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
}

/// Runs `program` to its end (killed after `timeout` s, which the caller's expectations then catch).
/// posix_spawn and waitpid rather than Foundation's `Process`, whose `waitUntilExit` can miss the
/// exit of a program that starts daemons (`su … pg_ctl start`) and wait forever.
func run(_ program: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 60) throws -> Finished {
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-run-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let outPath = folder + "/out", errPath = folder + "/err"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let cArgs = ([program] + arguments).map { strdup($0) } + [nil]
    let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
    var child: pid_t = 0
    let started = Date()
    let rc = posix_spawn(&child, program, &actions, nil, cArgs, cEnv)
    guard rc == 0 else { throw PostgresServerError("cannot run \(program): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while true {
        let reaped = waitpid(child, &status, WNOHANG)
        if reaped == child { break }
        if reaped < 0 && errno != EINTR { throw PostgresServerError("waitpid: \(errno)") }
        if Date().timeIntervalSince(started) > timeout { kill(child, SIGKILL) }
        usleep(5_000)
    }
    let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    return Finished(status: exited, stdout: text(outPath), stderr: text(errPath), seconds: Date().timeIntervalSince(started))
}

/// A PostgreSQL cluster of a test's own (never the session's shared server): `initdb` as the
/// `postgres` user into a temporary folder, its own port and socket folder, as `.ci/run` does.
/// A fault test may restart or stop it; `remove()` stops it and deletes the folder.
final class ThrowawayCluster: @unchecked Sendable {
    let folder: String
    let port: Int
    let bin: String
    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    /// The newest PostgreSQL's bin folder (Debian's layout), or nil.
    static var binFolder: String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap { Int($0) }.sorted().last.map { "\(root)/\($0)/bin" }
            .flatMap { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") ? $0 : nil }
    }

    init() throws {
        bin = try #require(Self.binFolder, "PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-fault-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        port = freePort()
        _ = try Self.shell("chown postgres \(folder)", asPostgres: false)
        let made = try Self.shell("\(bin)/initdb -D \(folder)/data -U postgres -A trust --no-sync -E UTF8")
        guard made.status == 0 else { throw PostgresServerError("initdb failed: \(made.stderr)") }
        try start()
    }

    /// Durable commits stay on (no synchronous_commit=off): an immediate restart must not lose
    /// what was confirmed. fsync off is safe here, the machine itself does not crash.
    func start() throws {
        let options = "-k \(folder) -p \(port) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        let started = try Self.shell("\(bin)/pg_ctl -D \(folder)/data -l \(folder)/log -w start -o '\(options)'")
        guard started.status == 0 else { throw PostgresServerError("pg_ctl start failed: \(started.stderr) \(log)") }
    }

    /// `pg_ctl restart -m immediate`: every backend killed at once, crash recovery on start.
    func restartImmediately() throws -> Finished {
        try Self.shell("\(bin)/pg_ctl -D \(folder)/data -l \(folder)/log -m immediate -w restart")
    }

    func stopImmediately() throws -> Finished {
        try Self.shell("\(bin)/pg_ctl -D \(folder)/data -m immediate -w stop")
    }

    var log: String { (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? "" }

    func remove() {
        _ = try? stopImmediately()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs `command` with sh, as the `postgres` user when this process is root (initdb refuses root).
    @discardableResult
    static func shell(_ command: String, asPostgres: Bool = true) throws -> Finished {
        if asPostgres && getuid() == 0 {
            return try run("/bin/su", ["postgres", "-s", "/bin/sh", "-c", command])
        }
        return try run("/bin/sh", ["-c", command])
    }
}

/// The statuses of replies, counted, for messages.
func tally(_ statuses: [Int]) -> [Int: Int] { Dictionary(grouping: statuses) { $0 }.mapValues(\.count) }
