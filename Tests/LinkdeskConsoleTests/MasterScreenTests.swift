import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal
import Testing

@Suite("Master page overview")
struct MasterScreenTests {
    typealias F = PageViewsFixture

    /// The console on the overview of `page` (nil: as opened with the number key).
    func overview(_ page: PageID?, data: ConsoleData) -> ConsoleState {
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        F.press(&state, data, .char("2"))
        state.master.pageID = page
        return state
    }

    @Test("Sales call as the seeds' Figure 1: Share & Publish, settings, members, event types with primaries")
    func salesCall() throws {
        let data = try F.data()
        let state = overview(F.salesMaster, data: data)
        let text = ConsoleFixture.expectScreen(state, data, "console-master").joined(separator: "\n")
        for expected in ["Share & Publish", "Public link  http://localhost:8080/salescall", "[ Generate a one-time link ] (o)",
                         "Live one-time links: 2", "Scenario      Rule-based assignment", "Rule type     Dynamic rules",
                         "Locale        System - English (US)", "Theme         Light system theme (default)",
                         "Included team members (2)", "Sales call (Jordan Reyes)", "Cactus Co Main (Dana Haddad)",
                         "Offers 2 Event types", "15-minute meeting", "primary team member: Sales call",
                         "30-minute meeting", "primary team member: Cactus Co Main", "master page 1 of 2"] {
            #expect(text.contains(expected), "shows \(expected)")
        }
        #expect(!text.contains(Refusal.Reason.oneTimeOnlyDynamic.sentence.prefix(30)))
    }

    @Test("Marketing (Static): Generate disabled with the rule, no primaries")
    func marketing() throws {
        let data = try F.data()
        let state = overview(F.marketingMaster, data: data)
        let text = ConsoleFixture.expectScreen(state, data, "console-master-static").joined(separator: "\n")
        #expect(text.contains("Rule type     Static rules"))
        #expect(text.contains("Only a Master page using Rule-based assignment with Dynamic rules can have"))
        #expect(text.contains("Live one-time links: 1"), "the stray link of the fixture counts for its own page only")
        #expect(!text.contains("(o)"))
        #expect(!text.contains("primary team member"))
        #expect(text.contains("Offers 2 Event types") && text.contains("60-minute meeting"))
        #expect(state.bindings(data).dispatch(.char("o")) == .disabled(reason: Refusal.Reason.oneTimeOnlyDynamic.sentence))
    }

    @Test("no page or a booking page: the first master page; ←/→ and [ ] cycle, wrapping")
    func cycling() throws {
        let data = try F.data()
        for start in [nil, PageID(10)] {
            var state = overview(start, data: data)
            #expect(state.master.selectedPage(data) == F.salesMaster)
            F.press(&state, data, .right)
            #expect(state.master.selectedPage(data) == F.marketingMaster)
            F.press(&state, data, .right)
            #expect(state.master.selectedPage(data) == F.salesMaster, "wraps")
            F.press(&state, data, .char("["))
            #expect(state.master.selectedPage(data) == F.marketingMaster)
            #expect(F.screen(state, data).first { $0.contains("master page 2 of 2") } != nil)
        }
    }

    @Test("o (or g) generates a one-time link: Share preset to the page, One-time on")
    func generate() throws {
        let data = try F.data()
        var screen = overview(F.salesMaster, data: data).master
        #expect(screen.perform(.oneTimeSelected, data: data, rows: F.rows) == .openShare(page: F.salesMaster, oneTime: true))
        var state = overview(F.salesMaster, data: data)
        F.press(&state, data, .char("g"))
        guard case .share(let share)? = state.modal else { Issue.record("no Share pop-up"); return }
        #expect(share.page?.id == F.salesMaster && share.page?.kind == .master)
        #expect(share.oneTime)
    }

    @Test("o on the Static master page: refused with the rule in the status line")
    func generateRefused() throws {
        let data = try F.data()
        var state = overview(F.marketingMaster, data: data)
        F.press(&state, data, .char("o"))
        #expect(state.modal == nil)
        #expect(state.status == Refusal.Reason.oneTimeOnlyDynamic.sentence)
        #expect(state.statusFailed)
    }

    @Test("s shares the master page on screen")
    func share() throws {
        let data = try F.data()
        var state = overview(F.marketingMaster, data: data)
        F.press(&state, data, .char("s"))
        guard case .share(let share)? = state.modal else { Issue.record("no Share pop-up"); return }
        #expect(share.page?.id == F.marketingMaster)
        #expect(!share.oneTime)
    }

