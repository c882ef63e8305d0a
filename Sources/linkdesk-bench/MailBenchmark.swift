import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Booking emails' cost, on a SQLite workspace: booking POSTs per second through one
/// `linkdesk-serve` without a mail server, through one that queues every booking's emails and
/// sends them itself to a local SMTP server (Debian's python3-aiosmtpd, discarding what it gets),
/// through one that queues them with no sender address (nothing sent), and without a mail server
/// again, each run on fresh one-time links and slots of its own; then how fast `linkdesk notify
/// --once` drains what is left pending into the same SMTP server. Targets: POSTs
/// with emails on ≥ 90 % of the figure without; the drain ≥ 200 messages per second.
struct MailBenchmark {
    let seconds: Int
    let connections = 16

    func run() {
        let (linkdesk, serve) = releaseBinaries()
        guard let wrk = which("wrk") else { fail("wrk is not installed (apt-get install wrk)") }
        guard let sqlite = which("sqlite3") else { fail("sqlite3 is not installed (apt-get install sqlite3)") }
        let python = "/usr/bin/python3"
        guard timed(python, ["-c", "import aiosmtpd"]).status == 0 else { fail("python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-bench-mail-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/mail.sqlite"
        let port = 20_000 + Int(getpid() % 2_000), smtpPort = port + 1
        let base = "http://localhost:\(port)"
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LINKDESK_") }
        env["LINKDESK_DB"] = db
        env["LINKDESK_QUIET"] = "1"
        env["LINKDESK_BASE_URL"] = base
        guard timed(linkdesk, ["pages"], environment: env).status == 0 else { fail("could not create \(db)") }
        let secret = dir + "/secret"
        FileManager.default.createFile(atPath: secret, contents: Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }))
        var mailEnv = env
        mailEnv["LINKDESK_SMTP_URL"] = "smtp://127.0.0.1:\(smtpPort)"
        mailEnv["LINKDESK_SECRET_FILE"] = secret
        mailEnv["LINKDESK_MAIL_FROM"] = "bookings@example.com"

        // Two runs' worth of fresh one-time links and slots: each run books through its own.
        let perRun = 20_000  // at 2,400/s a 5 s run uses 12,000
        var customers = "name,email\n"
        for i in 0..<(4 * perRun) { customers += "Customer \(i),c\(i)@example.com\n" }
        FileManager.default.createFile(atPath: dir + "/customers.csv", contents: Data(customers.utf8))
        let batch = timed(linkdesk, ["batch", "salescall", "--customers", dir + "/customers.csv", "--one-time"], environment: env)
        let urls = batch.out.split(separator: "\n").dropFirst().compactMap { row in
            row.split(separator: ",").map(String.init).first { $0.hasPrefix(base + "/.") }
        }
        guard batch.status == 0, urls.count >= 4 * perRun else { fail("linkdesk batch made \(urls.count) links (exit \(batch.status))") }
        let paths = urls.map { String($0.dropFirst(base.count)) }
        let slots = ServeBenchmark.slots(4 * perRun)
        for run in 0..<4 {
            let range = (run * perRun)..<((run + 1) * perRun)
            let lua = BookingScript.lua(paths: Array(paths[range]), slots: Array(slots[range]))
            FileManager.default.createFile(atPath: dir + "/post\(run).lua", contents: Data(lua.utf8))
        }

        // The SMTP server: aiosmtpd's Sink handler accepts every message and keeps nothing. It
        // stands for the team's mail server, on another machine: here it runs at the lowest CPU
        // priority (nice 19), so that what is measured is linkdesk's side.
        let runner = ServeBenchmark(seconds: seconds)
        let nice = which("nice").map { [$0, "-n", "19"] } ?? []
        let sink = runner.spawn(nice + [python], ["-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", "127.0.0.1:\(smtpPort)"], env)
        defer { kill(sink, SIGTERM); var status: Int32 = 0; waitpid(sink, &status, 0) }

        // The server's CPU over its life (start, warm-up and the run; rusage at exit, nothing
        // sampled during the run), a booking: what decides on a machine the run saturates.
        var serverCPU: [Int: Double] = [:]
        func posts(run: Int, environment: [String: String]) -> ServeBenchmark.Figures {
            let server = runner.spawn([serve], ["--db", db, "--port", String(port), "--quiet"], environment)
            waitForServer(wrk: wrk, port: port)
            let out = timed(wrk, ["-t1", "-c\(connections)", "-d\(seconds)s", "-s", dir + "/post\(run).lua", "http://127.0.0.1:\(port)/"]).out
            kill(server, SIGTERM)
            var status: Int32 = 0, usage = rusage()
            while wait4(server, &status, 0, &usage) < 0 && errno == EINTR {}
            serverCPU[run] = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
            return ServeBenchmark.parse(out)
        }
        func count(_ sql: String) -> Int { Int(timed(sqlite, [db, sql]).out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        // Emails off first and last (the workspace grows from run to run: the two bracket the
        // others); emails on, sent meanwhile, and queued only between them.
        let off = posts(run: 0, environment: env)
        let on = posts(run: 1, environment: mailEnv)
        let sentByServer = count("SELECT count(*) FROM outbox WHERE state = 'sent'")
        // Queued but not sent: no sender address anywhere, so the server's sender waits (the cost
        // of writing the outbox alone).
        var queueEnv = mailEnv
        queueEnv.removeValue(forKey: "LINKDESK_MAIL_FROM")
        let queued0 = posts(run: 2, environment: queueEnv)
        let offAgain = posts(run: 3, environment: env)
        let without = (off.bookedPerSecond + offAgain.bookedPerSecond) / 2
        let queued = count("SELECT count(*) FROM outbox")
        let due = "SELECT count(*) FROM outbox WHERE state = 'pending' AND due_at <= strftime('%s', 'now')"
        let pending = count(due)
        // The drain: one `notify --once` over what the server left due.
        let drain = timed(linkdesk, ["notify", "--once"], environment: mailEnv)
        let sent = drain.out.split(separator: " ").firstIndex(of: "sent").map { index in
            Int(drain.out.split(separator: " ")[drain.out.split(separator: " ").index(after: index)].trimmingCharacters(in: .punctuationCharacters)) ?? 0
        } ?? 0
        let drainRate = Double(sent) / max(drain.ms / 1000, 0.001)

        print("benchmark: booking emails on SQLite: booking POSTs under wrk (\(connections) connections, \(seconds) s each), one linkdesk-serve")
        for (run, name, f) in [(0, "emails off                ", off), (1, "emails on, sent meanwhile ", on),
                               (2, "emails queued, none sent  ", queued0), (3, "emails off again          ", offAgain)] {
            print("  POST booking, \(name)  \(fmt(f.bookedPerSecond)) booked/s  p50 \(fmt(f.p50)) ms  p99 \(fmt(f.p99)) ms  "
                  + "(\(f.booked) booked, \(f.refused) refused; the server's CPU \(fmt((serverCPU[run] ?? 0) / Double(max(f.booked, 1)))) ms a booking)"
                  + (BookingScript.ranOut(f, links: perRun) ? "; INVALID: the run used all \(perRun) prepared links" : ""))
        }
        let share = on.bookedPerSecond / max(without, 1) * 100
        print("  booking POSTs with emails on \(fmt(share)) % of without (the mean of the two runs without)  (target ≥ 90.00 %: \(share >= 90 ? "met" : "NOT met"))")
        print("  queueing alone: \(fmt(queued0.bookedPerSecond / max(without, 1) * 100)) % of without")
        print("  the runs queued \(queued) messages; the server sent \(sentByServer) during its run and until it stopped; \(pending) were due when it stopped")
        print("  notify --once sent \(sent) in \(fmt(drain.ms / 1000)) s: \(fmt(drainRate)) messages/s  (target ≥ 200.00: \(drainRate >= 200 ? "met" : "NOT met"))"
              + (sent < 200 ? " (too few left to measure: lower bound)" : ""))
    }
}
