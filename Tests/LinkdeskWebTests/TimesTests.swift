import Foundation
@testable import LinkdeskWeb
import Testing

/// The site writes dates by hand (no DateFormatter per page): they must read exactly as the
/// en_GB patterns they replace, in every zone, across clock changes and year ends.
@Suite struct TimesTests {
    static func formatter(_ format: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }

    @Test(arguments: ["America/New_York", "Asia/Tokyo", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago", "UTC",
                      "Pacific/Kiritimati", "Pacific/Pago_Pago"])
    func handWrittenDatesReadAsTheFormattersDid(zone name: String) throws {
        let zone = try #require(TimeZone(identifier: name))
        let times = Times(zone: zone)
        let long = Self.formatter("EEEE d MMMM yyyy", zone), month = Self.formatter("MMMM yyyy", zone)
        let clock = Self.formatter("HH:mm", zone), key = Self.formatter("yyyy-MM-dd", zone)
        // Every 7 h 13 min over three years: every hour of the day, every weekday, the clock changes.
        var instant = Date(timeIntervalSince1970: 1_735_000_000)
        while instant < Date(timeIntervalSince1970: 1_830_000_000) {
            #expect(times.longDay(instant) == long.string(from: instant), "\(name) \(instant)")
            #expect(times.monthTitle(instant) == month.string(from: instant))
            #expect(times.clock(instant) == clock.string(from: instant), "\(name) \(instant)")
            #expect(times.dayKey(instant) == key.string(from: instant))
            #expect(times.monthKey(instant) == String(key.string(from: instant).prefix(7)))
            instant += 7 * 3_600 + 13 * 60
        }
    }
}
