import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// The Customer view (SPEC §2.7, issue 4 item 5): book through a link as the customer holding it
/// would, to demo the share flow end to end in one terminal. Steps: pick a link (the ones made
/// in this session first), the booking form unless the link skips it, the event type, a time,
/// confirm. The runner resolves the link into `data.customer`; a dead link is refused there.
///
/// `step` is where the user is; `stage(data)` is what to show, because the snapshot can
/// overrule it: a link that skips the form goes straight to event types, and a link that
/// another process used up while the user was choosing shows its refusal.
public struct CustomerScreen: ConsoleScreen {
    public enum Step: Equatable, Sendable { case pick, refused, form, event, slot, confirm, done }
    public enum FormField: Equatable, Sendable { case name, email }
    public enum Outcome: Equatable, Sendable {
        case booked(Booking)
        case failed(String)
    }

    public var filter = ""
    /// URLs made in this session, newest first (set by ConsoleState when Share makes one). A new
    /// one moves the pick cursor back to the top, so the link just generated is preselected.
    public var recentURLs: [String] = [] {
        didSet { if recentURLs.first != oldValue.first { pick.reset() } }
    }
    public var step: Step = .pick
    public var pick = KeyedCursor<String>()
    public var events = KeyedCursor<EventTypeID>()
    public var slots = KeyedCursor<Date>()
    /// nil until the user edits them: until then they show what the link carries.
    public var name: TextField?
    public var email: TextField?
    public var field: FormField = .name
    /// Whether the opened link skips the form, when known before the snapshot is (a picked URL).
    public var formSkipped: Bool?
    public var event: EventTypeID?
    public var start: Date?
    public var outcome: Outcome?

    public init() {}

    /// The form's fields have the keys (letters are text, not shortcuts).
    public var capturesTyping: Bool { step == .form && formSkipped != true }

    public func stage(_ data: ConsoleData) -> Step {
        if step == .pick || step == .done { return step }
        guard let customer = data.customer else { return .pick }
        if customer.refusal != nil || customer.page == nil { return .refused }
        if step == .form && skipsForm(data) { return .event }
        if step == .slot || step == .confirm, event == nil { return .event }
        if step == .confirm, start == nil { return .slot }
        return step
    }

    /// Brings `step` in line with the snapshot before a key is handled.
    mutating func sync(_ data: ConsoleData) {
        if let link = data.customer?.link, step != .pick { formSkipped = link.personalization.skipsForm }
        step = stage(data)
    }

    func skipsForm(_ data: ConsoleData) -> Bool { data.customer?.link?.personalization.skipsForm ?? false }

    /// The runner opened a link (`.openCustomerLink`): start its flow from the form.
    mutating func linkOpened(failed: Bool) {
        step = failed ? .refused : .form
        (name, email, field, event, start, outcome) = (nil, nil, .name, nil, nil, nil)
        events.reset()
        slots.reset()
        filter = ""
    }

    /// The runner tried to book (`.book`): show the booking or why it failed.
    mutating func bookingFinished(_ outcome: Outcome) {
        self.outcome = outcome
        step = .done
    }

    public func selectedPage(_ data: ConsoleData) -> PageID? {
        stage(data) == .pick ? nil : data.customer?.page?.id
    }
}

// MARK: - What each step lists

extension CustomerScreen {
    /// A row of the link list: a URL to open, or the "paste a link…" row (no URL).
    struct PickItem: Equatable {
        let id: String
        let source: String
        let url: String?
    }

    static let pasteID = ""

    func pickItems(_ data: ConsoleData) -> [PickItem] {
        var seen = Set<String>()
        let recent = recentURLs.filter { seen.insert($0).inserted }.enumerated().map {
            PickItem(id: $0.element, source: $0.offset == 0 ? "made just now" : "made earlier", url: $0.element)
        }
        let pages = data.workspace.pages.map { (data.url(of: $0), $0) }.filter { seen.insert($0.0).inserted }.map {
            PickItem(id: $0.0, source: $0.1.name + ($0.1.kind == .master ? " · master" : ""), url: $0.0)
        }
        let paste = PickItem(id: Self.pasteID, source: "", url: nil)
        return (recent + [paste] + pages).filter { $0.url == nil || matches($0.source + " " + ($0.url ?? "")) }
    }

    func offeredEvents(_ data: ConsoleData) -> [EventType] {
        let offered = data.customer?.page?.eventTypeIDs.compactMap(data.workspace.eventType(id:)) ?? []
        return offered.filter { matches($0.name) }
    }

    func freeSlots(_ data: ConsoleData) -> [Slot] {
        (data.customer?.slots ?? []).filter { $0.event.id == event && matches(Self.slotText($0)) }
    }

    static func slotText(_ slot: Slot) -> String {
        DateText.weekdayTime(slot.start, in: DateText.zone(named: slot.teamMember.timeZone)) + " " + slot.teamMember.owner
    }

    func matches(_ text: String) -> Bool { filter.isEmpty || text.localizedCaseInsensitiveContains(filter) }

    /// Rows a list gets in an area of `height`: steps, link, title, header and footer take five.
    static func listRows(_ height: Int) -> Int { max(height - 5, 1) }

    /// The name and email as they stand: typed, or else what the link carries.
    func nameText(_ data: ConsoleData) -> String {
        name?.text ?? data.customer?.link?.personalization.name ?? ""
    }

    func emailText(_ data: ConsoleData) -> String {
        email?.text ?? data.customer?.link?.personalization.email ?? ""
    }

    /// Why the form can't be sent yet, or nil.
    func formProblem(_ data: ConsoleData) -> String? {
        if nameText(data).trimmingCharacters(in: .whitespaces).isEmpty { return "enter a name to continue" }
        if !EmailAddress.isValid(emailText(data)) { return "enter a valid email to continue" }
        return nil
    }
}
