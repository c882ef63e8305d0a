import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One finished run: wall time (spawn → reaped), what it printed on stdout, its exit status
/// (128 + signal when killed), and the CPU time it used.
struct Run {
    let ms: Double
    let out: String
    let status: Int32
    let cpuMs: Double
}

/// Runs a program to completion and returns its wall time in milliseconds and its stdout.
///
/// The clock runs from just before `posix_spawn` to `wait4` returning, and nothing else happens
/// in between: argv, envp and the output file are prepared before the clock starts, and stdout
/// goes to an unlinked temporary file (stderr to /dev/null, stdin from /dev/null or `stdin`) that
/// is read only once the child is reaped, so the harness neither drains a pipe nor context-switches
/// with the child while it runs. glibc's `posix_spawn` is clone(CLONE_VM|CLONE_VFORK) + exec, the
/// cheapest way to start a process. Foundation's `Process`, which this replaced, cost ~50 ms per
/// spawn on the 2-core development machine: a constant on both sides of a ratio drags it to 1.
func timed(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
           stdin input: String? = nil) -> Run {
    let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    var template = Array("/tmp/linkdesk-bench-out-XXXXXX".utf8CString)
    let outFD = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard outFD >= 0 else { fail("mkstemp failed: \(String(cString: strerror(errno)))") }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    defer { close(outFD) }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outFD, 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, outFD)

    let cArgs = ([executable] + arguments).map { strdup($0) } + [nil]
    let cEnv = env.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }

    var child: pid_t = 0
    var status: Int32 = 0
    var usage = rusage()
    let start = monotonicNanoseconds()
    let rc = posix_spawn(&child, executable, &actions, nil, cArgs, cEnv)
    guard rc == 0 else { fail("cannot run \(executable): \(String(cString: strerror(rc)))") }
    while wait4(child, &status, 0, &usage) < 0 {
        guard errno == EINTR else { fail("wait4 failed: \(String(cString: strerror(errno)))") }
    }
    let ms = Double(monotonicNanoseconds() - start) / 1e6

    let out = readAll(outFD)
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3
    return Run(ms: ms, out: out, status: exitStatus, cpuMs: cpu)
}

/// CLOCK_MONOTONIC in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// The whole file behind `fd`, from its start.
private func readAll(_ fd: Int32) -> String {
    var bytes = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var offset: off_t = 0
    while true {
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
        if n <= 0 { break }
        bytes += buffer[0..<n]
        offset += off_t(n)
    }
    return String(decoding: bytes, as: UTF8.self)
}

func which(_ program: String) -> String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// The linkdesk binary built next to this one.
func siblingBinary(_ name: String) -> String {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    return me.deletingLastPathComponent().appendingPathComponent(name).path
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func fmt(_ value: Double) -> String { String(format: "%.2f", value) }

/// "  NAME  FIGURE UNIT  (target ≤ T UNIT: met)" — every benchmark reports a target this way.
func targetLine(_ name: String, _ value: Double, _ unit: String, target: Double, strict: Bool = false,
                extra: String = "") -> String {
    let met = strict ? value < target : value <= target
    return "  \(name) \(fmt(value)) \(unit)\(extra)  (target \(strict ? "<" : "≤") \(fmt(target)) \(unit): \(met ? "met" : "NOT met"))"
}

/// A side-by-side comparison: both medians, the median of the per-round ratios, the target.
func ratioReport(_ oursName: String, _ ours: [Double], _ theirsName: String, _ theirs: [Double], target: Double) {
    let width = max(oursName.count, theirsName.count)
    func pad(_ s: String) -> String { s + String(repeating: " ", count: width - s.count) }
    print("  \(pad(oursName))  median \(fmt(median(ours))) ms  p90 \(fmt(percentile(ours, 0.9))) ms")
    print("  \(pad(theirsName))  median \(fmt(median(theirs))) ms  p90 \(fmt(percentile(theirs, 0.9))) ms")
    let ratios = zip(ours, theirs).map { $0 / $1 }
    let ratio = median(ratios)
    print("  median ratio \(fmt(ratio))×  (ratio of medians \(fmt(median(ours) / median(theirs)))×; "
        + "target ≤ \(fmt(target))×: \(ratio <= target ? "met" : "NOT met"))")
}

/// `linkdesk` and `linkdesk-serve` beside this program, as the release build makes them.
func releaseBinaries() -> (linkdesk: String, serve: String) {
    let linkdesk = siblingBinary("linkdesk"), serve = siblingBinary("linkdesk-serve")
    for binary in [linkdesk, serve] where !FileManager.default.isExecutableFile(atPath: binary) {
        fail("no \(binary): build it first (swift build -c release --toolset Sources/linkdesk/release.toolset.json)")
    }
    return (linkdesk, serve)
}

/// Until a server answers on `port` (its stylesheet, through wrk); fails after 200 tries 50 ms apart.
func waitForServer(wrk: String, port: Int) {
    for _ in 0..<200 {
        if timed(wrk, ["-t1", "-c1", "-d1s", "http://127.0.0.1:\(port)/style.css"]).out.contains("Requests/sec") { return }
        usleep(50_000)
    }
    fail("linkdesk-serve did not start on port \(port)")
}
