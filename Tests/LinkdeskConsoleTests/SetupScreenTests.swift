import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import Testing

/// The Setup view (issue 11 item 4): the workspace's items, each editor as a golden screen, and
/// what a save proposes (the runner applies it to the store's workspace through the plan).
@Suite("console: setup view")
struct SetupScreenTests {
    static func state(on data: ConsoleData) -> ConsoleState {
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("9"), data: data, rows: 20)
        return state
    }

    /// Moves the cursor to the item named `name` (the list is event types, booking pages, master pages).
    static func select(_ name: String, kind: Page.Kind?, in state: inout ConsoleState, data: ConsoleData) throws {
        let items = state.setup.items(data)
        let index = try #require(items.firstIndex { item in
            switch item {
            case .eventType(let id): kind == nil && data.workspace.eventType(id: id)?.name == name
            case .bookingPage(let id): kind == .booking && data.workspace.bookingPage(id: id)?.name == name
            case .masterPage(let id): kind == .master && data.workspace.masterPage(id: id)?.name == name
            case .staff: false
            }
        }, "no item \(name)")
        _ = state.handle(.home, data: data, rows: 20)
        for _ in 0..<index { _ = state.handle(.down, data: data, rows: 20) }
    }

    static func saved(_ effect: ConsoleEffect?) throws -> SetupForm {
        guard case .applySetup(let form)? = effect else {
            Issue.record("expected .applySetup, got \(String(describing: effect))")
            throw Refusal("no save")
        }
        return form
    }

    /// The runner's answer to a save that the store refused: the editor opens again for input.
    static func refused(_ state: inout ConsoleState, _ form: SetupForm) {
        state.receive(.failed(.applySetup(form), reason: "refused for the test"))
    }

    static func type(_ text: String, into state: inout ConsoleState, data: ConsoleData) {
        for character in text { _ = state.handle(.char(character), data: data, rows: 20) }
    }

    static func clearField(_ state: inout ConsoleState, data: ConsoleData) {
        _ = state.handle(.ctrl("u"), data: data, rows: 20)
    }

    @Test("9 opens Setup: event types, booking pages and master pages listed; a booking page's hours, policy and event types shown")
    func browse() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        #expect(state.view == .setup)
        try Self.select("Sales call", kind: .booking, in: &state, data: data)
        let rows = ConsoleFixture.expectScreen(state, data, "console-setup-booking-page")
        let text = rows.joined(separator: "\n")
        for page in data.workspace.pages { #expect(text.contains(page.name)) }
        for type in data.workspace.eventTypes { #expect(text.contains(type.name)) }
        #expect(text.contains("Mon") && text.contains("Sun") && text.contains("closed"))
        #expect(rows[0].contains("9 Setup") && DisplayWidth.of(rows[0].trimmingCharacters(in: .whitespaces)) <= 80,
                "nine views fit the tab line")
    }

    @Test("a master page shows its team and the primary team member of each event type")
    func masterDetails() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        try Self.select("Sales call", kind: .master, in: &state, data: data)
        let text = ConsoleFixture.expectScreen(state, data, "console-setup-master-page").joined(separator: "\n")
        #expect(text.contains("Team") && text.contains("Primaries") && text.contains("→"))
    }

    @Test("h edits weekly hours: several ranges a day, a day closed; Enter proposes exactly those hours")
    func hoursEditor() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        try Self.select("Sales call", kind: .booking, in: &state, data: data)
        _ = state.handle(.char("h"), data: data, rows: 20)
        #expect(state.setup.form != nil && state.setup.capturesTyping, "the Monday field has the keys")
        _ = ConsoleFixture.expectScreen(state, data, "console-setup-hours")
        // Monday: two ranges; "h" and "q" are text here, not shortcuts.
        Self.clearField(&state, data: data)
        Self.type("9-12, 13:00–17:30", into: &state, data: data)
        _ = state.handle(.tab, data: data, rows: 20)
        Self.clearField(&state, data: data)  // Tuesday closed
        #expect(state.view == .setup && state.setup.form != nil, "typing never switched views or quit")
        let form = try Self.saved(state.handle(.enter, data: data, rows: 20))
        let page = try #require(data.workspace.page(slug: "salescall555").flatMap { data.workspace.bookingPage(id: $0.id) })
        let proposal = try form.proposal(from: data.workspace).get()
        let edited = try #require(proposal.workspace.bookingPage(id: page.id))
        #expect(edited.availability.ranges(on: .monday) == [DayRange(day: .monday, openMinute: 540, closeMinute: 720),
                                                           DayRange(day: .monday, openMinute: 780, closeMinute: 1050)])
        #expect(edited.availability.ranges(on: .tuesday).isEmpty)
        #expect(edited.availability.ranges(on: .wednesday) == page.availability.ranges(on: .wednesday), "other days unchanged")
        #expect(proposal.workspace.masterPages == data.workspace.masterPages && proposal.workspace.eventTypes == data.workspace.eventTypes)
    }

    @Test("overlapping or malformed hours are refused with the day named, and the editor stays open with the text")
    func hoursRefused() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        try Self.select("Sales call", kind: .booking, in: &state, data: data)
        _ = state.handle(.char("h"), data: data, rows: 20)
        Self.clearField(&state, data: data)
        Self.type("09:00-12:00, 11:00-13:00", into: &state, data: data)
        let form = try Self.saved(state.handle(.enter, data: data, rows: 20))
        guard case .failure(let refusal) = form.proposal(from: data.workspace) else {
            Issue.record("overlapping hours were accepted")
            return
        }
        #expect(refusal.message.contains("Mon") && refusal.message.contains("overlap"), "\(refusal.message)")
        // The runner answers the failed save; the editor keeps what was typed and shows why.
        var program = ConsoleProgram(state: state, data: data)
        _ = program.receive(.failed(.applySetup(form), reason: refusal.message))
        #expect(program.state.setup.form?.problem == refusal.message)
        guard case .text(_, let field, _)? = program.state.setup.form?.rows.first else {
            Issue.record("the Monday row is gone")
            return
        }
        #expect(field.text == "09:00-12:00, 11:00-13:00")
        let text = ConsoleFixture.expectScreen(program.state, data, "console-setup-hours-refused").joined(separator: "\n")
        #expect(text.contains("✗ Mon"))
        for bad in ["9-", "25:00-26:00", "17:00-09:00", "nine to five"] {
            #expect(throws: Refusal.self) { try HoursText.ranges(bad, day: .friday) }
        }
    }

    @Test("dates off, event types and policy editors propose their change and nothing else")
    func pageEditors() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        try Self.select("Support desk", kind: .booking, in: &state, data: data)
        let page = try #require(data.workspace.bookingPages.first { $0.name == "Support desk" })

        _ = state.handle(.char("o"), data: data, rows: 20)
        Self.type("2026-12-24, 2026-12-31 2026-12-24", into: &state, data: data)
        _ = ConsoleFixture.expectScreen(state, data, "console-setup-dates-off")
        var proposal = try Self.saved(state.handle(.enter, data: data, rows: 20)).proposal(from: data.workspace).get()
        #expect(proposal.workspace.bookingPage(id: page.id)?.availability.datesOff == [LocalDate(year: 2026, month: 12, day: 24),
                                                                                       LocalDate(year: 2026, month: 12, day: 31)])
        _ = state.handle(.esc, data: data, rows: 20)
        #expect(state.setup.form == nil && state.view == .setup, "Esc closes the editor, not the view")

        _ = state.handle(.char("e"), data: data, rows: 20)
        _ = ConsoleFixture.expectScreen(state, data, "console-setup-event-types")
        let before = Set(page.eventTypeIDs)
        _ = state.handle(.char(" "), data: data, rows: 20)  // the first event type flips
        proposal = try Self.saved(state.handle(.enter, data: data, rows: 20)).proposal(from: data.workspace).get()
        let first = try #require(data.workspace.eventTypes.first?.id)
        let after = Set(proposal.workspace.bookingPage(id: page.id)?.eventTypeIDs ?? [])
        #expect(after.symmetricDifference(before) == [first])
        _ = state.handle(.esc, data: data, rows: 20)

        _ = state.handle(.char("p"), data: data, rows: 20)
        _ = ConsoleFixture.expectScreen(state, data, "console-setup-policy")
        Self.clearField(&state, data: data)
        Self.type("2h", into: &state, data: data)
        _ = state.handle(.down, data: data, rows: 20)
        _ = state.handle(.char(" "), data: data, rows: 20)  // cancel reason: next choice
        proposal = try Self.saved(state.handle(.enter, data: data, rows: 20)).proposal(from: data.workspace).get()
        let policy = try #require(proposal.workspace.bookingPage(id: page.id)?.policy)
        #expect(policy.cancel == .upTo(minutes: 120))
        #expect(policy.cancelReason != page.policy.cancelReason)
        #expect(policy.reschedule == page.policy.reschedule && policy.rescheduleReason == page.policy.rescheduleReason)
    }

    /// A text row's text ("" for the other kinds).
    static func typed(_ row: SetupRow) -> String {
        if case .text(_, let field, _) = row { return field.text }
        return ""
    }

    @Test("the scheduling controls editor: each control typed, off clears, out of range refused; the page shows them")
    func schedulingEditor() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        try Self.select("Support desk", kind: .booking, in: &state, data: data)
        let page = try #require(data.workspace.bookingPages.first { $0.name == "Support desk" })

        _ = state.handle(.char("c"), data: data, rows: 20)
        let rows = try #require(state.setup.form?.rows)
        #expect(rows.map(\.label) == ["Buffer before", "Buffer after", "Min. notice", "Horizon", "Interval", "Daily limit"])
        #expect(rows.allSatisfy { Self.typed($0) == "off" }, "a page without controls shows each off")
        for (index, text) in ["10m", "15m", "4h", "60d", "15m", "6"].enumerated() {
            Self.clearField(&state, data: data)
            Self.type(text, into: &state, data: data)
            if index < 5 { _ = state.handle(.down, data: data, rows: 20) }
        }
        _ = ConsoleFixture.expectScreen(state, data, "console-setup-scheduling")
        let proposal = try Self.saved(state.handle(.enter, data: data, rows: 20)).proposal(from: data.workspace).get()
        let controls = try #require(proposal.workspace.bookingPage(id: page.id)?.scheduling)
        #expect(controls == SchedulingControls(minimumNotice: 240, horizonDays: 60, interval: 15, dailyLimit: 6, bufferBefore: 10, bufferAfter: 15))
        #expect(proposal.summary == "scheduling controls of Support desk: buffers 10m/15m · notice 4h · up to 60d ahead · every 15m · 6 a day")

        // Shown in the page's details, and read back into the editor as typed.
        data.workspace = proposal.workspace
        state = Self.state(on: data)
        try Self.select("Support desk", kind: .booking, in: &state, data: data)
        var rendered = CellBuffer(width: 80, height: 24)
        state.render(into: &rendered, data: data)
        #expect(rendered.lines().contains { $0.contains("Scheduling") && $0.contains("buffers 10m/15m") })
        _ = state.handle(.char("c"), data: data, rows: 20)
        #expect(state.setup.form?.rows.map(Self.typed) == ["10m", "15m", "4h", "60d", "15m", "6"])
        Self.clearField(&state, data: data)
        Self.type("2d", into: &state, data: data)
        let bad = try Self.saved(state.handle(.enter, data: data, rows: 20))
        #expect(throws: Refusal.self) { try bad.proposal(from: data.workspace).get() }
        Self.refused(&state, bad)  // as the runner answers a refused save: the editor is back for input
        Self.clearField(&state, data: data)
        Self.type("off", into: &state, data: data)
        let cleared = try Self.saved(state.handle(.enter, data: data, rows: 20)).proposal(from: data.workspace).get()
        #expect(cleared.workspace.bookingPage(id: page.id)?.scheduling?.bufferBefore == nil)
    }

    @Test("a master page's team members and primaries editors; a team needs a member")
    func masterEditors() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        try Self.select("Sales call", kind: .master, in: &state, data: data)
        let master = try #require(data.workspace.masterPages.first { $0.name == "Sales call" })

        _ = state.handle(.char("t"), data: data, rows: 20)
        _ = ConsoleFixture.expectScreen(state, data, "console-setup-members")
        // Switch every member off: refused.
        for (index, page) in data.workspace.bookingPages.enumerated() where master.memberIDs.contains(page.id) {
            _ = state.handle(.home, data: data, rows: 20)
            for _ in 0..<index { _ = state.handle(.down, data: data, rows: 20) }
            _ = state.handle(.char(" "), data: data, rows: 20)
        }
        let none = try Self.saved(state.handle(.enter, data: data, rows: 20))
        #expect(throws: Refusal.self) { try none.proposal(from: data.workspace).get() }
        _ = state.handle(.esc, data: data, rows: 20)

        _ = state.handle(.char("r"), data: data, rows: 20)
        _ = ConsoleFixture.expectScreen(state, data, "console-setup-primaries")
        _ = state.handle(.right, data: data, rows: 20)
        let proposal = try Self.saved(state.handle(.enter, data: data, rows: 20)).proposal(from: data.workspace).get()
        let rules = try #require(proposal.workspace.masterPage(id: master.id)?.rules)
        #expect(rules.count == master.eventTypeIDs.count)
        #expect(rules != master.rules, "the first event type's primary moved to the next member")
        #expect(rules.allSatisfy { master.memberIDs.contains($0.primaryPageID) })
    }

    @Test("a adds a booking page, n an event type: forms, and what they refuse")
    func newThings() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.char("a"), data: data, rows: 20)
        _ = ConsoleFixture.expectScreen(state, data, "console-setup-new-booking-page")
        Self.type("Onboarding", into: &state, data: data)
        _ = state.handle(.tab, data: data, rows: 20)
        Self.type("Olga", into: &state, data: data)
        _ = state.handle(.tab, data: data, rows: 20)
        Self.type("onboarding", into: &state, data: data)
        let first = try Self.saved(state.handle(.enter, data: data, rows: 20))
        #expect(state.handle(.enter, data: data, rows: 20) == nil, "no second save while the first is with the store")
        Self.refused(&state, first)
        var proposal = try first.proposal(from: data.workspace).get()
        let added = try #require(proposal.workspace.bookingPages.last)
        #expect(added.name == "Onboarding" && added.owner == "Olga" && added.slug == "onboarding" && added.id <= 0)
        #expect(added.availability.days == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(proposal.workspace.bookingPages.count == data.workspace.bookingPages.count + 1)
        _ = state.handle(.tab, data: data, rows: 20)
        Self.clearField(&state, data: data)
        Self.type("Mars/Olympus", into: &state, data: data)
        let badZone = try Self.saved(state.handle(.enter, data: data, rows: 20))
        #expect(throws: Refusal.self) { try badZone.proposal(from: data.workspace).get() }
        _ = state.handle(.esc, data: data, rows: 20)

        _ = state.handle(.char("n"), data: data, rows: 20)
        _ = ConsoleFixture.expectScreen(state, data, "console-setup-new-event-type")
        Self.type("45-minute meeting", into: &state, data: data)
        _ = state.handle(.tab, data: data, rows: 20)
        Self.type("45m", into: &state, data: data)
        proposal = try Self.saved(state.handle(.enter, data: data, rows: 20)).proposal(from: data.workspace).get()
        #expect(proposal.workspace.eventTypes.last?.name == "45-minute meeting" && proposal.workspace.eventTypes.last?.minutes == 45)
    }

    @Test("hostile names in the workspace are drawn sanitised in the list and the details")
    func hostileNames() throws {
        var data = try ConsoleFixture.data()
        data.workspace.bookingPages[0].name = "Evil\u{1B}[2J\u{202E}page"
        var state = Self.state(on: data)
        try Self.select(data.workspace.bookingPages[0].name, kind: .booking, in: &state, data: data)
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        let text = buffer.lines().joined(separator: "\n")
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"))
        #expect(text.contains("Evil"))
    }
}
