import Foundation
import LinkdeskCore
import Testing

/// The checks of a whole proposed workspace and the plan against the current one (issue 11).
@Suite("workspace check and plan")
struct WorkspaceCheckTests {
    static func edited(_ edit: (inout Workspace) -> Void) -> Workspace {
        var w = Fixtures.workspace
        edit(&w)
        return w
    }

    @Test("the fixture workspace has no issue")
    func clean() {
        #expect(WorkspaceCheck.issues(in: Fixtures.workspace) == [])
    }

    @Test("each problem is a value with its place in the model", arguments: [
        ("bookingPages[1].slug", "the link DANA is taken by \"Dana Haddad\""),
        ("bookingPages[0].timeZone", "unknown time zone \"Europe/Atlantis\": use an IANA name such as Europe/Paris"),
        ("bookingPages[2].availability.ranges[1]", "hours 09:00–12:00 and 11:00–13:00 overlap on Mon"),
        ("bookingPages[2].availability.ranges[2]", "hours 14:00–13:00 close before they open"),
        ("masterPages[0].rules[0].primaryPageID", "the rule names \"Onboarding\", which is not a team member of \"Sales call\""),
        ("masterPages[1].memberIDs[1]", "no booking page #99 to be a team member"),
        ("eventTypes[2].minutes", "an event type lasts 5 minutes to 24 hours, not 0 minutes"),
        ("masterPages[2].slug", "invalid page link \"no spaces\": use 2–64 letters, digits, - or _"),
    ])
    func issue(path: String, message: String) {
        let proposed = Self.edited {
            $0.bookingPages[1].slug = "DANA"
            $0.bookingPages[0].timeZone = "Europe/Atlantis"
            $0.bookingPages[2].availability = WeeklyAvailability(ranges: [
                DayRange(day: .monday, openMinute: 9 * 60, closeMinute: 12 * 60),
                DayRange(day: .monday, openMinute: 11 * 60, closeMinute: 13 * 60),
                DayRange(day: .monday, openMinute: 14 * 60, closeMinute: 13 * 60),
                DayRange(day: .tuesday, openMinute: 11 * 60, closeMinute: 13 * 60),
            ])
            $0.masterPages[0].rules[0].primaryPageID = 12
            $0.masterPages[1].memberIDs[1] = 99
            $0.eventTypes[2].minutes = 0
            $0.masterPages[2].slug = "no spaces"
        }
        let issues = WorkspaceCheck.issues(in: proposed)
        #expect(issues.contains { $0.path.description == path && $0.message == message }, "\(issues)")
        #expect(issues.count == 8, "\(issues)")
    }

    @Test("several ranges a day and dates off give the slots of each range, none on a date off")
    func rangesAndDatesOff() throws {
        var page = Fixtures.dana
        page.availability = WeeklyAvailability(ranges: [
            DayRange(day: .monday, openMinute: 13 * 60, closeMinute: 14 * 60),
            DayRange(day: .monday, openMinute: 9 * 60, closeMinute: 10 * 60),
        ], datesOff: [LocalDate(year: 2025, month: 6, day: 9)])
        let availability = try Availability(page: page)
        let starts = availability.starts(onDayOf: Fixtures.monday, minutes: 30)
        #expect(starts.map { Fixtures.clock($0).hour * 60 + Fixtures.clock($0).minute } == [540, 570, 780, 810])
        #expect(availability.starts(onDayOf: Fixtures.local(2025, 6, 9, 12), minutes: 30) == [], "a date off")
        #expect(availability.starts(onDayOf: Fixtures.local(2025, 6, 16, 12), minutes: 30).count == 4)
        #expect(page.availability.summary == "Mon 09:00–10:00, 13:00–14:00")
    }

    @Test("hours stored as before when every day has one and the same range; other weeks round-trip as ranges")
    func codable() throws {
        let simple = try JSONEncoder().encode(WeeklyAvailability.weekdaysNineToFive)
        #expect(String(decoding: simple, as: UTF8.self).contains("\"openMinute\":540"))
        let split = WeeklyAvailability(ranges: [DayRange(day: .friday, openMinute: 600, closeMinute: 660),
                                                DayRange(day: .friday, openMinute: 700, closeMinute: 760)],
                                       datesOff: [LocalDate(year: 2026, month: 12, day: 25)])
        let data = try JSONEncoder().encode(split)
        #expect(try JSONDecoder().decode(WeeklyAvailability.self, from: data) == split)
        #expect(String(decoding: data, as: UTF8.self).contains("\"2026-12-25\""))
        #expect(LocalDate("2026-02-29") == nil && LocalDate("2028-02-29") != nil && LocalDate("2026-1-05") == nil)
    }

    @Test("the plan: slug change, rule switch with its kill count, removal blocked by bookings")
    func plan() {
        let proposed = Self.edited {
            $0.masterPages[0].slug = "sales"
            $0.masterPages[0].ruleType = .static
            $0.masterPages.remove(at: 3)
        }
        let usage = WorkspaceUsage(bookings: [23: .init(live: 2, total: 5)], oneTimeLinks: [20: .init(live: 3, total: 7)])
        let plan = WorkspacePlan(base: Fixtures.workspace, proposed: proposed, usage: usage)
        #expect(plan.changes.contains(.slugChanged(page: "Sales call", from: "salescall", to: "sales")))
        #expect(plan.changes.contains(.ruleSwitched(id: 20, page: "Sales call", from: .dynamic, to: .static, oneTimeLinksKilled: 3)))
        #expect(plan.invalidatesOneTimeLinks == [20])
        #expect(plan.formerSlugs.map(\.slug) == ["salescall"])
        #expect(plan.blockers == [.pageHasBookings(page: "Onboarding", live: 2, total: 5)])
        #expect(plan.blockers[0].message.hasPrefix("cannot remove \"Onboarding\": it has 2 live bookings (5 in all)"))
        let events = plan.events(at: Date(timeIntervalSince1970: 0), stopped: [20: 3])
        #expect(events.contains { $0.kind == .oneTimeInvalidated && $0.detail == "3 live one-time links stopped working" })
        #expect(events.contains { $0.kind == .pageLinkChanged && $0.detail == "salescall → sales" })
        #expect(WorkspacePlan(base: Fixtures.workspace, proposed: Fixtures.workspace, usage: usage).isEmpty)
    }

    @Test("new entries: matched to existing ones by slug or name, else numbered above every id, references followed")
    func numbering() {
        var proposed = Fixtures.workspace
        proposed.eventTypes.append(EventType(id: -1, name: "Demo", minutes: 45))
        proposed.eventTypes[0].id = -2  // "15-minute meeting" without its id: still event type 1
        proposed.bookingPages.append(BookingPage(id: -1, name: "New", owner: "N", slug: "new", timeZone: "UTC",
                                                 availability: .weekdaysNineToFive, eventTypeIDs: [-1, -2], policy: .lenient))
        proposed.masterPages[1].memberIDs.append(-1)
        let numbered = proposed.assigningIDs(after: Fixtures.workspace)
        #expect(numbered.eventTypes.map(\.id) == [1, 2, 3, 24])
        #expect(numbered.bookingPages.last?.id == 25)
        #expect(numbered.bookingPages.last?.eventTypeIDs == [24, 1])
        #expect(numbered.masterPages[1].memberIDs == [10, 11, 12, 25])
    }
}
