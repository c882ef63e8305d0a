import Foundation
import LinkdeskTestSupport
import Testing

/// The pop-up follows resizes (SIGWINCH through tmux) and says when the terminal is too small.
@Suite("Share pop-up: resize")
struct ResizeTests {
    static let title = "Share a booking link"

    /// The row holding the frame's title, and the columns of its top-left and top-right corners.
    private func frame(_ screen: String) -> (left: Int, right: Int, rowWidth: Int)? {
        guard let row = screen.split(separator: "\n").first(where: { $0.contains(Self.title) }),
              let left = column(of: "┌", in: row), let right = column(of: "┐", in: row) else { return nil }
        return (left, right, row.count)
    }

    @Test("80×24 → 100×30 redraws the box centred; 40×12 says too small; back to 80×24 shows it again", .tools("tmux"))
    func resize() throws {
        try Tools.require("tmux")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let tmux = try Tmux(workspace.command(["share", "salescall", "--clipboard", "none"]), workspace: workspace)
        defer { tmux.kill() }

        let small = try tmux.waitFor(text: Self.title, "[ Copy & close ]")
        let before = try #require(frame(small), "no frame in:\n\(small)")
        #expect(before.right < 80)

        try tmux.resize(width: 100, height: 30)
        let size = try tmux.paneSize()
        #expect(size.width == 100 && size.height == 30, "pane is \(size)")
        let wide = try tmux.waitFor("the box redrawn for 100×30 (its border moved)") { screen in
            guard let now = frame(screen) else { return false }
            return now.left != before.left
        }
        let after = try #require(frame(wide))
        #expect(after.left > before.left, "the box moved right to stay centred:\n\(wide)")
        #expect(after.right < 100, "the box fits in the new width:\n\(wide)")
        #expect(after.right - after.left == before.right - before.left, "same box, moved")

        try tmux.resize(width: 40, height: 12)
        let tiny = try tmux.waitFor(text: "Terminal too small")
        #expect(!tiny.contains(Self.title), "no clipped dialog under the notice:\n\(tiny)")

        try tmux.resize(width: 80, height: 24)
        // The whole dialog, buttons included: a capture may fall between the rows of one redraw.
        let back = try tmux.waitFor("the dialog shown again at 80×24") { screen in
            !screen.contains("Terminal too small") && frame(screen)?.left == before.left && screen.contains("[ Copy & close ]")
        }
        #expect(back.contains("[ Copy & close ]"), "\(back)")

        // Still alive and responsive after all that.
        try tmux.keys("Escape")
        let outcome = try #require(workspace.outcome(), "linkdesk share did not exit on Esc:\n\(tmux.currentScreen)")
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
    }
}
