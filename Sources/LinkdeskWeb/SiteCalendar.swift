import Foundation
import LinkdeskCore

/// The site's calendar in the zone the customer chose: the months it pages through and the
/// `month` ("2026-12") and `date` ("2026-12-03") parameters read back into instants. Those
/// parameters are written by `DateText.numericMonth` and `numericDay` in the same zone, like
/// every date the site shows; only arithmetic over months is left to `Calendar`, whose weeks
/// start on Monday as the site's month table does.
struct SiteCalendar: Sendable {
    let zone: TimeZone
    let calendar: Calendar

    init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2  // Monday
        self.calendar = calendar
    }

    /// The first instant of a "YYYY-MM" month in this zone.
    func month(_ key: String) -> Date? {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), (2000...2200).contains(y) else {
            return nil
        }
        return calendar.date(from: DateComponents(year: y, month: m, day: 1))
    }

    /// The first instant of a "YYYY-MM-DD" date in this zone.
    func day(_ key: String) -> Date? {
        let parts = key.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (2000...2200).contains(y) else { return nil }
        return calendar.date(from: DateComponents(year: y, month: m, day: d))
    }

    /// "2026-12-03": the `date` parameter of the day `date` falls on.
    func dayKey(_ date: Date) -> String { DateText.numericDay(date, in: zone) }

    /// "2026-12": the `month` parameter of the month `date` falls in.
    func monthKey(_ date: Date) -> String { DateText.numericMonth(date, in: zone) }
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
