import Foundation
import LinkdeskCore

/// The store the commands and screens talk to. SQLite implements it today; the protocol is the
/// seam where a PostgreSQL store for teams sharing one database can follow (SPEC §4).
/// Every mutating call is one transaction: it either applies whole or throws and changes nothing.
public protocol LinkStore: Sendable {
    func workspace() throws -> Workspace

    // Links
    func createOneTimeLink(_ request: NewOneTimeLink, now: Date) throws -> OneTimeLink
    func recordShare(page: Page, kind: Link.Kind, detail: String, now: Date) throws
    func oneTimeLinks(now: Date) throws -> [OneTimeLink]
    func revoke(linkID: String, now: Date) throws -> OneTimeLink
    func resolve(_ link: Link, now: Date) throws -> ResolvedLink
    /// Many one-time links of one master page in ONE transaction (`linkdesk batch` commits a chunk
    /// at a time). `relabel` draws a fresh listing id when one is already taken.
    func createOneTimeLinks(_ requests: [NewOneTimeLink], now: Date, relabel: () -> String) throws -> [OneTimeLink]
    /// One "link shared" event per link (its kind and who it is for), in one transaction.
    func recordShares(page: Page, _ shares: [(kind: Link.Kind, detail: String)], now: Date) throws

    // Pages
    func setRuleType(master: PageID, to ruleType: RuleType, now: Date) throws -> Int
    func setSlug(page: PageID, to slug: String, now: Date) throws

    // Bookings
    func book(_ request: CustomerBooking, now: Date) throws -> Booking
    func bookings(_ query: BookingQuery) throws -> [Booking]
    func booking(id: BookingID) throws -> Booking
    func cancel(id: BookingID, actor: Actor, reason: String?, now: Date) throws -> Booking
    func reschedule(id: BookingID, actor: Actor, to start: Date, reason: String?, now: Date) throws -> Booking
    func mark(id: BookingID, as status: BookingStatus, now: Date) throws -> Booking

    func countBookings(_ query: BookingQuery) throws -> Int

    // Activity
    func activity(limit: Int) throws -> [ActivityEvent]

    /// Changes whenever another connection (another process) commits; the console polls it to
    /// show others' changes without reloading when nothing happened.
    func changeStamp() throws -> Int64
}

/// A one-time link to store: the token itself never reaches the store, only its hash.
public struct NewOneTimeLink: Sendable {
    public var masterPageID: PageID
    public var tokenHash: String
    public var linkID: String
    public var options: OneTimeOptions
    public var personalizedFor: String?

    public init(masterPageID: PageID, tokenHash: String, linkID: String, options: OneTimeOptions, personalizedFor: String?) {
        self.masterPageID = masterPageID
        self.tokenHash = tokenHash
        self.linkID = linkID
        self.options = options
        self.personalizedFor = personalizedFor
    }
}

/// What a URL leads to right now.
public struct ResolvedLink: Sendable {
    public var page: Page
    public var oneTime: OneTimeLink?
}

/// A customer's booking through a link (`linkdesk book URL …`).
public struct CustomerBooking: Sendable {
    public var link: Link
    public var eventName: String?
    public var start: Date
    public var form: Personalization

    public init(link: Link, eventName: String?, start: Date, form: Personalization) {
        self.link = link
        self.eventName = eventName
        self.start = start
        self.form = form
    }
}

public struct BookingQuery: Sendable {
    public var limit: Int
    public var offset: Int
    public var search: String?
    public var liveOnly: Bool
    /// Only bookings starting in [startsFrom, startsBefore), when set.
    public var startsFrom: Date?
    public var startsBefore: Date?
    /// Look at no more than this many search matches (the console's cap keeps every keystroke
    /// fast when a filter matches nearly everything); nil: all of them.
    public var searchCap: Int?

    public init(limit: Int = 1_000, offset: Int = 0, search: String? = nil, liveOnly: Bool = false,
                startsFrom: Date? = nil, startsBefore: Date? = nil) {
        self.limit = limit
        self.offset = offset
        self.search = search
        self.liveOnly = liveOnly
        self.startsFrom = startsFrom
        self.startsBefore = startsBefore
    }
}
