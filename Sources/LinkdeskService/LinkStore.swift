import Foundation
import LinkdeskCore

/// Persistence for linkdesk: reads, and writes that each run as one transaction. It holds no
/// product rule: the use cases (`Linkdesk`) decide, the store stores. What it does guarantee, in
/// the transaction and across processes, is what no read-then-write from outside could:
/// a one-time use is spent in the transaction that stores its booking, a team member's time is
/// taken once, a slug belongs to one page, and a row changed meanwhile is not overwritten
/// (`StoreConflict`). `SQLiteStore`, `PostgresStore` and `InMemoryStore` implement it; every
/// store must pass the contract suite in `Tests/LinkdeskStoreTests/Contract`.
///
/// The interface is `async` so that a web handler or a network database driver never blocks a
/// thread of the concurrency pool while it waits.
public protocol LinkStore: Sendable {
    // MARK: Reads (they never write, and never sync anything to disk)

    func workspace() async throws -> Workspace
    /// Every page's summary in the workspace's page order (booking pages, then master pages, each
    /// by id): what a page list shows, without decoding configurations. The default (extension)
    /// reads the whole workspace.
    func pageSummaries() async throws -> [PageSummary]
    /// One page as stored now, or nil when there is none with that id.
    func page(id: PageID) async throws -> Page?
    /// The event types and the first `limit` booking pages by id, without master pages: the top
    /// of the workspace's page list, which is all a first frame over many pages shows. nil (the
    /// default): this store can't read less than the whole workspace.
    func workspace(bookingPagesUpTo limit: Int) async throws -> Workspace?
    /// Every one-time link, newest first.
    func oneTimeLinks() async throws -> [OneTimeLink]
    func oneTimeLink(tokenHash: String) async throws -> OneTimeLink?
    func oneTimeLink(id: String) async throws -> OneTimeLink?
    /// Links whose expiry passed by `now` while they still had a use and were neither revoked nor
    /// invalidated before it: the activity stream shows their expiry, computed when read.
    /// Latest expiry first.
    func oneTimeLinks(expiredBy now: Date, limit: Int) async throws -> [OneTimeLink]
    /// True when `slug` was once a page's link (it stopped working when the page changed it).
    func isFormerSlug(_ slug: String) async throws -> Bool
    func booking(id: BookingID) async throws -> Booking?
    func bookings(_ query: BookingQuery) async throws -> [Booking]
    /// The times the bookings matching `query` hold, in the same order: what the slot rules
    /// need, without the rest of each booking.
    func busyTimes(_ query: BookingQuery) async throws -> [BusyTime]
    /// Counts matches up to `query.limit` (a list says "5,000+" rather than wait for an exact
    /// count of a broad filter).
    func countBookings(_ query: BookingQuery) async throws -> Int
    /// The recorded activity, newest first.
    func activity(limit: Int) async throws -> [ActivityEvent]
    /// The booking a manage link's token (its SHA-256, as `Token.hash` gives) belongs to.
    func booking(manageTokenHash: String) async throws -> Booking?
    /// The booking a booking request (the hash of its form's request key) made, if it was made.
    func booking(requestKeyHash: String) async throws -> Booking?
    /// The team member (booking page) whose calendar feed a token (its hash) opens.
    func calendarMember(tokenHash: String) async throws -> PageID?
    /// Yields `.changed` soon (well within a second) after anyone — another process, another
    /// machine — commits a change made after this call; `.unavailable` once when the store can't
    /// be watched for a while (then `.changed` again when it can, since changes may have been
    /// missed). The stream ends when the caller stops iterating.
    func changes() -> AsyncStream<StoreEvent>
    /// What refers to pages and event types (bookings, one-time links), counted for a workspace
    /// plan; a one-time link is live when it has a use left and is neither revoked, invalidated
    /// nor expired at `now`, a booking when its status is.
    func workspaceUsage(at now: Date) async throws -> WorkspaceUsage
    /// See the extension: nil unless the store can tell.
    func changeStamp() async throws -> String?
    /// See the extension: runs `body` as it is unless the store has connections to hold.
    func holdingConnection<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T

