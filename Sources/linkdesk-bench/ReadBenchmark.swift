import Foundation

/// Issue 2's read targets: `linkdesk pages --json` and `linkdesk bookings --json` on the demo
/// workspace (a fresh database that `linkdesk pages` seeds) ≤ 2× `sqlite3 -json FILE 'SELECT …'`
/// of the same rows from the same file — what the command reads: the event types and every page's
/// configuration, plus for `bookings` the first 1,000 bookings by start (its default `--limit`).
/// sqlite3 prints them as JSON too, so both sides open the file, read the rows and print JSON.
/// Rounds alternate which side goes first, after 3 warm-up rounds.
struct ReadBenchmark {
    let iterations: Int
    let target = 2.0

    static let workspaceSQL = "SELECT id, name, minutes FROM event_type ORDER BY id; SELECT kind, config FROM page ORDER BY id;"

    func run() {
        let linkdesk = siblingBinary("linkdesk")
        guard FileManager.default.isExecutableFile(atPath: linkdesk) else { fail("no linkdesk binary at \(linkdesk): build it first") }
        guard let sqlite3 = which("sqlite3") else { fail("sqlite3 is not installed (apt-get install sqlite3)") }
        let dir = benchDirectory("read")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/demo.sqlite"
        var env = ProcessInfo.processInfo.environment
        env["LINKDESK_DB"] = db
        env["LINKDESK_QUIET"] = "1"
        env["LINKDESK_CLIPBOARD"] = "none"
        guard timed(linkdesk, ["pages"], environment: env).status == 0 else { fail("could not create \(db)") }
        let bookingCount = timed(sqlite3, [db, "SELECT count(*) FROM booking;"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let pageCount = timed(sqlite3, [db, "SELECT count(*) FROM page;"]).out.trimmingCharacters(in: .whitespacesAndNewlines)

        let cases: [(name: String, ours: [String], sql: String)] = [
            ("pages --json", ["pages", "--json"], Self.workspaceSQL),
            ("bookings --json", ["bookings", "--json"],
             Self.workspaceSQL + " SELECT * FROM booking ORDER BY start, id LIMIT 1000 OFFSET 0;"),
        ]
        print("benchmark: linkdesk pages/bookings --json on the demo workspace (\(pageCount) pages, \(bookingCount) bookings) "
            + "vs sqlite3 -json of the same rows, \(iterations) interleaved runs")
        for item in cases {
            var ours: [Double] = [], theirs: [Double] = []
            for i in 0..<iterations + 3 {
                let runOurs = {
                    let a = timed(linkdesk, item.ours, environment: env)
                    guard a.status == 0, a.out.hasPrefix("[") else { fail("linkdesk \(item.name) failed (exit \(a.status))") }
                    return a.ms
                }
                let runTheirs = {
                    let b = timed(sqlite3, ["-json", db, item.sql])
                    guard b.status == 0, b.out.hasPrefix("[") else { fail("sqlite3 select failed (exit \(b.status))") }
                    return b.ms
                }
                let (a, b): (Double, Double)
                if i % 2 == 0 { a = runOurs(); b = runTheirs() } else { b = runTheirs(); a = runOurs() }
                if i < 3 { continue }
                ours.append(a); theirs.append(b)
            }
            print(" \(item.name)")
            ratioReport("linkdesk \(item.name)", ours, "sqlite3 -json SELECT", theirs, target: target)
        }
    }
}
