import Testing
@testable import LinkdeskTerminal

@Suite("Key mapping from raw ncurses input")
struct KeyMappingTests {
    @Test("Enter arrives as 13 under nonl(), 10, or KEY_ENTER")
    func enter() {
        #expect(KeyMapping.key(for: .character(13)) == .enter)
        #expect(KeyMapping.key(for: .character(10)) == .enter)
        #expect(KeyMapping.key(for: .keyCode(0o527)) == .enter)
    }

    @Test("Backspace arrives as KEY_BACKSPACE, 127 or 8")
    func backspace() {
        #expect(KeyMapping.key(for: .keyCode(0o407)) == .backspace)
        #expect(KeyMapping.key(for: .character(127)) == .backspace)
        #expect(KeyMapping.key(for: .character(8)) == .backspace)
    }

    @Test("Ctrl-C is the character 3 under raw(), other C0 codes are Ctrl letters")
    func control() {
        #expect(KeyMapping.key(for: .character(3)) == .ctrl("c"))
        #expect(KeyMapping.key(for: .character(21)) == .ctrl("u"))
        #expect(KeyMapping.key(for: .character(23)) == .ctrl("w"))
        #expect(KeyMapping.key(for: .character(1)) == .ctrl("a"))
        #expect(KeyMapping.key(for: .character(26)) == .ctrl("z"))
        #expect(KeyMapping.key(for: .character(0)) == .ctrl(" "))
        #expect(KeyMapping.key(for: .character(31)) == .ctrl("_"))
    }

    @Test("Tab, Shift-Tab, Esc")
    func tabEsc() {
        #expect(KeyMapping.key(for: .character(9)) == .tab)
        #expect(KeyMapping.key(for: .keyCode(0o541)) == .backTab)
        #expect(KeyMapping.key(for: .character(27)) == .esc)
    }

    @Test("arrows, navigation and editing keys")
    func navigation() {
        let expected: [Int32: Key] = [
            0o402: .down, 0o403: .up, 0o404: .left, 0o405: .right, 0o406: .home, 0o550: .end,
            0o512: .delete, 0o513: .insert, 0o522: .pageDown, 0o523: .pageUp, 0o632: .resize,
        ]
        for (code, key) in expected {
            #expect(KeyMapping.key(for: .keyCode(code)) == key)
        }
    }

    @Test("function keys F1…F12")
    func functionKeys() {
        #expect(KeyMapping.key(for: .keyCode(0o410 + 1)) == .function(1))
        #expect(KeyMapping.key(for: .keyCode(0o410 + 12)) == .function(12))
        #expect(KeyMapping.key(for: .keyCode(0o410)) == nil, "KEY_F0 is not a real key")
    }

    @Test("printable and Unicode characters")
    func characters() {
        #expect(KeyMapping.key(for: .character(0x61)) == .char("a"))
        #expect(KeyMapping.key(for: .character(0x20)) == .space)
        #expect(KeyMapping.key(for: .character(0xE9)) == .char("é"))
        #expect(KeyMapping.key(for: .character(0x6F22)) == .char("漢"))
        #expect(KeyMapping.key(for: .character(0x1F44D)) == .char("👍"))
        #expect(KeyMapping.key(for: .character(0x301)) == .char("\u{301}"))
    }

    @Test("unknown codes, C1 and invalid scalars give no key")
    func unknown() {
        #expect(KeyMapping.key(for: .keyCode(0o631)) == nil, "KEY_MOUSE")
        #expect(KeyMapping.key(for: .character(0x9B)) == nil)
        #expect(KeyMapping.key(for: .character(0xD800)) == nil)
    }

    @Test("the codes used here are the ones in <curses.h>")
    func matchesCurses() {
        #expect(KeyCodeCheck.matchesCurses)
    }

    @Test("key labels for hints")
    func labels() {
        #expect(Key.enter.label == "Enter")
        #expect(Key.backTab.label == "S-Tab")
        #expect(Key.ctrl("c").label == "^C")
        #expect(Key.space.label == "Space")
        #expect(Key.char("?").label == "?")
        #expect(Key.function(1).label == "F1")
        #expect(Key.up.label == "↑")
    }
}