    // MARK: Writes (each one transaction: applied whole, or not at all)

    /// Stores one-time links of one master page. `check` runs on the page as it is inside the
    /// transaction (a rule switch may have happened since the caller looked) and may refuse;
    /// `relabel` draws a fresh listing id when one is taken; `event` is each link's activity.
    func insertOneTimeLinks(_ links: [NewOneTimeLink], at now: Date, relabel: @escaping @Sendable () -> String,
                            check: @escaping @Sendable (Page) throws -> Void,
                            event: @escaping @Sendable (OneTimeLink, Page) -> ActivityEvent) async throws -> [OneTimeLink]
    func append(_ events: [ActivityEvent]) async throws
    /// Stores a booking (its `id` is assigned). Throws `.linkSpent` when the one-time use it
    /// consumes is gone, `.slotTaken` when its member's time overlaps a live booking, `.stale`
    /// when the page's slug it came through changed, `.repeatedRequest` when its request key
    /// already made a booking (which then stays the only one: nothing is spent or stored),
    /// `.busyInCalendar` when it meets the owner's calendars (`NewBooking.busyLogin`), `.dayFull`
    /// when the member's day already holds its limit (`NewBooking.dayCap`).
    func insertBooking(_ new: NewBooking) async throws -> Booking
    /// Replaces a booking's status, times and reason, provided it still is `previous`; a new live
    /// time must not overlap another live booking of the member (`.slotTaken`). In the same
    /// transaction the booking's pending reminders are withdrawn (they were for its old time or
    /// status) and `notices` are written to the outbox. `busyLogin`: a new live time must not meet
    /// a busy time of that staff member's calendars either (as `NewBooking.busyLogin`), nor
    /// fill the member's day past `dayCap` (`.dayFull`, as `NewBooking.dayCap`).
    func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent],
                       manageTokenHash: String?, notices: [OutboxNotice], busyLogin: String?, dayCap: DayCap?) async throws
    /// The outbox: one booking's notices, or every booking's (`nil`), oldest first, at most `limit`.
    func outbox(booking: BookingID?, limit: Int) async throws -> [OutboxItem]
    /// The nonce the booking's manage token was made from, when it was made from one.
    func manageNonce(booking: BookingID) async throws -> String?
    /// Claims up to `limit` pending notices due at `now`, earliest first, for `lease` seconds:
    /// nobody else claims them meanwhile (two servers on one database never send one twice;
    /// PostgreSQL skips rows another sender holds), and a sender that died leaves them to the
    /// next one when the lease is over.
    func claimDue(at now: Date, limit: Int, lease: Double) async throws -> [OutboxItem]
    /// Records what became of claimed notices' tries (and releases their claims), in one
    /// transaction: a sender's round writes once, not once a message.
    func recordDeliveries(_ deliveries: [Delivery], at now: Date) async throws
    /// Makes a failed message pending again, due `now`, its tries counted afresh; false when it
    /// is not failed (any more).
    func resendMessage(id: Int64, at now: Date) async throws -> Bool
    /// Revokes a link that is live at `now` (else `.stale`).
    func revokeOneTimeLink(id: String, at now: Date, events: [ActivityEvent]) async throws
    /// Replaces a page's configuration, provided it still is `change.previous`; returns how many
    /// live one-time links stopped working when the change invalidates them.
    func updatePage(_ change: PageChange) async throws -> Int
    /// Replaces the whole configuration (event types, pages) with `change.workspace`, provided
    /// the store still holds `change.base` (else `.stale`): removed rows are deleted, changed
    /// ones updated (slugs may swap), new ones inserted with their ids; former slugs are kept,
    /// the listed master pages' live one-time links invalidated, and the activity appended, in one
    /// transaction. Returns how many live one-time links stopped, by master page.
    @discardableResult
    func replaceWorkspace(_ change: WorkspaceReplacement) async throws -> [PageID: Int]
    /// Gives a team member's calendar feed the token with this hash, replacing the one it had
    /// (which stops working at once).
    func setCalendarToken(member: PageID, tokenHash: String, at now: Date, events: [ActivityEvent]) async throws
    /// True when the member's calendar feed has a token.
    func hasCalendarToken(member: PageID) async throws -> Bool

    // MARK: Staff (SPEC §8)

    /// The login this store acts as, which decides the viewer's role: the PostgreSQL login of
    /// its connections (`session_user`), the operating-system user for a SQLite file. Staff
    /// events are recorded under it (`ActivityEvent.by`), one-time links as made by it.
    func login() async throws -> String
    /// The workspace's staff members, by login.
    func staff() async throws -> [StaffMember]
    /// Adds the staff member, or replaces the one with the same login, with `events`. In team
    /// mode the same transaction creates their PostgreSQL login when there is none (adopting one
    /// that exists), sets its `password` when given, and puts it in the group role of their role
    /// alone; a SQLite or in-memory store records the member only.
    func saveStaff(_ member: StaffMember, password: String?, events: [ActivityEvent]) async throws
    /// Removes the staff member with that login (their pages, links and bookings stay); false
    /// when there was none. In team mode their login leaves the group roles (it is not dropped).
    func removeStaff(login: String, events: [ActivityEvent]) async throws -> Bool
    /// See the extension's default.
    func privilegesBeyondSite() async throws -> String?
    /// What the store knows of the login it acts as: its staff record, and whether the workspace
    /// has any staff. The default reads the staff list; the site's login in team mode may not
    /// read it, so PostgreSQL answers for the caller alone.
    func staffStatus() async throws -> StaffStatus
    /// One staff member by login, nil when there is none. The default reads the staff list; the
    /// site's login in team mode may not read it, so PostgreSQL answers through a lookup (the
    /// sender in `linkdesk serve` addresses staff members' notices with it).
    func staffMember(login: String) async throws -> StaffMember?

    // MARK: Staff calendars (SPEC §10)

    /// Every staff member's calendar with how its syncs went, by login and name.
    func calendars() async throws -> [StaffCalendar]
    /// Stores a new calendar (`id` 0) or changes one's source or name, with `events`; a new
    /// calendar has no busy times until its first sync. Returns it as stored.
    func saveCalendar(_ calendar: StaffCalendar, events: [ActivityEvent]) async throws -> StaffCalendar
    /// Removes the calendar and its busy times (its slots open again); false when there was none.
    func removeCalendar(id: Int64, events: [ActivityEvent]) async throws -> Bool
    /// What a sync of calendar `id` read, in one transaction: its busy times are replaced by
    /// `busy` only when they differ (so that an unchanged calendar does not make the booking
    /// site render its pages again), and its sync state is set. A failed reading keeps them.
    func recordCalendarSync(id: Int64, reading: CalendarReading, at now: Date) async throws
    /// The calendars' busy times overlapping `[from, to)`, of these staff members (nil: all).
    func calendarBusy(from: Date, to: Date, staffLogins: [String]?) async throws -> [CalendarBusy]

    // MARK: Settings

    /// The workspace's settings as stored, name → value (`WorkspaceSettings` reads them).
    func settings() async throws -> [String: String]
    /// Sets each named setting to its value, or removes it (nil), with `events`, in one transaction.
    func saveSettings(_ changes: [String: String?], events: [ActivityEvent]) async throws
}

