import Foundation
import LinkdeskCore

/// A whole store's content, as `linkdesk migrate` moves it from one store to another: the
/// workspace, every one-time link (hash, uses, revocation, invalidation), every booking with
/// its id, the activity oldest first, the former slugs, and the booking site's tokens (hashes
/// only): customers' manage links, booking forms' request keys and staff's calendar feeds keep
/// working after the move; and the outbox, so that no message a booking owes is lost.
public struct StoreDump: Sendable {
    public var workspace: Workspace
    public var links: [OneTimeLink]
    public var bookings: [Booking]
    /// Oldest first.
    public var activity: [ActivityEvent]
    public var formerSlugs: [FormerSlug]
    public var manageTokens: [BookingToken]
    public var requestKeys: [BookingToken]
    public var calendarTokens: [CalendarToken]
    /// The staff list (no secrets: PostgreSQL logins and their passwords are made apart, `staff add`).
    public var staff: [StaffMember]
    /// Oldest first, with their states.
    public var outbox: [OutboxItem]
    /// The workspace's settings, name → value.
    public var settings: [String: String]
    /// The staff calendars (where to read them, never a password) with their busy times, so a
    /// move neither forgets a calendar nor opens its times until the next sync.
    public var calendars: [(calendar: StaffCalendar, busy: [BusyInterval])]

    public init(workspace: Workspace, links: [OneTimeLink], bookings: [Booking], activity: [ActivityEvent],
                formerSlugs: [FormerSlug], manageTokens: [BookingToken] = [], requestKeys: [BookingToken] = [],
                calendarTokens: [CalendarToken] = [], staff: [StaffMember] = [], outbox: [OutboxItem] = [],
                settings: [String: String] = [:], calendars: [(calendar: StaffCalendar, busy: [BusyInterval])] = []) {
        self.calendars = calendars
        self.staff = staff
        self.settings = settings
        self.outbox = outbox
        self.workspace = workspace
        self.links = links
        self.bookings = bookings
        self.activity = activity
        self.formerSlugs = formerSlugs
        self.manageTokens = manageTokens
        self.requestKeys = requestKeys
        self.calendarTokens = calendarTokens
    }
}

/// A token's hash and the booking it leads to (a manage link, a booking form's request key).
public struct BookingToken: Sendable, Equatable {
    public var hash: String
    public var bookingID: BookingID
    /// A manage token's nonce, when it was made from the secret (`NewBooking.manageNonce`).
    public var nonce: String?

    public init(hash: String, bookingID: BookingID, nonce: String? = nil) {
        self.hash = hash
        self.bookingID = bookingID
        self.nonce = nonce
    }
}

/// A team member's calendar feed token, hashed.
public struct CalendarToken: Sendable, Equatable {
    public var memberID: PageID
    public var hash: String
    public var createdAt: Date

    public init(memberID: PageID, hash: String, createdAt: Date) {
        self.memberID = memberID
        self.hash = hash
        self.createdAt = createdAt
    }
}

/// A slug a page once had.
public struct FormerSlug: Sendable, Equatable {
    public var slug: String
    public var pageID: PageID
    public var changedAt: Date

    public init(slug: String, pageID: PageID, changedAt: Date) {
        self.slug = slug
        self.pageID = pageID
        self.changedAt = changedAt
    }
}
