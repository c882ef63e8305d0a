import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Scheduling controls on every store, through the use cases: a customer on the site is bound by
/// the page's minimum notice and daily limit (the day's bookings as the store holds them); staff
/// booking for a customer are not, and are told.
@Suite("scheduling controls on the stores")
struct SchedulingOnStoresTests {
    typealias F = StoreFixture

    @Test("minimum notice and daily limit (SQLite)") func sqlite() async throws { try await controls(.sqlite) }
    @Test("minimum notice and daily limit (PostgreSQL)", .postgres) func postgres() async throws { try await controls(.postgres) }
    @Test("minimum notice and daily limit (in memory)") func memory() async throws { try await controls(.memory) }

    func controls(_ kind: StoreKind) async throws {
        var workspace = F.workspace
        // Ann's page: a day's notice (it is Monday 07:00 in New York), one booking a day.
        workspace.bookingPages[0].scheduling = SchedulingControls(minimumNotice: 24 * 60, dailyLimit: 1)
        let t = try await TestStore(kind, seed: workspace)
        defer { t.remove() }
        let desk = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now))
        func online(_ start: Date) async throws -> Booking {
            try await desk.bookOnline(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting", start: start, form: F.form)).booking
        }
        func refusal(_ body: () async throws -> Void) async -> Refusal.Reason? {
            do { try await body(); return nil } catch let refusal as Refusal { return refusal.reason } catch { return nil }
        }
        #expect(await refusal { _ = try await online(F.ny(day: 23, 15)) } == .insideMinimumNotice(minutes: 24 * 60))
        let first = try await online(F.tuesday(10))
        #expect(try await desk.schedulingNotes(for: first).isEmpty, "nothing to tell of a booking the controls allowed")
        #expect(await refusal { _ = try await online(F.tuesday(14)) } == .dailyLimitReached(limit: 1), "Tuesday is full")
        #expect(try await online(F.ny(day: 25, 10)).status == .scheduled, "Wednesday is not")
        // Staff are told, not stopped.
        let byStaff = try await desk.book(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting",
                                                          start: F.tuesday(15), form: F.form))
        #expect(try await desk.schedulingNotes(for: byStaff) == [Refusal(.dailyLimitReached(limit: 1)).message])
        let offered = try await desk.offer(Links.general("ann"), days: 3).slots.map(\.start)
        #expect(!offered.contains { $0 < F.ny(day: 25, 0) }, "nothing offered on Monday (notice) or Tuesday (full)")
    }
}

/// The daily limit kept by every store in the booking's own write (`DayCap`): six customers racing
/// for a day with two places, through two connections, leave exactly two bookings; a booking or a
/// customer's reschedule the rules let through on a stale read is refused by the store itself.
@Suite("the daily limit in the stores' writes")
struct DailyLimitOnStoresTests {
    typealias F = StoreFixture

    @Test("a day's last place raced for, and a write on a stale read (SQLite)") func sqlite() async throws { try await cap(.sqlite) }
    @Test("a day's last place raced for, and a write on a stale read (PostgreSQL)", .postgres) func postgres() async throws { try await cap(.postgres) }
    @Test("a day's last place raced for, and a write on a stale read (in memory)") func memory() async throws { try await cap(.memory) }

