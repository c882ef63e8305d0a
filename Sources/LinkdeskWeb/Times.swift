import Foundation

/// Dates shown to a customer, in the zone they chose (named beside every time).
struct Times: @unchecked Sendable {  // its formatters are used by one request only
    let zone: TimeZone
    let calendar: Calendar

    private let longDayFormat: DateFormatter
    private let monthFormat: DateFormatter
    private let clockFormat: DateFormatter

    init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2  // Monday
        self.calendar = calendar
        // Made once per page, not per date shown: a formatter costs far more than a format.
        longDayFormat = Self.formatter("EEEE d MMMM yyyy", zone)
        monthFormat = Self.formatter("MMMM yyyy", zone)
        clockFormat = Self.formatter("HH:mm", zone)
    }

    private static func formatter(_ format: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }

    /// "2026-12-03": the local date, as the `date` parameter carries it.
    func dayKey(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// "2026-12": the local month.
    func monthKey(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", c.year ?? 0, c.month ?? 0)
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

    /// "Thursday 3 December 2026"
    func longDay(_ date: Date) -> String { longDayFormat.string(from: date) }
    /// "December 2026"
    func monthTitle(_ date: Date) -> String { monthFormat.string(from: date) }
    /// "09:30"
    func clock(_ date: Date) -> String { clockFormat.string(from: date) }
    /// "Thursday 3 December 2026, 09:30–10:00 (Asia/Tokyo)"
    func span(_ start: Date, _ end: Date) -> String {
        "\(longDay(start)), \(clock(start))–\(clock(end)) (\(zone.identifier))"
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
