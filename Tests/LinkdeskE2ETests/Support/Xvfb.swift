import Foundation
import LinkdeskTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private X server (`Xvfb :N -nolisten tcp`) on the first free display of 90–99. `stop()`
/// first ends the clipboard helpers (xclip, xsel) that fork and keep serving the selection on
/// this display, then the server; call it in a `defer`.
final class Xvfb: @unchecked Sendable {
    let number: Int
    let pid: pid_t
    var display: String { ":\(number)" }

    init(workspace: Workspace, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let xvfb = try #require(Tools.path("Xvfb"), "Xvfb is not installed", sourceLocation: sourceLocation)
        for number in 90...99 {
            // Taken (by another test, or a real server): its lock file or socket is there.
            if FileManager.default.fileExists(atPath: "/tmp/.X\(number)-lock")
                || FileManager.default.fileExists(atPath: Xvfb.socket(number)) { continue }
            let log = workspace.file("xvfb-\(number).log")
            let pid = try Processes.spawn(xvfb, [":\(number)", "-nolisten", "tcp"], environment: .exactly(workspace.environment()),
                                          stdout: log, stderr: log)
            // Ready once its socket exists; gone early means someone else took the number.
            let deadline = Date().addingTimeInterval(10)
            var exited = false
            while Date() < deadline {
                if Processes.poll(pid) != nil { exited = true; break }
                if FileManager.default.fileExists(atPath: Xvfb.socket(number)) {
                    // The socket could be a racing server's: ours must still be running.
                    usleep(100_000)
                    if Processes.poll(pid) != nil { exited = true; break }
                    self.number = number
                    self.pid = pid
                    return
                }
                usleep(20_000)
            }
            if !exited { Processes.stop(pid) }
        }
        throw ProcessError("no free X display among :90–:99 for Xvfb")
    }

    static func socket(_ number: Int) -> String { "/tmp/.X11-unix/X\(number)" }

    /// A display number with no X server: a client for it fails at once.
    static func deadDisplay() -> String {
        let number = (150...199).first { !FileManager.default.fileExists(atPath: socket($0))
            && !FileManager.default.fileExists(atPath: "/tmp/.X\($0)-lock") } ?? 199
        return ":\(number)"
    }

    func stop() {
        for helper in Xvfb.clipboardServers(display: display) { kill(helper, SIGTERM) }
        Processes.stop(pid)
    }

    /// Processes named xclip or xsel whose environment has DISPLAY set to `display`.
    static func clipboardServers(display: String) -> [pid_t] {
        #if os(Linux)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let name = File.read("/proc/\(entry)/comm")?.trimmingCharacters(in: .whitespacesAndNewlines),
                  name == "xclip" || name == "xsel",
                  let environ = FileManager.default.contents(atPath: "/proc/\(entry)/environ") else { return nil }
            let variables = environ.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return variables.contains("DISPLAY=\(display)") ? pid : nil
        }
        #else
        return []
        #endif
    }
}