/// `LinkStore.staffStatus()`: enough to decide who is acting (`Viewer.resolve`).
public struct StaffStatus: Equatable, Sendable {
    public var member: StaffMember?
    public var anyStaff: Bool
    public init(member: StaffMember?, anyStaff: Bool) {
        self.member = member
        self.anyStaff = anyStaff
    }
}

extension LinkStore {
    /// A value that changes, in the committing transaction, whenever anything a booking page
    /// shows may have changed: a page or event type, a booking, a one-time link's state. The
    /// booking site keeps a rendered page while the stamp stays. nil (the default): this store
    /// can't tell, and nothing is kept.
    public func changeStamp() async throws -> String? { nil }

    /// `updateBooking` with nothing for the outbox (its pending reminders are still withdrawn).
    public func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent],
                              manageTokenHash: String?) async throws {
        try await updateBooking(booking, expecting: previous, events: events, manageTokenHash: manageTokenHash, notices: [])
    }

    /// `updateBooking` with no calendar to check (a cancellation, a hold confirmed or lapsed).
    public func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent],
                              manageTokenHash: String?, notices: [OutboxNotice]) async throws {
        try await updateBooking(booking, expecting: previous, events: events, manageTokenHash: manageTokenHash, notices: notices,
                                busyLogin: nil, dayCap: nil)
    }

    /// `updateBooking` checking the staff member's calendars but no daily limit (staff moving a booking).
    public func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent],
                              manageTokenHash: String?, notices: [OutboxNotice], busyLogin: String?) async throws {
        try await updateBooking(booking, expecting: previous, events: events, manageTokenHash: manageTokenHash, notices: notices,
                                busyLogin: busyLogin, dayCap: nil)
    }

    /// Runs `body` with the store's reads and writes made on one connection held throughout, for
    /// a short unit of work with several round trips (the booking site's booking POST): a store
    /// whose round trips hop between threads (PostgreSQL's pool) makes them without the hops.
    /// The default runs `body` as it is (a SQLite file or memory has no round trips).
    public func holdingConnection<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await body()
    }

    /// From the whole workspace: a store that can read the summaries alone overrides it.
    public func pageSummaries() async throws -> [PageSummary] {
        try await workspace().pages.map(\.summary)
    }

    public func page(id: PageID) async throws -> Page? {
        try await workspace().page(id: id)
    }

    public func workspace(bookingPagesUpTo limit: Int) async throws -> Workspace? { nil }

    /// What this store's login may do beyond what the booking site needs, in a few words
    /// ("superuser", "administrator"), so that a server facing the internet says so at start;
    /// nil when nothing, or when the store has no such thing as logins (a SQLite file).
    public func privilegesBeyondSite() async throws -> String? { nil }

    public func staffStatus() async throws -> StaffStatus {
        let staff = try await staff()
        let login = try await login()
        return StaffStatus(member: staff.first { $0.login == login }, anyStaff: !staff.isEmpty)
    }

    public func staffMember(login: String) async throws -> StaffMember? {
        try await staff().first { $0.login == login }
    }

    /// A staff change of a booking (no manage token names it).
    public func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent]) async throws {
        try await updateBooking(booking, expecting: previous, events: events, manageTokenHash: nil)
    }

    /// `bookings(query)`'s times: a store that can read less overrides it.
    public func busyTimes(_ query: BookingQuery) async throws -> [BusyTime] {
        try await bookings(query).map(BusyTime.init)
    }
}

