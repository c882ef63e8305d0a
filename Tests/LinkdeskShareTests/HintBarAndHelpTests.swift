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

    /// The ? overlay's rows, written out here rather than generated from the bindings: every key
    /// of every focus (without repeats), keys first, then what they do, in this order.
    static let helpRows: [(keys: String, help: String)] = [
        ("Tab", "Move to the next field"),
        ("S-Tab", "Move to the previous field"),
        ("Esc/^C", "Cancel: close the pop-up, nothing is copied"),
        ("^Y", "Copy & close from anywhere"),
        ("Enter/Space/↓", "Open the page list (or just type to filter)"),
        ("p", "Toggle Personalize link"),
        ("o", "Toggle One-time link"),
        ("i", "Explain the focused option (i)"),
        ("?/F1", "List every key"),
        ("Q/F2", "Show the link as a QR code"),
        ("Space/Enter", "Turn the focused option on or off"),
        ("Enter", "Next field (typing edits; ^U clears; ^W deletes a word)"),
        ("F1", "List every key"),
        ("F2", "Show the link as a QR code"),
        ("Enter/Space", "Close without copying"),
        ("Enter/Space", "Make the link live, copy it, close"),
    ]

    @Test("the ? overlay lists every key of every focus, one row each, keys in one column", arguments: [false, true])
    func helpListsEveryKey(_ bookingPage: Bool) throws {
        var state = try Demo.state(selected: bookingPage ? 0 : (try Demo.index(of: "Sales call", .master)))
        state.press(.char("?"))
        #expect(state.showHelp)
        let screen = state.screen()
        let top = try #require(screen.firstIndex { $0.contains("┌─ Share pop-up keys ") }, "\(screen.joined(separator: "\n"))")
        let left = try #require(screen[top].firstIndex(of: "┌"))
        let column = screen[top].distance(from: screen[top].startIndex, to: left)
        let box = screen.map { String($0.dropFirst(column)) }
        // The widest key label is "Enter/Space/↓" (13 columns): every description starts 2 after it.
        for (offset, row) in Self.helpRows.enumerated() {
            let line = box[top + 1 + offset]
            let keys = row.keys + String(repeating: " ", count: 13 - DisplayWidth.of(row.keys))
            #expect(line.hasPrefix("│ " + keys + "  " + row.help), "row \(offset + 1): |\(line)|")
        }
        let oneTime = box[top + 7]
        if bookingPage {
            #expect(oneTime.contains("Toggle One-time link (unavailable: "), "a booking page has no one-time links: \(oneTime)")
        } else {
            #expect(!oneTime.contains("unavailable"), "\(oneTime)")
        }
        #expect(box[top + Self.helpRows.count + 2].contains("Esc or ? closes"))
        #expect(box[top + Self.helpRows.count + 3].hasPrefix("└"), "no rows beyond the \(Self.helpRows.count) listed")
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
