import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Team mode's targets, in one run on one PostgreSQL server (`BenchPostgres`): booking POSTs
/// per second through two `linkdesk-serve` on one database, each POST through a fresh one-time
/// link (wrk, one per server, at once), against pgbench's built-in TPC-B-like script on a
/// database of its own on the same server; then the p99 of a booking at a capped 200 per second
/// (100 per server). Each run ends when its links are used up (`BookingScript`), so what is
/// divided is bookings made, and refusals are counted apart. Targets: ≥ 50 % of pgbench's
/// transactions per second; p99 ≤ 20 ms at 200 bookings/s. Nothing is pinned: on a 2-core
/// machine the servers, PostgreSQL and wrk share both cores.
struct TeamBenchmark {
    let seconds: Int
    let connections = 16

    func run() {
        let (linkdesk, serve) = releaseBinaries()
        let env0 = ProcessInfo.processInfo.environment
        guard let postgres = BenchPostgres.fromEnvironment() else {
            fail("set LINKDESK_BENCH_PG (or LINKDESK_TEST_PG) to a postgres:// URL whose user may create databases")
        }
        guard let wrk = which("wrk") else { fail("wrk is not installed (apt-get install wrk)") }
        guard let pgbench = BenchPostgres.postgresBin().map({ $0 + "/pgbench" }) ?? which("pgbench") else {
            fail("pgbench is needed (apt-get install postgresql-contrib)")
        }
        let suffix = String(getpid())
        let appDB = "linkdesk_bench_\(suffix)", pgbenchDB = "linkdesk_pgbench_\(suffix)"
        let appURL = postgres.create(appDB), pgbenchURL = postgres.create(pgbenchDB)
        defer { [appDB, pgbenchDB].forEach(postgres.drop) }

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-bench-team-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ports = [18_000 + Int(getpid() % 1_000) * 2, 18_001 + Int(getpid() % 1_000) * 2]
        let base = "http://localhost:\(ports[0])"
        var env = env0
        env["LINKDESK_DB"] = appURL
        env["LINKDESK_QUIET"] = "1"
        env["LINKDESK_BASE_URL"] = base
        guard timed(linkdesk, ["pages"], environment: env).status == 0 else { fail("could not set up the workspace at \(appURL)") }

        // Fresh one-time links (one per booking) and free slots for them.
        let count = 2 * Self.linksPerRun + 2 * Self.linksPerCappedRun
        var customers = "name,email\n"
        for i in 0..<count { customers += "Customer \(i),c\(i)@example.com\n" }
        FileManager.default.createFile(atPath: dir + "/customers.csv", contents: Data(customers.utf8))
        let batch = timed(linkdesk, ["batch", "salescall", "--customers", dir + "/customers.csv", "--one-time"], environment: env)
        let urls = batch.out.split(separator: "\n").dropFirst().compactMap { row in
            row.split(separator: ",").map(String.init).first { $0.hasPrefix(base + "/.") }
        }
        guard batch.status == 0, urls.count >= count else { fail("linkdesk batch made \(urls.count) links (exit \(batch.status))") }
        let paths = urls.map { String($0.dropFirst(base.count)) }
        let slots = ServeBenchmark.slots(count)
        // Four disjoint sets of links: the full-speed run and the capped one, each split between the servers.
        for part in 0..<4 {
            let start = part < 2 ? part * Self.linksPerRun : 2 * Self.linksPerRun + (part - 2) * Self.linksPerCappedRun
            let range = start..<(start + (part < 2 ? Self.linksPerRun : Self.linksPerCappedRun))
            // Capped: 3 connections per server, each waiting 25 ms after an answer → ≤ 100/s per
            // server at a few ms a booking (wrk's delay follows the answer; the rate printed is the real one).
            let lua = BookingScript.lua(paths: range.map { paths[$0] }, slots: range.map { slots[$0] }, delayMs: part >= 2 ? 25 : nil)
            FileManager.default.createFile(atPath: dir + "/post\(part).lua", contents: Data(lua.utf8))
        }

        var pids: [pid_t] = []
        for port in ports {
            pids.append(ServeBenchmark(seconds: seconds).spawn([serve], ["--db", appURL, "--port", String(port), "--base-url", base, "--quiet"], env))
        }
        defer { for pid in pids { kill(pid, SIGTERM); var status: Int32 = 0; waitpid(pid, &status, 0) } }
        for port in ports {
            waitForServer(wrk: wrk, port: port)
        }

        /// Both servers at once, each with its own wrk and its own links.
        func both(script first: Int, connections: Int, duration: Int) -> [ServeBenchmark.Figures] {
            let box = FiguresBox()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let run = timed(wrk, ["-t1", "-c\(connections)", "-d\(duration)s", "-s", dir + "/post\(first + i).lua",
                                      "http://127.0.0.1:\(ports[i])/"])
                box.set(i, ServeBenchmark.parse(run.out))
            }
            return box.figures
        }
        let duration = seconds  // at most: a run ends sooner when its links are used up
        let full = both(script: 0, connections: connections / 2, duration: duration)
        let capped = both(script: 2, connections: 3, duration: seconds)

