import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// `linkdesk share` with a campaign format chosen by `m`, driven in tmux: Copy & close prints the
/// campaign link (markers literal) and makes its one-time token live.
@Suite("Share pop-up: campaign link")
struct CampaignShareTests {
    @Test("Sales call (master page), one-time, HubSpot: the printed URL is the campaign link with a live token", .tools("tmux"))
    func hubspotOneTime() throws {
        try Tools.require("tmux")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let tmux = try Tmux(workspace.command(["share", "salescall", "--clipboard", "none"]), workspace: workspace)
        defer { tmux.kill() }

        try tmux.waitFor(text: "Share a booking link", "Campaign ‹ None › (m)")
        try tmux.keys("o", "m", "m")
        try tmux.waitFor(text: "[ON ] One-time link", "Campaign ‹ HubSpot › (m)", "HubSpot merge fields")
        try tmux.keys("C-y")

        let outcome = try #require(workspace.outcome(), "linkdesk share did not exit after Ctrl-Y:\n\(tmux.currentScreen)")
        #expect(outcome.status == 0, "\(outcome)")
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "stdout is exactly one line (the URL): \(outcome)")
        let url = String(lines.first ?? "")
        let token = String(url.dropFirst("http://localhost:8080/.".count).prefix { $0 != "?" })
        #expect(Token.isWellFormed(token), "\(url)")
        #expect(url == "http://localhost:8080/.\(token)?name={{ contact.firstname }}%20{{ contact.lastname }}&email={{ contact.email }}")
        let links = try workspace.links()
        #expect(links.count == 1 && links.first?["status"] as? String == "live", "\(links)")
    }
}
