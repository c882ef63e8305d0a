import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The booking site's targets, measured with wrk on loopback (server pinned to core 0, wrk to
/// core 1 when `taskset` exists), 16 connections, against one server per store — SQLite, then
/// PostgreSQL when a server is named (`BenchPostgres`): GET of a booking page, GET of a
/// one-time link, booking POSTs each through a fresh one-time link, and the same server's 404
/// route. Targets: booking page ≥ 80 % of the 404 route's requests per second on SQLite, ≥ 50 %
/// on PostgreSQL (whose server shares the machine's two cores); p99 ≤ 10 ms at a capped 1,000
/// req/s; ≥ 500 booking POSTs per second.
struct ServeBenchmark {
    let seconds: Int
    let connections = 16

    struct Figures {
        var rps = 0.0, p50 = 0.0, p90 = 0.0, p99 = 0.0, errors = 0, non2xx = 0, requests = 0
        /// Booking runs only (`BookingScript`): answers that booked, that were refused, and the run's length.
        var booked = 0, refused = 0, seconds = 0.0
        var bookedPerSecond: Double { seconds > 0 ? Double(booked) / seconds : 0 }
    }

    func run() {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-bench-serve-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        measure(store: "SQLite", db: dir + "/serve.sqlite", dir: dir, pageTarget: 80)
        guard let postgres = BenchPostgres.fromEnvironment() else {
            print("benchmark: PostgreSQL skipped: set LINKDESK_BENCH_PG (or LINKDESK_TEST_PG) to a postgres:// URL whose user may create databases")
            return
        }
        let name = "linkdesk_serve_\(getpid())"
        let url = postgres.create(name)
        defer { postgres.drop(name) }
        measure(store: "PostgreSQL", db: url, dir: dir, pageTarget: 50)
    }

    func measure(store: String, db: String, dir: String, pageTarget: Double) {
        let (linkdesk, serve) = releaseBinaries()
        guard let wrk = which("wrk") else { fail("wrk is not installed (apt-get install wrk)") }
        let taskset = which("taskset")
        let port = 18_000 + Int(getpid() % 2_000) + (store == "SQLite" ? 0 : 1)
        let base = "http://localhost:\(port)"
        var env = ProcessInfo.processInfo.environment
        env["LINKDESK_DB"] = db
        env["LINKDESK_QUIET"] = "1"
        env["LINKDESK_BASE_URL"] = base
        guard timed(linkdesk, ["pages"], environment: env).status == 0 else { fail("could not create \(db)") }

        // Fresh one-time links for the POSTs (one per booking) and free slots for them: the
        // Dynamic master page books its 15-minute meetings with one member, 32 a weekday.
        let count = 20_000  // POSTs: at 1,600/s a 5 s run uses 8,000
        var customers = "name,email\n"
        for i in 0..<count { customers += "Customer \(i),c\(i)@example.com\n" }
        FileManager.default.createFile(atPath: dir + "/customers.csv", contents: Data(customers.utf8))
        let batch = timed(linkdesk, ["batch", "salescall", "--customers", dir + "/customers.csv", "--one-time"], environment: env)
        // CSV rows name,email,url,linkId: the URL is the field that starts with the base URL.
        let urls = batch.out.split(separator: "\n").dropFirst().compactMap { row in
            row.split(separator: ",").map(String.init).first { $0.hasPrefix(base + "/.") }
        }
        guard batch.status == 0, urls.count >= count else { fail("linkdesk batch made \(urls.count) links (exit \(batch.status))") }
        let paths = urls.map { String($0.dropFirst(base.count)) }
        let slots = Self.slots(count)
        let lua = BookingScript.lua(paths: paths, slots: slots)
        FileManager.default.createFile(atPath: dir + "/post.lua", contents: Data(lua.utf8))
        FileManager.default.createFile(atPath: dir + "/get.lua", contents: Data(Self.report.utf8))

        // The server, pinned to core 0.
        let server = spawn(taskset.map { [$0, "-c", "0", serve] } ?? [serve],
                           ["--db", db, "--port", String(port), "--quiet"], env)
        defer { kill(server, SIGTERM); var status: Int32 = 0; waitpid(server, &status, 0) }
        waitForServer(wrk: wrk, port: port)

        func load(_ path: String, script: String, duration: Int) -> Figures {
            let args = ["-t1", "-c\(connections)", "-d\(duration)s", "-s", dir + "/" + script, "http://127.0.0.1:\(port)" + path]
            let run = taskset.map { timed($0, ["-c", "1", wrk] + args) } ?? timed(wrk, args)
            return Self.parse(run.out)
        }
        let oneTime = paths[paths.count - 1]  // never booked by the POST run (it runs after)
        // The page and the 404 route side by side: rounds alternating which goes first, the
        // target on the median of the rounds' ratios (the machine's load drifts between runs).
        let rounds = 3, roundSeconds = max(1, seconds / 2)
        var pages: [Figures] = [], misses: [Figures] = [], ratios: [Double] = []
        for round in 0..<rounds {
            let first = round % 2 == 0
            let a = load(first ? "/salescall555?event=1" : "/no/such/route", script: "get.lua", duration: roundSeconds)
            let b = load(first ? "/no/such/route" : "/salescall555?event=1", script: "get.lua", duration: roundSeconds)
            let (p, n) = first ? (a, b) : (b, a)
            pages.append(p); misses.append(n); ratios.append(p.rps / max(n.rps, 1) * 100)
        }
        func median(_ all: [Figures]) -> Figures { all.sorted { $0.rps < $1.rps }[all.count / 2] }
        let page = median(pages), notFound = median(misses)
        let token = load(oneTime, script: "get.lua", duration: seconds)
        // The capped run: this program's own fixed-rate client (`CappedLoad`), pinned to core 1.
        let me = siblingBinary("linkdesk-bench")
        let cappedArgs = ["capped-load", String(port), "/salescall555?event=1", "1000", String(connections), String(seconds)]
        let cappedRun = taskset.map { timed($0, ["-c", "1", me] + cappedArgs) } ?? timed(me, cappedArgs)
        let capped = Self.parse(cappedRun.out)
        let posts = load("/", script: "post.lua", duration: min(seconds, 5))

        print("benchmark: linkdesk serve on \(store) under wrk, \(connections) connections, \(seconds) s runs (server on core 0, wrk on core 1\(taskset == nil ? ": taskset missing, not pinned" : ""))")
        func line(_ name: String, _ f: Figures) {
            print("  \(name)  \(fmt(f.rps)) req/s  p50 \(fmt(f.p50)) ms  p90 \(fmt(f.p90)) ms  p99 \(fmt(f.p99)) ms  "
                  + "(\(f.requests) requests, \(f.non2xx) not 2xx/3xx, \(f.errors) socket errors)")
        }
        line("GET booking page      ", page)  // the median round's
        line("GET one-time link     ", token)
        line("GET 404 route         ", notFound)
        line("GET page, 1,000 req/s ", capped)
        print("    (capped: a fixed schedule of 1,000 req/s over \(connections) keep-alive connections, each latency from its "
              + "scheduled send time: a stall counts for every request it held up)")
        line("POST booking (fresh)  ", posts)
        let share = ratios.sorted()[ratios.count / 2]
        print("  booking page vs 404 route \(fmt(share)) %, median of \(rounds) alternating rounds of \(roundSeconds) s ("
              + ratios.map { fmt($0) }.joined(separator: ", ") + ")  (target ≥ \(fmt(pageTarget)) %: \(share >= pageTarget ? "met" : "NOT met"))")
        print(targetLine("p99 at a capped 1,000 req/s", capped.p99, "ms", target: 10, extra: " (at \(fmt(capped.rps)) req/s)"))
        let booked = posts.bookedPerSecond
        print("  booking POSTs \(fmt(booked)) per second, \(posts.booked) booked and \(posts.refused) refused in \(fmt(posts.seconds)) s "
              + "(target ≥ 500.00: \(booked >= 500 ? "met" : "NOT met"))"
              + (BookingScript.ranOut(posts, links: count) ? "; INVALID: the run used all \(count) prepared links, the rate is a lower bound" : ""))
    }

