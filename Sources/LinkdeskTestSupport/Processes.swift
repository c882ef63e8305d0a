import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished process said and how it ended.
public struct Finished: Sendable, CustomStringConvertible {
    /// Exit code, or 128 + the signal's number when a signal ended it (the shell's convention);
    /// -1 when it could not be reaped.
    public var status: Int32
    /// stdout as text (invalid UTF-8 replaced); `stdoutData` has the bytes (a PNG, say).
    public var stdout: String
    public var stdoutData: Data
    public var stderr: String
    /// True when it was still running at its timeout, and was then stopped (SIGTERM, then SIGKILL).
    public var timedOut: Bool
    public var seconds: Double

    public init(status: Int32, stdoutData: Data, stderr: String, timedOut: Bool = false, seconds: Double) {
        self.status = status
        self.stdout = String(decoding: stdoutData, as: UTF8.self)
        self.stdoutData = stdoutData
        self.stderr = stderr
        self.timedOut = timedOut
        self.seconds = seconds
    }

    /// stderr's non-empty lines.
    public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    public var stdoutTrimmed: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    public var description: String {
        "exit \(status)\(timedOut ? " (timed out)" : "") after \(String(format: "%.2f", seconds)) s\n"
            + "--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)\n---"
    }
}

/// Why a process could not be started (or a helper built on one gave up).
public struct ProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The one way tests run programs: posix_spawn and waitpid, never Foundation's `Process`.
///
/// On Linux `Process` notices that a child ended only when a socket it hands to the child
/// closes; programs that fork a daemon (the tmux server, xclip, xsel, `su … pg_ctl start`) keep
/// that socket open, so `waitUntilExit` would block until the daemon dies. Here the child gets
/// exactly stdin, stdout and stderr (files, never pipes, so nothing waits for an EOF a daemon
/// holds back), every other descriptor is closed, signal dispositions are reset, and we
/// `waitpid` the pid.
///
/// (A test that keeps a long-running child to signal later, such as a server it SIGTERMs, may
/// still hold a Foundation `Process` of its own.)
public enum Processes {
    /// The child's environment: this process's own with some variables added or replaced (a
    /// dictionary literal means that), or exactly the given variables.
    public struct Environment: Sendable, ExpressibleByDictionaryLiteral {
        public var variables: [String: String]
        public var inherits: Bool

        public init(dictionaryLiteral elements: (String, String)...) {
            variables = Dictionary(elements, uniquingKeysWith: { _, last in last })
            inherits = true
        }

        /// This process's environment, with `extra` added (replacing variables of the same name).
        public static func inherited(adding extra: [String: String] = [:]) -> Environment {
            var environment: Environment = [:]
            environment.variables = extra
            return environment
        }

        /// Exactly `variables`, nothing of this process's environment.
        public static func exactly(_ variables: [String: String]) -> Environment {
            var environment: Environment = [:]
            environment.variables = variables
            environment.inherits = false
            return environment
        }

        /// The variables the child gets.
        public var resolved: [String: String] {
            guard inherits else { return variables }
            var all = ProcessInfo.processInfo.environment
            for (key, value) in variables { all[key] = value }
            return all
        }
    }

    /// Runs `program` (an absolute path) with `arguments` to its end and returns what it printed.
    /// stdin is the file `stdin` (default /dev/null; a terminal's device works too). With
    /// `newSession` the child starts a session of its own, so it has no controlling terminal.
    /// Still running after `timeout` seconds: stopped (SIGTERM, SIGKILL 2 s later) and
    /// `timedOut` is true, for the caller's expectations to catch.
    public static func run(_ program: String, _ arguments: [String] = [], environment: Environment = [:],
                           stdin: String = "/dev/null", newSession: Bool = false, timeout: Double = 60) throws -> Finished {
        try start(program, arguments, environment: environment, stdin: stdin, newSession: newSession).finish(timeout: timeout)
    }

