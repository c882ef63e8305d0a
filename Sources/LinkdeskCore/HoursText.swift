import Foundation

/// Weekly hours and dates off as people type them in the console's Setup view: one day's hours
/// as "09:00–12:00, 13:00–17:00" ("-" works as well as "–", "9" as "09:00"; empty or "closed"
/// for none), dates off as "2026-12-24, 2026-12-31". Parsing refuses with a sentence that says
/// what to type, so the editor can show it next to the field.
public enum HoursText {
    /// The ranges of one day, sorted; refuses malformed text, empty or reversed ranges and
    /// ranges of the same day that overlap.
    public static func ranges(_ text: String, day: Weekday) throws(Refusal) -> [DayRange] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.lowercased() == "closed" { return [] }
        var ranges: [DayRange] = []
        for part in trimmed.split(separator: ",") {
            guard let (open, close) = range(part) else {
                throw Refusal("\(day.shortName): write hours as 09:00–12:00, several separated by commas, or leave it empty for closed")
            }
            guard open < close else {
                throw Refusal("\(day.shortName): \(WeeklyAvailability.clock(open))–\(WeeklyAvailability.clock(close)) ends before it starts")
            }
            ranges.append(DayRange(day: day, openMinute: open, closeMinute: close))
        }
        ranges.sort()
        for (earlier, later) in zip(ranges, ranges.dropFirst()) where earlier.overlaps(later) {
            throw Refusal("\(day.shortName): \(Self.text(earlier)) and \(Self.text(later)) overlap")
        }
        return ranges
    }

    /// One day's ranges as the editor shows them ("" when closed).
    public static func text(_ ranges: [DayRange]) -> String {
        ranges.sorted().map(text).joined(separator: ", ")
    }

    static func text(_ range: DayRange) -> String {
        WeeklyAvailability.clock(range.openMinute) + "–" + WeeklyAvailability.clock(range.closeMinute)
    }

    /// One range, "09:00-17:00" or "9–17:30", as minutes from midnight (not checked for order).
    /// `strict` (a workspace file, which people review): only HH:MM, as export writes it — "9-5"
    /// is refused there rather than read as 09:00–05:00.
    public static func range<S: StringProtocol>(_ text: S, strict: Bool = false) -> (Int, Int)? {
        let ends = text.split(whereSeparator: { $0 == "-" || $0 == "–" })
        guard ends.count == 2, let open = minute(ends[0], strict: strict), let close = minute(ends[1], strict: strict) else {
            return nil
        }
        return (open, close)
    }

    /// "9", "09", "9:30", "09:30", "24:00" → minutes from midnight (strict: "09:30" only).
    static func minute<S: StringProtocol>(_ raw: S, strict: Bool = false) -> Int? {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        // Minutes always take two digits ("9:5" is a typo, not 09:05); strict also wants them.
        guard !strict || parts.count == 2, parts.count == 1 || (parts.count == 2 && parts[1].count == 2),
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = parts.count == 2 ? Int(parts[1]) : 0,
              (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 24 * 60 else { return nil }
        return hour * 60 + minute
    }

    /// Dates off, sorted and without repeats.
    public static func datesOff(_ text: String) throws(Refusal) -> [LocalDate] {
        var dates = Set<LocalDate>()
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) where !part.isEmpty {
            guard let date = LocalDate(String(part)) else {
                throw Refusal("\(part) is not a date: write dates as 2026-12-24, separated by commas")
            }
            dates.insert(date)
        }
        return dates.sorted()
    }

    public static func text(_ dates: [LocalDate]) -> String {
        dates.map(\.description).joined(separator: ", ")
    }
}
