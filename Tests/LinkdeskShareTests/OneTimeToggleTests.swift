import Testing
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

@Suite("Share pop-up: the One-time toggle")
struct OneTimeToggleTests {
    @Test("only the Dynamic master page can have one-time links")
    func whichPages() throws {
        let state = try Demo.state()
        let allowed = state.options.indices.filter { index in
            var copy = state
            copy.select(index)
            return copy.oneTimeDisabledReason == nil
        }
        #expect(allowed == [try Demo.index(of: "Sales call", .master)])
    }

    @Test("o on a booking page does nothing but say why", arguments: ["Cactus Co Main", "Sales call", "Support desk"])
    func oOnBookingPage(_ name: String) throws {
        var state = try Demo.state(on: name, .booking)
        let before = state.url
        #expect(state.press(.char("o")) == nil)
        #expect(!state.oneTime)
        #expect(state.message == Refusal.Reason.oneTimeOnlyDynamic.sentence)
        #expect(state.url == before)
    }

    @Test("o on the Static master page Marketing is refused too")
    func oOnStaticMaster() throws {
        var state = try Demo.state(on: "Marketing", .master)
        state.press(.char("o"))
        #expect(!state.oneTime)
        #expect(state.message == Refusal.Reason.oneTimeOnlyDynamic.sentence)
    }

    @Test("Space on the disabled toggle is refused with the same reason")
    func spaceOnDisabled() throws {
        var state = try Demo.state()
        state.focus(on: .oneTime)
        state.press(.space)
        #expect(!state.oneTime)
        #expect(state.message == Refusal.Reason.oneTimeOnlyDynamic.sentence)
    }

    @Test("o on the Dynamic master page turns it on and off")
    func oOnDynamicMaster() throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.press(.char("o"))
        #expect(state.oneTime)
        #expect(state.message == nil)
        state.press(.char("o"))
        #expect(!state.oneTime)
    }

    @Test("choosing a booking page while One-time is on turns it off")
    func choosingBookingPageTurnsOff() throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.press(.char("o"))
        #expect(state.url == "http://localhost:8080/.\(Demo.token)")
        state.press(.enter, .up, .enter)                 // the row above: Support desk
        #expect(state.page?.name == "Support desk")
        #expect(!state.oneTime)
        #expect(state.url == "http://localhost:8080/support-lee")
    }

    @Test("choosing another allowed page keeps One-time on")
    func choosingSamePageKeeps() throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.press(.char("o"), .enter, .enter)
        #expect(state.oneTime)
    }

    @Test("the disabled toggle shows its reason on screen and goes when a Dynamic master page is chosen")
    func reasonOnScreen() throws {
        var state = try Demo.state()
        #expect(state.oneTimeDisabledReason == Refusal.Reason.oneTimeOnlyDynamic.sentence)
        #expect(state.screen().joined(separator: " ").contains("Only a Master page using Rule-based assignment"))
        state.select(try Demo.index(of: "Sales call", .master))
        #expect(state.oneTimeDisabledReason == nil)
        #expect(!state.screen().joined(separator: " ").contains("Only a Master page"))
    }
}
