/// What a piece of text *is*, not how it looks: screens tag cells with a role and the `Theme`
/// decides colours and attributes. Keeps screens theme-agnostic and golden screens colour-free.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    case normal
    case title
    case focus
    case dim
    case error
    case success
    case warning
    case accent
    case selection
    case disabled
    case toggleOn
    case toggleOff
    case hint
    case hintKey
    case border
}

/// Text attributes a terminal can show without colour. Cells may add these on top of their
/// role's style (e.g. an underlined link inside normal text).
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
}
