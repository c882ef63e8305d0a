import Foundation
import LinkdeskTestSupport
import Testing

/// Without a usable terminal, interactive commands say so on stderr and exit non-zero; stdout
/// stays empty and no garbage reaches any screen (SPEC §3).
@Suite("Share pop-up without a usable terminal")
struct NoTerminalTests {
    @Test("No controlling terminal (new session, stdin /dev/null): non-zero exit, one clear line on stderr")
    func noControllingTerminal() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // POSIX_SPAWN_SETSID: a new session has no controlling terminal, so /dev/tty can't open.
        let result = try workspace.run(["share", "--clipboard", "none"], newSession: true, timeout: 10)
        #expect(!result.timedOut, "\(result)")
        #expect(result.status != 0, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line on stderr: \(result)")
        #expect(lines.first?.hasPrefix("linkdesk: ") == true && result.stderr.lowercased().contains("terminal"), "\(result)")
        #expect(!result.stderr.contains("\u{1B}"), "no escape sequences: \(result)")
    }

    @Test("TERM=dumb inside tmux: non-zero exit, clear message, nothing drawn", .tools("tmux"))
    func dumbTerminal() throws {
        try Tools.require("tmux")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let tmux = try Tmux(workspace.command(["share", "--clipboard", "none"], prefix: "TERM=dumb "), workspace: workspace)
        defer { tmux.kill() }

        let outcome = try #require(workspace.outcome(), "linkdesk share did not exit under TERM=dumb:\n\(tmux.currentScreen)")
        #expect(outcome.status != 0, "\(outcome)")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
        #expect(outcome.stderrLines.count == 1, "one line on stderr: \(outcome)")
        #expect(outcome.stderr.contains("dumb") && outcome.stderr.lowercased().contains("terminal"),
                "the message names the terminal type: \(outcome)")
        // stdout and stderr went to files: anything on the pane was written to /dev/tty.
        let drawn = try tmux.screen().split(separator: "\n")
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.contains("Pane is dead") }
        #expect(drawn.isEmpty, "nothing drawn on a dumb terminal: \(drawn)")
    }
}
