import LinkdeskCore
import Testing

/// Hours as the Setup view reads them (lenient) and as a workspace file does (strict HH:MM).
@Suite("hours text")
struct HoursTextTests {
    @Test("one day's ranges: forms people type, sorted; empty and closed mean none")
    func ranges() throws {
        #expect(try HoursText.ranges("13:00-17:00, 9–12", day: .monday)
            == [DayRange(day: .monday, openMinute: 540, closeMinute: 720), DayRange(day: .monday, openMinute: 780, closeMinute: 1020)])
        #expect(try HoursText.ranges("  ", day: .friday).isEmpty)
        #expect(try HoursText.ranges("Closed", day: .friday).isEmpty)
        #expect(try HoursText.ranges("00:00-24:00", day: .sunday) == [DayRange(day: .sunday, openMinute: 0, closeMinute: 1440)])
        #expect(HoursText.text(try HoursText.ranges("9-12,13-17", day: .monday)) == "09:00–12:00, 13:00–17:00")
    }

    @Test("refusals name the day and say what to type", arguments: ["9-", "24:30-25:00", "17:00-09:00", "09:00-12:00,11:00-13:00",
                                                                     "nine-five", "9:5-10", "09:00-10:00-11:00"])
    func refused(_ text: String) {
        #expect {
            try HoursText.ranges(text, day: .tuesday)
        } throws: { error in
            (error as? Refusal)?.message.hasPrefix("Tue: ") == true
        }
    }

    @Test("strict reading (files) takes HH:MM only")
    func strict() {
        #expect(HoursText.range("09:00-17:00", strict: true) ?? (0, 0) == (540, 1020))
        #expect(HoursText.range("9-5", strict: true) == nil)
        #expect(HoursText.range("9:00-17:00", strict: true) ?? (0, 0) == (540, 1020))
        #expect(HoursText.range("9-5") ?? (0, 0) == (540, 300), "lenient: the editor then refuses it as backwards")
    }

    @Test("dates off: commas or spaces, repeats once, sorted; a non-date refused")
    func datesOff() throws {
        #expect(try HoursText.datesOff("2026-12-31, 2026-12-24 2026-12-24")
            == [LocalDate(year: 2026, month: 12, day: 24), LocalDate(year: 2026, month: 12, day: 31)])
        #expect(try HoursText.datesOff("").isEmpty)
        #expect(throws: Refusal.self) { try HoursText.datesOff("2026-02-30") }
        #expect(throws: Refusal.self) { try HoursText.datesOff("tomorrow") }
    }
}
