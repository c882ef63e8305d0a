import Foundation

/// Every date and time linkdesk shows people, in one place, so that the site, the console and
/// the command line write the same moment the same way.
///
/// Written by hand rather than with `DateFormatter`: a formatter costs tens of microseconds to
/// make (ICU) and is not `Sendable`, while a booking page writes a month of dates and the
/// console a screenful of times on every keystroke. With nothing to make there is nothing to
/// cache or lock. A wall-clock date is the instant plus the zone's offset at that instant, in
/// whole days since 1970, which is what the zone's calendar says for every instant (proleptic
/// Gregorian). The words are fixed English: the site's long names as en_GB writes them, the
/// console's and command line's short ones as en_US_POSIX does. `DateTextTests` compares every
/// format with the `DateFormatter` pattern it replaced, over years of instants and clock changes.
///
/// Timestamps in JSON, forms and workspace files are `ISO8601`'s, not these.
public enum DateText {
    /// The zone of what is shown in UTC (links' dates, the activity log, when a booking was
    /// made): the CLI's JSON is UTC too, so the two read alike.
    public static let utc = TimeZone(identifier: "UTC")!

    /// A team member's zone by its IANA name. A workspace never stores a name that is not one
    /// (`WorkspaceCheck`, the Setup view); should one get through, times read as UTC rather than
    /// in whatever zone the machine happens to be in.
    public static func zone(named identifier: String) -> TimeZone {
        TimeZone(identifier: identifier) ?? utc
    }

    // MARK: The booking site (full words)

    /// "Thursday 3 December 2026": a date a customer picks or is booked on.
    public static func longDay(_ date: Date, in zone: TimeZone) -> String {
        let d = WallClock(date, zone)
        return "\(weekdays[d.weekday]) \(d.day) \(months[d.month - 1]) \(d.year)"
    }

    /// "December 2026": a month of the site's calendar.
    public static func longMonth(_ date: Date, in zone: TimeZone) -> String {
        let d = WallClock(date, zone)
        return "\(months[d.month - 1]) \(d.year)"
    }

    /// "09:30": a time on a day already named (the site's list of free times).
    public static func clock(_ date: Date, in zone: TimeZone) -> String {
        clock(WallClock(date, zone))
    }

    /// "Thursday 3 December 2026, 09:30–10:00 (Asia/Tokyo)": a booking as its customer reads it,
    /// with the zone named (a customer may be anywhere).
    public static func longSpan(_ start: Date, _ end: Date, in zone: TimeZone) -> String {
        "\(longDay(start, in: zone)), \(clock(start, in: zone))–\(clock(end, in: zone)) (\(zone.identifier))"
    }

    // MARK: Numeric

    /// "2026-12-03": the site's `date` parameter, the console's link dates and file names.
    public static func numericDay(_ date: Date, in zone: TimeZone) -> String {
        let d = WallClock(date, zone)
        return "\(digits(d.year, 4))-\(digits(d.month, 2))-\(digits(d.day, 2))"
    }

    /// "2026-12": the site's `month` parameter.
    public static func numericMonth(_ date: Date, in zone: TimeZone) -> String {
        let d = WallClock(date, zone)
        return "\(digits(d.year, 4))-\(digits(d.month, 2))"
    }

    /// "2026-11-20 14:03": when something happened, to the minute.
    public static func numericDayTime(_ date: Date, in zone: TimeZone) -> String {
        "\(numericDay(date, in: zone)) \(clock(date, in: zone))"
    }

    /// "20261203T143000Z": iCalendar's UTC date-time (RFC 5545 §3.3.5), also in Google
    /// Calendar's links. Always UTC: a calendar converts it to its user's zone.
    public static func calendarStamp(_ date: Date) -> String {
        let d = WallClock(date, utc)
        let time = d.secondOfDay
        return "\(digits(d.year, 4))\(digits(d.month, 2))\(digits(d.day, 2))T"
            + "\(digits(time / 3_600, 2))\(digits(time / 60 % 60, 2))\(digits(time % 60, 2))Z"
    }

    // MARK: The console and the command line (short words, narrow columns)

    /// "Nov 23 09:00": a time in a 12-column cell.
    public static func shortDayTime(_ date: Date, in zone: TimeZone) -> String {
        let d = WallClock(date, zone)
        return "\(shortMonths[d.month - 1]) \(d.day) \(clock(d))"
    }

    /// "Mon 23 Nov 09:00": a free slot, where the weekday matters more than the year.
    public static func weekdayTime(_ date: Date, in zone: TimeZone) -> String {
        let d = WallClock(date, zone)
        return "\(shortWeekdays[d.weekday]) \(d.day) \(shortMonths[d.month - 1]) \(clock(d))"
    }

    /// "Mon 23 Nov 2026 09:00–09:30": a booked meeting in the team member's zone.
    public static func shortSpan(_ start: Date, _ end: Date, in zone: TimeZone) -> String {
        let d = WallClock(start, zone)
        return "\(shortWeekdays[d.weekday]) \(d.day) \(shortMonths[d.month - 1]) \(d.year) \(clock(d))–\(clock(WallClock(end, zone)))"
    }

    // MARK: Parts

    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                         "November", "December"]
    static let shortWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The civil date and time of an instant in a zone.
    struct WallClock {
        let year: Int, month: Int, day: Int
        /// 0 = Sunday … 6 = Saturday.
        let weekday: Int
        let secondOfDay: Int

        init(_ date: Date, _ zone: TimeZone) {
            let seconds = Int(floor(date.timeIntervalSince1970)) + zone.secondsFromGMT(for: date)
            let days = Int(floor(Double(seconds) / 86_400))
            secondOfDay = seconds - days * 86_400
            weekday = (days % 7 + 7 + 4) % 7  // 1 January 1970 was a Thursday
            let civil = ISO8601.civil(days: days)
            year = civil.year
            month = civil.month
            day = civil.day
        }
    }

    private static func clock(_ d: WallClock) -> String {
        "\(digits(d.secondOfDay / 3_600, 2)):\(digits(d.secondOfDay / 60 % 60, 2))"
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
