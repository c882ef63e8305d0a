import CNcursesw

/// A theme turned into ncurses colour pairs and attribute bits: pair n+1 belongs to the n-th
/// `StyleRole`. Colour is started only when the terminal has it and NO_COLOR is not set;
/// otherwise the monochrome theme is used, whose roles differ by attributes alone.
struct ColorPairs {
    let theme: Theme
    let usesColor: Bool

    init(theme requested: Theme, noColor: Bool) {
        let colorWanted = requested.usesColor && !noColor && has_colors()
        if colorWanted, start_color() != ERR {
            usesColor = true
            theme = requested
            ColorPairs.definePairs(for: requested, defaultsAllowed: use_default_colors() != ERR)
        } else {
            usesColor = false
            theme = .monochrome
        }
    }

    /// Background of blank areas follows the theme's `.normal` role (the dark theme paints it).
    func apply(to window: UnsafeMutablePointer<WINDOW>) {
        let look = look(for: .normal, adding: [])
        wbkgdset(window, chtype(look.attributes) | chtype(UInt32(bitPattern: COLOR_PAIR(Int32(look.pair)))) | chtype(32))
    }

    /// Attribute bits and pair number for a role, plus a cell's own attributes.
    func look(for role: StyleRole, adding extra: TextAttributes) -> (attributes: attr_t, pair: Int16) {
        let style = theme.style(for: role)
        let pair = usesColor ? ColorPairs.pairNumber(role) : 0
        return (ColorPairs.bits(style.attributes.union(extra)), pair)
    }

    static func pairNumber(_ role: StyleRole) -> Int16 { pairNumbers[role] ?? 1 }

    /// Looked up per drawn cell: built once rather than searching `allCases` each time.
    private static let pairNumbers: [StyleRole: Int16] =
        Dictionary(uniqueKeysWithValues: StyleRole.allCases.enumerated().map { ($1, Int16($0 + 1)) })

    private static func definePairs(for theme: Theme, defaultsAllowed: Bool) {
        for role in StyleRole.allCases {
            let style = theme.style(for: role)
            let foreground = defaultsAllowed || style.foreground != .terminalDefault ? style.foreground.rawValue : TerminalColor.white.rawValue
            let background = defaultsAllowed || style.background != .terminalDefault ? style.background.rawValue : TerminalColor.black.rawValue
            _ = init_pair(pairNumber(role), Int16(foreground), Int16(background))
        }
    }

    private static func bits(_ attributes: TextAttributes) -> attr_t {
        var bits = linkdesk_attr_normal()
        if attributes.contains(.bold) { bits |= linkdesk_attr_bold() }
        if attributes.contains(.dim) { bits |= linkdesk_attr_dim() }
        if attributes.contains(.reverse) { bits |= linkdesk_attr_reverse() }
        if attributes.contains(.underline) { bits |= linkdesk_attr_underline() }
        if attributes.contains(.italic) { bits |= linkdesk_attr_italic() }
        return bits
    }
}