    func cap(_ kind: StoreKind) async throws {
        var workspace = F.workspace
        workspace.bookingPages[0].scheduling = SchedulingControls(dailyLimit: 2)
        let t = try await TestStore(kind, seed: workspace)
        defer { t.remove() }
        let desk = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now))
        let rival = Linkdesk(store: try await t.secondConnection(), base: .default, time: FixedTime(F.now))
        let hours = [9, 10, 11, 13, 14, 15]
        let outcomes = await withTaskGroup(of: Result<Booking, Error>.self) { group in
            for (n, hour) in hours.enumerated() {
                group.addTask {
                    await BuffersOnStoresTests.attempt {
                        try await (n.isMultiple(of: 2) ? desk : rival).bookOnline(CustomerBooking(
                            link: Links.general("ann"), eventName: "30-minute meeting", start: F.tuesday(hour),
                            form: Personalization(name: "Racer \(n)", email: "r\(n)@example.com"))).booking
                    }
                }
            }
            var all: [Result<Booking, Error>] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let refused = outcomes.compactMap { outcome -> Refusal.Reason? in
            if case .failure(let refusal as Refusal) = outcome { return refusal.reason }
            return nil
        }
        #expect(outcomes.compactMap { try? $0.get() }.count == 2, "\(outcomes)")
        #expect(refused == Array(repeating: .dailyLimitReached(limit: 2), count: 4), "\(outcomes)")
        let tuesday = try await t.store.bookings(BookingQuery(liveOnly: true, teamMember: 10))
        #expect(tuesday.count == 2, "the store holds two bookings on the day, whatever the race")

        // The store refuses on its own, asked directly as after a read made before the day filled.
        let dayCap = try #require(DayCap.of(workspace.bookingPages[0], in: try Availability(page: workspace.bookingPages[0]), at: F.tuesday(16)))
        #expect(dayCap.until.timeIntervalSince(dayCap.from) == 86_400)
        await #expect(throws: StoreConflict.dayFull(limit: 2)) {
            _ = try await t.store.insertBooking(NewBooking(booking: F.draft("Late", "late@example.com", at: F.tuesday(16)),
                                                           consumes: nil, requiresSlug: "ann", dayCap: dayCap, events: { _ in [] }))
        }
        // Staff give no cap: told, not bound.
        let byStaff = try await t.store.insertBooking(NewBooking(booking: F.draft("Staff", "staff@example.com", at: F.tuesday(16)),
                                                                 consumes: nil, requiresSlug: "ann", events: { _ in [] }))
        // A move into the full day is refused by the store too; so is a customer's move within it while
        // the others fill it (the booking itself is not counted).
        let wednesday = try await t.store.insertBooking(NewBooking(booking: F.draft("Wed", "wed@example.com", at: F.ny(day: 25, 10)),
                                                                   consumes: nil, requiresSlug: "ann", events: { _ in [] }))
        var moved = wednesday
        moved.start = F.tuesday(12)
        moved.end = F.tuesday(12, 30)
        moved.status = .rescheduled
        await #expect(throws: StoreConflict.dayFull(limit: 2)) {
            try await t.store.updateBooking(moved, expecting: wednesday, events: [], manageTokenHash: nil, notices: [],
                                            busyLogin: nil, dayCap: dayCap)
        }
        #expect(try await t.store.booking(id: wednesday.id)?.start == F.ny(day: 25, 10), "nothing changed")
        var within = byStaff
        within.start = F.tuesday(16, 30)
        within.end = F.tuesday(17)
        within.status = .rescheduled
        await #expect(throws: StoreConflict.dayFull(limit: 2)) {
            try await t.store.updateBooking(within, expecting: byStaff, events: [], manageTokenHash: nil, notices: [],
                                            busyLogin: nil, dayCap: dayCap)
        }
        // A cancellation frees a place: the day counts live bookings only.
        for booking in [byStaff] + tuesday.dropFirst() {
            var canceled = booking
            canceled.status = .canceledByStaff
            try await t.store.updateBooking(canceled, expecting: booking, events: [], manageTokenHash: nil)
        }
        try await t.store.updateBooking(moved, expecting: wednesday, events: [], manageTokenHash: nil, notices: [],
                                        busyLogin: nil, dayCap: dayCap)
        #expect(try await t.store.booking(id: wednesday.id)?.start == F.tuesday(12))
    }
}

/// Buffers on every store: the time a meeting keeps free around itself is kept by the store's own
/// no-overlap guarantee, so two bookings racing for times five minutes apart with a ten-minute
/// buffer cannot both land; buffers keep calendar events apart too, and a booking keeps the
/// buffers it was made with when the page's change.
@Suite("buffers on the stores")
struct BuffersOnStoresTests {
    typealias F = StoreFixture

    @Test("buffers under a race, in offers and around calendar events (SQLite)") func sqlite() async throws { try await buffers(.sqlite) }
    @Test("buffers under a race, in offers and around calendar events (PostgreSQL)", .postgres) func postgres() async throws { try await buffers(.postgres) }
    @Test("buffers under a race, in offers and around calendar events (in memory)") func memory() async throws { try await buffers(.memory) }