    /// wrk's summary as one line the harness parses.
    static let report = """
        done = function(summary, latency, requests)
          io.write(string.format("FIGURES rps=%.2f p50=%.3f p90=%.3f p99=%.3f errors=%d non2xx=%d requests=%d\\n",
            summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
            latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
            summary.errors.status, summary.requests))
        end

        """

    static func parse(_ out: String) -> Figures {
        var f = Figures()
        guard let line = out.split(separator: "\n").first(where: { $0.hasPrefix("FIGURES") }) else { return f }
        for pair in line.split(separator: " ").dropFirst() {
            let kv = pair.split(separator: "=")
            guard kv.count == 2 else { continue }
            let v = Double(kv[1]) ?? 0
            switch kv[0] {
            case "rps": f.rps = v
            case "p50": f.p50 = v
            case "p90": f.p90 = v
            case "p99": f.p99 = v
            case "errors": f.errors = Int(v)
            case "non2xx": f.non2xx = Int(v)
            case "requests": f.requests = Int(v)
            case "booked": f.booked = Int(v)
            case "refused": f.refused = Int(v)
            case "seconds": f.seconds = v
            default: break
            }
        }
        return f
    }

    /// 15-minute slots 09:00–17:00 New York on weekdays, from the next Monday on.
    static func slots(_ count: Int) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/New_York")!
        let formatter = ISO8601DateFormatter()
        var day = calendar.startOfDay(for: Date().addingTimeInterval(86_400))
        var result: [String] = []
        while result.count < count {
            let weekday = calendar.component(.weekday, from: day)
            if weekday != 1 && weekday != 7 {
                for i in 0..<32 where result.count < count {
                    let start = calendar.date(bySettingHour: 9 + i / 4, minute: (i % 4) * 15, second: 0, of: day)!
                    result.append(formatter.string(from: start))
                }
            }
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        return result
    }

    /// Starts a program without waiting for it (stdout and stderr to /dev/null).
    func spawn(_ command: [String], _ arguments: [String], _ environment: [String: String]) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArgs = (command + arguments).map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, command[0], &actions, nil, cArgs, cEnv)
        guard rc == 0 else { fail("cannot run \(command[0]): \(String(cString: strerror(rc)))") }
        return child
    }
}
