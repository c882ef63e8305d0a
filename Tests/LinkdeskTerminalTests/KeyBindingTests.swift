import Testing
@testable import LinkdeskTerminal

enum ShareAction: Equatable, Sendable {
    case nextField, previousField, toggle, copy, cancel, help
}

/// A Share pop-up-like binding list used by the tests below.
let shareBindings: [KeyBinding<ShareAction>] = [
    KeyBinding([.tab, .down], hint: "next", help: "Move focus to the next field", action: .nextField, priority: 2),
    KeyBinding([.backTab, .up], hint: "prev", help: "Move focus to the previous field", action: .previousField, priority: 1),
    KeyBinding(.space, hint: "toggle", help: "Turn the focused toggle on or off", action: .toggle, priority: 1),
    KeyBinding(.enter, hint: "copy & close", help: "Copy the link and close", action: .copy,
               disabledReason: "choose a booking page first", priority: 3),
    KeyBinding([.esc, .ctrl("c")], hint: "cancel", help: "Close without copying", action: .cancel, priority: 3),
    KeyBinding(.char("?"), hint: "help", help: "Show every key", action: .help, priority: 0),
    KeyBinding(.ctrl("u"), hint: "clear", help: "Clear the text field", action: .toggle, showsInHintBar: false),
]

@Suite("Key bindings")
struct KeyBindingTests {
    @Test("dispatch finds the action for any of a binding's keys")
    func dispatch() {
        #expect(shareBindings.dispatch(.tab) == .action(ShareAction.nextField))
        #expect(shareBindings.dispatch(.down) == .action(ShareAction.nextField))
        #expect(shareBindings.dispatch(.ctrl("c")) == .action(ShareAction.cancel))
        #expect(shareBindings.dispatch(.char("x")) == KeyDispatch<ShareAction>.unbound)
    }

    @Test("a disabled binding reports why instead of acting")
    func disabled() {
        #expect(shareBindings.dispatch(.enter) == KeyDispatch<ShareAction>.disabled(reason: "choose a booking page first"))
    }

    @Test("map keeps everything but the action")
    func map() {
        let mapped = shareBindings[0].map { "\($0)" }
        #expect(mapped.action == "nextField")
        #expect(mapped.keys == [.tab, .down])
        #expect(mapped.hint == "next")
    }
}

@Suite("Hint bar")
struct HintBarTests {
    @Test("everything fits on a wide bar, in list order, without help-only bindings")
    func wide() {
        #expect(HintBar.text(shareBindings, width: 80)
            == "Tab next  S-Tab prev  Space toggle  Enter copy & close  Esc cancel  ? help")
    }

    @Test("a narrow bar drops the lowest priorities first and keeps the order")
    func narrow() {
        let text = HintBar.text(shareBindings, width: 44)
        #expect(text == "Tab next  Enter copy & close  Esc cancel", "equal priorities: the later one goes first")
        #expect(DisplayWidth.of(text) <= 44)
        #expect(HintBar.text(shareBindings, width: 34) == "Enter copy & close  Esc cancel")
        #expect(HintBar.text(shareBindings, width: 18) == "Enter copy & close")
    }

    @Test("the bar always fits, whatever the width")
    func alwaysFits() {
        for width in 0...90 {
            #expect(DisplayWidth.of(HintBar.text(shareBindings, width: width)) <= width)
        }
        #expect(HintBar.text(shareBindings, width: 3) == "")
    }

    @Test("drawn bar styles keys, words and disabled bindings")
    func drawn() {
        var buffer = CellBuffer(width: 80, height: 2)
        HintBar.draw(shareBindings, into: &buffer, y: 1)
        #expect(buffer.lines()[1] == HintBar.text(shareBindings, width: 80))
        #expect(buffer.cell(x: 0, y: 1)?.role == .hintKey)
        #expect(buffer.cell(x: 4, y: 1)?.role == .hint)
        let enterColumn = buffer.lines()[1].distance(from: buffer.lines()[1].startIndex,
                                                     to: buffer.lines()[1].firstRange(of: "Enter")!.lowerBound)
        #expect(buffer.cell(x: enterColumn, y: 1)?.role == .disabled)
        #expect(buffer.cell(x: 79, y: 1)?.role == .hint, "rest of the row belongs to the bar")
    }
}

/// `HelpOverlay.lines(shareBindings)` written out: keys padded to the widest ("S-Tab/↑"), two
/// spaces, the help text, and the reason for a disabled binding. Independent of the bindings on
/// purpose, so a wrong label, order or padding shows.
let shareHelpLines = [
    "Tab/↓    Move focus to the next field",
    "S-Tab/↑  Move focus to the previous field",
    "Space    Turn the focused toggle on or off",
    "Enter    Copy the link and close (unavailable: choose a booking page first)",
    "Esc/^C   Close without copying",
    "?        Show every key",
    "^U       Clear the text field",
]

@Suite("Help overlay")
struct HelpOverlayTests {
    @Test("lists every binding, including help-only and disabled ones, with aligned keys")
    func lines() {
        #expect(HelpOverlay.lines(shareBindings) == shareHelpLines)
    }

    @Test("drawn overlay is a titled box with every binding and a close hint")
    func drawn() throws {
        var buffer = CellBuffer(width: 80, height: 24)
        HelpOverlay.draw(shareBindings, title: "Share keys", into: &buffer)
        let screen = buffer.lines().joined(separator: "\n")
        #expect(screen.contains("┌─ Share keys "))
        let rows = buffer.lines()
        let top = try #require(rows.firstIndex { $0.contains("┌─ Share keys ") })
        for (offset, line) in shareHelpLines.enumerated() {
            #expect(rows[top + 1 + offset].contains("│ " + line + " "), "row \(offset + 1): |\(rows[top + 1 + offset])|")
        }
        #expect(rows[top + shareHelpLines.count + 2].contains("Esc or ? closes"))
    }

    @Test("when rows do not fit, the last visible row says how many more there are")
    func overflow() {
        var buffer = CellBuffer(width: 80, height: 7)
        HelpOverlay.draw(shareBindings, into: &buffer)
        let screen = buffer.lines().joined(separator: "\n")
        #expect(screen.contains("… 4 more"))
        #expect(screen.contains("Move focus to the next field"))
    }
}
