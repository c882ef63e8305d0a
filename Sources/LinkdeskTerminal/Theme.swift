/// One of the eight ANSI colours, or the terminal's own default. Only the basic eight are used
/// so that themes look the same on every terminal that has colour at all.
public enum TerminalColor: Int, Hashable, Sendable {
    case terminalDefault = -1
    case black = 0
    case red
    case green
    case yellow
    case blue
    case magenta
    case cyan
    case white
}

/// How one role looks: colours plus attributes.
public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(
        foreground: TerminalColor = .terminalDefault,
        background: TerminalColor = .terminalDefault,
        attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()
}

/// A named mapping from `StyleRole` to `CellStyle`.
public struct Theme: Hashable, Sendable {
    /// Short id used in settings and on the command line: "light", "dark", "mono".
    public let id: String
    /// Name shown to people.
    public let name: String
    /// False for the monochrome theme: the backend then never starts colour.
    public let usesColor: Bool
    private let styles: [StyleRole: CellStyle]

    public init(id: String, name: String, usesColor: Bool, styles: [StyleRole: CellStyle]) {
        self.id = id
        self.name = name
        self.usesColor = usesColor
        self.styles = styles
    }

    /// The style for a role; roles a theme leaves out look like `.normal`.
    public func style(for role: StyleRole) -> CellStyle {
        styles[role] ?? styles[.normal] ?? .plain
    }
}
