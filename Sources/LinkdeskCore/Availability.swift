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
        let hours = page.availability
        guard minutes > 0, !hours.ranges.isEmpty || !hours.dateHours.isEmpty else { return [] }
        /// A date off is a local date: only then worth the calendar's date components.
        func isDateOff() -> Bool {
            guard !hours.datesOff.isEmpty else { return false }
            return hours.datesOff.contains(dayKey(day))
        }
        // Starts every `interval` minutes when the page says so, else back to back.
        let step = page.scheduling?.interval ?? minutes
        func wallClock(_ ranges: [DayRange]) -> [Int] {
            ranges.flatMap { stride(from: $0.openMinute, through: $0.closeMinute - minutes, by: step) }
        }
        // Most days the zone's offset is the same from midnight to midnight: then a wall-clock
        // time is midnight plus its minutes, which is what Calendar says, for a fraction of
        // its cost (the booking site lists a month of slots per page).
        // A date with its own hours: those, in the weekday's place.
        let own = hours.dateHours.isEmpty ? nil : hours.hours(on: dayKey(day))
            .map { $0.map { DayRange(day: .monday, openMinute: $0.openMinute, closeMinute: $0.closeMinute) } }
        if let steady = steadyDay(of: day) {
            let ranges = own ?? hours.ranges(on: Weekday(gregorian: steady.weekday))
            guard !ranges.isEmpty, !isDateOff() else { return [] }
            return wallClock(ranges).map { Date(timeIntervalSince1970: steady.midnight + Double($0 * 60)) }
        }
        let ranges = own ?? hours.ranges(on: Weekday(gregorian: calendar.component(.weekday, from: day)))
        guard !ranges.isEmpty, !isDateOff() else { return [] }
        // Wall-clock times, not "midnight + N minutes": on a day the clocks change the two differ.
        return wallClock(ranges).compactMap {
            calendar.date(bySettingHour: $0 / 60, minute: $0 % 60, second: 0, of: day)
        }
    }

    /// The local midnight starting `day`'s date and its weekday (1 = Sunday), when the zone's
    /// offset is one and the same from two hours before that midnight to the day's end (no
    /// clock change that day, and none just before that would make its first wall-clock hours
    /// occur twice — clocks move by two hours at most); nil otherwise.
    func steadyDay(of day: Date) -> (midnight: Double, weekday: Int)? {
        let zone = calendar.timeZone
        let offset = zone.secondsFromGMT(for: day)
        let local = floor(day.timeIntervalSince1970) + Double(offset)
        let days = floor(local / 86_400)
        let midnight = days * 86_400 - Double(offset)
        guard zone.secondsFromGMT(for: Date(timeIntervalSince1970: midnight)) == offset,
              zone.secondsFromGMT(for: Date(timeIntervalSince1970: midnight - 7_200)) == offset,
              zone.secondsFromGMT(for: Date(timeIntervalSince1970: midnight + 86_399)) == offset else { return nil }
        let n = Int(days)
        return (midnight, ((n % 7 + 7 + 4) % 7) + 1)  // 1 January 1970 was a Thursday
    }

    /// Whether `start` is one of the page's slot starts for a meeting of `minutes`.
    public func isSlot(_ start: Date, minutes: Int) -> Bool {
        starts(onDayOf: start, minutes: minutes).contains(start)
    }

    /// Slot starts after `now`, over `days` local days beginning with today's; with the page's
    /// minimum notice and horizon (`SchedulingControls`) unless `bound` is false (staff).
    public func upcoming(minutes: Int, from now: Date, days: Int, bound: Bool = true) -> [Date] {
        let today = calendar.startOfDay(for: now)
        let controls = bound ? page.scheduling : nil
        let earliest = now.addingTimeInterval(TimeInterval((controls?.minimumNotice ?? 0) * 60))
        let latest = controls?.horizonDays.map { now.addingTimeInterval(TimeInterval($0 * 86_400)) } ?? .distantFuture
        let dayCount = min(max(days, 0), controls?.horizonDays.map { $0 + 1 } ?? Int.max)
        return (0..<dayCount).flatMap { offset -> [Date] in
            guard let day = calendar.date(byAdding: .day, value: offset, to: today) else { return [] }
            return starts(onDayOf: day, minutes: minutes).filter { $0 > now && $0 >= earliest && $0 <= latest }
        }
    }

    /// The local day `date` falls on, as a key (bookings counted per day for the daily limit).
    public func dayKey(_ date: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
    }

    /// The local day `date` falls on, as instants: its first and the next day's first (23 or 25
    /// hours across a clock change), as `dayKey` groups them.
    public func dayBounds(_ date: Date) -> (start: Date, end: Date) {
        let start = calendar.startOfDay(for: date)
        let end = calendar.date(byAdding: .day, value: 1, to: start).map { calendar.startOfDay(for: $0) }
        return (start, end ?? start.addingTimeInterval(86_400))
    }
}
