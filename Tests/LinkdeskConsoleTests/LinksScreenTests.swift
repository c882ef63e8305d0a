import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import Testing

/// The One-time links view (SPEC §2.4): columns and statuses, revoke with a confirmation, the
/// refusal to revoke a dead link, `/` filter, and the cursor following its link across reloads.
@Suite("console: one-time links view")
struct LinksScreenTests {
    static let now = ConsoleFixture.now
    static let sales: PageID = 20

    static func link(_ id: String, for who: String? = nil, daysAgo: Double = 1, usesLeft: Int = 1, uses: Int = 1,
                     revoked: Bool = false, invalidated: Bool = false, expired: Bool = false) -> OneTimeLink {
        let created = now.addingTimeInterval(-daysAgo * 86_400)
        return OneTimeLink(linkID: id, tokenHash: "hash-" + id, masterPageID: sales, createdAt: created,
                           expiresAt: expired ? now.addingTimeInterval(-3_600) : created.addingTimeInterval(90 * 86_400),
                           usesAllowed: uses, usesLeft: usesLeft, revokedAt: revoked ? now : nil,
                           invalidatedAt: invalidated ? now : nil, personalizedFor: who)
    }

    /// One link of each status, newest first as the store lists them; one name is hostile.
    static let mixed: [OneTimeLink] = [
        link("ot-live2k", for: "Jane Smythe", daysAgo: 0.1),
        link("ot-used7m", for: "Omar Haddad", daysAgo: 2, usesLeft: 0),
        link("ot-many3p", daysAgo: 3, usesLeft: 3, uses: 5),
        link("ot-expd4q", for: "Old Customer", daysAgo: 95, expired: true),
        link("ot-revk5r", for: "Evil\u{1B}[31mRed\u{202E}\r\u{8}Name\u{0}", daysAgo: 5, revoked: true),
        link("ot-invl6s", for: "lee@example.com", daysAgo: 6, invalidated: true),
    ]

