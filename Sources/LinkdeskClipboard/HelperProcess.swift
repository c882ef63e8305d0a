import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a clipboard helper with `input` on stdin and /dev/null as stdout/stderr, and waits for
/// the helper itself (not its children) to exit.
///
/// Not Foundation's `Process`: on Linux it learns of a child's exit through a socket the child
/// inherits, and xclip/xsel fork a server that keeps that socket open, so `isRunning` stays
/// true until something else takes the clipboard. `posix_spawn` + `waitpid` sees the helper's
/// own exit in milliseconds.
enum HelperProcess {
    enum Result: Equatable {
        case exited(Int32)
        case timedOut
        case couldNotStart(String)
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift's Glibc module does not export.
    static let setsidFlag: Int16 = 0x80

    static func run(_ command: [String], input: String, environment: [String: String], timeout: TimeInterval) -> Result {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return .couldNotStart("pipe failed") }
        // Close-on-exec, so only the dup2'd stdin reaches the helper (and its forked server).
        fds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // A session of its own: xclip's and wl-copy's forked servers then outlive the terminal
        // (closing the window would otherwise hang them up and empty the clipboard).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.setsidFlag)
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
        close(fds[0])
        guard rc == 0 else {
            close(fds[1])
            return .couldNotStart(String(cString: strerror(rc)))
        }
        // A helper that exits without reading (xsel with no display) must not kill us by SIGPIPE.
        let previous = signal(SIGPIPE, SIG_IGN)
        writeAll(Array(input.utf8), to: fds[1])
        signal(SIGPIPE, previous)
        close(fds[1])
        return wait(for: pid, timeout: timeout)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }  // the helper closed stdin early; its exit status tells the rest
            offset += n
        }
    }

    private static func wait(for pid: pid_t, timeout: TimeInterval) -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid {
                let exited = status & 0x7F == 0
                return .exited(exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F))
            }
            if done < 0 { return .exited(0) }  // already reaped elsewhere
            if Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return .timedOut
            }
            usleep(2_000)
        }
    }
}
