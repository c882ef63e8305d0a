/// Either kind of page a link can point at. Most commands accept both, so they share this view.
public enum Page: Equatable, Sendable {
    case booking(BookingPage)
    case master(MasterPage)

    public enum Kind: String, Codable, Sendable { case booking, master }

    public var id: PageID {
        switch self { case .booking(let p): p.id; case .master(let p): p.id }
    }
    public var name: String {
        switch self { case .booking(let p): p.name; case .master(let p): p.name }
    }
    public var slug: String {
        switch self { case .booking(let p): p.slug; case .master(let p): p.slug }
    }
    public var kind: Kind {
        switch self { case .booking: .booking; case .master: .master }
    }
    public var ruleType: RuleType? {
        if case .master(let m) = self { return m.ruleType }
        return nil
    }
    public var eventTypeIDs: [EventTypeID] {
        switch self { case .booking(let p): p.eventTypeIDs; case .master(let p): p.eventTypeIDs }
    }

    /// nil when one-time links are allowed; otherwise the sentence that says why not.
    public var oneTimeRefusal: Refusal? { Self.oneTimeRefusal(allowed: allowsOneTimeLinks) }
}
