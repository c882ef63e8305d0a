import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// `linkdesk share` driven by keys in tmux, from the default page to Copy & close.
@Suite("Share pop-up: choose, toggle, type, Copy & close")
struct ShareFlowTests {
    @Test("Latin name with an accent (José Smythe)", .tools("tmux"))
    func latinName() throws {
        // "José" with a precomposed é (U+00E9), spelled out so no editor can normalise it.
        try shareFlow(name: "Jos\u{E9} Smythe", email: "jose@example.com")
    }

    @Test("Arabic name (دانا)", .tools("tmux"))
    func arabicName() throws {
        try shareFlow(name: "\u{62F}\u{627}\u{646}\u{627}", email: "dana@example.com")
    }

    /// Default page → Enter opens the list → filter "sales" → Sales call (master page) → `o`, `p`
    /// (the focus moves to Customer name), type → Tab, type email → Ctrl-Y.
    private func shareFlow(name: String, email: String) throws {
        try Tools.require("tmux")
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.links().isEmpty, "a new demo workspace has no one-time links")

        let tmux = try Tmux(workspace.command(["share", "--clipboard", "none"]), workspace: workspace)
        defer { tmux.kill() }

        try tmux.waitFor(text: "Share a booking link", "Cactus Co Main (booking page)")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "Filter:")
        try tmux.type("sales")
        try tmux.waitFor("the list filtered to the two Sales call pages") { screen in
            screen.contains("Filter: sales") && screen.contains("Sales call (master page)")
                && !screen.contains("Marketing call (booking page)")
        }
        // The filtered list is "Sales call (booking page)", then "Sales call (master page)".
        try tmux.keys("Down", "Enter")
        let chosen = try tmux.waitFor("the master page chosen and the list closed") { screen in
            !screen.contains("Filter:") && screen.contains("http://localhost:8080/salescall")
        }
        #expect(chosen.contains("Sales call (master page)"), "\(chosen)")

        try tmux.keys("o", "p")
        try tmux.waitFor(text: "[ON ] Personalize link", "[ON ] One-time link", "Customer name", "Customer email")
        // Turning Personalize on moved the focus to Customer name: the name is typed right away.
        try tmux.type(name)
        try tmux.waitFor(text: name)
        try tmux.keys("Tab")
        try tmux.type(email)
        try tmux.waitFor(text: email)
        try tmux.keys("C-y")

        let outcome = try #require(workspace.outcome(), "linkdesk share did not exit after Ctrl-Y:\n\(tmux.currentScreen)")
        #expect(outcome.status == 0, "\(outcome)")
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "stdout is exactly one line (the URL): \(outcome)")
        let url = String(lines.first ?? "")
        #expect(outcome.stderr.contains("linkdesk: not copied (--clipboard none)"), "stderr says how it was copied: \(outcome)")

        let link = try LinkURL.read(url, base: BaseURL.default)
        guard case .oneTime(let token) = link.target else {
            Issue.record("expected a one-time link (/.TOKEN), got \(url)")
            return
        }
        #expect(Token.isWellFormed(token), "\(token)")
        #expect(url.hasPrefix("http://localhost:8080/.\(token)?"), "\(url)")
        let decodedName = try #require(link.personalization.name, "no name in \(url)")
        #expect(Array(decodedName.unicodeScalars) == Array(name.unicodeScalars),
                "name came back as \(decodedName.unicodeScalars.map { String($0.value, radix: 16) })")
        let decodedEmail = try #require(link.personalization.email, "no email in \(url)")
        #expect(Array(decodedEmail.unicodeScalars) == Array(email.unicodeScalars), "\(decodedEmail)")
        #expect(!link.personalization.showForm)

        let links = try workspace.links()
        #expect(links.count == 1, "exactly one one-time link: \(links)")
        #expect(links.first?["status"] as? String == "live", "\(links)")
        #expect((links.first?["personalizedFor"] as? String)?.contains(name) == true, "\(links)")
        #expect(links.first?["linkId"] is String, "\(links)")
    }
}