    @Test("Dynamic → Static asks first, naming how many live one-time links stop, for good")
    func toStatic() throws {
        let data = try F.data()
        var state = overview(F.salesMaster, data: data)
        #expect(F.press(&state, data, .char("r")) == nil, "nothing happens before the answer")
        guard case .confirm(let confirmation)? = state.modal else { Issue.record("no confirmation"); return }
        #expect(confirmation.effect == .setRules(master: F.salesMaster, ruleType: .static))
        let lines = confirmation.lines.joined(separator: " ")
        #expect(lines.contains("2 live one-time links stop working, for good"))
        #expect(lines.contains("does not bring them back"))
        #expect(lines.contains("cancelled, but no longer rescheduled"))
        let text = ConsoleFixture.expectScreen(state, data, "console-confirm-static").joined(separator: "\n")
        #expect(text.contains("Switch Sales call to Static rules?"))
        #expect(text.contains("2 live one-time links stop working, for good"))
        #expect(text.contains("y switch to Static rules"))
        #expect(F.press(&state, data, .char("y")) == .setRules(master: F.salesMaster, ruleType: .static))
        #expect(state.modal == nil)
    }

    @Test("the count follows the links: one live link is singular, none is zero")
    func liveCount() throws {
        for (links, expected) in [([F.link("A", master: F.salesMaster)], "1 live one-time link stops working, for good"),
                                  ([], "0 live one-time links stop working, for good")] {
            let data = try F.data(links: links)
            var screen = overview(F.salesMaster, data: data).master
            guard case .confirm(let confirmation)? = screen.perform(.toggleRules, data: data, rows: F.rows) else {
                Issue.record("no confirmation"); return
            }
            #expect(confirmation.lines.joined(separator: " ").contains(expected))
        }
    }

    @Test("Static → Dynamic asks too, says nothing stops working, names event types without a rule")
    func toDynamic() throws {
        let data = try F.data()
        var screen = overview(F.marketingMaster, data: data).master
        guard case .confirm(let confirmation)? = screen.perform(.toggleRules, data: data, rows: F.rows) else {
            Issue.record("no confirmation"); return
        }
        #expect(confirmation.effect == .setRules(master: F.marketingMaster, ruleType: .dynamic))
        let lines = confirmation.lines.joined(separator: " ")
        #expect(lines.contains("Nothing stops working"))
        #expect(!lines.contains("for good"))
        #expect(lines.contains("No rule yet for 30-minute meeting, 60-minute meeting"))
        var state = overview(F.marketingMaster, data: data)
        F.press(&state, data, .char("r"))
        #expect(F.press(&state, data, .char("n")) == nil)
        #expect(state.modal == nil)
    }

    @Test("Pooled availability: no rule switch, with the reason")
    func pooled() throws {
        var data = try F.data()
        data.workspace.masterPages[1].scenario = .pooled
        let state = overview(F.marketingMaster, data: data)
        guard case .disabled(let reason) = state.bindings(data).dispatch(.char("r")) else {
            Issue.record("r is not disabled"); return
        }
        #expect(reason.contains("Pooled availability"))
        #expect(F.screen(state, data).contains { $0.contains("Rule type     none (Pooled availability)") })
    }

    @Test("c warns, then asks for the new link of the master page")
    func changeLink() throws {
        let data = try F.data()
        var state = overview(F.salesMaster, data: data)
        F.press(&state, data, .char("c"))
        #expect(state.master.capturesTyping)
        let text = F.screen(state, data).joined(separator: "\n")
        #expect(text.contains("Change the link of Sales call?") && text.contains("stops working at once"))
        F.press(&state, data, .enter)
        guard case .prompt(let prompt)? = state.modal else { Issue.record("no prompt"); return }
        #expect(prompt.purpose == .newSlug(F.salesMaster))
        #expect(state.view == .master)
    }

    @Test("a live reload keeps the master page on screen; / picks the first match")
    func reloadAndFilter() throws {
        let data = try F.data()
        var state = overview(F.marketingMaster, data: data)
        let reloaded = try F.data(links: [])
        #expect(state.master.selectedPage(reloaded) == F.marketingMaster)
        #expect(F.screen(state, reloaded).contains { $0.contains("Live one-time links: 0") })
        F.press(&state, data, .char("/"))
        F.type(&state, data, "salesc")
        #expect(state.master.selectedPage(data) == F.salesMaster)
        F.press(&state, data, .enter, .right)
        #expect(state.master.selectedPage(data) == F.salesMaster, "the only match")
    }

    @Test("hostile names of the master page and its team render without breaking rows")
    func hostile() throws {
        let data = try F.hostileData()
        var state = overview(F.salesMaster, data: data)
        let rows = F.screen(state, data)
        F.expectClean(rows)
        #expect(rows.contains { $0.contains("Public link  http://localhost:8080/salescall") })
        #expect(rows.contains { $0.contains("Live one-time links: 2") }, "the row after the name is intact")
        F.press(&state, data, .char("r"))
        F.expectClean(F.screen(state, data))
        #expect(F.screen(state, data).contains { $0.contains("2 live one-time links stop working") })
    }
}
