import CNcursesw

/// Confirms that the numbers `KeyMapping` uses (kept in pure Swift so it is testable without
/// ncurses) are the ones in <curses.h>.
enum KeyCodeCheck {
    static var matchesCurses: Bool {
        let pairs: [(Int32, Int32)] = [
            (KeyMapping.Code.down, KEY_DOWN), (KeyMapping.Code.up, KEY_UP),
            (KeyMapping.Code.left, KEY_LEFT), (KeyMapping.Code.right, KEY_RIGHT),
            (KeyMapping.Code.home, KEY_HOME), (KeyMapping.Code.end, KEY_END),
            (KeyMapping.Code.backspace, KEY_BACKSPACE), (KeyMapping.Code.f0, KEY_F0),
            (KeyMapping.Code.deleteCharacter, KEY_DC), (KeyMapping.Code.insertCharacter, KEY_IC),
            (KeyMapping.Code.nextPage, KEY_NPAGE), (KeyMapping.Code.previousPage, KEY_PPAGE),
            (KeyMapping.Code.enter, KEY_ENTER), (KeyMapping.Code.backTab, KEY_BTAB),
            (KeyMapping.Code.resize, KEY_RESIZE),
        ]
        return pairs.allSatisfy { $0.0 == $0.1 } && linkdesk_key_f(1) == KeyMapping.Code.f0 + 1
    }
}
