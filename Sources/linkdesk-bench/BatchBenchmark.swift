import Foundation

/// Issue 5's target: `linkdesk batch PAGE --customers FILE --one-time` making 100,000 personalized
/// one-time links (process start → every URL on stdout, committed 500 links per transaction,
/// with an activity event per link) against `sqlite3 .import` of the very same 100,000
/// one_time_link rows (exported from the batch's database) into a database of the same schema
/// (made by linkdesk too), in one run. Rounds alternate the two; each gets fresh databases.
struct BatchBenchmark {
    let rounds: Int
    let count = 100_000
    let target = 2.0

    func run() {
        let linkdesk = siblingBinary("linkdesk")
        guard FileManager.default.isExecutableFile(atPath: linkdesk) else { fail("no linkdesk binary at \(linkdesk): build it first") }
        guard let sqlite3 = which("sqlite3") else { fail("sqlite3 is not installed (apt-get install sqlite3)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-bench-batch-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let customers = dir + "/customers.csv"
        writeCustomers(to: customers)
        var ours: [Double] = [], theirs: [Double] = [], ratios: [Double] = []
        for round in 0..<rounds {
            let db = dir + "/batch-\(round).sqlite", raw = dir + "/import-\(round).sqlite", rows = dir + "/rows-\(round).csv"
            var env = ProcessInfo.processInfo.environment
            env["LINKDESK_QUIET"] = "1"
            for path in [db, raw] {
                env["LINKDESK_DB"] = path
                guard timed(linkdesk, ["pages"], environment: env).status == 0 else { fail("could not create \(path)") }
            }
            env["LINKDESK_DB"] = db
            let a = timed(linkdesk, ["batch", "salescall", "--customers", customers, "--one-time"], environment: env)
            let printed = a.out.split(separator: "\n").count - 1
            guard a.status == 0, printed == count else { fail("linkdesk batch failed (exit \(a.status), \(printed) rows)") }
            // The same rows, as stored, for sqlite3 to import (not timed).
            guard timed(sqlite3, ["-csv", db, ".output \(rows)", "SELECT * FROM one_time_link;"]).status == 0 else {
                fail("could not export the batch's rows")
            }
            let b = timed(sqlite3, [raw, ".import --csv \(rows) one_time_link"])
            let imported = timed(sqlite3, [raw, "SELECT count(*) FROM one_time_link;"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
            guard b.status == 0, imported == String(count) else { fail("sqlite3 .import failed (exit \(b.status), \(imported) rows)") }
            ours.append(a.ms); theirs.append(b.ms); ratios.append(a.ms / b.ms)
            for path in [db, raw, rows] { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        }
        print("benchmark: linkdesk batch --one-time (\(count) personalized links) vs sqlite3 .import of the same rows, \(rounds) alternating rounds")
        print("  linkdesk batch  median \(fmt(median(ours))) ms  (\(fmt(median(ours) / Double(count) * 1000)) µs per link)")
        print("  sqlite3 .import median \(fmt(median(theirs))) ms")
        let ratio = median(ratios)
        print("  median ratio \(fmt(ratio))×  (target ≤ \(fmt(target))×: \(ratio <= target ? "met" : "NOT met"))")
    }

    /// name, email, company, note: a mix of plain and accented names, commas and quotes.
    private func writeCustomers(to path: String) {
        var text = "name,email,company,note\n"
        text.reserveCapacity(count * 90)
        let first = ["Jane", "José", "Zoë", "Omar", "Ana María", "Li", "Chloé", "Sam"]
        let last = ["Smythe", "Núñez", "O'Brien", "Kowalski", "Nakamura", "Haddad"]
        for i in 0..<count {
            let name = "\(first[i % first.count]) \(last[i % last.count])"
            text += "\(name) \(i),customer\(i)@example.com,\"Acme, Inc. #\(i % 97)\",renewal call\n"
        }
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}
