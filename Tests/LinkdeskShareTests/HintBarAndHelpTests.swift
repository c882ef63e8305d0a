import Testing
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

@Suite("Share pop-up: hint bar and help")
struct HintBarAndHelpTests {
    /// The pop-up with `focus`, Personalize on so every focus exists.
    func state(focus: ShareFocus) throws -> ShareState {
        var state = try Demo.state(on: "Sales call", .master)
        state.personalize = true
        state.focus = focus
        return state
    }

    @Test("the hint bar mentions Tab, Esc cancel and copy at 80 columns", arguments: ShareFocus.allCases)
    func hintBar(_ focus: ShareFocus) throws {
        let state = try state(focus: focus)
        let text = HintBar.text(state.bindings, width: 80)
        #expect(text.contains("Tab next"), "\(text)")
        #expect(text.contains("Esc cancel"), "\(text)")
        #expect(text.contains("copy"), "\(text)")
        #expect(text.contains("? help") || text.contains("F1 help"), "the bar says how to list every key: \(text)")
        #expect(DisplayWidth.of(text) <= 80)
        #expect(state.screen().last == text, "the bottom row is the hint bar")
    }

    @Test("the hint bar in the dropdown says how to choose and close the list")
    func hintBarDropdown() throws {
        var state = try Demo.state()
        state.press(.enter)
        let text = HintBar.text(state.bindings, width: 80)
        #expect(text.contains("Enter choose"))
        #expect(text.contains("Esc close list"))
    }

    @Test("the ? overlay lists every key of every focus", arguments: [false, true])
    func helpListsEveryKey(_ bookingPage: Bool) throws {
        var state = try Demo.state(selected: bookingPage ? 0 : (try Demo.index(of: "Sales call", .master)))
        state.press(.char("?"))
        #expect(state.showHelp)
        let screen = state.screen().joined(separator: "\n")
        for focus in ShareFocus.allCases {
            var probe = state
            probe.showHelp = false
            probe.focus = focus
            let lines = HelpOverlay.lines(probe.bindings)
            for binding in probe.bindings {
                for key in binding.keys {
                    #expect(screen.contains(key.label), "\(key.label) (\(focus)) missing from the help screen")
                }
                #expect(lines.contains { $0.contains(binding.help) })
                #expect(screen.contains(String(binding.help.prefix(20))),
                        "\"\(binding.help)\" (\(focus)) missing from the help screen")
            }
        }
    }

    @Test("? and F1 open help everywhere they are bound; Esc closes it")
    func helpOpensAndCloses() throws {
        var state = try Demo.state()
        state.press(.function(1))
        #expect(state.showHelp)
        state.press(.esc)
        #expect(!state.showHelp)
        state.press(.char("p"))
        state.focus(on: .name)
        state.press(.function(1))
        #expect(state.showHelp, "F1 works inside a text field, where ? is text")
    }
}
