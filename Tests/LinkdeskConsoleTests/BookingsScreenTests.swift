import Foundation
import Testing
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal

@Suite("Bookings view: paging and filter")
struct BookingsPagingTests {
    /// 1,000 bookings, the first window (0…199) loaded, 18 list rows visible.
    func firstWindow() throws -> ConsoleData {
        try BookingsFixture.data(try BookingsFixture.many(0..<200), total: 1_000)
    }

    @Test("moving inside the loaded window asks for nothing; one row past it asks for a window around the cursor")
    func pagingAtWindowEdge() throws {
        var state = BookingsFixture.console()
        let data = try firstWindow()
        let inside = (0..<199).flatMap { _ in state.press(.down, data: data) }
        #expect(inside.isEmpty)
        #expect(state.bookings.cursor.selected == 199)
        #expect(state.bookings.selectedBooking(data)?.id == 200)
        // Row 200 is not loaded: visible rows 183…200 → a window centred on them.
        #expect(state.press(.down, data: data) == [.loadBookings(search: "", offset: 92)])
        #expect(state.bookings.cursor.selected == 200)
    }

    @Test("the next window keeps the cursor's absolute position; moving above it asks again")
    func pagingUpOutOfWindow() throws {
        var state = BookingsFixture.console()
        state.bookings.cursor.selected = 100
        state.bookings.cursor.top = 92
        let data = try BookingsFixture.data(try BookingsFixture.many(92..<292), total: 1_000, offset: 92)
        #expect(state.bookings.selectedBooking(data)?.id == 101)
        #expect(state.press(.up, data: data).isEmpty)                // 99: top 92 still loaded
        let effects = (0..<8).flatMap { _ in state.press(.up, data: data) }
        #expect(effects == [.loadBookings(search: "", offset: 0)])  // 91 < 92: back to the start, clamped
        #expect(state.bookings.cursor.selected == 91)
    }

    @Test("End and Home jump to windows at the ends of the list, clamped to it")
    func endAndHome() throws {
        var state = BookingsFixture.console()
        let data = try firstWindow()
        #expect(state.press(.end, data: data) == [.loadBookings(search: "", offset: 800)])
        #expect(state.bookings.cursor.selected == 999)
        let last = try BookingsFixture.data(try BookingsFixture.many(800..<1_000), total: 1_000, offset: 800)
        #expect(state.bookings.selectedBooking(last)?.id == 1_000)
        #expect(state.press(.pageUp, data: last).isEmpty)
        #expect(state.press(.home, data: last) == [.loadBookings(search: "", offset: 0)])
    }

    @Test("the footer counts the absolute position against the total")
    func footerCount() throws {
        var state = BookingsFixture.console()
        let data = try BookingsFixture.data(try BookingsFixture.many(92..<292), total: 100_000, offset: 92)
        state.bookings.cursor.selected = 150
        state.bookings.cursor.top = 140
        let text = BookingsFixture.buffer(state, data).lines().joined(separator: "\n")
        #expect(text.contains("151 of 100,000"))
        #expect(text.contains("Customer 141"), "the first visible row is absolute row 140")
        #expect(!text.contains("Customer 140 "))
    }

    @Test("each filter keystroke asks for the first window of the new search; Esc clears it")
    func filterEffects() throws {
        var state = BookingsFixture.console()
        let data = try firstWindow()
        state.press(.down, .down, .down, data: data)
        #expect(state.press(.char("/"), data: data).isEmpty)
        #expect(state.filtering)
        #expect(state.type("ja", data: data) == [.loadBookings(search: "j", offset: 0), .loadBookings(search: "ja", offset: 0)])
        #expect(state.bookings.cursor.selected == 0, "a new filter starts at its top")
        #expect(state.press(.backspace, data: data) == [.loadBookings(search: "j", offset: 0)])
        #expect(state.press(.esc, data: data) == [.loadBookings(search: "", offset: 0)])
        #expect(state.bookings.filter.isEmpty)
    }

