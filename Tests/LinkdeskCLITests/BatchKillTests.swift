import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// `linkdesk batch` killed with SIGKILL at random points: every URL it printed is stored and live,
/// at most one chunk is committed without having been printed, and the database opens clean every
/// time (sqlite3 `PRAGMA integrity_check`, then linkdesk itself).
@Suite("batch: kill -9 at random points", .serialized)
struct BatchKillTests {
    static let kills = 24
    static let rows = 4_000
    /// The largest chunk of a 4,000-row batch: chunks are 500, 1,000, 2,000, then the last 500
    /// (BatchCommand.defaultChunk, doubling).
    static let largestChunk = 2_000

    @Test("24 kills: printed ⊆ stored and live, at most one chunk unprinted, integrity ok", .tools("sqlite3"))
    func killedMidBatch() throws {
        let sqlite3 = try Tools.require("sqlite3")
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let customers = ws.directory.appendingPathComponent("customers.csv").path
        let csv = "name,email,company\n" + (0..<Self.rows).map { "Customer \($0),c\($0)@example.com,\"Acme, Inc.\"\n" }.joined()
        try Data(csv.utf8).write(to: URL(fileURLWithPath: customers))
        // One whole run first: how long a batch takes here and how much it prints, so that the
        // kills below land inside a batch whatever the build and the machine's load.
        let whole = ws.directory.appendingPathComponent("whole.sqlite").path
        try ws.ok(["--db", whole, "pages"])
        let started = Date()
        let complete = try ws.run(["--db", whole, "batch", "salescall", "--customers", customers, "--one-time"])
        let duration = Date().timeIntervalSince(started)
        #expect(complete.status == 0, "\(complete)")
        #expect(TestCSV.parse(complete.stdout).count == Self.rows + 1)
        #expect(try ws.jsonArray(["--db", whole, "links", "--json"]).count == Self.rows)

        var generator = SystemRandomNumberGenerator()
        var killed = 0, midOutput = 0, total = 0
        for round in 0..<Self.kills {
            let db = ws.directory.appendingPathComponent("kill-\(round).sqlite").path
            try ws.ok(["--db", db, "pages"])  // created and seeded: the kill hits the batch, not the first open
            // Half the rounds kill after a random delay (start-up, parsing, any chunk); half once a
            // random amount of output has arrived (mid-write, between chunks).
            let afterBytes: Int? = round % 2 == 0 ? nil : Int.random(in: 1...complete.stdout.utf8.count * 9 / 10, using: &generator)
            let delay = Double.random(in: 0.01...max(0.02, duration * 0.75), using: &generator)
            let run = try Killable(URL(fileURLWithPath: try Products.path("linkdesk")), ["--db", db, "batch", "salescall", "--customers", customers, "--one-time"],
                                   environment: ws.environment(db: db))
            let (output, wasKilled) = run.kill(afterBytes: afterBytes, orSeconds: delay + (afterBytes == nil ? 0 : duration))
            if wasKilled { killed += 1 }
            // Complete lines only: a kill in the middle of a write may cut the last one.
            var lines = output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            lines.removeLast()  // after the last "\n": empty, or a cut line
            let printed = lines.dropFirst().map { TestCSV.parse($0 + "\n").first ?? [] }
            if !printed.isEmpty { midOutput += 1 }
            total += printed.count

            let check = try Processes.run(sqlite3, [db, "PRAGMA integrity_check;"])
            #expect(check.status == 0 && check.stdout == "ok\n", "round \(round): integrity_check said \(check.stdout)")
            let links = try ws.jsonArray(["--db", db, "links", "--json"])
            let status = Dictionary(uniqueKeysWithValues: links.map { ($0["linkId"] as? String ?? "", $0["status"] as? String ?? "") })
            let hashes = Set(try Processes.run(sqlite3, [db, "SELECT token_hash FROM one_time_link;"]).stdout.split(separator: "\n").map(String.init))
            for row in printed {
                guard row.count == 5, let token = row[3].split(separator: "/").last?.split(separator: "?").first?.dropFirst() else {
                    Issue.record("round \(round): malformed complete line \(row)")
                    continue
                }
                #expect(status[row[4]] == "live", "round \(round): printed \(row[4]) is \(status[row[4]] ?? "not stored")")
                #expect(hashes.contains(Token.hash(String(token))), "round \(round): the token of \(row[3]) is not stored")
            }
            #expect(links.count >= printed.count)
            #expect(links.count - printed.count <= Self.largestChunk,
                    "round \(round): \(links.count) stored but \(printed.count) printed: more than one chunk unprinted")
            if let last = printed.last {  // and a customer can open the last one printed
                #expect(try ws.run(["--db", db, "slots", last[3], "--days", "1", "--json"]).status == 0)
            }
        }
        print("batch kill test: a whole batch of \(Self.rows) took \(String(format: "%.2f", duration)) s; "
              + "\(killed) of \(Self.kills) runs killed, \(midOutput) after output had started, \(total) printed URLs checked")
        #expect(killed >= 20, "too few runs were still going when killed")
        #expect(midOutput >= Self.kills / 3, "too few kills landed mid-output to mean much")
    }
}

