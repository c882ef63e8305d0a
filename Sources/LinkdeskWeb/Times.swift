import Foundation
import LinkdeskCore

/// Dates shown to a customer, in the zone they chose (named beside every time). Dates and times
/// are written by hand in the en_GB pattern the site uses ("Thursday 3 December 2026", "09:30"):
/// a page shows a month of dates and a day of times, and a DateFormatter (or a Calendar call)
/// per value cost more than the rest of the page. A local date is the instant plus the zone's
/// offset at that instant, in whole days since 1970 (`LocalDate`), which is what the zone's
/// calendar says for every instant; only `calendar` arithmetic over months is left to Calendar.
struct Times: Sendable {
    let zone: TimeZone
    let calendar: Calendar

    init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2  // Monday
        self.calendar = calendar
    }

    func local(_ date: Date) -> LocalDate { LocalDate(date, zone) }

    /// "2026-12-03": the local date, as the `date` parameter carries it.
    func dayKey(_ date: Date) -> String {
        let d = local(date)
        return Self.digits(d.year, 4) + "-" + Self.digits(d.month, 2) + "-" + Self.digits(d.day, 2)
    }

    /// "2026-12": the local month.
    func monthKey(_ date: Date) -> String {
        let d = local(date)
        return Self.digits(d.year, 4) + "-" + Self.digits(d.month, 2)
    }

    /// The first instant of a "YYYY-MM" month in this zone.
    func month(_ key: String) -> Date? {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), (2000...2200).contains(y) else {
            return nil
        }
        return calendar.date(from: DateComponents(year: y, month: m, day: 1))
    }

    func day(_ key: String) -> Date? {
        let parts = key.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (2000...2200).contains(y) else { return nil }
        return calendar.date(from: DateComponents(year: y, month: m, day: d))
    }

    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                         "November", "December"]

    /// "Thursday 3 December 2026"
    func longDay(_ date: Date) -> String {
        let d = local(date)
        return Self.weekdays[d.weekday - 1] + " " + String(d.day) + " " + Self.months[d.month - 1] + " " + String(d.year)
    }
    /// "December 2026"
    func monthTitle(_ date: Date) -> String {
        let d = local(date)
        return Self.months[d.month - 1] + " " + String(d.year)
    }
    /// "09:30"
    func clock(_ date: Date) -> String {
        let d = local(date)
        return Self.digits(d.minuteOfDay / 60, 2) + ":" + Self.digits(d.minuteOfDay % 60, 2)
    }
    /// "Thursday 3 December 2026, 09:30–10:00 (Asia/Tokyo)"
    func span(_ start: Date, _ end: Date) -> String {
        "\(longDay(start)), \(clock(start))–\(clock(end)) (\(zone.identifier))"
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// The civil date and time of an instant in a zone (proleptic Gregorian).
struct LocalDate: Equatable {
    var year: Int, month: Int, day: Int
    /// 1 = Sunday … 7 = Saturday, as Calendar numbers them.
    var weekday: Int
    var minuteOfDay: Int

    init(_ date: Date, _ zone: TimeZone) {
        let seconds = Int(floor(date.timeIntervalSince1970)) + zone.secondsFromGMT(for: date)
        let days = Int(floor(Double(seconds) / 86_400))
        minuteOfDay = (seconds - days * 86_400) / 60
        weekday = ((days % 7 + 7 + 4) % 7) + 1  // 1 January 1970 was a Thursday
        (year, month, day) = ISO8601.civil(days: days)
    }
}

/// The zones offered in the picker (any IANA name also works through `?tz=`).
enum Zones {
    static let common = [
        "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago",
        "America/New_York", "America/Halifax", "America/Sao_Paulo", "Atlantic/Azores", "UTC", "Europe/London",
        "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Athens", "Europe/Istanbul", "Africa/Cairo",
        "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "Asia/Tehran", "Asia/Karachi",
        "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok", "Asia/Shanghai", "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul",
        "Australia/Perth", "Australia/Sydney", "Pacific/Auckland",
    ]

    static func named(_ name: String?) -> TimeZone? {
        guard let name, !name.isEmpty, name.count < 64, name.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
        return TimeZone(identifier: name)
    }
}
