import Foundation
import Testing
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import LinkdeskTestSupport

/// The console as a member sees it (SPEC §8): their booking page "Owned by you", the keys their
/// role can't use shown unavailable with the rule's sentence, and the Bookings view's "mine / all".
@Suite("the console as a member")
struct MemberViewTests {
    /// Jordan Reyes, a member who owns the demo's booking page salescall555 (#11).
    static let jordan = Viewer(login: "jordan", role: .member, isStaffMember: true)

    static func memberData(_ bookings: [Booking]) throws -> ConsoleData {
        var data = try BookingsFixture.data(bookings)
        data.workspace.bookingPages = data.workspace.bookingPages.map { page in
            var page = page
            if page.id == 11 { page.ownerLogin = "jordan" }
            return page
        }
        data.viewer = jordan
        return data
    }

    @Test("Pages: \"Owned by you\" on their page; change link unavailable on another's, with the rule")
    func pages() throws {
        let data = try Self.memberData([])
        var state = ConsoleState(nextToken: "B6QK7HVEM2XRT")
        let rows = BookingsFixture.screen(state, data, "console-pages-member")
        #expect(rows.contains { $0.contains("Owned by you") })
        #expect(rows.filter { $0.contains("Owned by you") }.count == 1, "only their own page")
        state.press(.char("c"), data: data)  // on Cactus Co Main (#10): Dana Haddad's
        var buffer = BookingsFixture.buffer(state, data)
        #expect(buffer.lines().joined().contains("only the owner of this page or an administrator can change its link"))
        let own = data.workspace.pages.firstIndex { $0.id == 11 } ?? 0
        state = ConsoleState(nextToken: "B6QK7HVEM2XRT")
        for _ in 0..<own { state.press(.down, data: data) }
        #expect(state.press(.char("c"), data: data).isEmpty)
        buffer = BookingsFixture.buffer(state, data)
        #expect(!buffer.lines().joined().contains("only the owner"), "their own page's link is theirs to change")
    }

    @Test("Pages: the owner's calendars in their page's details; a stale one says so and why")
    func calendars() throws {
        var data = try Self.memberData([])
        let now = data.now
        data.calendars = [StaffCalendar(id: 1, staffLogin: "jordan", name: "work", source: .ics(url: "https://cal.example/s3cr3t.ics"),
                                        sync: CalendarSyncState(lastGoodSync: now.addingTimeInterval(-60), eventCount: 12, lastAttempt: now))]
        var state = ConsoleState(nextToken: "B6QK7HVEM2XRT")
        let own = data.workspace.pages.firstIndex { $0.id == 11 } ?? 0
        for _ in 0..<own { state.press(.down, data: data) }
        #expect(BookingsFixture.buffer(state, data).lines().contains { $0.contains("Calendars: work (12 busy)") })
        data.calendars[0].sync.lastError = "the feed answered HTTP 404"
        let rows = BookingsFixture.screen(state, data, "console-pages-calendar-stale")
        #expect(rows.contains { $0.contains("calendar jordan/work may be out of date") })
        #expect(!rows.joined().contains("s3cr3t"), "a feed's address is never shown")
        state = ConsoleState(nextToken: "B6QK7HVEM2XRT")
        #expect(!BookingsFixture.buffer(state, data).lines().joined().contains("Calendars"), "another's page shows none")
    }

    @Test("Bookings: another member's booking can't be changed; their own can; `a` shows only theirs")
    func bookings() throws {
        let data = try Self.memberData(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, .down, data: data)  // Omar Haddad, on Cactus Co Main (#10)
        let rows = BookingsFixture.screen(state, data, "console-bookings-member")
        #expect(rows.last?.contains("a mine") == true, "the toggle is in the hint bar: \(rows.last ?? "")")
        #expect(state.press(.char("c"), data: data).isEmpty)
        #expect(BookingsFixture.buffer(state, data).lines().joined().contains("only the owner of this booking's page or an administrator can change it"))
        var own = BookingsFixture.console()
        own.press(.down, .down, data: data)  // Jane Smythe, with Sales call (#11): theirs
        #expect(own.press(.char("m"), data: data) == [.mark(booking: 3, status: .completed)])
        var mine = BookingsFixture.console()
        #expect(mine.press(.char("a"), data: data) == [.loadBookings(search: "", offset: 0, mine: true)])
        #expect(mine.press(.char("a"), data: data) == [.loadBookings(search: "", offset: 0, mine: false)])
    }

    @Test("with no staff, nothing changes: no \"Owned by you\", no \"mine\" in the hint bar")
    func noStaff() throws {
        var data = try Self.memberData(try BookingsFixture.demo())
        data.viewer = Viewer(login: "anyone", role: .administrator, isStaffMember: false)
        let state = BookingsFixture.console()
        let rows = BookingsFixture.buffer(state, data).lines()
        #expect(!(rows.last ?? "").contains("mine"))
        #expect(!BookingsFixture.buffer(ConsoleState(nextToken: "B6QK7HVEM2XRT"), data).lines().joined().contains("Owned by you"))
    }
}

