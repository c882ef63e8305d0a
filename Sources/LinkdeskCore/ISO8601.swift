import Foundation

/// Timestamps as linkdesk writes and reads them: `2026-11-23T10:00:00Z`, UTC, whole seconds.
/// That form is written and read by hand: an ISO8601DateFormatter costs tens of microseconds to
/// make (ICU), and the booking site writes one per time it offers. Anything else a person may
/// type (offsets such as `+01:00`, fractional seconds) is read by the formatter.
public enum ISO8601 {
    public static func string(_ date: Date) -> String {
        let seconds = Int(floor(date.timeIntervalSince1970))
        let days = Int(floor(Double(seconds) / 86_400))
        let second = seconds - days * 86_400
        let (y, m, d) = civil(days: days)
        var text = ""
        text.reserveCapacity(20)
        pad(&text, y, 4); text += "-"; pad(&text, m, 2); text += "-"; pad(&text, d, 2); text += "T"
        pad(&text, second / 3_600, 2); text += ":"; pad(&text, second / 60 % 60, 2); text += ":"; pad(&text, second % 60, 2)
        text += "Z"
        return text
    }

    /// Accepts `2026-11-23T10:00:00Z`, offsets such as `+01:00`, and fractional seconds.
    public static func date(_ text: String) -> Date? {
        if let fast = strictUTC(text) { return fast }
        if let d = formatter().date(from: text) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    private static func formatter() -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` with every field in range, or nil (the formatter decides the rest).
    static func strictUTC(_ text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count == 20, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 90 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                guard (48...57).contains(u[i]) else { return nil }
                value = value * 10 + Int(u[i] - 48)
            }
            return value
        }
        guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), let h = number(11, 2), let mi = number(14, 2),
              let s = number(17, 2), (1...12).contains(m), (1...daysIn(month: m, year: y)).contains(d), h < 24, mi < 60, s < 60
        else { return nil }
        let days = daysFromCivil(y, m, d)
        return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3_600 + mi * 60 + s))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithms).
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func pad(_ text: inout String, _ value: Int, _ width: Int) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }
}