    @Test("rows of a search not yet loaded are never offered as the selection")
    func staleWindowIsNotSelectable() throws {
        var state = BookingsFixture.console()
        state.bookings.filter = "ja"
        let data = try firstWindow()  // still the unfiltered window
        #expect(state.bookings.selectedBooking(data) == nil)
        #expect(state.press(.char("m"), data: data).isEmpty)
        #expect(state.status == "no booking selected")
        #expect(BookingsFixture.buffer(state, data).lines().joined().contains("Loading…"))
    }

    @Test("a reload that inserts a booking above keeps the same booking selected; a shorter list clamps")
    func cursorKeptAcrossReload() throws {
        var state = BookingsFixture.console()
        let before = try BookingsFixture.data(try BookingsFixture.many(0..<50))
        (0..<10).forEach { _ in state.press(.down, data: before) }
        #expect(state.bookings.selectedBooking(before)?.id == 11)
        var rows = try BookingsFixture.many(0..<50)
        var early = try BookingsFixture.booking(500, "Early bird", start: "2026-11-30T14:00:00Z")
        early.start = rows[0].start.addingTimeInterval(-3_600)
        rows.insert(early, at: 0)
        let after = try BookingsFixture.data(rows)
        #expect(state.bookings.selectedBooking(after)?.id == 11)
        #expect(BookingsFixture.buffer(state, after).lines().joined(separator: "\n").contains("12 of 51"))
        state.press(.down, data: after)
        #expect(state.bookings.selectedBooking(after)?.id == 12)
        let shorter = try BookingsFixture.data(try BookingsFixture.many(0..<5))
        state.bookings.selectedID = nil
        #expect(state.bookings.position(in: shorter, visible: 18).selected == 4)
    }
}

@Suite("Bookings view: actions")
struct BookingsActionTests {
    /// The console with the cursor on the booking with this id in `data`.
    func console(on id: BookingID, _ data: ConsoleData) throws -> ConsoleState {
        var state = BookingsFixture.console()
        let index = try #require(data.bookings.rows.firstIndex { $0.id == id })
        for _ in 0..<index { state.press(.down, data: data) }
        #expect(state.bookings.selectedBooking(data)?.id == id)
        return state
    }

