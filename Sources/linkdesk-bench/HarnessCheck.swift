import Foundation

/// The harness's own figures for programs that hyperfine can time too, so the two can be
/// compared (README, "Benchmarks"): `/bin/true`, `linkdesk --help`, and the link benchmark's
/// durable sqlite3 insert. Same spawn path (`timed`) as every benchmark, interleaved.
struct HarnessCheck {
    let iterations: Int

    func run() {
        let linkdesk = siblingBinary("linkdesk")
        guard FileManager.default.isExecutableFile(atPath: linkdesk) else { fail("no linkdesk binary at \(linkdesk): build it first") }
        guard let sqlite3 = which("sqlite3") else { fail("sqlite3 is not installed (apt-get install sqlite3)") }
        let dir = benchDirectory("harness")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let raw = dir + "/raw.sqlite"
        guard timed(sqlite3, [raw, "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"]).status == 0 else {
            fail("could not create \(raw)")
        }
        let programs: [(String, String, [String])] = [
            ("/bin/true", "/bin/true", []),
            ("linkdesk --help", linkdesk, ["--help"]),
            ("sqlite3 durable INSERT", sqlite3, [raw, "PRAGMA synchronous=FULL; INSERT INTO t (v) VALUES ('x');"]),
        ]
        var times = Array(repeating: [Double](), count: programs.count)
        for round in 0..<iterations + 3 {
            for (index, program) in programs.enumerated() {
                let run = timed(program.1, program.2)
                guard run.status == 0 else { fail("\(program.0) failed (exit \(run.status))") }
                if round >= 3 { times[index].append(run.ms) }
            }
        }
        print("harness: posix_spawn + wait4, stdout to a file, \(iterations) interleaved runs (compare: hyperfine -N)")
        for (index, program) in programs.enumerated() {
            let values = times[index]
            let mean = values.reduce(0, +) / Double(values.count)
            print("  \(program.0.padding(toLength: 24, withPad: " ", startingAt: 0)) median \(fmt(median(values))) ms  "
                + "mean \(fmt(mean)) ms  min \(fmt(values.min() ?? .nan)) ms")
        }
    }
}
