import Testing
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

@Suite("Share pop-up: focus order and toggles")
struct FocusOrderTests {
    /// The focus after each of `count` presses of `key`.
    func walk(_ state: ShareState, _ key: Key, _ count: Int) -> [ShareFocus] {
        var state = state
        return (0..<count).map { _ in
            #expect(state.handle(key) == nil)
            return state.focus
        }
    }

    @Test("Tab without Personalize skips the customer fields and wraps")
    func tabPersonalizeOff() throws {
        let state = try Demo.state()
        #expect(state.focus == .page)
        #expect(walk(state, .tab, 5) == [.personalize, .oneTime, .cancel, .copy, .page])
    }

    @Test("Shift-Tab without Personalize goes backwards and wraps")
    func backTabPersonalizeOff() throws {
        let state = try Demo.state()
        #expect(walk(state, .backTab, 5) == [.copy, .cancel, .oneTime, .personalize, .page])
    }

    @Test("Tab with Personalize on visits name, email and Show booking form")
    func tabPersonalizeOn() throws {
        var state = try Demo.state()
        state.press(.char("p"))
        #expect(state.personalize)
        state.focus(on: .page)  // p moved it to Customer name
        #expect(walk(state, .tab, 8) == [.personalize, .oneTime, .name, .email, .showForm, .cancel, .copy, .page])
        #expect(walk(state, .backTab, 8) == [.copy, .cancel, .showForm, .email, .name, .oneTime, .personalize, .page])
    }

    @Test("Enter in a text field moves to the next field")
    func enterInTextField() throws {
        var state = try Demo.state()
        state.press(.char("p"))
        state.focus(on: .name)
        state.press(.enter)
        #expect(state.focus == .email)
        state.press(.enter)
        #expect(state.focus == .showForm)
    }

    @Test("Space toggles the focused option, and again turns it back")
    func spaceToggles() throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.focus(on: .personalize)
        state.press(.space)
        #expect(state.personalize)
        state.focus(on: .oneTime)
        state.press(.space)
        #expect(state.oneTime)
        state.focus(on: .showForm)
        state.press(.space)
        #expect(state.showForm)
        state.press(.space)
        #expect(!state.showForm)
        state.focus(on: .oneTime)
        state.press(.space)
        #expect(!state.oneTime)
        #expect(state.personalize)
    }

    @Test("Enter toggles as Space does")
    func enterToggles() throws {
        var state = try Demo.state()
        state.focus(on: .personalize)
        state.press(.enter)
        #expect(state.personalize)
        state.focus(on: .personalize)  // turning it on moved the focus to Customer name
        state.press(.enter)
        #expect(!state.personalize)
    }

    @Test("Space in a text field is text, not a toggle")
    func spaceInName() throws {
        var state = try Demo.state()
        state.press(.char("p"))
        state.focus(on: .name)
        state.type("a b")
        #expect(state.name.text == "a b")
        #expect(state.personalize && !state.showForm)
    }

    @Test("letter shortcuts are text inside the customer fields")
    func lettersInName() throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.press(.char("p"))
        state.focus(on: .name)
        state.type("pio?")
        #expect(state.name.text == "pio?")
        #expect(state.personalize && !state.oneTime && state.info == nil && !state.showHelp)
    }

    @Test("turning Personalize off with p while on Show booking form moves the focus to a visible field")
    func personalizeOffHidesFocus() throws {
        var state = try Demo.state()
        state.press(.char("p"))
        state.focus(on: .showForm)
        state.press(.char("p"))
        #expect(!state.personalize)
        #expect(state.focus == .personalize)
        // The next Tab continues from there, not from the start.
        state.press(.tab)
        #expect(state.focus == .oneTime)
    }

    @Test("Space on the page field opens the list instead of toggling anything")
    func spaceOnPage() throws {
        var state = try Demo.state()
        state.press(.space)
        #expect(state.dropdown != nil)
        #expect(!state.personalize && !state.oneTime)
    }
}
