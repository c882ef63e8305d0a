/// One team member's page.
public struct BookingPage: Codable, Equatable, Sendable {
    public var id: PageID
    public var name: String
    public var owner: String
    public var slug: String
    /// IANA name, e.g. "America/New_York": availability is read in this zone.
    public var timeZone: String
    public var availability: WeeklyAvailability
    public var eventTypeIDs: [EventTypeID]
    public var policy: ChangePolicy

    public init(id: PageID, name: String, owner: String, slug: String, timeZone: String,
                availability: WeeklyAvailability, eventTypeIDs: [EventTypeID], policy: ChangePolicy) {
        self.id = id
        self.name = name
        self.owner = owner
        self.slug = slug
        self.timeZone = timeZone
        self.availability = availability
        self.eventTypeIDs = eventTypeIDs
        self.policy = policy
    }
}
