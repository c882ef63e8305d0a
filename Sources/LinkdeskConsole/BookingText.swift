import Foundation
import LinkdeskCore

/// How the Bookings view words a booking: times in the team member's own zone (that is the
/// time the meeting was agreed in), short labels for the narrow list columns, policy sentences.
/// Built on `Calendar` rather than `DateFormatter`, which is costly to make and not Sendable:
/// the list formats a screenful of times on every keystroke.
enum BookingText {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    private static func parts(_ date: Date, zone: String) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: date)
    }

    private static func two(_ n: Int?) -> String {
        let value = n ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }

    private static func month(_ c: DateComponents) -> String { months[((c.month ?? 1) - 1 + 12) % 12] }
    private static func weekday(_ c: DateComponents) -> String { weekdays[((c.weekday ?? 1) - 1 + 7) % 7] }
    private static func clock(_ c: DateComponents) -> String { two(c.hour) + ":" + two(c.minute) }

    /// "Nov 23 09:00": the list's START column (12 columns).
    static func short(_ date: Date, zone: String) -> String {
        let c = parts(date, zone: zone)
        return "\(month(c)) \(c.day ?? 0) \(clock(c))"
    }

    /// "Mon 23 Nov 2026 09:00–09:30": the meeting in the details and the slot picker.
    static func span(_ start: Date, _ end: Date, zone: String) -> String {
        let c = parts(start, zone: zone)
        return "\(weekday(c)) \(c.day ?? 0) \(month(c)) \(c.year ?? 0) \(clock(c))–\(clock(parts(end, zone: zone)))"
    }

    /// "2026-11-20 14:03 UTC": when the booking was made.
    static func utc(_ date: Date) -> String {
        let c = parts(date, zone: "UTC")
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(clock(c)) UTC"
    }

    /// One word per status for the 11-column STATUS cell (who canceled is in the details).
    static func status(_ status: BookingStatus) -> String {
        switch status {
        case .scheduled: "Scheduled"
        case .rescheduled: "Rescheduled"
        case .canceledByCustomer, .canceledByStaff: "Canceled"
        case .completed: "Completed"
        case .noShow: "No-show"
        }
    }

    /// The link kind in at most 8 columns.
    static func kind(_ kind: Link.Kind) -> String {
        kind == .personalized ? "personal" : kind.rawValue
    }

    static func reasonRule(_ rule: ReasonRule) -> String {
        switch rule {
        case .mandatory: "reason required"
        case .optional: "reason optional"
        case .notAsked: "no reason asked"
        }
    }

    /// "up to 2 hours before · reason required".
    static func policy(_ window: ChangeWindow, _ rule: ReasonRule) -> String {
        window.summary + " · " + reasonRule(rule)
    }

    /// "100,000": counts the footer shows.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (n < 0 ? "-" : "") + grouped
    }
}
