import Foundation

/// Issue 2's target: `linkdesk link SLUG --one-time` end to end (process start → URL on stdout,
/// link committed with SQLite's default durable commit) against the `sqlite3` CLI inserting one
/// row into a WAL database, alternating the two so machine noise hits both alike.
struct LinkBenchmark {
    let iterations: Int
    let target = 1.5

    func run() {
        let linkdesk = siblingBinary("linkdesk")
        guard FileManager.default.isExecutableFile(atPath: linkdesk) else { fail("no linkdesk binary at \(linkdesk): build it first") }
        guard let sqlite3 = which("sqlite3") else { fail("sqlite3 is not installed (apt-get install sqlite3)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-bench-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/linkdesk.sqlite", raw = dir + "/raw.sqlite"
        var env = ProcessInfo.processInfo.environment
        env["LINKDESK_DB"] = db
        env["LINKDESK_QUIET"] = "1"
        _ = timed(linkdesk, ["pages"], environment: env)  // creates and seeds the workspace
        _ = timed(sqlite3, [raw, "PRAGMA journal_mode=WAL; CREATE TABLE one_time_link (link_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, master_id INTEGER, created_at DOUBLE, expires_at DOUBLE, uses_allowed INTEGER, uses_left INTEGER);"])
        var ours: [Double] = [], theirs: [Double] = [], ratios: [Double] = []
        for i in 0..<iterations + 3 {
            let a = timed(linkdesk, ["link", "salescall", "--one-time"], environment: env)
            guard a.status == 0, a.out.contains("/.") else { fail("linkdesk link failed (exit \(a.status))") }
            let b = timed(sqlite3, [raw, "INSERT INTO one_time_link VALUES ('ot-\(i)', 'hash\(i)', 20, 0, 0, 1, 1);"])
            guard b.status == 0 else { fail("sqlite3 insert failed") }
            if i < 3 { continue }  // warm-up: page cache, dynamic loader
            ours.append(a.ms); theirs.append(b.ms); ratios.append(a.ms / b.ms)
        }
        print("benchmark: linkdesk link SLUG --one-time vs sqlite3 INSERT (WAL), \(iterations) alternating runs")
        print("  linkdesk  median \(fmt(median(ours))) ms  p90 \(fmt(percentile(ours, 0.9))) ms")
        print("  sqlite3   median \(fmt(median(theirs))) ms  p90 \(fmt(percentile(theirs, 0.9))) ms")
        let ratio = median(ratios)
        print("  median ratio \(fmt(ratio))×  (target ≤ \(fmt(target))×: \(ratio <= target ? "met" : "NOT met"))")
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("linkdesk-bench: \(message)\n".utf8))
    exit(2)
}
