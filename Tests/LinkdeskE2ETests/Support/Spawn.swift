import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one finished child process did.
struct ProcessResult: CustomStringConvertible {
    /// Exit code, or 128 + signal number when it was killed (the shell's convention).
    let status: Int32
    let stdout: String
    let stderr: String
    let timedOut: Bool
    let seconds: Double

    var description: String {
        "exit \(status)\(timedOut ? " (timed out)" : "") after \(String(format: "%.2f", seconds)) s\n"
            + "--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)\n---"
    }
}

struct SpawnError: Error, CustomStringConvertible {
    let description: String
}

/// Starts programs with posix_spawn, never with Foundation's `Process`.
///
/// On Linux `Process` notices that a child ended only when a socket it hands to the child
/// closes; helpers that fork a daemon (the tmux server, xclip, xsel) keep that socket open, so
/// `waitUntilExit` would block until the daemon dies. Here the child gets exactly stdin,
/// stdout and stderr (files, never pipes, so nothing waits for an EOF a daemon holds back),
/// every other descriptor is closed, signal dispositions are reset, and we `waitpid` the pid.
enum Spawn {
    /// Starts `arguments[0]` (an absolute path) and returns its pid.
    static func start(_ arguments: [String], environment: [String: String], stdin: String = "/dev/null",
                      stdout: String, stderr: String, newSession: Bool = false) throws -> pid_t {
        precondition(!arguments.isEmpty)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        closeOtherDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newSession { flags |= setsidFlag }
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(truncatingIfNeeded: flags))
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGTTOU, SIGTTIN] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw SpawnError(description: "cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// Waits for `pid`; nil when it is still running after `timeout` seconds.
    static func wait(_ pid: pid_t, timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = poll(pid) { return status }
            if Date() >= deadline { return nil }
            usleep(5_000)
        }
    }

    /// The exit status if `pid` has ended (reaping it), else nil.
    static func poll(_ pid: pid_t) -> Int32? {
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, WNOHANG)
        if result == 0 { return nil }
        if result < 0 { return -1 }  // not our child any more (already reaped)
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    /// Stops `pid`: SIGTERM, then SIGKILL if it is still there after `grace` seconds.
    static func stop(_ pid: pid_t, grace: TimeInterval = 2) {
        kill(pid, SIGTERM)
        if wait(pid, timeout: grace) == nil {
            kill(pid, SIGKILL)
            _ = wait(pid, timeout: 2)
        }
    }

    /// Runs a program to the end (killing it after `timeout`) and returns what it printed.
    static func run(_ arguments: [String], environment: [String: String], stdin: String = "/dev/null",
                    newSession: Bool = false, timeout: TimeInterval = 20) throws -> ProcessResult {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("linkdesk-e2e-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout").path
        let err = folder.appendingPathComponent("stderr").path
        let started = Date()
        let pid = try start(arguments, environment: environment, stdin: stdin, stdout: out, stderr: err,
                            newSession: newSession)
        var timedOut = false
        var status = wait(pid, timeout: timeout)
        if status == nil {
            timedOut = true
            stop(pid)
            status = -1
        }
        return ProcessResult(status: status ?? -1, stdout: File.read(out) ?? "", stderr: File.read(err) ?? "",
                             timedOut: timedOut, seconds: Date().timeIntervalSince(started))
    }

    #if canImport(Darwin)
    private static let setsidFlag = Int32(POSIX_SPAWN_SETSID)
    #else
    private static let setsidFlag: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26)
    #endif

    /// Closes every descriptor above stderr in the child, so no pipe of a test running in
    /// parallel leaks into a daemon we start (glibc ≥ 2.34; not visible to Swift, hence dlsym).
    private static func closeOtherDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        #if os(Linux)
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = closeFromSymbol else { return }
        let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
        _ = closeFrom(&actions, 3)
        #endif
    }

    #if os(Linux)
    nonisolated(unsafe) private static let closeFromSymbol: UnsafeMutableRawPointer? = {
        let handle = dlopen(nil, RTLD_NOW)
        return dlsym(handle, "posix_spawn_file_actions_addclosefrom_np")
    }()
    #endif
}

enum File {
    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Polls until `path` exists (every 50 ms, up to `timeout` s); returns its contents.
    static func waitFor(_ path: String, timeout: TimeInterval = 10) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = read(path) { return text }
            usleep(50_000)
        }
        return read(path)
    }
}

/// Single-quoted for /bin/sh.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
