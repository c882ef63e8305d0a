import Foundation

/// Slot arithmetic in a booking page's own time zone. Slots start at opening time and follow
/// each other back to back at the event's length (a 30-minute meeting: 09:00, 09:30, …), so
/// every slot lies wholly inside the opening hours.
public struct Availability: Sendable {
    public let page: BookingPage
    private let calendar: Calendar

    public init(page: BookingPage) throws(Refusal) {
        guard let zone = TimeZone(identifier: page.timeZone) else {
            throw Refusal("unknown time zone \"\(page.timeZone)\" on page \"\(page.name)\"")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.page = page
        self.calendar = calendar
    }

    public var timeZone: TimeZone { calendar.timeZone }

    /// Every start time on `day` (any instant within that local day) for a meeting of `minutes`.
    public func starts(onDayOf day: Date, minutes: Int) -> [Date] {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
        let weekday = Weekday(gregorian: parts.weekday ?? 1)
        let hours = page.availability
        let ranges = hours.ranges(on: weekday)
        guard minutes > 0, !ranges.isEmpty else { return [] }
        if !hours.datesOff.isEmpty, let y = parts.year, let m = parts.month, let d = parts.day,
           hours.datesOff.contains(LocalDate(year: y, month: m, day: d)) {
            return []
        }
        // Wall-clock times, not "midnight + N minutes": on a day the clocks change the two differ.
        return ranges.flatMap { range in
            stride(from: range.openMinute, through: range.closeMinute - minutes, by: minutes).compactMap {
                calendar.date(bySettingHour: $0 / 60, minute: $0 % 60, second: 0, of: day)
            }
        }
    }

    /// Whether `start` is one of the page's slot starts for a meeting of `minutes`.
    public func isSlot(_ start: Date, minutes: Int) -> Bool {
        starts(onDayOf: start, minutes: minutes).contains(start)
    }

    /// Slot starts after `now`, over `days` local days beginning with today's.
    public func upcoming(minutes: Int, from now: Date, days: Int) -> [Date] {
        let today = calendar.startOfDay(for: now)
        return (0..<max(days, 0)).flatMap { offset -> [Date] in
            guard let day = calendar.date(byAdding: .day, value: offset, to: today) else { return [] }
            return starts(onDayOf: day, minutes: minutes).filter { $0 > now }
        }
    }
}
