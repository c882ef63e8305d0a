import Foundation
import LinkdeskCalendars
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import LinkdeskTestSupport
import Testing

/// Staff calendars read from real servers: Radicale over CalDAV and a feed over HTTP, into a
/// SQLite workspace, and what the site would offer afterwards, compared with the busy times
/// python3-recurring-ical-events computes for the same events.
@Suite(.serialized) struct CalendarServerTests {
    /// Monday 23 November 2026, 07:00 in New York.
    static let now = Date(timeIntervalSince1970: 1_795_435_200)
    static let zone = "America/New_York"

    static let workspace = Workspace(
        eventTypes: [EventType(id: 1, name: "30-minute meeting", minutes: 30)],
        bookingPages: [
            BookingPage(id: 10, name: "Sam", owner: "Sam Staff", slug: "sam", timeZone: zone,
                        availability: .weekdaysNineToFive, eventTypeIDs: [1],
                        policy: ChangePolicy(cancel: .anyTime, cancelReason: .optional, reschedule: .anyTime, rescheduleReason: .optional),
                        ownerLogin: "staff"),
        ],
        masterPages: [])

    /// A SQLite workspace of its own with Sam's page owned by the staff member `staff`.
    static func desk() throws -> (Linkdesk, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-cal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder + "/w.sqlite", seed: { workspace }, login: "staff")
        return (Linkdesk(store: store, base: .default, time: FixedTime(now)), folder)
    }

    static func link() throws -> Link { try LinkURL.read(BaseURL.default.text + "/sam", base: .default) }

    /// The slots a customer would be offered if `busy` were all that blocked them.
    static func expectedOffer(_ busy: [(start: Date, end: Date)], days: Int) throws -> [Date] {
        let page = try #require(workspace.bookingPages.first)
        return try Availability(page: page).upcoming(minutes: 30, from: now, days: days).filter { start in
            let end = start.addingTimeInterval(1_800)
            return !busy.contains { $0.start < end && start < $0.end }
        }
    }

    @Test(.python("radicale", "recurring_ical_events", "icalendar"), .tools("curl"))
    func caldavEventsBlockExactlyWhatTheReferenceLibrarySays() async throws {
        let server = try RadicaleServer()
        defer { server.stop() }
        let url = try server.makeCalendar("work")
        for event in StaffEvents.all { try server.put(event.ics, named: event.name, in: url) }
        let (desk, folder) = try Self.desk()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await desk.saveStaff(StaffMember(login: "staff", name: "Sam Staff", email: "sam@example.com", role: .administrator))
        let calendar = try await desk.addCalendar(staffLogin: "staff", name: nil,
                                                  source: .caldav(url: url, user: server.user, password: .environment("LINKDESK_CALDAV_SAM")))
        #expect(calendar.name == "127.0.0.1")
        let reader = NetworkCalendarReader(environment: ["LINKDESK_CALDAV_SAM": server.password], timeout: 20)
        let outcomes = try await desk.syncCalendars(reader: reader)
        #expect(outcomes.map(\.error) == [nil])

        let window = CalendarRange.window(at: Self.now)
        let expected = try ExpectedBusy.intervals(ics: StaffEvents.all.map(\.ics), from: window.from, to: window.to, zone: Self.zone)
        #expect(outcomes.first?.calendar.sync.eventCount == expected.count)
        // 1 meeting + 7 of the series (one removed) + 1 all-day + 6 in London; none transparent or cancelled.
        #expect(expected.count == 15)
        let offered = try await desk.offer(try Self.link(), days: 150).slots.map(\.start)
        #expect(offered == (try Self.expectedOffer(expected, days: 150)))
        #expect(offered.count > 1_000, "most of the days are free")
        // The cases one by one, in New York time.
        func ny(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, year: Int = 2026) -> Date {
            var c = Calendar(identifier: .gregorian)
            c.timeZone = TimeZone(identifier: Self.zone) ?? c.timeZone
            return c.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) ?? .distantPast
        }
        #expect(!offered.contains(ny(11, 24, 10)) && offered.contains(ny(11, 24, 11)), "the single meeting")
        #expect(!offered.contains(ny(11, 25, 14)), "the series")
        #expect(offered.contains(ny(12, 2, 14)) && !offered.contains(ny(12, 3, 16)), "the moved occurrence")
        #expect(offered.contains(ny(12, 9, 14)), "the removed occurrence")
        #expect(!offered.contains { $0 >= ny(11, 27, 0) && $0 < ny(11, 28, 0) }, "the all-day event blocks the day")
        #expect(offered.contains(ny(11, 30, 9)), "a transparent event blocks nothing")
        #expect(offered.contains(ny(12, 1, 9)), "a cancelled event blocks nothing")
        #expect(!offered.contains(ny(3, 4, 10, year: 2027)) && !offered.contains(ny(3, 18, 11, year: 2027))
                && !offered.contains(ny(4, 1, 10, year: 2027)), "London's 15:00 in New York across both clock changes")
        #expect(offered.contains(ny(3, 18, 10, year: 2027)))

        // A booking at a time that became busy after the page was shown is refused.
        try server.put(StaffEvents.calendar("""
            BEGIN:VEVENT\r
            UID:late@linkdesk.test\r
            DTSTAMP:20261101T000000Z\r
            DTSTART;TZID=America/New_York:20261125T090000\r
            DTEND;TZID=America/New_York:20261125T093000\r
            END:VEVENT\r

            """), named: "late", in: url)
        #expect(offered.contains(ny(11, 25, 9)))
        _ = try await desk.syncCalendars(reader: reader)
        await #expect(throws: Refusal(.busyInCalendar)) {
            _ = try await desk.bookOnline(CustomerBooking(link: try Self.link(), eventName: nil, start: ny(11, 25, 9),
                                                          form: Personalization(name: "Cus Tomer", email: "c@example.com")))
        }

        // A wrong password and a missing variable: refused with the reason, the busy times kept.
        let wrong = try await desk.syncCalendars(reader: NetworkCalendarReader(environment: ["LINKDESK_CALDAV_SAM": "nope"], timeout: 20))
        #expect(wrong.first?.error == "the CalDAV server refused the login (HTTP 401)")
        let unset = try await desk.syncCalendars(reader: NetworkCalendarReader(environment: [:], timeout: 20))
        #expect(unset.first?.error == "the password variable $LINKDESK_CALDAV_SAM is not set for this process")
        #expect(!(try await desk.offer(try Self.link(), days: 3).slots.map(\.start).contains(ny(11, 24, 10))), "still busy")
        let listed = try await desk.calendars()
        #expect(listed.first?.sync.lastError == unset.first?.error)
        #expect(listed.first?.sync.eventCount == expected.count + 1)
    }

    @Test(.python("recurring_ical_events", "icalendar"))
    func aFeedThatFailsKeepsItsLastBusyTimes() async throws {
        let feed = try ICSFeedServer()
        defer { feed.stop() }
        let merged = StaffEvents.feed
        feed.serve(merged)
        let (desk, folder) = try Self.desk()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await desk.saveStaff(StaffMember(login: "staff", name: "Sam Staff", email: "sam@example.com", role: .administrator))
        _ = try await desk.addCalendar(staffLogin: "staff", name: "google", source: .ics(url: feed.url))
        let reader = NetworkCalendarReader(timeout: 2)
        #expect(try await desk.syncCalendars(reader: reader).map(\.error) == [nil])
        let window = CalendarRange.window(at: Self.now)
        let expected = try ExpectedBusy.intervals(ics: [merged], from: window.from, to: window.to, zone: Self.zone)
        #expect(expected.count == 15)
        let before = try await desk.offer(try Self.link(), days: 150).slots.map(\.start)
        #expect(before == (try Self.expectedOffer(expected, days: 150)))

        for (mode, reason) in [(ICSFeedServer.Mode.notFound, "the feed answered HTTP 404"),
                               (.garbage, "the feed is not an iCalendar calendar: no calendar in it")] {
            feed.mode(mode)
            #expect(try await desk.syncCalendars(reader: reader).first?.error == reason)
            #expect(try await desk.offer(try Self.link(), days: 150).slots.map(\.start) == before, "\(mode): the busy times stay")
        }
        feed.mode(.hang)
        let started = Date()
        let hung = try await desk.syncCalendars(reader: reader)
        #expect(Date().timeIntervalSince(started) < 10, "a feed that never answers costs the timeout")
        #expect(hung.first?.error?.contains("imeout") == true || hung.first?.error?.contains("timed out") == true)
        #expect(try await desk.offer(try Self.link(), days: 150).slots.map(\.start) == before)
        let listed = try await desk.calendars()
        #expect(listed.first?.sync.lastError == hung.first?.error)
        #expect(listed.first.map { $0.isStale(at: Self.now) } == true)
        feed.mode(.ok)
        #expect(try await desk.syncCalendars(reader: reader).map(\.error) == [nil])
        #expect(try await desk.calendars().first?.sync.lastError == nil)
        // The address is a secret: only its host is ever shown.
        #expect(!(listed.first?.source.redactedURL.contains(feed.secret) ?? true))
    }
}