extension BatchKillTests {
    @Test("SIGTERM (or Ctrl-C) stops the batch after the chunk being committed is printed: nothing committed goes unprinted")
    func terminated() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let customers = ws.directory.appendingPathComponent("customers.csv").path
        let csv = "name,email\n" + (0..<20_000).map { "Customer \($0),c\($0)@example.com\n" }.joined()
        try Data(csv.utf8).write(to: URL(fileURLWithPath: customers))
        try ws.ok(["pages"])
        let run = try Killable(URL(fileURLWithPath: try Products.path("linkdesk")), ["batch", "salescall", "--customers", customers, "--one-time"], environment: ws.environment())
        let (output, _) = run.kill(afterBytes: 1, orSeconds: 30, signal: SIGTERM)
        let text = String(decoding: output, as: UTF8.self)
        #expect(run.status == 128 + SIGTERM, "exit \(run.status)")
        #expect(text.hasSuffix("\n"), "the output ends on a whole row")
        let printed = TestCSV.parse(text).dropFirst().map { $0.last ?? "" }
        let stored = try ws.links()
        #expect(printed.count < 20_000, "stopped early")
        #expect(Set(printed) == Set(stored.compactMap { $0["linkId"] as? String }), "printed exactly what was committed")
        #expect(stored.allSatisfy { $0["status"] as? String == "live" })
    }
}

/// A child whose stdout is read as it comes, killed (SIGKILL by default) on a condition.
final class Killable: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var ended = false

    init(_ executable: URL, _ arguments: [String], environment: [String: String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                lock.lock()
                if chunk.isEmpty { ended = true } else { output.append(chunk) }
                lock.unlock()
                if chunk.isEmpty { return }
            }
        }
    }

    /// Kills once `afterBytes` bytes have arrived (if given) or `orSeconds` have passed, whichever
    /// is first, unless the child has finished; returns everything it wrote and whether it was
    /// killed (rather than done).
    func kill(afterBytes: Int?, orSeconds: Double, signal: Int32 = SIGKILL) -> (Data, Bool) {
        let deadline = Date().addingTimeInterval(orSeconds)
        while Date() < deadline {
            lock.lock()
            let (count, done) = (output.count, ended)
            lock.unlock()
            if done || (afterBytes.map { count >= $0 } ?? false) { break }
            usleep(500)
        }
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        while true {  // the pipe drains to EOF once the child is gone
            lock.lock()
            let done = ended
            lock.unlock()
            if done { break }
            usleep(1_000)
        }
        lock.lock()
        defer { lock.unlock() }
        return (output, process.terminationReason == .uncaughtSignal)
    }

    var status: Int32 { process.terminationStatus }
}
