/// One team member's page.
public struct BookingPage: Codable, Equatable, Sendable {
    public var id: PageID
    public var name: String
    /// The owner's name as shown (kept from before there were staff members).
    public var owner: String
    /// The staff member who owns the page (SPEC §8: "Owned by you"); nil until one is named
    /// (`staff add --owns`), and then the page's bookings, hours and policy are theirs to change.
    public var ownerLogin: String?
    public var slug: String
    /// IANA name, e.g. "America/New_York": availability is read in this zone.
    public var timeZone: String
    public var availability: WeeklyAvailability
    public var eventTypeIDs: [EventTypeID]
    public var policy: ChangePolicy
    /// When the customers of this page's bookings are reminded, in seconds before the start
    /// (the workspace file's `reminders: [24h, 1h]`; `[]` for none). nil: the default,
    /// `OutboxRules.defaultReminders`, so that a page stored before the setting existed, or
    /// written without it, keeps the default.
    public var reminders: [Int]?
    /// Minimum notice, horizon, slot interval and daily limit (`SchedulingControls`); nil: none.
    public var scheduling: SchedulingControls?
    /// Event types' own controls over the page's (`scheduled(for:)`); nil: none.
    public var eventScheduling: [EventScheduling]?

    public init(id: PageID, name: String, owner: String, slug: String, timeZone: String,
                availability: WeeklyAvailability, eventTypeIDs: [EventTypeID], policy: ChangePolicy,
                ownerLogin: String? = nil, reminders: [Int]? = nil) {
        self.id = id
        self.name = name
        self.owner = owner
        self.ownerLogin = ownerLogin
        self.slug = slug
        self.timeZone = timeZone
        self.availability = availability
        self.eventTypeIDs = eventTypeIDs
        self.policy = policy
        self.reminders = reminders
    }
}
