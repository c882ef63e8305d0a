import Foundation
import LinkdeskCore
import Testing

@Suite("Assignment of bookings to team members")
struct AssignmentTests {
    let ws = Fixtures.workspace

    @Test("dynamic rules route each event type to its primary team member only")
    func dynamic() throws {
        let page = Page.master(Fixtures.salesCall)
        #expect(try Assignment.candidates(for: page, event: 1, in: ws).map(\.id) == [11])
        #expect(try Assignment.candidates(for: page, event: 2, in: ws).map(\.id) == [10])
        #expect(try Assignment.candidates(for: page, event: 3, in: ws).map(\.id) == [10])
    }

    @Test("a dynamic master without a rule for the event is refused")
    func dynamicWithoutRule() {
        var master = Fixtures.salesCall
        master.rules.removeAll { $0.eventTypeID == 3 }
        #expect(throws: Refusal.self) { try Assignment.candidates(for: .master(master), event: 3, in: ws) }
    }

    @Test("static rules list every member offering the event, in member order")
    func staticRules() throws {
        let page = Page.master(Fixtures.support)
        #expect(try Assignment.candidates(for: page, event: 1, in: ws).map(\.id) == [10, 11])
        #expect(try Assignment.candidates(for: page, event: 2, in: ws).map(\.id) == [10, 11, 12])
        #expect(try Assignment.candidates(for: page, event: 3, in: ws).map(\.id) == [10, 12])
        #expect(try Assignment.candidates(for: .master(Fixtures.onboardingTeam), event: 2, in: ws).map(\.id) == [12, 10])
    }

    @Test("switching Sales call to Static makes its members share the event")
    func switchedToStatic() throws {
        var master = Fixtures.salesCall
        master.ruleType = .static
        #expect(try Assignment.candidates(for: .master(master), event: 1, in: ws).map(\.id) == [10, 11])
    }

    @Test("pooled availability uses all members offering the event, not a dynamic rule")
    func pooled() throws {
        #expect(try Assignment.candidates(for: .master(Fixtures.pooled), event: 2, in: ws).map(\.id) == [10, 11])
    }

    @Test("a booking page takes its own bookings")
    func bookingPage() throws {
        #expect(try Assignment.candidates(for: .booking(Fixtures.jane), event: 1, in: ws).map(\.id) == [11])
    }

    @Test("a page that does not offer the event is refused")
    func notOffered() {
        #expect(throws: Refusal.self) { try Assignment.candidates(for: .booking(Fixtures.jane), event: 3, in: ws) }
        #expect(throws: Refusal.self) { try Assignment.candidates(for: .master(Fixtures.pooled), event: 1, in: ws) }
        #expect(throws: Refusal.self) { try Assignment.candidates(for: .master(Fixtures.onboardingTeam), event: 1, in: ws) }
    }
}

@Suite("Booking rules")
struct BookingRulesTests {
    let ws = Fixtures.workspace
    static let now = Fixtures.local(2025, 5, 30, 12, 0)      // the Friday before
    static let tenAM = Fixtures.local(2025, 6, 2, 10, 0)     // Monday
    static let form = Personalization(name: "Jane Smythe", email: "jane.smythe@example.com")

    func request(page: Page = .master(Fixtures.salesCall), event: EventType = Fixtures.thirty,
                 start: Date = tenAM, link: Link? = nil, form: Personalization = form) -> BookingRequest {
        BookingRequest(link: link ?? Link(target: .page(slug: page.slug)), page: page, event: event, start: start, form: form)
    }

    func message(_ request: BookingRequest, now: Date = now, busy: @escaping (PageID) -> [Booking] = { _ in [] }) -> String? {
        refusalMessage { () throws(Refusal) in try BookingRules.draft(request, workspace: ws, now: now, busy: busy) }
    }

    @Test("a free slot is drafted for the primary team member")
    func draftsForPrimary() throws {
        let draft = try BookingRules.draft(request(), workspace: ws, now: Self.now) { _ in [BusyTime]() }
        #expect(draft.teamMember.id == 10)
        #expect(draft.start == Self.tenAM)
        #expect(draft.end == Self.tenAM.addingTimeInterval(1800))
        #expect(draft.customer == Customer(name: "Jane Smythe", email: "jane.smythe@example.com"))
        let fifteen = try BookingRules.draft(request(event: Fixtures.fifteen), workspace: ws, now: Self.now) { _ in [BusyTime]() }
        #expect(fifteen.teamMember.id == 11)
        #expect(fifteen.end == Self.tenAM.addingTimeInterval(900))
    }

    @Test("an overlapping live booking takes the slot")
    func slotTaken() {
        let busy: (PageID) -> [Booking] = { id in
            id == 10 ? [Fixtures.booking(start: Self.tenAM.addingTimeInterval(-900), status: .scheduled)] : []
        }
        #expect(message(request(), busy: busy) == "that slot is already taken")
    }