    @Test("cancel with a mandatory reason: a required prompt that refuses an empty answer")
    func cancelMandatory() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = try console(on: 3, data)  // Sales call: reason mandatory
        #expect(state.press(.char("c"), data: data).isEmpty)
        guard case .prompt(let prompt)? = state.modal else { Issue.record("no prompt"); return }
        #expect(prompt.purpose == .cancelReason(3, required: true))
        #expect(state.press(.enter, data: data).isEmpty)
        guard case .prompt(let stillOpen)? = state.modal else { Issue.record("the prompt closed"); return }
        #expect(stillOpen.problem == "the policy requires a reason to cancel")
        #expect(state.type("Double booked", data: data).isEmpty)
        #expect(state.press(.enter, data: data) == [.cancel(booking: 3, reason: "Double booked")])
        #expect(state.modal == nil)
    }

    @Test("cancel with an optional reason: Enter alone cancels without one")
    func cancelOptional() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = try console(on: 4, data)  // Cactus Co Main: reason optional
        state.press(.char("c"), data: data)
        guard case .prompt(let prompt)? = state.modal else { Issue.record("no prompt"); return }
        #expect(prompt.purpose == .cancelReason(4, required: false))
        #expect(state.press(.enter, data: data) == [.cancel(booking: 4, reason: nil)])
    }

    @Test("cancel when no reason is asked: a confirmation, n keeps the booking, y cancels")
    func cancelNotAsked() throws {
        let notAsked = ChangePolicy(cancel: .anyTime, cancelReason: .notAsked, reschedule: .anyTime, rescheduleReason: .notAsked)
        // On Sales call (whose policy today asks a reason): the booking's own copy decides.
        let booking = try BookingsFixture.booking(21, "Kim Park", member: 11, policy: notAsked)
        let data = try BookingsFixture.data([booking])
        var state = BookingsFixture.console()
        state.press(.char("c"), data: data)
        guard case .confirm(let confirmation)? = state.modal else { Issue.record("no confirmation"); return }
        #expect(confirmation.effect == .cancel(booking: 21, reason: nil))
        #expect(state.press(.char("n"), data: data).isEmpty)
        #expect(state.modal == nil)
        state.press(.char("c"), data: data)
        #expect(state.press(.char("y"), data: data) == [.cancel(booking: 21, reason: nil)])
    }

    @Test("a booking that is no longer live can't be canceled or rescheduled: the key says why")
    func cancelRefusedForCanceled() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = try console(on: 7, data)  // canceled by customer
        #expect(state.press(.char("c"), data: data).isEmpty)
        #expect(state.modal == nil)
        #expect(state.status == "booking 7 is canceled by customer: it can't be canceled")
        #expect(state.statusFailed)
        #expect(state.press(.char("r"), data: data).isEmpty)
        #expect(state.bookings.picker == nil)
        #expect(state.status == "booking 7 is canceled by customer: it can't be rescheduled")
    }

    @Test("reschedule: loads slots, offers them only for this booking, Enter moves to the chosen start and closes")
    func rescheduleFlow() throws {
        var data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = try console(on: 5, data)
        #expect(state.press(.char("r"), data: data) == [.loadRescheduleSlots(booking: 5)])
        #expect(state.bookings.picker?.bookingID == 5)
        data.reschedule = RescheduleSlots(bookingID: 4, slots: [BookingsFixture.now], timeZone: "America/New_York")
        #expect(state.press(.enter, data: data).isEmpty, "slots of another booking are never offered")
        let slots = (0..<3).map { BookingsFixture.at("2026-11-24T14:00:00Z").addingTimeInterval(TimeInterval($0 * 1800)) }
        data.reschedule = RescheduleSlots(bookingID: 5, slots: slots, timeZone: "America/New_York")
        #expect(state.press(.down, .down, .down, .up, data: data).isEmpty)
        #expect(state.bookings.cursor.selected == 4, "↑/↓ move in the picker, not the list")
        #expect(state.press(.enter, data: data) == [.reschedule(booking: 5, start: slots[1])])
        #expect(state.bookings.picker == nil, "closed: a refusal then shows in the status line, r opens fresh slots")
        #expect(state.view == .bookings)
    }

    @Test("Esc closes the picker, then the details, before it goes back")
    func escapeClosesPanels() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.history = [.pages]
        state.press(.down, .down, .enter, data: data)  // Jane, live
        #expect(state.bookings.showsDetails)
        state.press(.char("r"), data: data)
        #expect(state.press(.esc, data: data).isEmpty)
        #expect(state.bookings.picker == nil)
        #expect(state.bookings.showsDetails && state.view == .bookings)
        state.press(.esc, data: data)
        #expect(!state.bookings.showsDetails && state.view == .bookings)
        state.press(.esc, data: data)
        #expect(state.view == .pages)
    }

    @Test("m and n mark the selected booking completed and no-show")
    func markEffects() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = try console(on: 6, data)
        #expect(state.press(.char("m"), data: data) == [.mark(booking: 6, status: .completed)])
        #expect(state.press(.char("n"), data: data) == [.mark(booking: 6, status: .noShow)])
        #expect(state.press(.down, .char("n"), data: data) == [.mark(booking: 3, status: .noShow)])
    }

    @Test("s presets the Share pop-up to the page the booking came through")
    func sharePreset() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        let state = try console(on: 3, data)
        #expect(state.bookings.selectedPage(data) == 20)
    }
}
