import Foundation
import LinkdeskTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// However the pop-up ends, the terminal is given back exactly as it was: same `stty -a`, the
/// normal screen, a visible cursor.
@Suite("Terminal left sane")
struct TerminalHygieneTests {
    enum Ending: String {
        case controlC = "Ctrl-C", sigterm = "SIGTERM"
    }

    @Test("Ctrl-C: exit 1 and stty -a identical before and after", .tools("tmux", "stty"))
    func controlC() throws {
        try check(.controlC)
    }

    @Test("SIGTERM while open: non-zero exit and stty -a identical before and after", .tools("tmux", "stty"))
    func sigterm() throws {
        try check(.sigterm)
    }

    private func check(_ ending: Ending) throws {
        try Tools.require("tmux", "stty")
        let workspace = try Workspace()
        defer { workspace.remove() }
        // An interactive /bin/sh in the pane; the test types one command line into it.
        let tmux = try Tmux("exec /bin/sh -i", workspace: workspace)
        defer { tmux.kill() }

        let q = { (name: String) in shellQuoted(workspace.file(name)) }
        let share = ([workspace.binary, "share", "salescall", "--clipboard", "none"]).map(shellQuoted).joined(separator: " ")
        // The pid is written by the shell that then becomes linkdesk (exec), so SIGTERM reaches it.
        let app = "sh -c 'echo $$ > \"$0\"; exec \"$@\"' \(q("pid")) \(share)"
        try tmux.type("stty -a > \(q("before")); \(app) > \(q("out")) 2> \(q("err")); echo $? > \(q("status")); "
            + "stty -a > \(q("after")); mv \(q("status")) \(q("rc"))")
        try tmux.keys("Enter")

        try tmux.waitFor(text: "Share a booking link", "[ Copy & close ]")
        let before = try #require(File.read(workspace.file("before")))
        #expect(before.contains(" icanon") && before.contains(" echo"), "the pane starts in cooked mode:\n\(before)")
        // While open, the app has the terminal in raw mode: the comparison below has teeth.
        let paneTTY = try tmux.run(["display-message", "-p", "-t", "0", "#{pane_tty}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let during = try Processes.run(try #require(Tools.path("stty")), ["-a"], environment: .exactly(workspace.environment()),
                                       stdin: paneTTY, timeout: 20)
        #expect(during.status == 0 && during.stdout.contains("-icanon"), "raw mode while the pop-up is open: \(during)")

        switch ending {
        case .controlC:
            try tmux.keys("C-c")
        case .sigterm:
            let pidText = try #require(File.waitFor(workspace.file("pid")), "no pid file")
            let pid = try #require(pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(pid, SIGTERM) == 0, "kill -TERM \(pid)")
        }

        let rcText = try #require(File.waitFor(workspace.file("rc")),
                                  "linkdesk share did not end on \(ending.rawValue):\n\(tmux.currentScreen)")
        let status = try #require(Int32(rcText.trimmingCharacters(in: .whitespacesAndNewlines)))
        switch ending {
        case .controlC: #expect(status == 1, "Ctrl-C cancels with exit 1; stderr: \(File.read(workspace.file("err")) ?? "")")
        case .sigterm: #expect(status != 0, "SIGTERM ends it with a non-zero status (got \(status))")
        }
        #expect(File.read(workspace.file("out")) == "", "nothing on stdout")

        let after = try #require(File.read(workspace.file("after")))
        #expect(after == before, "stty -a differs after \(ending.rawValue):\n--- before:\n\(before)\n--- after:\n\(after)")
        let modes = try tmux.run(["display-message", "-p", "-t", "0", "#{alternate_on} #{cursor_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(modes == "0 1", "back on the normal screen with a visible cursor (alternate_on cursor_flag = \(modes))")
    }
}