    @Test("canceled bookings and touching bookings don't take the slot")
    func notTaken() throws {
        let busy: (PageID) -> [Booking] = { _ in [
            Fixtures.booking(id: 1, start: Self.tenAM, status: .canceledByCustomer),
            Fixtures.booking(id: 2, start: Self.tenAM.addingTimeInterval(-1800), status: .scheduled),  // 09:30–10:00
            Fixtures.booking(id: 3, start: Self.tenAM.addingTimeInterval(1800), status: .rescheduled), // 10:30–11:00
        ] }
        let draft = try BookingRules.draft(request(), workspace: ws, now: Self.now, busy: busy)
        #expect(draft.teamMember.id == 10)
    }

    @Test("static rules fall through to the next free member")
    func staticFallsThrough() throws {
        let danaBusy: (PageID) -> [Booking] = { id in id == 10 ? [Fixtures.booking(start: Self.tenAM)] : [] }
        let draft = try BookingRules.draft(request(page: .master(Fixtures.support)), workspace: ws, now: Self.now, busy: danaBusy)
        #expect(draft.teamMember.id == 11)
        let allBusy: (PageID) -> [Booking] = { id in [Fixtures.booking(teamMember: id, start: Self.tenAM)] }
        #expect(message(request(page: .master(Fixtures.support)), busy: allBusy) == "that slot is already taken")
    }

    @Test("a time outside the page's availability is refused", arguments: [
        Fixtures.local(2025, 6, 2, 10, 10), Fixtures.local(2025, 6, 2, 8, 30), Fixtures.local(2025, 6, 2, 16, 45),
        Fixtures.local(2025, 6, 7, 10, 0),
    ])
    func outsideHours(start: Date) {
        let text = message(request(start: start))
        #expect(text != nil)
        #expect(text != "that slot is already taken")
        #expect(text?.contains("availability") == true)
    }

    @Test("a time in the past is refused")
    func past() {
        let text = message(request(), now: Self.tenAM.addingTimeInterval(60))
        #expect(text == "that time has passed: pick a future slot")
        #expect(message(request(), now: Self.tenAM) == "that time has passed: pick a future slot")
    }

    @Test("the form needs a name and a valid email", arguments: [
        Personalization(),
        Personalization(name: "Jane Smythe"),
        Personalization(email: "jane.smythe@example.com"),
        Personalization(name: "Jane Smythe", email: "jane.smythe@example"),
        Personalization(name: "   ", email: "jane.smythe@example.com"),
    ])
    func formRequired(form: Personalization) {
        #expect(message(request(form: form)) == Refusal.Reason.formRequired.sentence)
    }

    @Test("a link that skips the form books with the link's name and email")
    func linkSkipsForm() throws {
        let link = Link(target: .page(slug: "salescall"),
                        personalization: Personalization(name: "Dana Link", email: "dana.link@example.com", company: "ACME"))
        let draft = try BookingRules.draft(request(link: link, form: Personalization()), workspace: ws, now: Self.now) { _ in [BusyTime]() }
        #expect(draft.customer == Customer(name: "Dana Link", email: "dana.link@example.com"))
        #expect(draft.details.company == "ACME")
        // What the form says is not used when the link skips it.
        let other = try BookingRules.draft(request(link: link, form: Self.form), workspace: ws, now: Self.now) { _ in [BusyTime]() }
        #expect(other.customer.email == "dana.link@example.com")
    }

    @Test("skip=0 prefills the form; what the customer types wins")
    func prefilledForm() throws {
        let link = Link(target: .page(slug: "salescall"),
                        personalization: Personalization(name: "Dana Link", email: "dana.link@example.com", showForm: true))
        let prefilled = try BookingRules.draft(request(link: link, form: Personalization()), workspace: ws, now: Self.now) { _ in [BusyTime]() }
        #expect(prefilled.customer == Customer(name: "Dana Link", email: "dana.link@example.com"))
        let typed = try BookingRules.draft(request(link: link, form: Personalization(name: "Dana Typed")),
                                           workspace: ws, now: Self.now) { _ in [BusyTime]() }
        #expect(typed.customer == Customer(name: "Dana Typed", email: "dana.link@example.com"))
    }

    @Test("a link with only a name shows the form, and the form completes it")
    func partialLink() throws {
        let link = Link(target: .page(slug: "salescall"), personalization: Personalization(name: "Dana Link"))
        #expect(message(request(link: link, form: Personalization())) == Refusal.Reason.formRequired.sentence)
        let draft = try BookingRules.draft(request(link: link, form: Personalization(email: "d@example.com")),
                                           workspace: ws, now: Self.now) { _ in [BusyTime]() }
        #expect(draft.customer == Customer(name: "Dana Link", email: "d@example.com"))
    }

    @Test("a booking page that does not offer the event is refused")
    func notOffered() {
        let text = message(request(page: .booking(Fixtures.jane), event: Fixtures.sixty))
        #expect(text?.contains("does not offer") == true)
    }
}