    static func state(on data: ConsoleData) -> ConsoleState {
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("3"), data: data, rows: 20)
        return state
    }

    /// Moves the cursor down until the link with `id` is selected.
    static func select(_ id: String, in state: inout ConsoleState, data: ConsoleData) {
        _ = state.handle(.char("g"), data: data, rows: 20)
        for _ in data.links.indices where state.links.cursor.selectedID != id {
            _ = state.handle(.down, data: data, rows: 20)
        }
        #expect(state.links.cursor.selectedID == id)
    }

    @Test("every status in its own words, uses as n/N, hostile names neutralised")
    func mixedStatuses() throws {
        let data = try ConsoleFixture.data(links: Self.mixed)
        let state = Self.state(on: data)
        #expect(state.view == .links)
        let rows = ConsoleFixture.expectScreen(state, data, "console-links")
        let text = rows.joined(separator: "\n")
        for (id, status) in [("ot-live2k", "live"), ("ot-used7m", "used"), ("ot-many3p", "live"), ("ot-expd4q", "expired"),
                             ("ot-revk5r", "revoked"), ("ot-invl6s", "invalidated")] {
            let row = try #require(rows.first { $0.contains(id) })
            #expect(row.hasSuffix(status), "\(id) is \(status): \(row)")
        }
        #expect(rows.first { $0.contains("ot-used7m") }?.contains("0/1") == true)
        #expect(rows.first { $0.contains("ot-many3p") }?.contains("3/5") == true)
        #expect(text.contains("Sales call"))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}") && !text.contains("\r"))
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test("r on a live link asks first; y revokes it by id")
    func revokeLive() throws {
        let data = try ConsoleFixture.data(links: Self.mixed)
        var state = Self.state(on: data)
        #expect(state.handle(.char("r"), data: data, rows: 20) == nil)
        guard case .confirm(let confirmation)? = state.modal else {
            Issue.record("a confirmation is open")
            return
        }
        #expect(confirmation.effect == .revoke(linkID: "ot-live2k"))
        let text = ConsoleFixture.expectScreen(state, data, "console-links-revoke").joined(separator: "\n")
        #expect(text.contains("Revoke ot-live2k on \"Sales call\" for Jane Smythe?"))
        #expect(state.handle(.char("y"), data: data, rows: 20) == .revoke(linkID: "ot-live2k"))
        #expect(state.modal == nil)
    }

    @Test("n or Esc keeps the link")
    func revokeDeclined() throws {
        let data = try ConsoleFixture.data(links: Self.mixed)
        for key in [Key.char("n"), .esc] {
            var state = Self.state(on: data)
            _ = state.handle(.char("r"), data: data, rows: 20)
            #expect(state.handle(key, data: data, rows: 20) == nil)
            #expect(state.modal == nil)
            #expect(state.view == .links, "Esc closed the dialog, not the view")
        }
    }

    @Test("r on a dead link says why, and asks nothing", arguments: ["ot-used7m", "ot-expd4q", "ot-revk5r", "ot-invl6s"])
    func revokeDead(id: String) throws {
        let data = try ConsoleFixture.data(links: Self.mixed)
        var state = Self.state(on: data)
        Self.select(id, in: &state, data: data)
        let revoke = try #require(state.bindings(data).first { $0.action == .revoke })
        #expect(revoke.disabledReason?.hasPrefix("\(id) is ") == true)
        #expect(revoke.disabledReason?.hasSuffix("only a live link can be revoked") == true)
        #expect(state.handle(.char("r"), data: data, rows: 20) == nil)
        #expect(state.modal == nil)
        #expect(state.statusFailed)
        #expect(state.status == revoke.disabledReason)
    }

    @Test("revoke with no link at all is disabled")
    func revokeEmpty() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.char("r"), data: data, rows: 20)
        #expect(state.modal == nil)
        #expect(state.status == "no one-time link selected")
    }

    @Test("/ filters by id, page, customer or status; revoke acts on the filtered row")
    func filter() throws {
        let data = try ConsoleFixture.data(links: Self.mixed)
        var state = Self.state(on: data)
        _ = state.handle(.char("/"), data: data, rows: 20)
        for character in "lee@" { _ = state.handle(.char(character), data: data, rows: 20) }
        _ = state.handle(.enter, data: data, rows: 20)
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        let listed = buffer.lines().filter { $0.contains("ot-") && !$0.contains(" · ") }
        #expect(listed.count == 1)
        #expect(listed.first?.contains("ot-invl6s") == true)
        #expect(state.links.selectedPage(data) == Self.sales)
        state.links.filter = "live"
        _ = state.handle(.down, data: data, rows: 20)
        _ = state.handle(.char("r"), data: data, rows: 20)
        guard case .confirm(let confirmation)? = state.modal else {
            Issue.record("the second live link can be revoked")
            return
        }
        #expect(confirmation.effect == .revoke(linkID: "ot-many3p"))
    }

    @Test("a reload that adds a link above keeps the cursor on the same link")
    func cursorKeptOnReload() throws {
        var data = try ConsoleFixture.data(links: Self.mixed)
        var state = Self.state(on: data)
        Self.select("ot-many3p", in: &state, data: data)
        data.links.insert(Self.link("ot-newer9", daysAgo: 0), at: 0)
        _ = state.handle(.char("r"), data: data, rows: 20)
        guard case .confirm(let confirmation)? = state.modal else {
            Issue.record("still on a live link")
            return
        }
        #expect(confirmation.effect == .revoke(linkID: "ot-many3p"))
        var buffer = CellBuffer(width: 80, height: 24)
        state.modal = nil
        state.render(into: &buffer, data: data)
        #expect(buffer.lines().last { $0.contains(" · ") }?.hasPrefix(" ot-many3p") == true, "details follow the cursor")
    }

    @Test("a reload that removes the selected link keeps the cursor in the list")
    func cursorClampedOnShrink() throws {
        var data = try ConsoleFixture.data(links: Self.mixed)
        var state = Self.state(on: data)
        _ = state.handle(.char("G"), data: data, rows: 20)
        data.links.removeLast(2)
        #expect(state.links.selectedPage(data) == Self.sales)
        _ = state.handle(.up, data: data, rows: 20)
        #expect(state.links.cursor.selectedID == "ot-many3p", "up from the last row left, ot-expd4q")
    }
}
