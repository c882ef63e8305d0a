/// A key press, independent of ncurses, so screens and their tests speak in keys, not codes.
public enum Key: Hashable, Sendable {
    /// A printable character, including Unicode (é, 漢) and space.
    case char(Character)
    case enter
    case esc
    case tab
    case backTab
    case up
    case down
    case left
    case right
    case home
    case end
    case backspace
    case delete
    case insert
    case pageUp
    case pageDown
    /// Control plus a key, lower-cased: Ctrl-C is `.ctrl("c")`. Ctrl-H, -I, -J, -M and -[
    /// arrive as backspace, tab, enter and esc, as terminals send the same bytes for them.
    case ctrl(Character)
    /// F1…F63.
    case function(Int)
    /// The terminal changed size; re-read the size and redraw.
    case resize

    /// Space, the toggle key.
    public static let space = Key.char(" ")
}

extension Key {
    /// The label shown in the hint bar and help: "Enter", "Tab", "S-Tab", "↑", "^C", "F1",
    /// "Space", or the character itself.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return String(character)
        case .ctrl(let character): return "^" + String(character).uppercased()
        case .function(let number): return "F\(number)"
        default: return Key.namedLabels[self] ?? "?"
        }
    }

    private static let namedLabels: [Key: String] = [
        .enter: "Enter", .esc: "Esc", .tab: "Tab", .backTab: "S-Tab",
        .up: "↑", .down: "↓", .left: "←", .right: "→",
        .home: "Home", .end: "End", .backspace: "Bksp", .delete: "Del", .insert: "Ins",
        .pageUp: "PgUp", .pageDown: "PgDn", .resize: "Resize",
    ]
}
