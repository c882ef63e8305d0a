import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// glibc's POSIX_SPAWN_SETSID (spawn.h), hidden from Swift without _GNU_SOURCE.
private let posixSpawnSetsid: Int16 = 0x80

/// A program running on a fresh pseudo-terminal (its controlling terminal, so /dev/tty works),
/// for timing full-screen programs the way a user's terminal sees them. Started with
/// `posix_spawnp` (setsid + open of the slave), never Foundation's `Process`; argv and envp are
/// built before the clock starts, and times are CLOCK_MONOTONIC.
final class PTYProcess {
    let master: Int32
    let pid: pid_t
    let started: UInt64

    init(_ argv: [String], environment: [String: String], width: UInt16 = 80, height: UInt16 = 24) {
        var masterFD: Int32 = -1, slaveFD: Int32 = -1
        var size = winsize(ws_row: height, ws_col: width, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&masterFD, &slaveFD, nil, nil, &size) == 0 else { fail("openpty failed") }
        guard let name = ttyname(slaveFD) else { fail("ttyname failed") }
        let slavePath = String(cString: name)
        close(slaveFD)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        posix_spawnattr_setflags(&attributes, posixSpawnSetsid)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        // Opened after setsid, the slave becomes the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, masterFD)
        let env = environment.map { "\($0.key)=\($0.value)" }
        var child: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        started = monotonicNanoseconds()
        let rc = posix_spawnp(&child, argv[0], &actions, &attributes, cArgs, cEnv)
        cArgs.forEach { free($0) }
        cEnv.forEach { free($0) }
        guard rc == 0 else { fail("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        master = masterFD
        pid = child
    }

    /// Reads output until `marker` has been seen; returns ms since `since` (default: spawn).
    func waitFor(_ marker: String, since: UInt64? = nil, timeout: Double = 10) -> Double {
        var seen = [UInt8]()
        let needle = Array(marker.utf8)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let chunk = read(timeoutMs: 100)
            seen += chunk
            if seen.count >= needle.count, contains(seen, needle) {
                return Double(monotonicNanoseconds() - (since ?? started)) / 1e6
            }
        }
        fail("timed out waiting for \"\(marker)\"")
    }

    /// Sends bytes and returns ms until the program writes its next output.
    func keystroke(_ bytes: [UInt8]) -> Double {
        let start = monotonicNanoseconds()
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        while read(timeoutMs: 2_000).isEmpty {
            if Double(monotonicNanoseconds() - start) > 2e9 { fail("no redraw after a key") }
        }
        let ms = Double(monotonicNanoseconds() - start) / 1e6
        drain()
        return ms
    }

    func drain() { while !read(timeoutMs: 15).isEmpty {} }

    func send(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) } }

    /// Waits for exit and returns the child's peak resident set size in MiB.
    func finish() -> Double {
        var status: Int32 = 0
        var usage = rusage()
        let deadline = Date().addingTimeInterval(10)
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            drain()
            if Date() > deadline { kill(pid, SIGKILL) }
        }
        close(master)
        return Double(usage.ru_maxrss) / 1024
    }

    private var buffer = [UInt8](repeating: 0, count: 65_536)

    private func read(timeoutMs: Int32) -> [UInt8] {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutMs) > 0 else { return [] }
        let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
        return n > 0 ? Array(buffer[0..<n]) : []
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<start + needle.count]) == needle { return true }
        }
        return false
    }
}
