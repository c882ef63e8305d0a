import Foundation
import LinkdeskTestSupport
import Testing

/// Cancel prints nothing on stdout and exits 1 (dialog's convention); nothing is made live.
@Suite("Share pop-up: cancel")
struct CancelTests {
    @Test("Esc after turning One-time on: exit 1, empty stdout, no link made", .tools("tmux"))
    func escape() throws {
        try cancel(with: "Escape")
    }

    @Test("Ctrl-C after turning One-time on: exit 1, empty stdout, no link made", .tools("tmux"))
    func controlC() throws {
        try cancel(with: "C-c")
    }

    private func cancel(with key: String) throws {
        try Tools.require("tmux")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let tmux = try Tmux(workspace.command(["share", "salescall", "--clipboard", "none"]), workspace: workspace)
        defer { tmux.kill() }

        try tmux.waitFor(text: "Share a booking link", "Sales call (master page)", "[OFF] One-time link")
        try tmux.keys("o")
        try tmux.waitFor(text: "[ON ] One-time link", "http://localhost:8080/.")
        try tmux.keys(key)

        let outcome = try #require(workspace.outcome(), "linkdesk share did not exit on \(key):\n\(tmux.currentScreen)")
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stdout.isEmpty, "nothing on stdout when cancelled: \(outcome)")
        #expect(try workspace.links().isEmpty, "no one-time link is made live by a cancelled pop-up")
    }
}
