/// Opening hours that repeat every week, in the page's own time zone.
/// Minutes count from local midnight so that DST changes do not shift the hours.
public struct WeeklyAvailability: Codable, Equatable, Sendable {
    public var days: [Weekday]
    public var openMinute: Int
    public var closeMinute: Int

    public init(days: [Weekday], openMinute: Int, closeMinute: Int) {
        self.days = days
        self.openMinute = openMinute
        self.closeMinute = closeMinute
    }

    public static let weekdaysNineToFive = WeeklyAvailability(
        days: [.monday, .tuesday, .wednesday, .thursday, .friday], openMinute: 9 * 60, closeMinute: 17 * 60)

    /// "Mon–Fri 09:00–17:00", the form people write on a door.
    public var summary: String {
        let sorted = days.sorted()
        let dayText: String
        if let first = sorted.first, let last = sorted.last,
           last.rawValue - first.rawValue + 1 == sorted.count, sorted.count > 1 {
            dayText = "\(first.shortName)–\(last.shortName)"
        } else {
            dayText = sorted.map(\.shortName).joined(separator: ",")
        }
        return "\(dayText) \(Self.clock(openMinute))–\(Self.clock(closeMinute))"
    }

    static func clock(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}
