import Foundation
import LinkdeskTestSupport
import Testing

/// One test's own folder: database, HOME/XDG folders, and the files the app's output goes to.
/// The environment is built from scratch (nothing of the caller's LINKDESK_*, DISPLAY, TMUX or
/// config leaks in), with a fixed clock. `remove()` deletes the folder.
final class Workspace: @unchecked Sendable {
    static let now = "2026-11-23T12:00:00Z"

    let folder: String
    let database: String
    let binary: String

    init() throws {
        binary = try Products.path("linkdesk")
        // Short: tmux and X socket paths have length limits, and this folder appears in commands.
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ld-e2e-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder + "/home", withIntermediateDirectories: true)
        database = folder + "/linkdesk.sqlite"
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func file(_ name: String) -> String { folder + "/" + name }

    /// The environment linkdesk (and tmux, and every shell in a pane) runs with.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env: [String: String] = [
            "PATH": Tools.searchPath,
            "HOME": folder + "/home",
            "XDG_CONFIG_HOME": folder + "/home/.config",
            "XDG_DATA_HOME": folder + "/home/.local/share",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "xterm-256color",
            "SHELL": "/bin/sh",
            "LINKDESK_DB": database,
            "LINKDESK_QUIET": "1",
            "LINKDESK_NOW": Workspace.now,
            "LINKDESK_CLIPBOARD": "none",
        ]
        if let tmp = ProcessInfo.processInfo.environment["TMPDIR"] { env["TMPDIR"] = tmp }
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs linkdesk directly (no terminal: stdin /dev/null, output to files).
    func run(_ arguments: [String], env extra: [String: String] = [:], newSession: Bool = false,
             timeout: TimeInterval = 20) throws -> Finished {
        try Processes.run(binary, arguments, environment: .exactly(environment(extra)), newSession: newSession, timeout: timeout)
    }

    /// `linkdesk links --json`, parsed.
    func links(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let result = try run(["links", "--json"])
        try #require(result.status == 0, "linkdesk links --json: \(result)", sourceLocation: sourceLocation)
        let value = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(value as? [[String: Any]], "links --json is not an array: \(result.stdout)",
                            sourceLocation: sourceLocation)
    }

    /// A shell command line that runs linkdesk with `arguments`, stdout and stderr to
    /// `<name>.out` / `<name>.err`, and writes its exit status to `<name>.rc` once it ends
    /// (atomically, so a reader never sees a half-written file).
    func command(_ arguments: [String], name: String = "app", prefix: String = "") -> String {
        let line = ([binary] + arguments).map(shellQuoted).joined(separator: " ")
        let rc = shellQuoted(file(name + ".rc"))
        return "\(prefix)\(line) > \(shellQuoted(file(name + ".out"))) 2> \(shellQuoted(file(name + ".err"))); "
            + "echo $? > \(rc).tmp && mv \(rc).tmp \(rc)"
    }

    /// What the command started by `command(_:name:)` did, once it has ended.
    func outcome(_ name: String = "app", timeout: TimeInterval = 10) -> AppOutcome? {
        guard let rc = File.waitFor(file(name + ".rc"), timeout: timeout),
              let status = Int32(rc.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return AppOutcome(status: status, stdout: File.read(file(name + ".out")) ?? "",
                          stderr: File.read(file(name + ".err")) ?? "")
    }
}

/// linkdesk's exit status and output, when it ran inside tmux.
struct AppOutcome: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }

    var description: String {
        "exit \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)\n---"
    }
}
