import Foundation
import LinkdeskCore
import Testing

@Suite("Availability in the page's time zone")
struct AvailabilityTests {
    static let page = Fixtures.dana  // America/New_York, Mon–Fri 09:00–17:00

    /// The same page, open every day of the week, to look at the days clocks change (Sundays in New York).
    static var everyDay: BookingPage {
        var p = page
        p.availability = WeeklyAvailability(days: Weekday.allCases, openMinute: 9 * 60, closeMinute: 17 * 60)
        return p
    }

    @Test("a Monday has 16 half-hour slots from 09:00 to 16:30 local")
    func mondaySlots() throws {
        let availability = try Availability(page: Self.page)
        let starts = availability.starts(onDayOf: Fixtures.local(2025, 6, 2, 15, 7), minutes: 30)
        #expect(starts.count == 16)
        #expect(starts.first == Fixtures.local(2025, 6, 2, 9, 0))
        #expect(starts.last == Fixtures.local(2025, 6, 2, 16, 30))
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 1800 })
        // 09:00 EDT is 13:00 UTC.
        #expect(starts.first == Date(timeIntervalSince1970: 1_748_869_200))
    }

    @Test("slot counts follow the meeting length", arguments: [(15, 32), (30, 16), (60, 8), (45, 10), (480, 1), (481, 0)])
    func counts(minutes: Int, count: Int) throws {
        let starts = try Availability(page: Self.page).starts(onDayOf: Fixtures.monday, minutes: minutes)
        #expect(starts.count == count)
        if let last = starts.last {
            #expect(last.addingTimeInterval(TimeInterval(minutes * 60)) <= Fixtures.local(2025, 6, 2, 17, 0))
        }
    }

    @Test("no slots on a Saturday or Sunday")
    func weekend() throws {
        let availability = try Availability(page: Self.page)
        #expect(availability.starts(onDayOf: Fixtures.saturday, minutes: 30).isEmpty)
        #expect(availability.starts(onDayOf: Fixtures.local(2025, 6, 8, 12), minutes: 30).isEmpty)
        #expect(!availability.isSlot(Fixtures.local(2025, 6, 7, 9, 30), minutes: 30))
    }

    @Test("the local day decides, not the UTC day")
    func localDay() throws {
        let availability = try Availability(page: Self.page)
        // Friday 6 June 2025, 22:00 in New York is already Saturday in UTC.
        let fridayNight = Fixtures.local(2025, 6, 6, 22, 0)
        let starts = availability.starts(onDayOf: fridayNight, minutes: 60)
        #expect(starts.first == Fixtures.local(2025, 6, 6, 9, 0))
        #expect(starts.count == 8)
    }

    @Test("isSlot")
    func isSlot() throws {
        let availability = try Availability(page: Self.page)
        #expect(availability.isSlot(Fixtures.local(2025, 6, 2, 9, 30), minutes: 30))
        #expect(availability.isSlot(Fixtures.local(2025, 6, 2, 16, 30), minutes: 30))
        #expect(!availability.isSlot(Fixtures.local(2025, 6, 2, 9, 10), minutes: 30))
        #expect(!availability.isSlot(Fixtures.local(2025, 6, 2, 16, 45), minutes: 30))
        #expect(!availability.isSlot(Fixtures.local(2025, 6, 2, 17, 0), minutes: 30))
        #expect(!availability.isSlot(Fixtures.local(2025, 6, 2, 8, 30), minutes: 30))
        #expect(availability.isSlot(Fixtures.local(2025, 6, 2, 16, 0), minutes: 60))
        #expect(!availability.isSlot(Fixtures.local(2025, 6, 2, 16, 30), minutes: 60))
        #expect(!availability.isSlot(Fixtures.local(2025, 6, 2, 9, 30).addingTimeInterval(1), minutes: 30))
        #expect(!availability.isSlot(Fixtures.local(2025, 6, 2, 9, 30), minutes: 0))
    }

    @Test("the Monday after the spring change still opens at 09:00 local")
    func mondayAfterDST() throws {
        let starts = try Availability(page: Self.page).starts(onDayOf: Fixtures.local(2025, 3, 10, 12), minutes: 30)
        #expect(starts.first == Fixtures.local(2025, 3, 10, 9, 0))
        #expect(starts.count == 16)
    }

    /// CORE BUG (see report): slots are placed at local midnight + N minutes of elapsed time, so on a
    /// day the clocks change they shift by an hour (10:00–17:30 in spring, 08:00–15:30 in autumn).
    @Test("on the days clocks change, slots still run 09:00–16:30 local",
          arguments: [(2025, 3, 9), (2025, 11, 2)])
    func dstDay(year: Int, month: Int, day: Int) throws {
        let availability = try Availability(page: Self.everyDay)
        let starts = availability.starts(onDayOf: Fixtures.local(year, month, day, 12), minutes: 30)
        #expect(starts.count == 16)
        #expect(starts.first == Fixtures.local(year, month, day, 9, 0))
        #expect(starts.last == Fixtures.local(year, month, day, 16, 30))
        for start in starts {
            let (h, m) = Fixtures.clock(start)
            #expect((9 * 60...16 * 60 + 30).contains(h * 60 + m), "slot at \(h):\(m) local")
        }
        #expect(availability.isSlot(Fixtures.local(year, month, day, 9, 0), minutes: 30))
    }

    /// CORE BUG (same cause): in Cairo the spring change happens at Friday midnight (00:00 → 01:00),
    /// so even a Mon–Fri page opens at 10:00 local that Friday.
    @Test("a weekday clock change (Cairo, Friday 25 April 2025) keeps 09:00–17:00")
    func cairoFriday() throws {
        var cairo = Self.page
        cairo.timeZone = "Africa/Cairo"
        let day = Fixtures.local(2025, 4, 25, 12, zone: "Africa/Cairo")
        let starts = try Availability(page: cairo).starts(onDayOf: day, minutes: 60)
        #expect(starts.count == 8)
        #expect(starts.first == Fixtures.local(2025, 4, 25, 9, 0, zone: "Africa/Cairo"))
        #expect(starts.last == Fixtures.local(2025, 4, 25, 16, 0, zone: "Africa/Cairo"))
    }

    @Test("upcoming slots start after now and span the requested days")
    func upcoming() throws {
        let availability = try Availability(page: Self.page)
        let now = Fixtures.local(2025, 6, 2, 10, 5)
        let today = availability.upcoming(minutes: 30, from: now, days: 1)
        #expect(today.count == 13)  // 10:30 … 16:30
        #expect(today.first == Fixtures.local(2025, 6, 2, 10, 30))
        #expect(today.allSatisfy { $0 > now })
        // Monday to Sunday: the rest of Monday plus four full weekdays, nothing at the weekend.
        let week = availability.upcoming(minutes: 30, from: now, days: 7)
        #expect(week.count == 13 + 4 * 16)
        #expect(availability.upcoming(minutes: 30, from: now, days: 0).isEmpty)
        // A slot starting exactly now is not upcoming.
        let atNine = availability.upcoming(minutes: 30, from: Fixtures.local(2025, 6, 2, 9, 0), days: 1)
        #expect(atNine.first == Fixtures.local(2025, 6, 2, 9, 30))
    }

    @Test("the page's own time zone is used")
    func otherZone() throws {
        var tokyo = Self.page
        tokyo.timeZone = "Asia/Tokyo"
        let starts = try Availability(page: tokyo).starts(onDayOf: Fixtures.local(2025, 6, 2, 12, zone: "Asia/Tokyo"), minutes: 60)
        #expect(starts.first == Fixtures.local(2025, 6, 2, 9, 0, zone: "Asia/Tokyo"))
        #expect(starts.first == Date(timeIntervalSince1970: 1_748_822_400))  // 00:00 UTC
    }

    @Test("an unknown time zone is refused")
    func unknownZone() {
        var page = Self.page
        page.timeZone = "Mars/Olympus_Mons"
        #expect(throws: Refusal.self) { try Availability(page: page) }
    }

    @Test("weekly summary reads like a door sign")
    func summary() {
        #expect(WeeklyAvailability.weekdaysNineToFive.summary == "Mon–Fri 09:00–17:00")
        #expect(WeeklyAvailability(days: [.monday, .wednesday], openMinute: 8 * 60 + 30, closeMinute: 12 * 60).summary
            == "Mon,Wed 08:30–12:00")
    }

    /// The steady-day shortcut must say what Calendar says, on every day of two years, at
    /// several times of each day, in zones with clock changes at 02:00, at midnight (Santiago,
    /// Havana), of 30 minutes (Lord Howe), and with odd offsets (Kathmandu, Chatham).
    @Test("slot starts equal Calendar's wall-clock times every day, clock changes included",
          arguments: ["America/New_York", "Europe/London", "America/Santiago", "America/Havana", "Australia/Lord_Howe",
                      "Asia/Kathmandu", "Pacific/Chatham", "UTC", "Asia/Tokyo"])
    func shortcutAgreesWithCalendar(zone: String) throws {
        var page = Self.everyDay
        page.timeZone = zone
        page.availability = WeeklyAvailability(days: [.monday, .tuesday, .wednesday, .thursday, .friday, .sunday],
                                               openMinute: 0, closeMinute: 24 * 60)
        let availability = try Availability(page: page)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: zone))
        var day = calendar.startOfDay(for: Date(timeIntervalSince1970: 1_735_689_600))  // 1 January 2025
        for _ in 0..<730 {
            let weekday = Weekday(gregorian: calendar.component(.weekday, from: day))
            let expected = page.availability.days.contains(weekday)
                ? stride(from: 0, through: 24 * 60 - 60, by: 60).compactMap {
                    calendar.date(bySettingHour: $0 / 60, minute: $0 % 60, second: 0, of: day)
                } : []
            for hour in [0.0, 1.5, 12, 23.75] {
                let instant = day.addingTimeInterval(hour * 3_600)
                guard calendar.isDate(instant, inSameDayAs: day) else { continue }
                #expect(availability.starts(onDayOf: instant, minutes: 60) == expected, "\(zone) \(day) +\(hour) h")
            }
            day = try #require(calendar.date(byAdding: .day, value: 1, to: day))
        }
    }
}
