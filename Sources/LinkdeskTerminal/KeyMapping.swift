/// What `wget_wch` delivered: a character (return value OK) or a function key code
/// (return value KEY_CODE_YES).
public enum RawKeyInput: Hashable, Sendable {
    case character(UInt32)
    case keyCode(Int32)
}

/// Turns raw ncurses input into `Key`. Pure, so the mapping is tested without a terminal; the
/// backend checks at start-up that these numbers equal the ones in <curses.h>.
public enum KeyMapping {
    /// ncurses key codes (octal, as in <curses.h>); they are part of the ncurses ABI.
    public enum Code {
        public static let down: Int32 = 0o402
        public static let up: Int32 = 0o403
        public static let left: Int32 = 0o404
        public static let right: Int32 = 0o405
        public static let home: Int32 = 0o406
        public static let backspace: Int32 = 0o407
        public static let f0: Int32 = 0o410
        public static let deleteCharacter: Int32 = 0o512
        public static let insertCharacter: Int32 = 0o513
        public static let nextPage: Int32 = 0o522
        public static let previousPage: Int32 = 0o523
        public static let enter: Int32 = 0o527
        public static let backTab: Int32 = 0o541
        public static let end: Int32 = 0o550
        public static let resize: Int32 = 0o632
    }

    /// The key for raw input, or nil for input linkdesk does not use (mouse, unknown codes).
    public static func key(for input: RawKeyInput) -> Key? {
        switch input {
        case .character(let value): return key(forCharacter: value)
        case .keyCode(let code): return key(forCode: code)
        }
    }

    /// Characters: Enter is 13 under `nonl()` (10 without), Backspace 127 or 8, Ctrl-C 3 under
    /// `raw()` (not SIGINT), other C0 codes are Ctrl plus a letter.
    public static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 9: return .tab
        case 27: return .esc
        case 0: return .ctrl(" ")
        case 1...26: return Unicode.Scalar(value + 0x60).map { .ctrl(Character($0)) }
        case 28...31: return Unicode.Scalar(value + 0x40).map { .ctrl(Character($0)) }
        case 0x80...0x9F: return nil
        default: return Unicode.Scalar(value).map { .char(Character($0)) }
        }
    }

    /// Function key codes from `keypad(win, TRUE)`.
    public static func key(forCode code: Int32) -> Key? {
        if code > Code.f0, code <= Code.f0 + 63 {
            return .function(Int(code - Code.f0))
        }
        return codeKeys[code]
    }

    private static let codeKeys: [Int32: Key] = [
        Code.down: .down, Code.up: .up, Code.left: .left, Code.right: .right,
        Code.home: .home, Code.end: .end, Code.backspace: .backspace,
        Code.deleteCharacter: .delete, Code.insertCharacter: .insert,
        Code.nextPage: .pageDown, Code.previousPage: .pageUp,
        Code.enter: .enter, Code.backTab: .backTab, Code.resize: .resize,
    ]
}