        // pgbench's TPC-B-like script on the same server, same client count.
        guard timed(pgbench, ["-i", "-q", "-s", "10", pgbenchURL]).status == 0 else { fail("pgbench -i failed on \(pgbenchURL)") }
        let tpcb = timed(pgbench, ["-n", "-c", String(connections), "-j", "2", "-T", String(duration), pgbenchURL])
        let tps = tpcb.out.split(separator: "\n").first { $0.hasPrefix("tps = ") }
            .flatMap { Double($0.dropFirst("tps = ".count).split(separator: " ").first ?? "") } ?? 0
        guard tps > 0 else { fail("pgbench gave no figure: \(tpcb.out)") }

        print("benchmark: team mode, two linkdesk-serve on one PostgreSQL (\(appURL.replacingOccurrences(of: "postgres://", with: ""))), "
              + "wrk per server, \(duration) s runs, \(Self.linksPerRun) links per server for the full-speed run; nothing pinned")
        for (i, f) in full.enumerated() {
            print("  server \(i + 1) booking POSTs  \(fmt(f.bookedPerSecond))/s  p50 \(fmt(f.p50)) ms  p99 \(fmt(f.p99)) ms  "
                  + "(\(f.booked) booked, \(f.refused) refused, in \(fmt(f.seconds)) s; \(f.errors) socket errors)"
                  + (BookingScript.ranOut(f, links: Self.linksPerRun) ? "; INVALID: it used all its links, the rate is a lower bound" : ""))
        }
        let total = full.map(\.bookedPerSecond).reduce(0, +)
        print("  pgbench TPC-B-like      \(fmt(tps)) tps (\(connections) clients, \(duration) s)")
        let share = total / tps * 100
        print("  bookings \(fmt(total))/s = \(fmt(share)) % of pgbench's tps  (target ≥ 50.00 %: \(share >= 50 ? "met" : "NOT met"))")
        let cappedRate = capped.map(\.bookedPerSecond).reduce(0, +)
        let p99 = capped.map(\.p99).max() ?? 0
        print(targetLine("booking p99 at a capped 200/s", p99, "ms", target: 20,
                         extra: " (\(fmt(cappedRate)) bookings/s, \(capped.map(\.refused).reduce(0, +)) refused)"))
    }

    /// Links per server for the full-speed run: more than it uses in 10 s on the development
    /// machine (about 600 a second each); a run that uses them all is flagged (`BookingScript`).
    static let linksPerRun = 15_000
    /// Links per server for the capped run: 100 a second for up to 20 s.
    static let linksPerCappedRun = 2_000
}

/// Figures written from two threads.
final class FiguresBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items = [ServeBenchmark.Figures(), ServeBenchmark.Figures()]
    func set(_ i: Int, _ f: ServeBenchmark.Figures) { lock.lock(); items[i] = f; lock.unlock() }
    var figures: [ServeBenchmark.Figures] { lock.lock(); defer { lock.unlock() }; return items }
}
