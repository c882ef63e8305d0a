import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import Testing

/// The Customer view (SPEC §2.7, issue 4 item 5): pick or paste a link, the form unless the link
/// skips it, event type with the assigned team member, a time in the member's zone, confirm,
/// and the result; a dead link is refused; Esc steps back one step at a time.
@Suite("console: customer view")
struct CustomerScreenTests {
    static let now = ConsoleFixture.now
    static let oneTimeURL = "http://localhost:8080/.\(ConsoleFixture.token)?name=Jane%20Smythe&email=jane.smythe@example.com"
    static let generalURL = "http://localhost:8080/salescall"
    static let olderURL = "http://localhost:8080/.C7RM2XRTB6QK7"

    /// What the runner loads for `url` on the demo workspace with no bookings yet.
    static func snapshot(_ url: String, refusal: Refusal? = nil) throws -> CustomerSnapshot {
        let workspace = try ConsoleFixture.workspace()
        let link = try LinkURL.read(url, base: .default)
        let page = try #require(workspace.page(slug: "salescall"))
        let events = page.eventTypeIDs.compactMap(workspace.eventType(id:))
        let slots = refusal != nil ? [] : try SlotFinder.slots(page: page, events: events, workspace: workspace, now: now,
                                                                days: 7, busy: { _ in [BusyTime]() })
        return CustomerSnapshot(url: url, link: link, page: page, refusal: refusal, slots: slots)
    }

