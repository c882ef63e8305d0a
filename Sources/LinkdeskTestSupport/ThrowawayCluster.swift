import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A PostgreSQL cluster of a test's own (never the session's shared server): `initdb` as the
/// `postgres` user into a temporary folder, its own port and socket folder, as `.ci/run` does.
/// A fault test may restart or stop it; `remove()` stops it and deletes the folder.
public final class ThrowawayCluster: @unchecked Sendable {
    public let folder: String
    public let port: Int
    public let bin: String
    /// Over TCP, as every linkdesk process in the tests connects.
    public var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    /// `database` over the cluster's Unix socket: it still answers there while `start(tcp: false)`
    /// keeps TCP closed.
    public func socketURL(database: String) -> String { "postgres://postgres@/\(database)?host=\(folder)&port=\(port)" }

    /// The newest PostgreSQL's bin folder (Debian's layout), or nil.
    public static var binFolder: String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap { Int($0) }.sorted().last.map { "\(root)/\($0)/bin" }
            .flatMap { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") ? $0 : nil }
    }

    public init() throws {
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
    /// what was confirmed. fsync off is safe here, the machine itself does not crash. With `tcp`
    /// false the server listens on its Unix socket only: unreachable for `url`, not for
    /// `socketURL`.
    public func start(tcp: Bool = true) throws {
        let listen = tcp ? "127.0.0.1" : "''"
        let options = "-k \(folder) -p \(port) -c listen_addresses=\(listen) -c fsync=off -c max_connections=200"
        let started = try Self.shell("\(bin)/pg_ctl -D \(folder)/data -l \(folder)/log -w start -o \"\(options)\"")
        guard started.status == 0 else { throw PostgresServerError("pg_ctl start failed: \(started.stderr) \(log)") }
    }

    /// `pg_ctl restart -m immediate`: every backend killed at once, crash recovery on start.
    public func restartImmediately() throws -> Finished {
        try Self.shell("\(bin)/pg_ctl -D \(folder)/data -l \(folder)/log -m immediate -w restart")
    }

    @discardableResult
    public func stopImmediately() throws -> Finished {
        try Self.shell("\(bin)/pg_ctl -D \(folder)/data -m immediate -w stop")
    }

    public var log: String { (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? "" }

    public func remove() {
        _ = try? stopImmediately()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs `command` with sh, as the `postgres` user when this process is root (initdb refuses root).
    @discardableResult
    public static func shell(_ command: String, asPostgres: Bool = true) throws -> Finished {
        if asPostgres && getuid() == 0 {
            return try Processes.run("/bin/su", ["postgres", "-s", "/bin/sh", "-c", command])
        }
        return try Processes.run("/bin/sh", ["-c", command])
    }
}