/// What `LinkStore.changes()` reports.
public enum StoreEvent: Equatable, Sendable {
    case changed
    case unavailable(String)
}

/// A one-time link to store: the token itself never reaches the store, only its hash.
public struct NewOneTimeLink: Sendable {
    public var masterPageID: PageID
    public var tokenHash: String
    public var linkID: String
    public var options: OneTimeOptions
    public var expiresAt: Date
    public var personalizedFor: String?

    public init(masterPageID: PageID, tokenHash: String, linkID: String, options: OneTimeOptions, expiresAt: Date,
                personalizedFor: String?) {
        self.masterPageID = masterPageID
        self.tokenHash = tokenHash
        self.linkID = linkID
        self.options = options
        self.expiresAt = expiresAt
        self.personalizedFor = personalizedFor
    }
}

/// A page's new configuration (slug, rule type) and what comes with it.
public struct PageChange: Sendable {
    public var page: Page
    public var previous: Page
    public var at: Date
    /// Remember the former slug, so a customer following it is told why it stopped working.
    public var keepsFormerSlug: Bool
    /// Dynamic → Static: every one-time link of the page stops working, for good.
    public var invalidatesOneTimeLinks: Bool
    /// The activity, given how many live one-time links stopped working.
    public var events: @Sendable (Int) -> [ActivityEvent]

