import Foundation
import Testing
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal

/// Bookings made by hand on the demo workspace, a fixed clock, and the console on the Bookings
/// view. Names are prefixed so they can't clash with other console test files.
private enum BookingsFixture {
    static let now = ISO8601.date("2026-11-23T12:00:00Z") ?? Date(timeIntervalSince1970: 0)
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let rows = ConsoleState.viewRows(height: 24)

    static func workspace() throws -> Workspace {
        let data = try Data(contentsOf: root.appendingPathComponent("Assets/demo-workspace.json"))
        return try JSONDecoder().decode(Workspace.self, from: data)
    }

    static func at(_ text: String) -> Date { ISO8601.date(text) ?? now }

    /// A booking on a demo booking page (10 Cactus Co Main, 11 Sales call, 12 Marketing call,
    /// 13 Support desk) with that page's policy, unless one is given.
    static func booking(_ id: BookingID, _ name: String, member: PageID = 10, via page: PageID? = nil, event: EventTypeID = 2,
                        start: String = "2026-11-24T14:00:00Z", status: BookingStatus = .scheduled, kind: Link.Kind = .general,
                        linkID: String? = nil, slug: String? = nil, reason: String? = nil, policy: ChangePolicy? = nil,
                        email: String? = nil) throws -> Booking {
        let ws = try workspace()
        let memberPage = try #require(ws.bookingPage(id: member))
        let minutes = try #require(ws.eventType(id: event)).minutes
        let begin = at(start)
        return Booking(id: id, pageID: page ?? member, slugUsed: kind == .oneTime ? nil : (slug ?? memberPage.slug),
                       teamMemberID: member, eventTypeID: event, start: begin,
                       end: begin.addingTimeInterval(TimeInterval(minutes * 60)), status: status,
                       customer: Customer(name: name, email: email ?? "customer\(id)@example.com"), details: Personalization(),
                       linkKind: kind, linkID: linkID, policy: policy ?? memberPage.policy,
                       createdAt: at("2026-11-20T14:03:00Z"), reason: reason)
    }

    static func data(_ bookings: [Booking], total: Int? = nil, offset: Int = 0, search: String = "") throws -> ConsoleData {
        ConsoleData(workspace: try workspace(), bookings: BookingWindow(search: search, offset: offset, rows: bookings,
                                                                          total: total ?? bookings.count),
                    now: now, base: .default)
    }

    /// The demo list: every page, link kind and status, in the store's order (start, id).
    static func demo() throws -> [Booking] {
        [
            try booking(8, "Maria García", member: 11, via: 20, event: 1, start: "2026-11-19T15:00:00Z", status: .noShow,
                        kind: .oneTime, linkID: "M4XR7TQ9"),
            try booking(6, "Li Wei 李伟", member: 13, start: "2026-11-20T15:00:00Z", status: .completed),
            try booking(3, "Jane Smythe", member: 11, via: 20, event: 1, start: "2026-11-24T14:00:00Z", kind: .oneTime,
                        linkID: "B6QK7HVE", email: "jane.smythe@example.com"),
            try booking(4, "Omar Haddad", member: 10, event: 3, start: "2026-11-24T16:00:00Z"),
            try booking(5, "Ana Lima", member: 12, start: "2026-11-25T15:30:00Z", status: .rescheduled, kind: .personalized),
            try booking(7, "Bob Okafor", member: 13, start: "2026-11-26T18:00:00Z", status: .canceledByCustomer,
                        reason: "Travel plans changed"),
            try booking(9, "Priya Natarajan-Subramanian", member: 10, start: "2026-11-27T14:30:00Z", slug: "cactus-old"),
            try booking(10, "Sam Lee", member: 11, event: 2, start: "2026-11-30T19:00:00Z", kind: .campaign),
        ]
    }

    /// `count` bookings with ids 1…count, a start every half hour, for paging.
    static func many(_ range: Range<Int>) throws -> [Booking] {
        let base = at("2026-12-01T14:00:00Z")
        let template = try booking(1, "x")
        return range.map { index in
            var b = template
            b.id = BookingID(index + 1)
            b.customer = Customer(name: "Customer \(index + 1)", email: "c\(index + 1)@example.com")
            b.start = base.addingTimeInterval(TimeInterval(index * 1800))
            b.end = b.start.addingTimeInterval(1800)
            return b
        }
    }

    static func console() -> ConsoleState {
        var state = ConsoleState(nextToken: "B6QK7HVEM2XRT")
        state.view = .bookings
        return state
    }

    static func buffer(_ state: ConsoleState, _ data: ConsoleData) -> CellBuffer {
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        return buffer
    }

