import Foundation
import LinkdeskTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private tmux server (its own socket name, `tmux -L`, and its own config file) with one
/// window: nothing touches the user's tmux, and tests run in parallel. `kill()` ends the server;
/// call it in a `defer`. Panes stay after their command ends (remain-on-exit), so the server is
/// still there to be asked (show-buffer) once the app has exited.
final class Tmux: @unchecked Sendable {
    let socket: String
    private let tmux: String
    private let config: String
    private let environment: [String: String]
    /// The server's socket file; tmux leaves it behind after kill-server, so kill() removes it.
    private var socketPath: String?

    /// Starts the server with `command` (run by /bin/sh) in a `width`×`height` window.
    init(_ command: String, workspace: Workspace, width: Int = 80, height: Int = 24,
         env extra: [String: String] = [:], setClipboard: Bool = false,
         sourceLocation: SourceLocation = #_sourceLocation) throws {
        tmux = try #require(Tools.path("tmux"), "tmux is not installed", sourceLocation: sourceLocation)
        socket = "ld-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        config = workspace.file("tmux.conf")
        var lines = [
            "set -g remain-on-exit on",
            "set -g status off",
            "set -g default-shell /bin/sh",
            "set -g history-limit 0",
            "set -s escape-time 0",
        ]
        if setClipboard { lines.append("set -s set-clipboard on") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: config, atomically: true, encoding: .utf8)
        environment = workspace.environment(extra)
        let result = try Processes.run(tmux, ["-L", socket, "-f", config, "new-session", "-d",
                                              "-x", "\(width)", "-y", "\(height)", command],
                                       environment: .exactly(environment), timeout: 10)
        guard result.status == 0 else {
            kill()
            throw ProcessError("tmux new-session failed: \(result)")
        }
        socketPath = (try? run(["display-message", "-p", "#{socket_path}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a tmux client command against this server.
    @discardableResult
    func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try Processes.run(tmux, ["-L", socket, "-f", config] + arguments, environment: .exactly(environment), timeout: 10)
        try #require(result.status == 0, "tmux \(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Key names as tmux understands them (Enter, Tab, BTab, Escape, C-y, Down, ...).
    func keys(_ names: String..., sourceLocation: SourceLocation = #_sourceLocation) throws {
        try run(["send-keys", "-t", "0"] + names, sourceLocation: sourceLocation)
    }

    /// Text typed as is (`send-keys -l`): Unicode goes through untouched.
    func type(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try run(["send-keys", "-t", "0", "-l", text], sourceLocation: sourceLocation)
    }

    /// The screen as text, one line per row.
    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", "0"])
    }

    /// The screen for a failure message (never throws).
    var currentScreen: String {
        (try? screen()) ?? "<capture-pane failed>"
    }

    /// Polls the screen (every 50 ms, up to `timeout` s) until `condition` holds; returns it.
    /// Records a failure showing the last screen when it never does.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while true {
            last = try screen()
            if condition(last) { return last }
            if Date() >= deadline { break }
            usleep(50_000)
        }
        Issue.record("timed out after \(timeout) s waiting for \(what); the screen:\n\(last)", sourceLocation: sourceLocation)
        throw ProcessError("timed out waiting for \(what)")
    }

    /// Polls until every one of `texts` is on screen.
    @discardableResult
    func waitFor(text texts: String..., timeout: TimeInterval = 10,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor(texts.map { "\"\($0)\"" }.joined(separator: " and "), timeout: timeout, sourceLocation: sourceLocation) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Pane size as tmux sees it.
    func paneSize() throws -> (width: Int, height: Int) {
        let parts = try run(["display-message", "-p", "-t", "0", "#{pane_width} #{pane_height}"])
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        guard parts.count == 2 else { throw ProcessError("unexpected pane size \(parts)") }
        return (parts[0], parts[1])
    }

    /// Ends the server (and with it anything still running in the pane).
    func kill() {
        _ = try? Processes.run(tmux, ["-L", socket, "-f", config, "kill-server"], environment: .exactly(environment), timeout: 5)
        if let socketPath, socketPath.hasSuffix("/" + socket) { unlink(socketPath) }
    }
}

/// Columns (terminal cells) of a row up to `text`'s first character, for the frame drawn with
/// one-cell box characters; nil when absent.
func column(of text: String, in row: Substring) -> Int? {
    guard let range = row.range(of: text) else { return nil }
    return row[row.startIndex..<range.lowerBound].count
}
