import Foundation
import LinkdeskCore
@testable import LinkdeskWeb
import Testing

/// The `month` and `date` parameters the site writes must read back, in the same zone, as the
/// month and day they were written for, or the calendar would page to the wrong month.
@Suite struct SiteCalendarTests {
    @Test(arguments: ["America/New_York", "Asia/Tokyo", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"])
    func parametersReadBackInTheirZone(zone name: String) throws {
        let zone = try #require(TimeZone(identifier: name))
        let local = SiteCalendar(zone: zone)
        // Every 7 h 13 min over three years: every hour of the day, month ends, the clock changes.
        var instant = Date(timeIntervalSince1970: 1_735_000_000)
        while instant < Date(timeIntervalSince1970: 1_830_000_000) {
            let day = try #require(local.day(local.dayKey(instant)))
            #expect(local.dayKey(day) == local.dayKey(instant), "\(name) \(instant)")
            #expect(day <= instant)
            let month = try #require(local.month(local.monthKey(instant)))
            #expect(DateText.numericDay(month, in: local.zone) == local.monthKey(instant) + "-01", "\(name) \(instant)")
            instant += 7 * 3_600 + 13 * 60
        }
    }
}
