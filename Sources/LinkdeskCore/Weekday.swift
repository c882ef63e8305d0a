/// ISO weekday numbering (Monday = 1 … Sunday = 7), independent of any calendar's first weekday.
public enum Weekday: Int, Codable, CaseIterable, Comparable, Sendable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Converts Foundation's Gregorian weekday (Sunday = 1) to ISO numbering.
    public init(gregorian: Int) {
        self = Weekday(rawValue: gregorian == 1 ? 7 : gregorian - 1) ?? .monday
    }

    public var shortName: String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1]
    }
}
