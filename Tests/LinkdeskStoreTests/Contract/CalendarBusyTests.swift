import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Staff calendars' busy times on every store, through the use cases: they take the owner's
/// slots out of every offer, refuse a booking in the booking's own transaction (a sync may run
/// after the page was shown), count toward no daily limit, survive a failed sync, and go with
/// their calendar. The readings are given here; reading real servers is LinkdeskCalendarsTests'.
@Suite("calendar busy times on the stores")
struct CalendarBusyTests {
    typealias F = StoreFixture

    @Test("busy times block offers and bookings (SQLite)") func sqlite() async throws { try await busy(.sqlite) }
    @Test("busy times block offers and bookings (PostgreSQL)", .postgres) func postgres() async throws { try await busy(.postgres) }
    @Test("busy times block offers and bookings (in memory)") func memory() async throws { try await busy(.memory) }

    /// A reader that answers what the test says, as a calendar server would.
    struct GivenReader: CalendarReader {
        let reading: CalendarReading
        func read(_ calendar: StaffCalendar, from: Date, to: Date, zone: TimeZone) async -> CalendarReading { reading }
    }

    static func interval(_ start: Date, minutes: Double) -> BusyInterval {
        BusyInterval(start: start, end: start.addingTimeInterval(minutes * 60))
    }

    func busy(_ kind: StoreKind) async throws {
        var workspace = F.workspace
        workspace.bookingPages[0].ownerLogin = "ann.cal"
        workspace.bookingPages[0].scheduling = SchedulingControls(dailyLimit: 1)
        let t = try await TestStore(kind, seed: workspace)
        defer { t.remove() }
        let desk = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now))
        func online(_ start: Date, _ slug: String = "ann") async throws -> Booking {
            try await desk.bookOnline(CustomerBooking(link: Links.general(slug), eventName: "30-minute meeting", start: start, form: F.form)).booking
        }
        func refusal(_ body: () async throws -> Void) async -> Refusal.Reason? {
            do { try await body(); return nil } catch let refusal as Refusal { return refusal.reason } catch { return nil }
        }
        func offered() async throws -> [Date] { try await desk.offer(Links.general("ann"), event: "30-minute meeting", days: 3).slots.map(\.start) }

        let calendar = try await t.store.saveCalendar(StaffCalendar(staffLogin: "ann.cal", name: "work", source: .ics(url: "https://cal.example/secret.ics")),
                                                      events: [])
        #expect(calendar.id > 0)
        #expect(try await offered().contains(F.tuesday(10)), "no busy time before the first sync")

        // Tuesday 10:00–11:00 busy: 10:00 and 10:30 are gone, 9:30 and 11:00 stay (back to back is free).
        let meeting = Self.interval(F.tuesday(10), minutes: 60)
        let outcomes = try await desk.syncCalendars(reader: GivenReader(reading: .busy([meeting], events: 1)))
        #expect(outcomes.map(\.error) == [nil])
        let afterSync = try await offered()
        #expect(!afterSync.contains(F.tuesday(10)) && !afterSync.contains(F.tuesday(10, 30)))
        #expect(afterSync.contains(F.tuesday(9, 30)) && afterSync.contains(F.tuesday(11)))
        #expect(await refusal { _ = try await online(F.tuesday(10, 30)) } == .busyInCalendar)
        // Ben owns no calendar: his 10:00 is free.
        #expect(try await online(F.tuesday(10), "ben").teamMemberID == 11)

        // A page shown before a sync: the store refuses the time in the booking's own transaction.
        let late = Self.interval(F.tuesday(14), minutes: 30)
        _ = try await desk.syncCalendars(reader: GivenReader(reading: .busy([meeting, late], events: 2)))
        await #expect(throws: StoreConflict.busyInCalendar) {
            _ = try await t.store.insertBooking(NewBooking(booking: F.draft("Late", "late@example.com", at: F.tuesday(14)), consumes: nil,
                                                           requiresSlug: "ann", busyLogin: "ann.cal", events: { _ in [] }))
        }
        #expect(try await t.store.bookings(BookingQuery(liveOnly: true, teamMember: 10)).isEmpty, "nothing was written")
        // A move, too, is checked in its own write.
        let free = try await t.store.insertBooking(NewBooking(booking: F.draft("Mover", "mover@example.com", at: F.tuesday(12)), consumes: nil,
                                                              requiresSlug: "ann", busyLogin: "ann.cal", events: { _ in [] }))
        var moved = free
        moved.start = F.tuesday(14)
        moved.end = F.tuesday(14, 30)
        moved.status = .rescheduled
        await #expect(throws: StoreConflict.busyInCalendar) {
            try await t.store.updateBooking(moved, expecting: free, events: [], manageTokenHash: nil, notices: [], busyLogin: "ann.cal")
        }
        #expect(try await t.store.booking(id: free.id)?.start == F.tuesday(12), "not moved")
        _ = try await desk.cancel(id: free.id, actor: .staff, reason: nil)

        // A calendar event counts toward no daily limit: one booking still fits on Tuesday.
        let booked = try await online(F.tuesday(15))
        #expect(booked.teamMemberID == 10)
        #expect(await refusal { _ = try await online(F.tuesday(16)) } == .dailyLimitReached(limit: 1))

        // A failed sync keeps the busy times and says why.
        let failed = try await desk.syncCalendars(reader: GivenReader(reading: .failed("the feed answered HTTP 404")))
        #expect(failed.map(\.error) == ["the feed answered HTTP 404"])
        let kept = try await t.store.calendars()
        #expect(kept.first?.sync.lastError == "the feed answered HTTP 404")
        #expect(kept.first?.sync.eventCount == 2, "the last good sync's count stays")
        #expect(kept.first?.sync.lastGoodSync == F.now)
        #expect(try await desk.staleCalendars().map(\.name) == ["work"])
        #expect(await refusal { _ = try await online(F.ny(day: 25, 10, 0)) } == nil, "Wednesday was never busy")
        #expect(!(try await offered().contains(F.tuesday(14))), "still busy after the failure")

        // A week-long absence is kept in pieces, and still blocks each of its days.
        let away = BusyInterval(start: F.ny(day: 26, 0), end: F.ny(2026, 12, 10, 0))
        _ = try await desk.syncCalendars(reader: GivenReader(reading: .busy([away], events: 1)))
        let stored = try await t.store.calendarBusy(from: F.ny(day: 26, 0), to: F.ny(2026, 12, 10, 0), staffLogins: ["ann.cal"])
        #expect(stored.count == 2 && stored.allSatisfy { $0.end.timeIntervalSince($0.start) <= BusyInterval.longest })
        let laterOffer = try await desk.offer(Links.general("ann"), event: "30-minute meeting", days: 20).slots.map(\.start)
        #expect(!laterOffer.contains { $0 >= F.ny(day: 26, 0) && $0 < F.ny(2026, 12, 10, 0) })
        #expect(laterOffer.contains(F.ny(2026, 12, 10, 9)))
        #expect(try await t.store.calendarBusy(from: F.tuesday(0), to: F.ny(day: 25, 0), staffLogins: nil).isEmpty,
                "the new reading replaced Tuesday's meetings")

        // Removing the calendar frees its times at once.
        #expect(try await t.store.removeCalendar(id: calendar.id, events: []))
        #expect(try await t.store.calendarBusy(from: F.now, to: F.ny(2027, 1, 1, 0), staffLogins: nil).isEmpty)
        #expect(try await desk.offer(Links.general("ann"), event: "30-minute meeting", days: 10).slots.contains { $0.start == F.ny(day: 30, 9) })
    }
}

