import Foundation

/// What a customer asks for through a link, after the link has been resolved.
public struct BookingRequest: Sendable {
    public var link: Link
    public var page: Page
    public var event: EventType
    public var start: Date
    /// What the customer typed into the form; used only when the link does not skip the form.
    public var form: Personalization

    public init(link: Link, page: Page, event: EventType, start: Date, form: Personalization) {
        self.link = link
        self.page = page
        self.event = event
        self.start = start
        self.form = form
    }
}

/// The result of the customer-side rules: a booking ready to be stored.
public struct BookingDraft: Equatable, Sendable {
    public var teamMember: BookingPage
    public var start: Date
    public var end: Date
    public var customer: Customer
    public var details: Personalization
    /// The daily limit the store must still keep in the booking's write (a customer's booking on
    /// a page that sets one), nil otherwise.
    public var dayCap: DayCap?
}

/// The customer's side of SPEC §1, as pure functions of what the store has loaded.
public enum BookingRules {
    /// Who the booking is for: taken from the link when it skips the form, else from the form
    /// (prefilled by the link), and refused unless it has a name and a valid email.
    public static func customer(link: Link, form: Personalization) throws(Refusal) -> (Customer, Personalization) {
        let fromLink = link.personalization
        var merged = fromLink
        if !fromLink.skipsForm {
            for key in Personalization.keys where form[key] != nil { merged[key] = form[key] }
        }
        merged.timeZone = form.timeZone ?? fromLink.timeZone
        guard let name = merged.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
              let email = merged.email, EmailAddress.isValid(email) else {
            throw Refusal(.formRequired)
        }
        return (Customer(name: name, email: email), merged)
    }

    /// Picks the first candidate for whom the slot is inside availability and free.
    /// `busy` gives each candidate's live bookings (any superset of the overlapping ones).
    /// `bound`: the page's scheduling controls apply (a customer); staff booking for a customer
    /// are not bound by them (they are told: `SchedulingControls`).
    public static func draft<Held: HeldTime>(_ request: BookingRequest, workspace: Workspace, now: Date, bound: Bool = true,
                                             busy: (PageID) -> [Held]) throws(Refusal) -> BookingDraft {
        let (customer, details) = try customer(link: request.link, form: request.form)
        guard request.start > now else { throw Refusal(.timePassed) }
        let end = request.start.addingTimeInterval(TimeInterval(request.event.minutes * 60))
        let candidates = try Assignment.candidates(for: request.page, event: request.event.id, in: workspace)
        var insideHours = false
        var inCalendar = false
        var control: Refusal?
        for member in candidates.map({ $0.scheduled(for: request.event.id) }) {
            let availability = try Availability(page: member)
            guard availability.isSlot(request.start, minutes: request.event.minutes) else { continue }
            insideHours = true
            if bound, let controls = member.scheduling {
                if let refusal = controls.refusal(start: request.start, now: now) { control = control ?? refusal; continue }
                let day = availability.dayKey(request.start)
                let booked = busy(member.id).filter { $0.holdsTime && !$0.fromCalendar && availability.dayKey($0.start) == day }.count
                if controls.exceedsDailyLimit(bookedThatDay: booked) {
                    control = control ?? Refusal(.dailyLimitReached(limit: controls.dailyLimit ?? 0))
                    continue
                }
            }
            let kept = (member.scheduling?.buffers ?? .none).around(start: request.start, end: end)
            let clashes = busy(member.id).filter { $0.holdsTime && $0.overlaps(start: kept.start, end: kept.end) }
            if clashes.isEmpty {
                return BookingDraft(teamMember: member, start: request.start, end: end, customer: customer, details: details,
                                    dayCap: bound ? DayCap.of(member, in: availability, at: request.start) : nil)
            }
            inCalendar = inCalendar || clashes.allSatisfy(\.fromCalendar)
        }
        if let control { throw control }
        throw Refusal(!insideHours ? .notASlot : inCalendar ? .busyInCalendar : .slotTaken)
    }
}
