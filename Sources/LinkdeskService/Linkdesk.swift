import Foundation
import LinkdeskCore

/// The use cases: every action staff or a customer can take, each owned once, above any store.
/// The CLI, the console and the booking site call only this. Each action reads what its rules
/// need, decides with the pure rules of LinkdeskCore, and hands the store a write whose
/// guarantees the store keeps in its transaction; when the store answers that the world changed
/// meanwhile (`StoreConflict`), the action decides again on fresh reads.
public struct Linkdesk: Sendable {
    public let store: any LinkStore
    public let base: BaseURL
    public let time: any TimeSource
    public let random: any RandomSource
    /// Who is acting, when the caller resolved it already (`knowing`): a one-shot command asks
    /// once, not once per check. Nil: `viewer()` asks the store each time (a console or server
    /// lives through staff changes).
    let knownViewer: Viewer?
    /// Booking emails: on, bookings and their changes write what they owe the customer's and
    /// the staff member's inboxes to the outbox (`OutboxRules`); nil (no mail server), nothing
    /// is queued.
    public let notifications: Notifications?
    /// The customers' bookings taken through this value and its copies (`bookOnline`).
    public let traffic: BookingTraffic

    public init(store: any LinkStore, base: BaseURL, time: any TimeSource = SystemTime(),
                random: any RandomSource = SystemRandomSource(), notifications: Notifications? = nil) {
        self.store = store
        self.base = base
        self.time = time
        self.random = random
        self.notifications = notifications
        traffic = BookingTraffic()
        knownViewer = nil
    }

    private init(_ other: Linkdesk, viewer: Viewer) {
        store = other.store
        base = other.base
        time = other.time
        random = other.random
        notifications = other.notifications
        traffic = other.traffic
        knownViewer = viewer
    }

    /// The same use cases with who is acting fixed to `viewer` (resolved by `viewer()` just now).
    public func knowing(_ viewer: Viewer) -> Linkdesk { Linkdesk(self, viewer: viewer) }

    public var now: Date { time.now() }

    public func url(_ link: Link) -> String { LinkURL.build(link, base: base) }
    public func url(of page: Page) -> String { url(Link(target: .page(slug: page.slug))) }

    public func workspace() async throws -> Workspace { try await store.workspace() }
    public func pageSummaries() async throws -> [PageSummary] { try await store.pageSummaries() }
    public func page(id: PageID) async throws -> Page? { try await store.page(id: id) }
    public func workspace(bookingPagesUpTo limit: Int) async throws -> Workspace? {
        try await store.workspace(bookingPagesUpTo: limit)
    }

    /// The store's change stamp (`LinkStore.changeStamp`): nil when it can't tell.
    public func changeStamp() async throws -> String? { try await store.changeStamp() }

    /// How many times an action decides again after the store reported a conflict. Each retry
    /// reads afresh, so a lost race ends in the rule's own sentence ("that slot is already
    /// taken", "one-time link already used") rather than in this fallback.
    static let attempts = 4

    /// Runs `decide` until the store accepts what it decided; a conflict that outlives every
    /// attempt becomes the refusal `reason` gives for it.
    func deciding<T>(_ decide: () async throws -> T,
                     reason: (StoreConflict) -> Refusal.Reason = Linkdesk.reason) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await decide()
            } catch let conflict as StoreConflict {
                guard attempt < Self.attempts else { throw Refusal(reason(conflict)) }
                attempt += 1
            }
        }
    }

    static func reason(_ conflict: StoreConflict) -> Refusal.Reason {
        switch conflict {
        case .linkSpent: .deadLink(.used)
        case .slotTaken: .slotTaken
        case .busyInCalendar: .busyInCalendar
        case .slugTaken: .slugTaken(slug: nil, by: nil)
        case .stale: .concurrentChange
        case .repeatedRequest: .repeatedRequest
        case .dayFull(let limit): .dailyLimitReached(limit: limit)
        }
    }
}

/// How bookings notify when a mail server is configured.
public struct Notifications: Sendable, Equatable {
    /// Seconds before a booking's start at which its customer is reminded, for pages that do
    /// not say (`BookingPage.reminders`).
    public var reminders: [Int]
    /// The secret manage links are made from (`Token.manageToken(secret:nonce:)`), kept outside
    /// the database: every booking then gets a manage link that its messages, reminders days
    /// later included, can carry, and that the database alone cannot reveal.
    public var secret: [UInt8]

    public init(secret: [UInt8], reminders: [Int] = OutboxRules.defaultReminders) throws(Refusal) {
        guard secret.count >= Token.secretBytes else {
            throw Refusal(.input("the manage-link secret must hold at least \(Token.secretBytes) bytes"))
        }
        self.secret = secret
        self.reminders = reminders
    }
}