    static func attempt(_ body: () async throws -> Booking) async -> Result<Booking, Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    func buffers(_ kind: StoreKind) async throws {
        var workspace = F.workspace
        // Ann's page: slots every 5 minutes, 10 minutes kept free after each meeting.
        workspace.bookingPages[0].scheduling = SchedulingControls(interval: 5, bufferAfter: 10)
        workspace.bookingPages[0].ownerLogin = "ann.buffers"
        // The 60-minute meeting has its own controls: every store keeps them with the page.
        let own = [EventScheduling(eventTypeID: 3, controls: SchedulingControls(minimumNotice: 24 * 60, bufferAfter: 30))]
        workspace.bookingPages[0].eventScheduling = own
        let t = try await TestStore(kind, seed: workspace)
        defer { t.remove() }
        #expect(try await t.store.workspace().bookingPages.first { $0.id == 10 }?.eventScheduling == own)
        let desk = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now))
        let other = try await t.secondConnection()
        let rival = Linkdesk(store: other, base: .default, time: FixedTime(F.now))
        func online(_ desk: Linkdesk, _ start: Date, _ n: Int) async throws -> Booking {
            try await desk.bookOnline(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting", start: start,
                                                      form: Personalization(name: "Racer \(n)", email: "r\(n)@example.com"))).booking
        }

        // Two customers at once, for 10:00 and 10:35 (5 minutes apart after the first's end): one wins.
        let outcomes = await withTaskGroup(of: Result<Booking, Error>.self) { group in
            group.addTask { await Self.attempt { try await online(desk, F.tuesday(10), 1) } }
            group.addTask { await Self.attempt { try await online(rival, F.tuesday(10, 35), 2) } }
            var all: [Result<Booking, Error>] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let won = outcomes.compactMap { try? $0.get() }
        #expect(won.count == 1, "\(outcomes)")
        let lost = outcomes.compactMap { outcome -> Refusal.Reason? in
            if case .failure(let refusal as Refusal) = outcome { return refusal.reason }
            return nil
        }
        #expect(lost == [.slotTaken], "\(outcomes)")
        #expect(try await t.store.bookings(BookingQuery(liveOnly: true, teamMember: 10)).count == 1)
        let first = try #require(won.first)
        #expect(first.buffers == MeetingBuffers(before: 0, after: 10))
        let stored = try await t.store.booking(id: first.id)
        #expect(stored?.buffers == MeetingBuffers(before: 0, after: 10), "the store keeps the buffers it was made with")

        // The offer leaves out what the buffers keep free, on either side of the booking that won.
        let offered = try await desk.offer(Links.general("ann"), event: "30-minute meeting", days: 2).slots.map(\.start)
        let end = first.end
        #expect(!offered.contains(end) && !offered.contains(end.addingTimeInterval(5 * 60)))
        #expect(offered.contains(end.addingTimeInterval(10 * 60)), "free again once the buffer is over")
        // A meeting of this page must end 10 minutes before the next one starts.
        #expect(!offered.contains(first.start.addingTimeInterval(-35 * 60)))
        #expect(offered.contains(first.start.addingTimeInterval(-40 * 60)))

        // Around calendar events too: busy 14:00–15:00 keeps 13:25 (ends 13:55, buffer to 14:05) out.
        let calendar = try await t.store.saveCalendar(StaffCalendar(staffLogin: "ann.buffers", name: "work",
                                                                    source: .ics(url: "https://cal.example/x.ics")), events: [])
        try await t.store.recordCalendarSync(id: calendar.id, reading: .busy([BusyInterval(start: F.tuesday(14), end: F.tuesday(15))], events: 1),
                                             at: F.now)
        let around = try await desk.offer(Links.general("ann"), event: "30-minute meeting", days: 2).slots.map(\.start)
        #expect(!around.contains(F.tuesday(13, 25)) && around.contains(F.tuesday(13, 20)) && around.contains(F.tuesday(15)))
        // The store refuses it even when asked directly (a page shown before the sync).
        await #expect(throws: StoreConflict.busyInCalendar) {
            var late = F.draft("Late", "late@example.com", at: F.tuesday(13, 25))
            late.buffers = MeetingBuffers(before: 0, after: 10)
            _ = try await t.store.insertBooking(NewBooking(booking: late, consumes: nil, requiresSlug: "ann", busyLogin: "ann.buffers",
                                                           events: { _ in [] }))
        }

        // The page's buffers change: the booking keeps its own, so nothing stored overlaps.
        _ = try await desk.applyEdit { workspace in
            var workspace = workspace
            workspace.bookingPages[0].scheduling = SchedulingControls(interval: 5)
            return workspace
        }
        #expect(try await t.store.booking(id: first.id)?.buffers == MeetingBuffers(before: 0, after: 10))
        await #expect(throws: Refusal(.slotTaken)) { _ = try await online(desk, end.addingTimeInterval(5 * 60), 3) }
        #expect(try await online(desk, end.addingTimeInterval(10 * 60), 4).buffers == nil, "no buffers on the page any more")
    }
}

@Suite("a new workspace's default notice")
struct NewPageNoticeTests {
    @Test("a page added without a notice gets the workspace's; a file that sets the default itself is planned with its own")
    func defaults() async throws {
        var workspace = StoreFixture.workspace
        let store = InMemoryStore(workspace: workspace)
        try await store.saveSettings([WorkspaceSettings.Name.newPageMinimumNotice.rawValue: "240"], events: [])
        let desk = Linkdesk(store: store, base: .default, time: FixedTime(StoreFixture.now))
        var added = workspace.bookingPages[0]
        added.id = -1
        added.slug = "newcomer"
        added.name = "Newcomer"
        workspace.bookingPages.append(added)
        let stored = try await desk.planWorkspace(workspace).proposed.bookingPages.first { $0.slug == "newcomer" }
        #expect(stored?.scheduling?.minimumNotice == 240)
        #expect(try await desk.planWorkspace(workspace).proposed.bookingPages.first { $0.slug == "ann" }?.scheduling == nil,
                "a page that exists keeps what it has")
        let own = try await desk.planWorkspace(workspace, settings: WorkspaceSettings()).proposed.bookingPages.first { $0.slug == "newcomer" }
        #expect(own?.scheduling == nil, "the file's own settings say no default")
    }
}
