import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal
import Testing

/// Global keys of the console: views, back, quit, help, filter, the Share pop-up and how effect
/// results come back (SPEC §2, issue 4 item 2).
@Suite("console navigation")
struct ConsoleNavigationTests {
    @Test("number keys switch views; Esc goes back through the history")
    func switching() throws {
        let data = try ConsoleFixture.data()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        #expect(state.view == .pages)
        _ = state.handle(.char("5"), data: data, rows: 20)
        #expect(state.view == .activity)
        _ = state.handle(.char("4"), data: data, rows: 20)
        #expect(state.view == .bookings)
        _ = state.handle(.esc, data: data, rows: 20)
        #expect(state.view == .activity)
        _ = state.handle(.esc, data: data, rows: 20)
        #expect(state.view == .pages)
    }

    @Test("q and Ctrl-C quit; nothing else does")
    func quitting() throws {
        let data = try ConsoleFixture.data()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        #expect(state.handle(.char("q"), data: data, rows: 20) == .quit)
        #expect(state.handle(.ctrl("c"), data: data, rows: 20) == .quit)
        #expect(state.handle(.char("5"), data: data, rows: 20) == nil)
    }

    @Test("? opens help listing the view's keys; Esc closes it")
    func help() throws {
        let data = try ConsoleFixture.data()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("?"), data: data, rows: 20)
        #expect(state.modal == .help)
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        let text = buffer.lines().joined(separator: "\n")
        for binding in state.bindings(data) where binding.showsInHintBar {
            #expect(text.contains(binding.help), "help lists \(binding.help)")
        }
        _ = state.handle(.esc, data: data, rows: 20)
        #expect(state.modal == nil)
    }

    @Test("s opens the Share pop-up preset to the page under the cursor; Copy & close is a share effect")
    func share() throws {
        let data = try ConsoleFixture.data()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        let master = try #require(data.workspace.masterPages.first)
        for _ in 0..<30 where state.pages.selectedPage(data) != master.id { _ = state.handle(.down, data: data, rows: 20) }
        #expect(state.pages.selectedPage(data) == master.id)
        _ = state.handle(.char("s"), data: data, rows: 20)
        guard case .share(let share)? = state.modal else {
            Issue.record("the Share pop-up is open")
            return
        }
        #expect(share.page?.id == master.id)
        #expect(share.token == ConsoleFixture.token)
        _ = state.handle(.char("o"), data: data, rows: 20)
        let effect = state.handle(.ctrl("y"), data: data, rows: 20)
        #expect(effect == .share(page: master.id, personalization: Personalization(), oneTime: true, token: ConsoleFixture.token))
    }

    @Test("a failed share keeps the pop-up open with the reason; a successful one closes it and is offered later")
    func shareResults() throws {
        let data = try ConsoleFixture.data()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("s"), data: data, rows: 20)
        guard let effect = state.handle(.ctrl("y"), data: data, rows: 20) else {
            Issue.record("Copy & close gives an effect")
            return
        }
        state.receive(.failed(effect, reason: "database is busy"))
        guard case .share(let open)? = state.modal else {
            Issue.record("the pop-up stays open after a failure")
            return
        }
        #expect(open.message == "database is busy")
        state.receive(.linkShared(url: "http://localhost:8080/x", copied: "copied", nextToken: "C7RM2XRTB6QK7"))
        #expect(state.modal == nil)
        #expect(state.recentURLs.first == "http://localhost:8080/x")
        #expect(state.nextToken == "C7RM2XRTB6QK7")
        #expect(state.status == "copied: http://localhost:8080/x")
    }

    @Test("/ filters the activity list; Esc clears the filter, Enter keeps it")
    func filtering() throws {
        let events = [
            ActivityEvent(at: ConsoleFixture.now, actor: .staff, kind: .linkShared, subject: "Sales call"),
            ActivityEvent(at: ConsoleFixture.now, actor: .customer, kind: .bookingScheduled, subject: "#1 Jane Smythe"),
        ]
        let data = try ConsoleFixture.data(activity: events)
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("5"), data: data, rows: 20)
        _ = state.handle(.char("/"), data: data, rows: 20)
        for c in "jane" { _ = state.handle(.char(c), data: data, rows: 20) }
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.activity.filter == "jane")
        #expect(!state.filtering)
        let lines = ConsoleFixture.expectScreen(state, data, "console-activity-filtered")
        #expect(lines.contains { $0.contains("Jane Smythe") })
        #expect(!lines.contains { $0.contains("link shared") })
        _ = state.handle(.char("/"), data: data, rows: 20)
        _ = state.handle(.esc, data: data, rows: 20)
        #expect(state.activity.filter.isEmpty)
    }

    @Test("a reload with new data keeps the view, the cursor and a half-typed filter")
    func reloadKeepsState() throws {
        let old = try ConsoleFixture.data()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.down, data: old, rows: 20)
        _ = state.handle(.down, data: old, rows: 20)
        _ = state.handle(.char("/"), data: old, rows: 20)
        _ = state.handle(.char("S"), data: old, rows: 20)
        let before = state
        var new = try ConsoleFixture.data(activity: [ActivityEvent(at: ConsoleFixture.now, actor: .staff, kind: .linkShared, subject: "x")])
        new.now = ConsoleFixture.now.addingTimeInterval(60)
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: new)
        #expect(state == before, "rendering new data changes no state")
        #expect(state.filtering && state.pages.filter == "S")
    }

    @Test("below 80×24 the console says the terminal is too small")
    func tooSmall() throws {
        let data = try ConsoleFixture.data()
        let state = ConsoleState(nextToken: ConsoleFixture.token)
        let lines = ConsoleFixture.expectScreen(state, data, "console-too-small", width: 60, height: 20)
        #expect(lines.joined().contains("Terminal too small"))
    }
}
