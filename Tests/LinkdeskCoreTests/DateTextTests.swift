import Foundation
import LinkdeskCore
import Testing

/// Dates are written by hand (no DateFormatter per value): they must read exactly as the
/// patterns they replace — the site's en_GB long ones, the console's and command line's
/// en_US_POSIX short ones — in every zone, across clock changes and year ends.
@Suite struct DateTextTests {
    static func formatter(_ format: String, _ zone: TimeZone, _ locale: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }

    @Test(arguments: ["America/New_York", "Asia/Tokyo", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago", "UTC",
                      "Pacific/Kiritimati", "Pacific/Pago_Pago"])
    func handWrittenDatesReadAsTheFormattersDid(zone name: String) throws {
        let zone = try #require(TimeZone(identifier: name))
        let long = Self.formatter("EEEE d MMMM yyyy", zone, "en_GB"), month = Self.formatter("MMMM yyyy", zone, "en_GB")
        let clock = Self.formatter("HH:mm", zone, "en_GB"), key = Self.formatter("yyyy-MM-dd", zone, "en_GB")
        let short = Self.formatter("MMM d HH:mm", zone, "en_US_POSIX")
        let weekday = Self.formatter("EEE d MMM HH:mm", zone, "en_US_POSIX")
        let span = Self.formatter("EEE d MMM yyyy HH:mm", zone, "en_US_POSIX")
        let dayTime = Self.formatter("yyyy-MM-dd HH:mm", zone, "en_US_POSIX")
        // Every 7 h 13 min over three years: every hour of the day, every weekday, the clock changes.
        var instant = Date(timeIntervalSince1970: 1_735_000_000)
        while instant < Date(timeIntervalSince1970: 1_830_000_000) {
            let end = instant + 30 * 60
            #expect(DateText.longDay(instant, in: zone) == long.string(from: instant), "\(name) \(instant)")
            #expect(DateText.longMonth(instant, in: zone) == month.string(from: instant))
            #expect(DateText.clock(instant, in: zone) == clock.string(from: instant), "\(name) \(instant)")
            #expect(DateText.numericDay(instant, in: zone) == key.string(from: instant))
            #expect(DateText.numericMonth(instant, in: zone) == String(key.string(from: instant).prefix(7)))
            #expect(DateText.numericDayTime(instant, in: zone) == dayTime.string(from: instant), "\(name) \(instant)")
            #expect(DateText.shortDayTime(instant, in: zone) == short.string(from: instant), "\(name) \(instant)")
            #expect(DateText.weekdayTime(instant, in: zone) == weekday.string(from: instant), "\(name) \(instant)")
            #expect(DateText.shortSpan(instant, end, in: zone) == "\(span.string(from: instant))–\(clock.string(from: end))")
            let longSpan = "\(long.string(from: instant)), \(clock.string(from: instant))–\(clock.string(from: end)) (\(zone.identifier))"
            #expect(DateText.longSpan(instant, end, in: zone) == longSpan)
            instant += 7 * 3_600 + 13 * 60
        }
    }

    @Test func calendarStampsAreUTC() {
        let utc = DateText.utc
        let stamp = Self.formatter("yyyyMMdd'T'HHmmss'Z'", utc, "en_US_POSIX")
        var instant = Date(timeIntervalSince1970: 1_735_000_000)
        while instant < Date(timeIntervalSince1970: 1_830_000_000) {
            #expect(DateText.calendarStamp(instant) == stamp.string(from: instant))
            instant += 7 * 3_600 + 13 * 60 + 17
        }
        #expect(DateText.calendarStamp(Date(timeIntervalSince1970: 1_796_308_200)) == "20261203T143000Z")
    }

    @Test func theSameMomentInEachForm() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let start = Date(timeIntervalSince1970: 1_796_308_200)  // 2026-12-03 14:30 UTC, 23:30 in Tokyo
        let end = start + 30 * 60
        #expect(DateText.longDay(start, in: tokyo) == "Thursday 3 December 2026")
        #expect(DateText.longMonth(start, in: tokyo) == "December 2026")
        #expect(DateText.clock(start, in: tokyo) == "23:30")
        #expect(DateText.longSpan(start, end, in: tokyo) == "Thursday 3 December 2026, 23:30–00:00 (Asia/Tokyo)")
        #expect(DateText.numericDay(start, in: tokyo) == "2026-12-03")
        #expect(DateText.numericMonth(start, in: tokyo) == "2026-12")
        #expect(DateText.numericDayTime(start, in: DateText.utc) == "2026-12-03 14:30")
        #expect(DateText.shortDayTime(start, in: DateText.utc) == "Dec 3 14:30")
        #expect(DateText.weekdayTime(start, in: tokyo) == "Thu 3 Dec 23:30")
        #expect(DateText.shortSpan(start, end, in: tokyo) == "Thu 3 Dec 2026 23:30–00:00")
    }

    @Test func aZoneNameThatIsNoZoneReadsAsUTC() {
        let now = Date(timeIntervalSince1970: 1_796_308_200)
        #expect(DateText.zone(named: "Not/A_Zone").secondsFromGMT(for: now) == 0)
        #expect(DateText.zone(named: "Asia/Tokyo").secondsFromGMT(for: now) == 9 * 3_600)
    }
}