@Suite("the Setup view with staff")
struct SetupStaffTests {
    /// The member's workspace with Ada, an administrator, and Jordan, a member, on the Setup view.
    static func staffed() throws -> (ConsoleData, ConsoleState) {
        var data = try MemberViewTests.memberData([])
        data.staff = [StaffMember(login: "ada", name: "Ada Admin", email: "ada@example.com", role: .administrator),
                      StaffMember(login: "jordan", name: "Jordan Reyes", email: "jordan@example.com", role: .member)]
        var state = ConsoleState(nextToken: "B6QK7HVEM2XRT")
        state.view = .setup
        return (data, state)
    }

    @Test("staff are listed with their role and pages; a member edits their own page's hours, not another's or a master page's team")
    func setup() throws {
        let (data, start) = try Self.staffed()
        var state = start
        let items = state.setup.items(data)
        #expect(items.suffix(2) == [.staff("ada"), .staff("jordan")])
        // Jordan's own page (#11): hours editable. Cactus Co Main (#10): not theirs.
        try SetupScreenTests.select("Sales call", kind: .booking, in: &state, data: data)
        #expect(state.handle(.char("h"), data: data, rows: 20) == nil)
        #expect(state.setup.form != nil, "their own page's hours open")
        state = ConsoleState(nextToken: "B6QK7HVEM2XRT")
        state.view = .setup
        try SetupScreenTests.select("Cactus Co Main", kind: .booking, in: &state, data: data)
        _ = state.handle(.char("h"), data: data, rows: 20)
        #expect(state.setup.form == nil)
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        #expect(buffer.lines().joined().contains("only the owner of this page or an administrator can change its hours"))
        for _ in 0..<(items.count) { _ = state.handle(.down, data: data, rows: 20) }
        let rows = GoldenScreens.expect({ var b = CellBuffer(width: 80, height: 24); state.render(into: &b, data: data); return b }(),
                                        named: "console-setup-staff")
        #expect(rows.joined().contains("STAFF") && rows.joined().contains("Owns") && rows.joined().contains("Sales call"))
    }

    @Test("a member connects a calendar of their own in Setup (l), not another's; x disconnects; a feed's address is not shown")
    func calendars() throws {
        var (data, state) = try Self.staffed()
        let items = state.setup.items(data)
        for _ in 0..<(items.count - 2) { _ = state.handle(.down, data: data, rows: 20) }  // Ada
        _ = state.handle(.char("l"), data: data, rows: 20)
        #expect(state.setup.form == nil, "not their calendars")
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        #expect(buffer.lines().joined().contains("only the staff member or an administrator can change their calendars"))

        _ = state.handle(.down, data: data, rows: 20)  // Jordan: their own
        _ = state.handle(.char("l"), data: data, rows: 20)
        #expect(state.setup.form?.title == "Connect a calendar of Jordan Reyes")
        for (index, text) in ["work", "", "https://dav.example.com/jordan/work/", "jordan", "$LINKDESK_CALDAV_JORDAN"].enumerated() {
            if index == 1 { _ = state.handle(.down, data: data, rows: 20); continue }  // the kind: CalDAV, as chosen
            for key in text { _ = state.handle(.char(key), data: data, rows: 20) }
            if index < 4 { _ = state.handle(.down, data: data, rows: 20) }
        }
        _ = GoldenScreens.expect({ var b = CellBuffer(width: 80, height: 24); state.render(into: &b, data: data); return b }(),
                                 named: "console-setup-calendar")
        let form = try SetupScreenTests.saved(state.handle(.enter, data: data, rows: 20))
        #expect(try form.calendarEdit()?.get() == .add(login: "jordan", name: "work",
                                                       source: .caldav(url: "https://dav.example.com/jordan/work/", user: "jordan",
                                                                       password: .environment("LINKDESK_CALDAV_JORDAN"))))

        // Connected: listed in their details, and x disconnects the ones switched off.
        data.calendars = [StaffCalendar(id: 1, staffLogin: "jordan", name: "feed", source: .ics(url: "https://cal.example/s3cr3t.ics"),
                                        sync: CalendarSyncState(lastGoodSync: data.now, eventCount: 3, lastAttempt: data.now))]
        state = ConsoleState(nextToken: "B6QK7HVEM2XRT")
        state.view = .setup
        for _ in 0..<(items.count - 1) { _ = state.handle(.down, data: data, rows: 20) }
        buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        #expect(buffer.lines().contains { $0.contains("Calendars") && $0.contains("feed (ics, 3 busy)") })
        #expect(!buffer.lines().joined().contains("s3cr3t"))
        _ = state.handle(.char("x"), data: data, rows: 20)
        _ = state.handle(.char(" "), data: data, rows: 20)
        let removal = try SetupScreenTests.saved(state.handle(.enter, data: data, rows: 20))
        #expect(try removal.calendarEdit()?.get() == .remove(login: "jordan", names: ["feed"]))
    }
}