    /// The console on the Customer view with two links made in this session.
    static func state(on data: ConsoleData) -> ConsoleState {
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("7"), data: data, rows: 20)
        state.customer.recentURLs = [oneTimeURL, olderURL]
        return state
    }

    /// Opens `url` as the runner would: the effect, the snapshot, the result.
    static func open(_ url: String, in state: inout ConsoleState, data: inout ConsoleData, refusal: Refusal? = nil) throws {
        data.customer = try snapshot(url, refusal: refusal)
        state.receive(.customerLinkOpened(try #require(data.customer)))
    }

    static func type(_ text: String, into state: inout ConsoleState, data: ConsoleData) {
        for character in text { _ = state.handle(.char(character), data: data, rows: 20) }
    }

    static func text(_ state: ConsoleState, _ data: ConsoleData) -> String {
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        return buffer.lines().joined(separator: "\n")
    }

    static func booking(_ slot: Slot) -> Booking {
        let member = slot.teamMember
        return Booking(id: 7, pageID: 20, slugUsed: nil, teamMemberID: member.id, eventTypeID: slot.event.id, start: slot.start,
                       end: slot.start.addingTimeInterval(TimeInterval(slot.event.minutes * 60)), status: .scheduled,
                       customer: Customer(name: "Jane Smythe", email: "jane.smythe@example.com"), details: Personalization(),
                       linkKind: .oneTime, linkID: "ot-live2k", policy: member.policy, createdAt: now)
    }

    @Test("the links made this session come first, newest preselected; Enter opens it")
    func pick() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        let text = ConsoleFixture.expectScreen(state, data, "console-customer-pick").joined(separator: "\n")
        #expect(text.contains("made just now"))
        #expect(text.contains("paste a link…"))
        #expect(text.contains("http://localhost:8080/cactus-co-main"), "public links are offered too")
        #expect(state.handle(.enter, data: data, rows: 20) == .openCustomerLink(url: Self.oneTimeURL))
        _ = state.handle(.down, data: data, rows: 20)
        #expect(state.handle(.enter, data: data, rows: 20) == .openCustomerLink(url: Self.olderURL))
    }

    @Test("a link made by Share is offered at once, preselected")
    func madeByShare() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.down, data: data, rows: 20)
        _ = state.handle(.char("s"), data: data, rows: 20)
        let copy = state.handle(.ctrl("y"), data: data, rows: 20)
        _ = try #require(copy)
        let made = "http://localhost:8080/.K7HVEM2XRTB6Q"
        state.receive(.linkShared(url: made, copied: "copied", nextToken: "C7RM2XRTB6QK7"))
        #expect(state.customer.recentURLs.first == made)
        #expect(state.handle(.enter, data: data, rows: 20) == .openCustomerLink(url: made))
    }

    @Test("p, or Enter on \"paste a link…\", asks for a URL and opens it")
    func paste() throws {
        let data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.char("p"), data: data, rows: 20)
        guard case .prompt(let prompt)? = state.modal else {
            Issue.record("a prompt is open")
            return
        }
        #expect(prompt.purpose == .customerURL)
        Self.type(Self.generalURL, into: &state, data: data)
        #expect(state.handle(.enter, data: data, rows: 20) == .openCustomerLink(url: Self.generalURL))

        var other = Self.state(on: data)
        _ = other.handle(.down, data: data, rows: 20)
        _ = other.handle(.down, data: data, rows: 20)
        #expect(other.handle(.enter, data: data, rows: 20) == nil)
        guard case .prompt(let second)? = other.modal else {
            Issue.record("Enter on the paste row opens the prompt")
            return
        }
        #expect(second.purpose == .customerURL)
    }

    @Test("a general link shows the form; letters are typed, not shortcuts; the email is checked inline")
    func form() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        try Self.open(Self.generalURL, in: &state, data: &data)
        #expect(state.customer.stage(data) == .form)
        #expect(state.customer.capturesTyping)
        Self.type("Ann q Lee", into: &state, data: data)
        #expect(state.view == .customer, "q was typed, not quit")
        _ = state.handle(.tab, data: data, rows: 20)
        Self.type("ann@", into: &state, data: data)
        let text = ConsoleFixture.expectScreen(state, data, "console-customer-form").joined(separator: "\n")
        #expect(text.contains("Ann q Lee"))
        #expect(text.contains("✗ not a valid email address"))
        let next = try #require(state.bindings(data).first { $0.keys.contains(.enter) })
        #expect(next.disabledReason == "enter a valid email to continue")
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.stage(data) == .form)
        #expect(state.status == "enter a valid email to continue")
        Self.type("example.com", into: &state, data: data)
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.stage(data) == .event)
        #expect(!state.customer.capturesTyping)
    }

    @Test("the form starts from what the link carries")
    func formPrefilled() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        let url = "http://localhost:8080/salescall?name=Jane%20Smythe&email=jane.smythe@example.com&skip=0"
        try Self.open(url, in: &state, data: &data)
        #expect(state.customer.stage(data) == .form, "skip=0 shows the form")
        let text = Self.text(state, data)
        #expect(text.contains("prefilled from the link"))
        #expect(text.contains("jane.smythe@example.com"))
        _ = state.handle(.backspace, data: data, rows: 20)
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.name?.text == "Jane Smyth")
        #expect(state.customer.email?.text == "jane.smythe@example.com")
    }

    @Test("the whole flow on a general link ends in a book effect with the form's details")
    func bookThroughGeneralLink() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        try Self.open(Self.generalURL, in: &state, data: &data)
        Self.type("Ann Lee", into: &state, data: data)
        _ = state.handle(.tab, data: data, rows: 20)
        Self.type("ann@example.com", into: &state, data: data)
        _ = state.handle(.enter, data: data, rows: 20)
        _ = state.handle(.down, data: data, rows: 20)
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.event == 2, "the second event type: 30-minute meeting")
        _ = state.handle(.down, data: data, rows: 20)
        _ = state.handle(.enter, data: data, rows: 20)
        let slot = try #require(data.customer?.slots.filter { $0.event.id == 2 }.dropFirst().first)
        #expect(state.customer.start == slot.start)
        let text = Self.text(state, data)
        #expect(text.contains("Confirm the booking"))
        #expect(text.contains("Dana Haddad (Cactus Co Main)"))
        let effect = state.handle(.enter, data: data, rows: 20)
        #expect(effect == .book(url: Self.generalURL, event: "30-minute meeting", start: slot.start,
                                form: Personalization(name: "Ann Lee", email: "ann@example.com")))
    }

    @Test("a personalized one-time link skips the form; Dynamic rules show each event's team member")
    func skipsForm() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        #expect(state.handle(.enter, data: data, rows: 20) == .openCustomerLink(url: Self.oneTimeURL))
        try Self.open(Self.oneTimeURL, in: &state, data: &data)
        #expect(state.customer.stage(data) == .event)
        #expect(!state.customer.capturesTyping, "global keys work at once")
        let text = Self.text(state, data)
        #expect(text.contains("2 Details (from the link)"))
        let rows = text.split(separator: "\n")
        #expect(rows.first { $0.contains("15-minute meeting") }?.contains("Jordan Reyes (Sales call)") == true)
        #expect(rows.first { $0.contains("30-minute meeting") }?.contains("Dana Haddad (Cactus Co Main)") == true)
        _ = state.handle(.esc, data: data, rows: 20)
        #expect(state.customer.stage(data) == .pick, "Esc skips the skipped form")
        #expect(state.view == .customer)
    }

    @Test("a pasted link that skips the form hands the keys back at the first key")
    func pastedSkipLink() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.char("p"), data: data, rows: 20)
        Self.type(Self.oneTimeURL, into: &state, data: data)
        #expect(state.handle(.enter, data: data, rows: 20) == .openCustomerLink(url: Self.oneTimeURL))
        try Self.open(Self.oneTimeURL, in: &state, data: &data)
        #expect(state.customer.stage(data) == .event)
        _ = state.handle(.down, data: data, rows: 20)
        #expect(!state.customer.capturesTyping)
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.stage(data) == .slot)
        #expect(state.customer.event == 2)
    }

    @Test("times are the chosen event's, in the team member's zone")
    func slots() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.enter, data: data, rows: 20)
        try Self.open(Self.oneTimeURL, in: &state, data: &data)
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.stage(data) == .slot)
        let rows = ConsoleFixture.expectScreen(state, data, "console-customer-slots")
        let times = rows.filter { $0.contains("America/New_York") && $0.contains("Jordan Reyes") }
        #expect(times.first?.contains("Mon 23 Nov 09:00") == true, "12:00 UTC is 07:00 in New York: the first slot is 09:00")
        #expect(times.first?.contains("Mon 23 Nov 09:15") == false)
        #expect(rows.contains { $0.contains("free times in the next 7 days") })
        #expect(!rows.contains { $0.contains("Dana Haddad") }, "only the 15-minute meeting's member")
    }

    @Test("a reload that removes an earlier time keeps the cursor on the chosen one")
    func slotCursorKept() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.enter, data: data, rows: 20)
        try Self.open(Self.oneTimeURL, in: &state, data: &data)
        _ = state.handle(.enter, data: data, rows: 20)
        for _ in 0..<3 { _ = state.handle(.down, data: data, rows: 20) }
        let chosen = state.customer.slots.selectedID
        let first = try #require(data.customer?.slots.first { $0.event.id == 1 })
        data.customer?.slots.removeAll { $0 == first }
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.start == chosen)
        #expect(state.customer.stage(data) == .confirm)
    }

    @Test("after booking: the booking id, time and team member; Enter starts over")
    func done() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.enter, data: data, rows: 20)
        try Self.open(Self.oneTimeURL, in: &state, data: &data)
        _ = state.handle(.enter, data: data, rows: 20)
        _ = state.handle(.enter, data: data, rows: 20)
        let book = state.handle(.enter, data: data, rows: 20)
        let effect = try #require(book)
        let slot = try #require(data.customer?.slots.first)
        #expect(effect == .book(url: Self.oneTimeURL, event: "15-minute meeting", start: slot.start,
                                form: Personalization(name: "Jane Smythe", email: "jane.smythe@example.com")))
        state.receive(.booked(Self.booking(slot)))
        data.customer?.refusal = Refusal(.deadLink(.used))  // the reload after booking: the link is used now
        data.customer?.slots = []
        let text = ConsoleFixture.expectScreen(state, data, "console-customer-done").joined(separator: "\n")
        #expect(text.contains("✓ Booked: booking #7"))
        #expect(text.contains("Mon 23 Nov 09:00  America/New_York"))
        #expect(text.contains("Jordan Reyes (Sales call)"))
        #expect(!text.contains("no longer be used"), "the result stays on screen after the reload")
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.stage(data) == .pick)
        #expect(state.handle(.enter, data: data, rows: 20) == .openCustomerLink(url: Self.oneTimeURL), "same link again")
    }

    @Test("a failed booking says why; Esc goes back to the times")
    func bookingFailed() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.enter, data: data, rows: 20)
        try Self.open(Self.oneTimeURL, in: &state, data: &data)
        _ = state.handle(.enter, data: data, rows: 20)
        _ = state.handle(.enter, data: data, rows: 20)
        let book = state.handle(.enter, data: data, rows: 20)
        let effect = try #require(book)
        state.receive(.failed(effect, reason: "that slot is already taken"))
        let text = Self.text(state, data)
        #expect(text.contains("✗ Not booked"))
        #expect(text.contains("that slot is already taken"))
        _ = state.handle(.esc, data: data, rows: 20)
        #expect(state.customer.stage(data) == .slot)
        #expect(state.customer.event == 1)
    }

    @Test("a used link is refused, prominently; Enter goes back to the links")
    func usedLink() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.enter, data: data, rows: 20)
        try Self.open(Self.oneTimeURL, in: &state, data: &data, refusal: Refusal(.deadLink(.used)))
        #expect(state.customer.stage(data) == .refused)
        #expect(!state.customer.capturesTyping)
        let text = ConsoleFixture.expectScreen(state, data, "console-customer-used").joined(separator: "\n")
        #expect(text.contains("This link can no longer be used: one-time link already used"))
        #expect(state.bindings(data).first { $0.keys.contains(.enter) }?.action == .stepBack)
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.stage(data) == .pick)
    }

    @Test("a link that dies while the customer chooses is refused at the next reload")
    func diesMeanwhile() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        _ = state.handle(.enter, data: data, rows: 20)
        try Self.open(Self.oneTimeURL, in: &state, data: &data)
        _ = state.handle(.enter, data: data, rows: 20)
        #expect(state.customer.stage(data) == .slot)
        data.customer?.refusal = Refusal(.deadLink(.revoked))
        data.customer?.slots = []
        #expect(state.customer.stage(data) == .refused)
        #expect(Self.text(state, data).contains("This link can no longer be used: one-time link revoked"))
    }

    @Test("a malformed link can't be used")
    func malformed() throws {
        var data = try ConsoleFixture.data()
        var state = Self.state(on: data)
        data.customer = CustomerSnapshot(url: "nonsense", link: nil, page: nil, refusal: Refusal("malformed URL \"nonsense\""), slots: [])
        state.receive(.customerLinkOpened(try #require(data.customer)))
        #expect(Self.text(state, data).contains("This link can't be used: malformed URL \"nonsense\""))
    }

    @Test("Esc steps back one step at a time, then leaves the view")
    func escapeSteps() throws {
        var data = try ConsoleFixture.data()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("5"), data: data, rows: 20)
        _ = state.handle(.char("7"), data: data, rows: 20)
        try Self.open(Self.generalURL, in: &state, data: &data)
        Self.type("Ann Lee", into: &state, data: data)
        _ = state.handle(.tab, data: data, rows: 20)
        Self.type("ann@example.com", into: &state, data: data)
        for _ in 0..<3 { _ = state.handle(.enter, data: data, rows: 20) }
        #expect(state.customer.stage(data) == .confirm)
        for expected in [CustomerScreen.Step.slot, .event, .form, .pick] {
            _ = state.handle(.esc, data: data, rows: 20)
            #expect(state.customer.stage(data) == expected)
        }
        #expect(state.view == .customer)
        _ = state.handle(.esc, data: data, rows: 20)
        #expect(state.view == .activity)
    }
}
