import Foundation

/// Databases of the benchmarks' own on a PostgreSQL server: `LINKDESK_BENCH_PG`, else
/// `LINKDESK_TEST_PG` (a URL whose user may create databases; `.ci/run` sets the second).
struct BenchPostgres {
    let server: String
    let psql: String

    /// nil when no server is named (the caller says what it skipped).
    static func fromEnvironment() -> BenchPostgres? {
        let env = ProcessInfo.processInfo.environment
        guard let server = [env["LINKDESK_BENCH_PG"], env["LINKDESK_TEST_PG"]].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            return nil
        }
        guard let psql = postgresBin().map({ $0 + "/psql" }) ?? which("psql") else {
            fail("psql is needed for the PostgreSQL runs (apt-get install postgresql-client)")
        }
        return BenchPostgres(server: server, psql: psql)
    }

    /// Creates a database and returns its URL; `drop` removes it.
    func create(_ name: String) -> String {
        guard timed(psql, [server, "-qc", "CREATE DATABASE \(name)"]).status == 0 else { fail("cannot create database \(name) on \(server)") }
        guard var parts = URLComponents(string: server) else { fail("not a URL: \(server)") }
        parts.path = "/" + name
        return parts.string ?? server
    }

    func drop(_ name: String) {
        _ = timed(psql, [server, "-qc", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }

    /// The newest Debian PostgreSQL bin folder (pgbench lives there, not on PATH).
    static func postgresBin() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap { Int($0) }.sorted()
        return versions.last.map { "\(root)/\($0)/bin" }.flatMap { FileManager.default.isExecutableFile(atPath: $0 + "/pgbench") ? $0 : nil }
    }
}
