import Foundation

/// Everything configured (not booked): event types and pages. Small enough to load whole,
/// which keeps lookups and rule checks pure.
public struct Workspace: Codable, Equatable, Sendable {
    public var eventTypes: [EventType]
    public var bookingPages: [BookingPage] { didSet { index() } }
    public var masterPages: [MasterPage] { didSet { index() } }

    /// Booking pages first, then master pages: the order of the seeds' setup table. Kept with
    /// an index by id rather than rebuilt per call: screens look pages up on every keystroke,
    /// and a workspace may hold a thousand pages.
    public private(set) var pages: [Page] = []
    private var positions: [PageID: Int] = [:]

    private enum CodingKeys: String, CodingKey { case eventTypes, bookingPages, masterPages }

    public init(eventTypes: [EventType], bookingPages: [BookingPage], masterPages: [MasterPage]) {
        self.eventTypes = eventTypes
        self.bookingPages = bookingPages
        self.masterPages = masterPages
        index()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(eventTypes: try container.decode([EventType].self, forKey: .eventTypes),
                  bookingPages: try container.decode([BookingPage].self, forKey: .bookingPages),
                  masterPages: try container.decode([MasterPage].self, forKey: .masterPages))
    }

    /// One pass, sized up front: with a thousand pages the two mapped arrays, their
    /// concatenation and the pairs for the dictionary were 5 % of a first frame.
    private mutating func index() {
        var all: [Page] = []
        all.reserveCapacity(bookingPages.count + masterPages.count)
        for page in bookingPages { all.append(.booking(page)) }
        for page in masterPages { all.append(.master(page)) }
        var byID: [PageID: Int] = [:]
        byID.reserveCapacity(all.count)
        for (position, page) in all.enumerated() where byID[page.id] == nil { byID[page.id] = position }
        pages = all
        positions = byID
    }

    public func page(id: PageID) -> Page? { positions[id].map { pages[$0] } }
    public func bookingPage(id: PageID) -> BookingPage? {
        guard case .booking(let page)? = page(id: id) else { return nil }
        return page
    }
    public func masterPage(id: PageID) -> MasterPage? {
        guard case .master(let page)? = page(id: id) else { return nil }
        return page
    }
    public func eventType(id: EventTypeID) -> EventType? { eventTypes.first { $0.id == id } }
    public func page(slug: String) -> Page? {
        pages.first { $0.slug.caseInsensitiveCompare(slug) == .orderedSame }
    }

    /// SPEC §3: PAGE is a slug or a name, case-insensitive; ambiguity and misses list candidates.
    /// A `master:` or `booking:` prefix picks one kind when a name is shared by both.
    public func resolvePage(_ rawQuery: String) throws(Refusal) -> Page {
        try PageLookup.resolve(rawQuery, in: pages)
    }

    /// Event type by name (case-insensitive); when the page offers exactly one, it is the default.
    public func resolveEvent(_ query: String?, offeredBy page: Page) throws(Refusal) -> EventType {
        let offered = page.eventTypeIDs.compactMap(eventType(id:))
        guard let query else {
            if offered.count == 1, let only = offered.first { return only }
            throw Refusal(.eventTypeRequired(offered: offered.map(\.name)))
        }
        if let hit = offered.first(where: { $0.name.caseInsensitiveCompare(query) == .orderedSame }) {
            return hit
        }
        throw Refusal("\"\(page.name)\" does not offer event type \"\(query)\"; it offers: "
            + offered.map { "\"\($0.name)\"" }.joined(separator: ", "))
    }
}
