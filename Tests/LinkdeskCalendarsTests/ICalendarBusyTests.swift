import Foundation
import LinkdeskCore
import LinkdeskTestSupport
@testable import LinkdeskCalendars
import Testing

/// What libical (through `ICalendarBusy`) says each calendar blocks, against what Python's
/// recurring_ical_events computes for the same events under the same rules.
@Suite struct ICalendarBusyTests {
    static let from = Date(timeIntervalSince1970: 1_790_812_800)  // 2026-10-01T00:00:00Z
    static let to = Date(timeIntervalSince1970: 1_801_440_000)    // 2027-02-01T00:00:00Z

    static func pairs(_ busy: [BusyInterval]) -> [[Int]] {
        busy.map { [Int($0.start.timeIntervalSince1970), Int($0.end.timeIntervalSince1970)] }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test(.python("recurring_ical_events", "icalendar"), arguments: ["Europe/Berlin", "America/New_York", "Asia/Tokyo"])
    func everyCaseAgreesWithRecurringIcalEvents(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        for (name, ics) in CalendarCases.all {
            let found = try ICalendarBusy.read([ics], from: Self.from, to: Self.to, zone: timeZone).get()
            // Whole occurrences from the reference; linkdesk keeps them within the range it read.
            let expected = try ExpectedBusy.intervals(ics: [ics], from: Self.from, to: Self.to, zone: zone)
                .map { BusyInterval(start: max($0.start, Self.from), end: min($0.end, Self.to)) }
            #expect(Self.pairs(found.busy) == Self.pairs(expected), "\(name) in \(zone)")
        }
    }

    @Test func aWeeklySeriesKeepsItsLocalHourAcrossTheClockChange() throws {
        let ics = try #require(CalendarCases.all.first { $0.name == "02_weekly_ny" }?.ics)
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let found = try ICalendarBusy.read([ics], from: Self.from, to: Self.to, zone: zone).get()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let hours = Set(found.busy.map { calendar.component(.hour, from: $0.start) })
        #expect(found.busy.count > 4)
        // One occurrence was moved (an override at another hour); the rest stay at 9 local.
        #expect(hours.contains(9))
        let offsets = Set(found.busy.map { zone.secondsFromGMT(for: $0.start) })
        #expect(offsets.count == 2, "the series spans the November clock change")
    }

    @Test func garbageAndEmptyTextsAreRefusedWithAReason() {
        let zone = TimeZone(identifier: "UTC") ?? .current
        for text in ["this is not a calendar", "", "<html><body>Sign in</body></html>"] {
            guard case .failure(let failure) = ICalendarBusy.read([text], from: Self.from, to: Self.to, zone: zone) else {
                Issue.record("\"\(text)\" was read as a calendar")
                continue
            }
            #expect(!failure.reason.isEmpty && !failure.reason.contains("\n"))
        }
    }

    @Test func anEmptyCalendarBlocksNothing() throws {
        let zone = TimeZone(identifier: "UTC") ?? .current
        let found = try ICalendarBusy.read(["BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n"],
                                           from: Self.from, to: Self.to, zone: zone).get()
        #expect(found.busy.isEmpty)
    }

    @Test func aRuleWithoutEndStopsAtTheRange() throws {
        let ics = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//t//EN\r
            BEGIN:VEVENT\r
            UID:forever@test\r
            DTSTAMP:20200101T000000Z\r
            DTSTART:20000101T090000Z\r
            DTEND:20000101T091500Z\r
            RRULE:FREQ=DAILY\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let zone = TimeZone(identifier: "UTC") ?? .current
        let found = try ICalendarBusy.read([ics], from: Self.from, to: Self.to, zone: zone).get()
        #expect(found.busy.count == 123)  // 1 October 2026 to 31 January 2027, one a day
        #expect(found.busy.allSatisfy { $0.end.timeIntervalSince($0.start) == 900 })
    }
}

@Suite struct CalDAVQueryTests {
    @Test func calendarDataIsReadWhateverItsPrefixOrEscaping() throws {
        let xml = """
            <?xml version="1.0"?>
            <multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
            <response><href>/a.ics</href><propstat><prop><C:calendar-data>BEGIN:VCALENDAR&#13;
            SUMMARY:R&amp;D &lt;weekly&gt;&#13;
            END:VCALENDAR</C:calendar-data></prop></propstat></response>
            <response><href>/b.ics</href><propstat><prop><cal:calendar-data xmlns:cal="urn:ietf:params:xml:ns:caldav"><![CDATA[BEGIN:VCALENDAR
            X:<raw & kept>
            END:VCALENDAR]]></cal:calendar-data></prop></propstat></response>
            <response><href>/c.ics</href><propstat><prop><C:calendar-data/></prop></propstat></response>
            </multistatus>
            """
        let texts = try #require(CalDAVQuery.calendarData(in: xml))
        #expect(texts.count == 2)
        #expect(texts.first == "BEGIN:VCALENDAR\r\nSUMMARY:R&D <weekly>\r\nEND:VCALENDAR")
        #expect(texts.last == "BEGIN:VCALENDAR\nX:<raw & kept>\nEND:VCALENDAR")
        #expect(CalDAVQuery.calendarData(in: "<html>login</html>") == nil)
    }
}
