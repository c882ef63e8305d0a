import Foundation

/// Issue 2's target: `linkdesk link SLUG --one-time` end to end (process start → URL on stdout,
/// the link committed) ≤ 2× sqlite3's **durable one-row insert**, measured side by side.
///
/// "Durable" here means: when the process exits 0 the row is on stable storage and survives a
/// power cut. For the sqlite3 side that is the sqlite3 CLI's own defaults on a WAL database —
/// `journal_mode=WAL` (persistent in the file) with `synchronous=FULL` (SQLite's compiled-in
/// default, set explicitly so a different build cannot weaken it): COMMIT fdatasyncs the WAL,
/// and the last connection's close checkpoints (fdatasync WAL, fdatasync database) and removes
/// the WAL — 5 fdatasyncs per insert with Debian's sqlite3 3.40. The row goes into a copy of
/// the very workspace linkdesk uses (same schema, indexes and size), into `one_time_link`.
///
/// linkdesk runs with its own settings, which are not the same: GRDB's WAL mode sets
/// `synchronous=NORMAL`, so COMMIT does not fsync; the row reaches the disk through the same
/// checkpoint-on-close, which makes a lone `linkdesk link` durable at exit too (while another
/// process, e.g. the console, holds the database open, there is no checkpoint on close and the
/// last commits may be lost on power failure, though never corrupt the file). Both therefore do
/// the durable work at exit; the benchmark does not hand either side a cheaper commit.
///
/// Rounds alternate which side goes first (ABBA), after 3 warm-up rounds.
struct LinkBenchmark {
    let iterations: Int
    let target = 2.0

    func run() {
        let linkdesk = siblingBinary("linkdesk")
        guard FileManager.default.isExecutableFile(atPath: linkdesk) else { fail("no linkdesk binary at \(linkdesk): build it first") }
        guard let sqlite3 = which("sqlite3") else { fail("sqlite3 is not installed (apt-get install sqlite3)") }
        let dir = benchDirectory("link")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/linkdesk.sqlite", raw = dir + "/raw.sqlite"
        var env = ProcessInfo.processInfo.environment
        env["LINKDESK_DB"] = db
        env["LINKDESK_QUIET"] = "1"
        env["LINKDESK_CLIPBOARD"] = "none"
        guard timed(linkdesk, ["pages"], environment: env).status == 0 else { fail("could not create \(db)") }
        // The same workspace for sqlite3 (linkdesk has exited: its WAL is checkpointed away).
        guard timed(sqlite3, [db, ".backup '\(raw)'"]).status == 0,
              timed(sqlite3, [raw, "PRAGMA journal_mode=WAL;"]).out.contains("wal") else { fail("could not copy \(db)") }
        let master = timed(sqlite3, [raw, "SELECT id FROM page WHERE slug = 'salescall';"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !master.isEmpty else { fail("no salescall page in \(db)") }

        var ours: [Double] = [], theirs: [Double] = []
        for i in 0..<iterations + 3 {
            let runOurs = {
                let a = timed(linkdesk, ["link", "salescall", "--one-time"], environment: env)
                guard a.status == 0, a.out.contains("/.") else { fail("linkdesk link failed (exit \(a.status))") }
                return a.ms
            }
            let runTheirs = {
                let b = timed(sqlite3, [raw, """
                    PRAGMA synchronous=FULL;
                    INSERT INTO one_time_link (link_id, token_hash, master_id, created_at, expires_at, uses_allowed, uses_left)
                    VALUES ('ot-bench-\(i)', '\(String(repeating: "0", count: 56))\(String(format: "%08x", i))', \(master),
                            1767000000, 1774776000, 1, 1);
                    """])
                guard b.status == 0 else { fail("sqlite3 insert failed (exit \(b.status))") }
                return b.ms
            }
            let (a, b): (Double, Double)
            if i % 2 == 0 { a = runOurs(); b = runTheirs() } else { b = runTheirs(); a = runOurs() }
            if i < 3 { continue }  // warm-up: page cache, dynamic loader
            ours.append(a); theirs.append(b)
        }
        print("benchmark: linkdesk link SLUG --one-time vs sqlite3's durable one-row INSERT (WAL, synchronous=FULL, "
            + "same workspace), \(iterations) interleaved runs")
        ratioReport("linkdesk link --one-time", ours, "sqlite3 INSERT", theirs, target: target)
    }
}

/// A fresh temporary folder for one benchmark; the caller removes it.
func benchDirectory(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-bench-\(name)-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("linkdesk-bench: \(message)\n".utf8))
    exit(2)
}
