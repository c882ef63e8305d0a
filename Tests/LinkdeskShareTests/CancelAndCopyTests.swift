import Testing
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

@Suite("Share pop-up: Cancel and Copy & close")
struct CancelAndCopyTests {
    @Test("Enter and Space on Cancel cancel")
    func cancelButton() throws {
        var state = try Demo.state()
        state.focus(on: .cancel)
        var other = state
        #expect(state.press(.enter) == .cancel)
        #expect(other.press(.space) == .cancel)
    }

    @Test("Esc and Ctrl-C cancel from every focus", arguments: ShareFocus.allCases)
    func escAndCtrlC(_ focus: ShareFocus) throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.press(.char("p"))
        state.focus(on: focus)
        var other = state
        #expect(state.press(.esc) == .cancel)
        #expect(other.press(.ctrl("c")) == .cancel)
    }

    @Test("Ctrl-C cancels with the page list open; Esc only closes the list")
    func inDropdown() throws {
        var state = try Demo.state()
        state.press(.enter)
        var other = state
        #expect(state.press(.esc) == nil)
        #expect(state.dropdown == nil)
        #expect(state.press(.esc) == .cancel)
        #expect(other.press(.ctrl("c")) == .cancel)
    }

    @Test("Ctrl-C cancels with help or an explanation open; Esc closes them")
    func inOverlay() throws {
        var help = try Demo.state()
        help.press(.char("?"))
        #expect(help.showHelp)
        var helpCtrlC = help
        #expect(helpCtrlC.press(.ctrl("c")) == .cancel)
        #expect(help.press(.esc) == nil)
        #expect(!help.showHelp)

        var info = try Demo.state()
        info.focus(on: .personalize)
        info.press(.char("i"))
        #expect(info.info == .personalize)
        var infoCtrlC = info
        #expect(infoCtrlC.press(.ctrl("c")) == .cancel)
        #expect(info.press(.esc) == nil)
        #expect(info.info == nil)
    }

    @Test("Ctrl-Y copies from anywhere, including a text field")
    func ctrlY() throws {
        var state = try Demo.state()
        #expect(state.press(.ctrl("y")) == .copy)
        state.press(.char("p"))
        state.focus(on: .name)
        state.type("Jane")
        #expect(state.press(.ctrl("y")) == .copy)
        #expect(state.name.text == "Jane")
    }

    @Test("Enter and Space on Copy & close copy")
    func copyButton() throws {
        var state = try Demo.state()
        state.focus(on: .copy)
        var other = state
        #expect(state.press(.enter) == .copy)
        #expect(other.press(.space) == .copy)
    }

    @Test("an invalid email blocks Copy & close with a message; fixing it unblocks")
    func invalidEmailBlocks() throws {
        var state = try Demo.state()
        state.press(.char("p"))
        state.focus(on: .email)
        state.type("jane@")
        #expect(state.emailProblem == "not a valid email address")
        #expect(state.press(.ctrl("y")) == nil)
        #expect(state.message == "Customer email: not a valid email address")
        state.focus(on: .copy)
        #expect(state.press(.enter) == nil)
        #expect(state.message == "Customer email: not a valid email address")
        state.focus(on: .email)
        #expect(state.message == nil, "the next key clears the message")
        state.type("example.com")
        #expect(state.emailProblem == nil)
        #expect(state.press(.ctrl("y")) == .copy)
    }

    @Test("an invalid email does not block once Personalize is off")
    func invalidEmailIgnoredWhenNotPersonalized() throws {
        var state = try Demo.state()
        state.press(.char("p"))
        state.focus(on: .email)
        state.type("not-an-email")
        state.focus(on: .personalize)
        state.press(.space)
        #expect(!state.personalize)
        #expect(state.press(.ctrl("y")) == .copy)
        #expect(!state.url.contains("email"))
    }

    @Test("with no pages there is nothing to copy")
    func noPages() {
        var state = ShareState(pages: [], base: Demo.base, token: Demo.token)
        #expect(state.url == "")
        #expect(state.press(.ctrl("y")) == nil)
        #expect(state.message == "choose a page first")
    }
}