    /// Compares with Screens/<name>.txt (re-record with LINKDESK_RECORD_SCREENS=1) and returns the rows.
    @discardableResult
    static func screen(_ state: ConsoleState, _ data: ConsoleData, _ name: String,
                       sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let rows = buffer(state, data).lines()
        let file = root.appendingPathComponent("Screens/\(name).txt")
        if let diff = GoldenScreens.compare(actual: rows, file: file, record: GoldenScreens.recording) {
            Issue.record(Comment(rawValue: diff), sourceLocation: sourceLocation)
        }
        return rows
    }
}

extension ConsoleState {
    /// Presses keys in order against one snapshot; returns every effect asked for.
    @discardableResult
    fileprivate mutating func press(_ keys: Key..., data: ConsoleData) -> [ConsoleEffect] {
        keys.compactMap { handle($0, data: data, rows: BookingsFixture.rows) }
    }

    @discardableResult
    fileprivate mutating func type(_ text: String, data: ConsoleData) -> [ConsoleEffect] {
        text.compactMap { handle(.char($0), data: data, rows: BookingsFixture.rows) }
    }
}

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

@Suite("Bookings view: hostile customer text")
struct BookingsHostileTests {
    static let names = [
        "Eve \u{1B}[31mRED\u{1B}[0m",
        "Carriage\rReturn",
        "Back\u{8}\u{8}\u{8}space",
        "Tab\tbed\tname",
        "Nul\u{0}byte",
        "Bidi \u{202E}evil.exe\u{202C} end",
        String(repeating: "W", count: 10_000),
    ]

    func data() throws -> ConsoleData {
        let bookings = try Self.names.enumerated().map { index, name in
            try BookingsFixture.booking(BookingID(index + 1), name, member: 12,
                                        start: "2026-11-24T1\(index):00:00Z", email: name + "@example.com")
        }
        return try BookingsFixture.data(bookings)
    }

    /// Text of cells x..<x+width on row y.
    func cells(_ buffer: CellBuffer, y: Int, x: Int, width: Int) -> String {
        (x..<(x + width)).compactMap { buffer.cell(x: $0, y: y)?.text }.joined()
    }

    func expectClean(_ buffer: CellBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<buffer.height {
            let line = buffer.lines()[y]
            #expect(DisplayWidth.of(line) <= buffer.width, "row \(y) is wider than the screen", sourceLocation: sourceLocation)
            let bad = line.unicodeScalars.filter { Sanitizer.isNeutralised($0) || $0.value < 0x20 }
            #expect(bad.isEmpty, "row \(y) holds control scalars \(bad.map(\.value))", sourceLocation: sourceLocation)
        }
    }

    @Test("hostile names neither move the LINK and STATUS columns nor reach the screen raw")
    func columnsHold() throws {
        let data = try data()
        let state = BookingsFixture.console()
        let buffer = BookingsFixture.buffer(state, data)
        expectClean(buffer)
        let header = buffer.lines()[2]
        let linkX = try #require(header.range(of: "LINK").map { header.distance(from: header.startIndex, to: $0.lowerBound) })
        let statusX = try #require(header.range(of: "STATUS").map { header.distance(from: header.startIndex, to: $0.lowerBound) })
        for row in 0..<Self.names.count {
            let y = 3 + row
            #expect(cells(buffer, y: y, x: linkX, width: 8) == "general ", "row \(y): \(buffer.lines()[y])")
            #expect(cells(buffer, y: y, x: statusX, width: 9) == "Scheduled", "row \(y): \(buffer.lines()[y])")
        }
        let text = buffer.lines().joined(separator: "\n")
        #expect(text.contains("Eve ␛[31mRED"), "ESC shows as a picture, so staff see it was tried")
        #expect(text.contains("Nul␀byte"))
        #expect(text.contains("Tab␉bed"))
        #expect(text.contains("Bidi �evil"))
        #expect(text.contains("WWW…"), "the 10,000-character name is clipped with an ellipsis")
    }

    @Test("the details box of a hostile booking stays inside its border")
    func detailsHold() throws {
        let data = try data()
        for row in 0..<Self.names.count {
            var state = BookingsFixture.console()
            for _ in 0..<row { state.press(.down, data: data) }
            state.press(.enter, data: data)
            let buffer = BookingsFixture.buffer(state, data)
            expectClean(buffer)
            let right = try #require((0..<buffer.width).last { buffer.cell(x: $0, y: 3)?.text == "┐" })
            let bottom = try #require((4..<buffer.height).first { buffer.cell(x: right, y: $0)?.text == "┘" })
            for y in 4..<bottom {
                #expect(buffer.cell(x: right, y: y)?.text == "│", "row \(y) of the details of booking \(row + 1): \(buffer.lines()[y])")
            }
        }
    }

