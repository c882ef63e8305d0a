import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// The URL reaches a real clipboard (xclip under Xvfb, OSC 52 through tmux), the app never waits
/// on a helper's background server, and a failing helper never loses the URL (SPEC §2.1, §4).
/// Serialized: the Xvfb tests pick display numbers from the same small range.
@Suite("Clipboard round trips", .serialized)
struct ClipboardTests {
    /// The single line a successful command printed on stdout.
    private func singleLine(_ stdout: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "stdout is exactly one line: \(stdout.debugDescription)",
                sourceLocation: sourceLocation)
        return String(lines.first ?? "")
    }

    private func clipboard(_ display: String, workspace: Workspace) throws -> String {
        let xclip = try #require(Tools.path("xclip"))
        let result = try Processes.run(xclip, ["-selection", "clipboard", "-o"],
                                       environment: .exactly(workspace.environment(["DISPLAY": display])), timeout: 5)
        #expect(result.status == 0, "xclip -o: \(result)")
        return result.stdout
    }

    @Test("link --one-time --copy --clipboard xclip under Xvfb: in the clipboard, and url=$(…) returns at once", .tools("Xvfb", "xclip"))
    func xclipLink() throws {
        try Tools.require("Xvfb", "xclip")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let x = try Xvfb(workspace: workspace)
        defer { x.stop() }

        // As a user writes it: command substitution waits for EOF on linkdesk's stdout, so it
        // would hang if xclip's background server inherited that pipe.
        let line = ([workspace.binary, "link", "salescall", "--one-time", "--copy", "--clipboard", "xclip"])
            .map(shellQuoted).joined(separator: " ")
        let script = "url=$(\(line) 2> \(shellQuoted(workspace.file("err")))); status=$?; printf '%s\\n' \"$url\"; exit $status"
        let result = try Processes.run("/bin/sh", ["-c", script],
                                       environment: .exactly(workspace.environment(["DISPLAY": x.display])), timeout: 15)
        let stderr = File.read(workspace.file("err")) ?? ""
        #expect(!result.timedOut && result.seconds < 5, "linkdesk link --copy returns quickly: \(result)")
        #expect(result.status == 0, "\(result)\nstderr: \(stderr)")
        let url = singleLine(result.stdout)
        let link = try LinkURL.read(url, base: BaseURL.default)
        #expect(link.kind == .oneTime, "\(url)")
        #expect(stderr.contains("linkdesk: copied via xclip") && !stderr.contains("not copied"),
                "stderr reports the copy: \(stderr.debugDescription) (took \(String(format: "%.2f", result.seconds)) s)")
        #expect(try clipboard(x.display, workspace: workspace) == url)
    }

    @Test("Share pop-up, --clipboard xclip, in tmux with DISPLAY: Copy & close fills the X clipboard", .tools("tmux", "Xvfb", "xclip"))
    func xclipShare() throws {
        try Tools.require("tmux", "Xvfb", "xclip")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let x = try Xvfb(workspace: workspace)
        defer { x.stop() }
        let tmux = try Tmux(workspace.command(["share", "salescall", "--clipboard", "xclip"]), workspace: workspace,
                            env: ["DISPLAY": x.display])
        defer { tmux.kill() }

        try tmux.waitFor(text: "Share a booking link", "http://localhost:8080/salescall")
        try tmux.keys("o")
        try tmux.waitFor(text: "[ON ] One-time link")
        let started = Date()
        try tmux.keys("C-y")
        let outcome = try #require(workspace.outcome(), "linkdesk share did not exit after Ctrl-Y:\n\(tmux.currentScreen)")
        let seconds = Date().timeIntervalSince(started)
        #expect(outcome.status == 0, "\(outcome)")
        let url = singleLine(outcome.stdout)
        #expect(try LinkURL.read(url, base: BaseURL.default).kind == .oneTime, "\(url)")
        #expect(outcome.stderr.contains("linkdesk: copied via xclip") && !outcome.stderr.contains("not copied"),
                "stderr reports the copy (closed \(String(format: "%.2f", seconds)) s after Ctrl-Y): \(outcome)")
        #expect(try clipboard(x.display, workspace: workspace) == url)
        #expect(try workspace.links().map { $0["status"] as? String } == ["live"])
    }

    @Test("Share pop-up, --clipboard osc52, in tmux with set-clipboard on: the URL lands in tmux's buffer", .tools("tmux"))
    func osc52() throws {
        try Tools.require("tmux")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let tmux = try Tmux(workspace.command(["share", "salescall", "--clipboard", "osc52"]), workspace: workspace,
                            setClipboard: true)
        defer { tmux.kill() }

        try tmux.waitFor(text: "Share a booking link", "http://localhost:8080/salescall")
        try tmux.keys("C-y")
        let outcome = try #require(workspace.outcome(), "linkdesk share did not exit after Ctrl-Y:\n\(tmux.currentScreen)")
        #expect(outcome.status == 0, "\(outcome)")
        let url = singleLine(outcome.stdout)
        #expect(url == "http://localhost:8080/salescall")
        #expect(outcome.stderr.contains("linkdesk: copied via OSC 52"), "\(outcome)")

        // tmux parses the pane's output on its own schedule: poll for the buffer.
        let deadline = Date().addingTimeInterval(5)
        var buffer: String?
        repeat {
            buffer = try? tmux.run(["show-buffer"])
            if buffer == url { break }
            usleep(50_000)
        } while Date() < deadline
        #expect(buffer == url, "tmux show-buffer after OSC 52")
    }

    @Test("link --copy --clipboard xsel with a dead DISPLAY: exit 0, URL on stdout, stderr says not copied", .tools("xsel"))
    func failingHelperLink() throws {
        try Tools.require("xsel")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try workspace.run(["link", "salescall", "--one-time", "--copy", "--clipboard", "xsel"],
                                       env: ["DISPLAY": Xvfb.deadDisplay()], timeout: 15)
        #expect(result.status == 0, "\(result)")
        let url = singleLine(result.stdout)
        #expect(try LinkURL.read(url, base: BaseURL.default).kind == .oneTime, "\(url)")
        #expect(result.stderr.contains("linkdesk: not copied") && result.stderr.contains("xsel"), "\(result)")
        #expect(result.seconds < 5, "\(result)")
    }

    @Test("Share pop-up, --clipboard xsel with a dead DISPLAY: Copy & close still prints the URL, exit 0", .tools("tmux", "xsel"))
    func failingHelperShare() throws {
        try Tools.require("tmux", "xsel")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let tmux = try Tmux(workspace.command(["share", "salescall", "--clipboard", "xsel"]), workspace: workspace,
                            env: ["DISPLAY": Xvfb.deadDisplay()])
        defer { tmux.kill() }

        try tmux.waitFor(text: "Share a booking link", "http://localhost:8080/salescall")
        try tmux.keys("o")
        try tmux.waitFor(text: "[ON ] One-time link")
        try tmux.keys("C-y")
        let outcome = try #require(workspace.outcome(), "linkdesk share did not exit after Ctrl-Y:\n\(tmux.currentScreen)")
        #expect(outcome.status == 0, "\(outcome)")
        let url = singleLine(outcome.stdout)
        #expect(try LinkURL.read(url, base: BaseURL.default).kind == .oneTime, "\(url)")
        #expect(outcome.stderr.contains("linkdesk: not copied") && outcome.stderr.contains("xsel"), "\(outcome)")
        #expect(try workspace.links().map { $0["status"] as? String } == ["live"], "the link is live even though the copy failed")
    }
}