    public init(page: Page, previous: Page, at: Date, keepsFormerSlug: Bool = false, invalidatesOneTimeLinks: Bool = false,
                events: @escaping @Sendable (Int) -> [ActivityEvent]) {
        self.page = page
        self.previous = previous
        self.at = at
        self.keepsFormerSlug = keepsFormerSlug
        self.invalidatesOneTimeLinks = invalidatesOneTimeLinks
        self.events = events
    }
}

public struct BookingQuery: Sendable, Equatable {
    public var limit: Int
    public var offset: Int
    /// Customer name or email contains this (case-insensitive).
    public var search: String?
    public var liveOnly: Bool
    /// Only bookings starting in [startsFrom, startsBefore), when set.
    public var startsFrom: Date?
    public var startsBefore: Date?
    public var teamMember: PageID?
    /// Only bookings with one of these team members (the Bookings view's "mine": the booking
    /// pages the viewer owns); nil: any. An empty list matches nothing.
    public var teamMembers: [PageID]?
    public var excluding: BookingID?
    /// A store may stop looking after this many search matches (the console's cap keeps every
    /// keystroke fast when a filter matches nearly everything); nil: all of them. A hint a store
    /// is free to ignore: a list that uses it says "N+".
    public var matchCap: Int?
    /// Only bookings awaiting their customer's confirmation by email (the holds the sender lets
    /// lapse); stores serve it from an index of those alone.
    public var awaitingOnly = false

    public init(limit: Int = 1_000, offset: Int = 0, search: String? = nil, liveOnly: Bool = false,
                startsFrom: Date? = nil, startsBefore: Date? = nil, teamMember: PageID? = nil,
                excluding: BookingID? = nil, matchCap: Int? = nil, teamMembers: [PageID]? = nil) {
        self.teamMembers = teamMembers
        self.limit = limit
        self.offset = offset
        self.search = search
        self.liveOnly = liveOnly
        self.startsFrom = startsFrom
        self.startsBefore = startsBefore
        self.teamMember = teamMember
        self.excluding = excluding
        self.matchCap = matchCap
    }
}

/// A whole new configuration, as `Linkdesk.applyWorkspace` decided it.
public struct WorkspaceReplacement: Sendable {
    /// What the plan was made against: the store refuses (`.stale`) when it holds anything else.
    public var base: Workspace
    public var workspace: Workspace
    public var at: Date
    /// Former slugs to remember (SPEC §1: the former link stops working at once).
    public var formerSlugs: [FormerSlugNote]
    /// Master pages whose live one-time links stop working, for good.
    public var invalidatesOneTimeLinks: [PageID]
    /// The activity, given how many live one-time links stopped per master page.
    public var events: @Sendable ([PageID: Int]) -> [ActivityEvent]

    public init(base: Workspace, workspace: Workspace, at: Date, formerSlugs: [FormerSlugNote],
                invalidatesOneTimeLinks: [PageID], events: @escaping @Sendable ([PageID: Int]) -> [ActivityEvent]) {
        self.base = base
        self.workspace = workspace
        self.at = at
        self.formerSlugs = formerSlugs
        self.invalidatesOneTimeLinks = invalidatesOneTimeLinks
        self.events = events
    }
}

public struct FormerSlugNote: Equatable, Sendable {
    public var pageID: PageID
    public var slug: String
    public init(pageID: PageID, slug: String) { self.pageID = pageID; self.slug = slug }
}