    @Test("the cancel confirmation of a 10,000-character name stays inside its box")
    func confirmationHolds() throws {
        let notAsked = ChangePolicy(cancel: .anyTime, cancelReason: .notAsked, reschedule: .anyTime, rescheduleReason: .notAsked)
        let long = try BookingsFixture.booking(1, "Nul\u{0}" + String(repeating: "W", count: 10_000), member: 13, policy: notAsked)
        var state = BookingsFixture.console()
        let data = try BookingsFixture.data([long])
        state.press(.char("c"), data: data)
        let buffer = BookingsFixture.buffer(state, data)
        expectClean(buffer)
        let top = try #require((0..<buffer.height).first { y in (0..<buffer.width).contains { buffer.cell(x: $0, y: y)?.text == "┌" } })
        let right = try #require((0..<buffer.width).last { buffer.cell(x: $0, y: top)?.text == "┐" })
        let bottom = try #require(((top + 1)..<buffer.height).first { buffer.cell(x: right, y: $0)?.text == "┘" })
        for y in (top + 1)..<bottom {
            #expect(buffer.cell(x: right, y: y)?.text == "│", "row \(y): \(buffer.lines()[y])")
            #expect(buffer.cell(x: right + 1, y: y)?.text == " ", "nothing spills right of the box on row \(y)")
        }
        #expect(buffer.lines().joined().contains("Nul␀WWW"))
    }

    @Test("reference screen: the hostile names")
    func hostileScreen() throws {
        let rows = BookingsFixture.screen(BookingsFixture.console(), try data(), "console-bookings-hostile")
        #expect(rows[3].contains("␛[31mRED"))
    }
}

@Suite("Bookings view: reference screens")
struct BookingsScreensTests {
    @Test("the list")
    func list() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, data: data)
        let rows = BookingsFixture.screen(state, data, "console-bookings")
        let text = rows.joined(separator: "\n")
        #expect(rows[2].contains("ID") && rows[2].contains("START") && rows[2].contains("STATUS"))
        #expect(text.contains("Nov 24 09:00"), "Jane's 14:00 UTC start in the team member's New York time")
        #expect(text.contains("3 of 8"))
        #expect(text.contains("one-time") && text.contains("personal") && text.contains("campaign"))
        #expect(text.contains("No-show") && text.contains("Canceled") && text.contains("Rescheduled"))
        #expect(rows[23].contains("c cancel") && rows[23].contains("r reschedule"))
    }

    @Test("details of a one-time booking")
    func details() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, .enter, data: data)
        let text = BookingsFixture.screen(state, data, "console-bookings-details").joined(separator: "\n")
        #expect(text.contains("Booking #3"))
        #expect(text.contains("jane.smythe@example.com"))
        #expect(text.contains("Sales call (master page)"))
        #expect(text.contains("Sales call — Jordan Reyes"))
        #expect(text.contains("one-time · id B6QK7HVE"))
        #expect(text.contains("Tue 24 Nov 2026 09:00–09:15 America/New_York"))
        #expect(text.contains("any time before the meeting · reason required"))
        #expect(text.contains("up to 2 hours before · reason optional"))
    }

    @Test("details of a booking made through a former link, with its reason")
    func detailsFormerLink() throws {
        var bookings = try BookingsFixture.demo()
        bookings[6].reason = "Asked to move"
        let data = try BookingsFixture.data(bookings)
        var state = BookingsFixture.console()
        for _ in 0..<6 { state.press(.down, data: data) }
        state.press(.enter, data: data)
        let text = BookingsFixture.buffer(state, data).lines().joined(separator: "\n")
        #expect(text.contains("Cactus Co Main (booking page) · former link /cactus-old"))
        #expect(text.contains("Asked to move"))
    }

    @Test("the slot picker open")
    func reschedulePicker() throws {
        var data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, .down, .down, data: data)  // Ana Lima, Marketing call
        state.press(.char("r"), data: data)
        let first = BookingsFixture.at("2026-11-24T14:00:00Z")
        let slots = (0..<30).map { first.addingTimeInterval(TimeInterval($0 * 1800)) }
        data.reschedule = RescheduleSlots(bookingID: 5, slots: slots, timeZone: "America/New_York")
        state.press(.down, .down, data: data)
        let text = BookingsFixture.screen(state, data, "console-bookings-reschedule").joined(separator: "\n")
        #expect(text.contains("Reschedule booking #5 — 3 of 30"))
        #expect(text.contains("Ana Lima · 30-minute meeting · Marketing call · times in America/New_York"))
        #expect(text.contains("Tue 24 Nov 2026 10:00–10:30"))
        #expect(text.contains("Enter move here"))
    }

    @Test("the cancel reason prompt")
    func cancelReasonPrompt() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, .char("c"), data: data)
        state.type("Customer asked", data: data)
        let text = BookingsFixture.screen(state, data, "console-bookings-cancel-reason").joined(separator: "\n")
        #expect(text.contains("Cancel booking #3"))
        #expect(text.contains("Reason (the policy requires one)"))
        #expect(text.contains("Customer asked"))
    }
}
