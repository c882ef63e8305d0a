import Foundation
import LinkdeskTestSupport
import Testing

/// The real console, in tmux, as a member of a workspace with staff (SPEC §8): on a SQLite file
/// who acts is the system user running the tests, made a member here.
@Suite("Console: as a member")
struct MemberConsoleTests {
    static var me: String { SystemUser.login }

    @Test("their page says Owned by you; another member's booking can't be canceled, and says why; a shows only theirs", .tools("tmux"))
    func member() throws {
        try Tools.require("tmux")
        let workspace = try Workspace()
        defer { workspace.remove() }
        for arguments in [
            ["staff", "add", Self.me, "--name", "Me", "--email", "me@example.com", "--role", "administrator"],
            ["staff", "add", "ada", "--name", "Ada", "--email", "ada@example.com", "--role", "administrator"],
            ["book", "http://localhost:8080/cactus-co-main", "--event", "30-minute meeting", "--at", "2026-11-24T10:00",
             "--name", "Dee Other", "--email", "dee@example.com"],
            ["book", "http://localhost:8080/salescall555", "--event", "30-minute meeting", "--at", "2026-11-24T11:00",
             "--name", "Mia Mine", "--email", "mia@example.com"],
            ["staff", "set", Self.me, "--role", "member", "--owns", "salescall555"],
        ] {
            let result = try workspace.run(arguments)
            try #require(result.status == 0, "linkdesk \(arguments): \(result)")
        }
        let tmux = try Tmux(workspace.command(["console"]), workspace: workspace)
        defer { tmux.kill() }
        let pages = try tmux.waitFor(text: "1 Pages 2 Master", "BOOKING PAGES")
        #expect(ConsoleScreen.row(pages, with: "Sales call", "Owned by you") != nil, "\(pages)")

        try tmux.keys("4")
        try tmux.waitFor(text: "Dee Other", "Mia Mine")
        try tmux.keys("c")  // the first booking: Dee Other, on Cactus Co Main (Dana Haddad's page)
        try tmux.waitFor(text: "only the owner of this booking's page or an administrator can change it")
        try tmux.keys("a")
        let mine = try tmux.waitFor("only Mia Mine's booking, on their own page") { screen in
            screen.contains("Mia Mine") && !screen.contains("Dee Other") && screen.contains("mine")
        }
        #expect(mine.contains("1 of 1"), "\(mine)")
        try tmux.keys("q")
        let outcome = try #require(workspace.outcome(), "the console did not exit on q:\n\(tmux.currentScreen)")
        #expect(outcome.status == 0, "\(outcome)")
    }
}
