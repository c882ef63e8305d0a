import Foundation

/// One opening range on one weekday, in minutes from local midnight (`closeMinute` excluded).
public struct DayRange: Codable, Comparable, Hashable, Sendable {
    public var day: Weekday
    public var openMinute: Int
    public var closeMinute: Int

    public init(day: Weekday, openMinute: Int, closeMinute: Int) {
        self.day = day
        self.openMinute = openMinute
        self.closeMinute = closeMinute
    }

    /// By day, then opening time: the order `WeeklyAvailability` keeps its ranges in.
    public static func < (lhs: DayRange, rhs: DayRange) -> Bool {
        (lhs.day, lhs.openMinute, lhs.closeMinute) < (rhs.day, rhs.openMinute, rhs.closeMinute)
    }

    public func overlaps(_ other: DayRange) -> Bool {
        day == other.day && openMinute < other.closeMinute && other.openMinute < closeMinute
    }
}

/// Opening hours that repeat every week, in the page's own time zone, with the dates the page is
/// closed. Minutes count from local midnight so that DST changes do not shift the hours. A day
/// may have several ranges (09:00–12:00 and 13:00–17:00).
///
/// Stored as before when every open day has the same single range (`days`, `openMinute`,
/// `closeMinute`), so existing databases and the fast configuration reader keep working; other
/// weeks are stored as `ranges`, and `datesOff` only when there are some.
public struct WeeklyAvailability: Codable, Equatable, Sendable {
    /// Sorted by day, then opening time.
    public private(set) var ranges: [DayRange]
    /// Local dates ("2026-12-24") on which the page offers nothing, sorted.
    public var datesOff: [LocalDate]
    /// Days with other hours than their weekday's (the workspace file's `date-hours:`), by date;
    /// a date off wins over them.
    public var dateHours: [DateHours] = []

    /// The hours of `date` when it has its own (`dateHours`), nil when its weekday's apply.
    public func hours(on date: LocalDate) -> [DateHours.Span]? {
        dateHours.isEmpty ? nil : dateHours.first { $0.date == date }?.spans
    }

    public init(ranges: [DayRange], datesOff: [LocalDate] = []) {
        // Stored configurations come sorted already: checked first, sorted (a copy) only if not.
        self.ranges = Self.isSorted(ranges) ? ranges : ranges.sorted()
        self.datesOff = Self.isSorted(datesOff) ? datesOff : datesOff.sorted()
    }

    private static func isSorted<T: Comparable>(_ list: [T]) -> Bool {
        list.indices.dropFirst().allSatisfy { list[$0 - 1] <= list[$0] }
    }

    public init(days: [Weekday], openMinute: Int, closeMinute: Int, datesOff: [LocalDate] = []) {
        self.init(ranges: days.map { DayRange(day: $0, openMinute: openMinute, closeMinute: closeMinute) }, datesOff: datesOff)
    }

    public static let weekdaysNineToFive = WeeklyAvailability(
        days: [.monday, .tuesday, .wednesday, .thursday, .friday], openMinute: 9 * 60, closeMinute: 17 * 60)

    public func ranges(on day: Weekday) -> [DayRange] { ranges.filter { $0.day == day } }

    /// The days that have any opening, in order.
    public var days: [Weekday] { Weekday.allCases.filter { day in ranges.contains { $0.day == day } } }

    /// The single range every open day shares, when that is how the week looks.
    var uniformRange: (open: Int, close: Int)? {
        guard let first = ranges.first else { return nil }
        let days = ranges.map(\.day)
        guard Set(days).count == days.count,
              ranges.allSatisfy({ $0.openMinute == first.openMinute && $0.closeMinute == first.closeMinute }) else { return nil }
        return (first.openMinute, first.closeMinute)
    }

    /// "Mon–Fri 09:00–17:00", the form people write on a door; several ranges a day or different
    /// hours per day list each day ("Mon 09:00–12:00, 13:00–17:00; Sat 10:00–14:00").
    public var summary: String {
        guard !ranges.isEmpty else { return "closed" }
        if let uniform = uniformRange {
            let (open, close) = uniform
            let sorted = days
            let dayText: String
            if let first = sorted.first, let last = sorted.last,
               last.rawValue - first.rawValue + 1 == sorted.count, sorted.count > 1 {
                dayText = "\(first.shortName)–\(last.shortName)"
            } else {
                dayText = sorted.map(\.shortName).joined(separator: ",")
            }
            return "\(dayText) \(Self.clock(open))–\(Self.clock(close))"
        }
        return days.map { day in
            day.shortName + " " + ranges(on: day).map { "\(Self.clock($0.openMinute))–\(Self.clock($0.closeMinute))" }
                .joined(separator: ", ")
        }.joined(separator: "; ")
    }

    public static func clock(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    private enum CodingKeys: String, CodingKey { case days, openMinute, closeMinute, ranges, datesOff, dateHours }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let datesOff = try c.decodeIfPresent([LocalDate].self, forKey: .datesOff) ?? []
        if let ranges = try c.decodeIfPresent([DayRange].self, forKey: .ranges) {
            self.init(ranges: ranges, datesOff: datesOff)
        } else {
            self.init(days: try c.decode([Weekday].self, forKey: .days), openMinute: try c.decode(Int.self, forKey: .openMinute),
                      closeMinute: try c.decode(Int.self, forKey: .closeMinute), datesOff: datesOff)
        }
        dateHours = try c.decodeIfPresent([DateHours].self, forKey: .dateHours) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let uniform = uniformRange {
            try c.encode(days, forKey: .days)
            try c.encode(uniform.open, forKey: .openMinute)
            try c.encode(uniform.close, forKey: .closeMinute)
        } else {
            try c.encode(ranges, forKey: .ranges)
        }
        if !datesOff.isEmpty { try c.encode(datesOff, forKey: .datesOff) }
        if !dateHours.isEmpty { try c.encode(dateHours, forKey: .dateHours) }
    }
}

/// One date's own hours (a short day before a holiday, a late opening): its spans replace the
/// weekday's on that date; none is a day without slots, like a date off.
public struct DateHours: Codable, Equatable, Sendable {
    public struct Span: Codable, Equatable, Sendable {
        public var openMinute: Int
        public var closeMinute: Int
        public init(openMinute: Int, closeMinute: Int) {
            self.openMinute = openMinute
            self.closeMinute = closeMinute
        }
    }

    public var date: LocalDate
    public var spans: [Span]

    public init(date: LocalDate, spans: [Span]) {
        self.date = date
        self.spans = spans.sorted { ($0.openMinute, $0.closeMinute) < ($1.openMinute, $1.closeMinute) }
    }
}

/// A calendar date without a time or zone ("2026-12-24"): a date off is the same local day
/// wherever the page is.
public struct LocalDate: Codable, Comparable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless `text` is a real date written YYYY-MM-DD.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...Self.daysIn(month: m, year: y)).contains(d) else { return nil }
        year = y
        month = m
        day = d
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