/// Who may say where a CalDAV password is read from (SPEC §10): a member names a
/// `LINKDESK_CALDAV_…` variable for their own calendar; a file only an administrator may name,
/// since the syncing process sends whatever it holds to the calendar's server.
@Suite("calendar password sources")
struct CalendarPasswordRulesTests {
    @Test("a member may not name a password file, nor any variable but LINKDESK_CALDAV_…; an administrator may name a file")
    func sources() async throws {
        var workspace = StoreFixture.workspace
        workspace.bookingPages[0].ownerLogin = "ben"
        let store = InMemoryStore(workspace: workspace, login: "ben")
        try await store.saveStaff(StaffMember(login: "ada", name: "Ada", email: "ada@example.com", role: .administrator), password: nil, events: [])
        try await store.saveStaff(StaffMember(login: "ben", name: "Ben", email: "ben@example.com", role: .member), password: nil, events: [])
        let ben = Linkdesk(store: store, base: .default, time: FixedTime(StoreFixture.now))
        let url = "https://dav.example.com/ben/"
        await #expect(throws: Refusal("only an administrator can name a CalDAV password file: use a LINKDESK_CALDAV_… variable")) {
            try await ben.addCalendar(staffLogin: "ben", name: "work", source: .caldav(url: url, user: "ben", password: .file("/etc/linkdesk/secret")))
        }
        do {
            _ = try await ben.addCalendar(staffLogin: "ben", name: "work", source: .caldav(url: url, user: "ben", password: .environment("LINKDESK_SMTP_URL")))
            Issue.record("a variable outside LINKDESK_CALDAV_… was accepted")
        } catch let refusal as Refusal {
            #expect(refusal.message.hasPrefix("a CalDAV password's variable is named LINKDESK_CALDAV_…"))
        }
        #expect(try await ben.addCalendar(staffLogin: "ben", name: "work", source: .caldav(url: url, user: "ben", password: .environment("LINKDESK_CALDAV_BEN"))).id > 0)
        await #expect(throws: Refusal.self) {
            try await ben.planCalendars(["ben": [CalendarEntry(name: "other", source: .caldav(url: url, user: "ben", password: .file("/tmp/pw")))]])
        }
        let ada = Linkdesk(store: InMemoryStore(workspace: workspace, login: "ada"), base: .default, time: FixedTime(StoreFixture.now))
        try await ada.store.saveStaff(StaffMember(login: "ada", name: "Ada", email: "ada@example.com", role: .administrator), password: nil, events: [])
        #expect(try await ada.addCalendar(staffLogin: "ada", name: "work", source: .caldav(url: url, user: "ada", password: .file("/etc/linkdesk/ada"))).id > 0)
        // Removing a staff member takes their calendars with them.
        #expect(try await store.removeStaff(login: "ben", events: []))
        #expect(try await store.calendars().isEmpty)
    }
}