    /// Starts `program` as `run` does, without waiting: several can run at once; `finish` waits.
    public static func start(_ program: String, _ arguments: [String] = [], environment: Environment = [:],
                             stdin: String = "/dev/null", newSession: Bool = false) throws -> Running {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-run-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let started = Date()
        do {
            let pid = try spawn(program, arguments, environment: environment, stdin: stdin,
                                stdout: folder + "/stdout", stderr: folder + "/stderr", newSession: newSession)
            return Running(pid: pid, folder: folder, started: started)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// Starts `program` with its stdin, stdout and stderr on the files at these paths (stdout
    /// and stderr created or truncated) and returns its pid: for a child that runs on (an X
    /// server) until `stop`. Reap it with `poll`, `wait` or `stop`.
    public static func spawn(_ program: String, _ arguments: [String], environment: Environment = [:],
                             stdin: String = "/dev/null", stdout: String, stderr: String,
                             newSession: Bool = false) throws -> pid_t {
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

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.resolved.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ProcessError("cannot start \(program): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// The exit status if `pid` has ended (reaping it), else nil; -1 when it is not our child
    /// (any more).
    public static func poll(_ pid: pid_t) -> Int32? {
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, WNOHANG)
        if result == 0 { return nil }
        if result < 0 { return errno == EINTR ? nil : -1 }
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    /// Waits for `pid` (polling every 5 ms); nil when it is still running after `timeout` seconds.
    public static func wait(_ pid: pid_t, timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = poll(pid) { return status }
            if Date() >= deadline { return nil }
            usleep(5_000)
        }
    }

    /// Stops `pid`: SIGTERM, then SIGKILL if it is still there after `grace` seconds. Returns its
    /// exit status, nil if even SIGKILL did not end it within 2 s.
    @discardableResult
    public static func stop(_ pid: pid_t, grace: Double = 2) -> Int32? {
        kill(pid, SIGTERM)
        if let status = wait(pid, timeout: grace) { return status }
        kill(pid, SIGKILL)
        return wait(pid, timeout: 2)
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

/// A child started by `Processes.start`, its stdout and stderr going to files of its own.
/// `finish` waits for it (once; later calls return the same result). Dropped unfinished, it is
/// killed and reaped.
public final class Running: @unchecked Sendable {
    public let pid: pid_t
    private let folder: String
    private let started: Date
    private let lock = NSLock()
    private var result: Finished?

    init(pid: pid_t, folder: String, started: Date) {
        self.pid = pid
        self.folder = folder
        self.started = started
    }

    /// Waits for the child's end (stopping it after `timeout` seconds) and returns what it did.
    public func finish(timeout: Double = 60) -> Finished {
        lock.lock()
        defer { lock.unlock() }
        if let result { return result }
        var timedOut = false
        var status = Processes.wait(pid, timeout: timeout)
        if status == nil {
            timedOut = true
            status = Processes.stop(pid)
        }
        let seconds = Date().timeIntervalSince(started)
        let out = FileManager.default.contents(atPath: folder + "/stdout") ?? Data()
        let err = FileManager.default.contents(atPath: folder + "/stderr") ?? Data()
        try? FileManager.default.removeItem(atPath: folder)
        let finished = Finished(status: status ?? -1, stdoutData: out, stderr: String(decoding: err, as: UTF8.self),
                                timedOut: timedOut, seconds: seconds)
        result = finished
        return finished
    }

    deinit {
        if result == nil {
            kill(pid, SIGKILL)
            _ = Processes.wait(pid, timeout: 5)
            try? FileManager.default.removeItem(atPath: folder)
        }
    }
}

/// A TCP socket bound to 127.0.0.1 on a port the kernel picked (not listening yet): the caller
/// closes `fd`.
public func loopbackSocket() -> (fd: Int32, port: Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

/// A free TCP port on 127.0.0.1 (bound once to port 0, then released).
public func freePort() -> Int {
    let bound = loopbackSocket()
    close(bound.fd)
    return bound.port
}
