import Foundation
import LinkdeskCore

/// A `LinkStore` in memory, so that the use cases have tests of their own that run in
/// milliseconds, with no database: it passes the same contract suite as the SQLite and
/// PostgreSQL stores (`Tests/LinkdeskStoreTests/Contract`), so what a use case sees of it is what
/// it would see of either.
///
/// One lock stands for the databases' transactions: a write copies the whole state, changes the
/// copy and swaps it in only when every check passed (a one-time use spent once, a member's time
/// taken once by live bookings, a slug used by one page, a row changed meanwhile not
/// overwritten), so a refused write leaves nothing behind. Reads take the state as it is between
/// two writes. The closures a write is handed (`check`, `relabel`, the activity) run inside
/// that transaction, under the lock: they must not call the store.
///
/// Its contents live as long as the object: "another connection" to it is the same object.
public final class InMemoryStore: LinkStore, @unchecked Sendable {
    /// What every session of one store shares: the state and the streams to tell.
    final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var state: InMemoryState  // guarded by `lock`
        var watchers: [Int: AsyncStream<StoreEvent>.Continuation] = [:]  // guarded by `lock`
        var nextWatcher = 0  // guarded by `lock`
        init(_ state: InMemoryState) { self.state = state }
    }

    private let shared: Shared
    private var lock: NSLock { shared.lock }
    /// The login it acts as (`login()`): what a database would take from its session.
    let actingLogin: String

    /// A store holding `workspace` (as a database is seeded), with no booking, link or activity,
    /// acting as `login`. The workspace is taken as given: one that `WorkspaceCheck` passed.
    public init(workspace: Workspace, login: String = "staff") {
        shared = Shared(InMemoryState(workspace: workspace))
        actingLogin = login
    }

    private init(shared: Shared, login: String) {
        self.shared = shared
        actingLogin = login
    }

    /// The same store as another login sees it, as a second database session of that login
    /// would: same contents, its own `login()`.
    public func session(as login: String) -> InMemoryStore { InMemoryStore(shared: shared, login: login) }

    // MARK: The transaction

    /// The state between two writes. Synchronous: NSLock may not be taken in an async function.
    func snapshot() -> InMemoryState {
        lock.lock()
        defer { lock.unlock() }
        return shared.state
    }

    /// Runs `body` on a copy of the state and keeps the copy only when `body` returns; then tells
    /// every `changes()` stream, after the lock is released (a consumer may come straight back).
    func write<T>(_ body: (inout InMemoryState) throws -> T) throws -> T {
        let (result, listeners) = try commit(body)
        for listener in listeners { listener.yield(.changed) }
        return result
    }

    private func commit<T>(_ body: (inout InMemoryState) throws -> T) throws -> (T, [AsyncStream<StoreEvent>.Continuation]) {
        lock.lock()
        defer { lock.unlock() }
        var draft = shared.state
        let result = try body(&draft)
        draft.version &+= 1
        shared.state = draft
        return (result, Array(shared.watchers.values))
    }

    private func watch(_ continuation: AsyncStream<StoreEvent>.Continuation) -> Int {
        lock.lock()
        defer { lock.unlock() }
        shared.nextWatcher += 1
        shared.watchers[shared.nextWatcher] = continuation
        return shared.nextWatcher
    }

    private func unwatch(_ id: Int) {
        lock.lock()
        defer { lock.unlock() }
        shared.watchers[id] = nil
    }

    // MARK: Reads

    public func workspace() async throws -> Workspace {
        snapshot().workspace
    }

    /// Unlike PostgreSQL, this store can hand out the top of the page list alone, as SQLite does.
    public func workspace(bookingPagesUpTo limit: Int) async throws -> Workspace? {
        let whole = snapshot().workspace
        return Workspace(eventTypes: whole.eventTypes, bookingPages: Array(whole.bookingPages.prefix(max(limit, 0))), masterPages: [])
    }

    public func oneTimeLinks() async throws -> [OneTimeLink] {
        snapshot().links.values.sorted { a, b in a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.linkID < b.linkID }
    }

    public func oneTimeLink(tokenHash: String) async throws -> OneTimeLink? {
        let state = snapshot()
        return state.linkIDsByToken[tokenHash].flatMap { state.links[$0] }
    }

    public func oneTimeLink(id: String) async throws -> OneTimeLink? {
        snapshot().links[id]
    }

    /// A link revoked or invalidated only after its expiry still expired (at its expiry).
    public func oneTimeLinks(expiredBy now: Date, limit: Int) async throws -> [OneTimeLink] {
        let expired = snapshot().links.values.filter { link in
            link.expiresAt <= now && link.usesLeft > 0
                && (link.revokedAt.map { $0 > link.expiresAt } ?? true)
                && (link.invalidatedAt.map { $0 > link.expiresAt } ?? true)
        }.sorted { a, b in a.expiresAt != b.expiresAt ? a.expiresAt > b.expiresAt : a.linkID < b.linkID }
        return limit < 0 ? expired : Array(expired.prefix(limit))
    }

    public func isFormerSlug(_ slug: String) async throws -> Bool {
        snapshot().formerSlugs.contains { InMemoryState.sameSlug($0.slug, slug) }
    }

    public func booking(id: BookingID) async throws -> Booking? {
        snapshot().booking(id: id)
    }

    /// A negative limit is no limit, as in SQL.
    public func bookings(_ query: BookingQuery) async throws -> [Booking] {
        let matches = snapshot().matching(query)
        let rest = matches.dropFirst(max(query.offset, 0))
        return query.limit < 0 ? Array(rest) : Array(rest.prefix(query.limit))
    }

    public func countBookings(_ query: BookingQuery) async throws -> Int {
        let count = snapshot().matching(query).count
        return query.limit < 0 ? count : min(count, query.limit)
    }

    public func activity(limit: Int) async throws -> [ActivityEvent] {
        let recorded = snapshot().activity
        return Array((limit < 0 ? recorded[...] : recorded.suffix(limit)).reversed())
    }

    public func booking(manageTokenHash: String) async throws -> Booking? {
        let state = snapshot()
        return state.manageTokens[manageTokenHash].flatMap { state.booking(id: $0) }
    }

    public func booking(requestKeyHash: String) async throws -> Booking? {
        let state = snapshot()
        return state.requestKeys[requestKeyHash].flatMap { state.booking(id: $0) }
    }

    public func calendarMember(tokenHash: String) async throws -> PageID? {
        snapshot().calendarTokens.values.first { $0.hash == tokenHash }?.memberID
    }

    public func hasCalendarToken(member: PageID) async throws -> Bool {
        snapshot().calendarTokens[member] != nil
    }

    /// A booking through a master page counts for the master page and for its team member.
    public func workspaceUsage(at now: Date) async throws -> WorkspaceUsage {
        let state = snapshot()
        var usage = WorkspaceUsage()
        func tally(_ page: PageID, live: Bool) {
            let was = usage.bookings[page] ?? WorkspaceUsage.Count(live: 0, total: 0)
            usage.bookings[page] = WorkspaceUsage.Count(live: was.live + (live ? 1 : 0), total: was.total + 1)
        }
        for booking in state.bookings {
            tally(booking.pageID, live: booking.status.isLive)
            if booking.teamMemberID != booking.pageID { tally(booking.teamMemberID, live: booking.status.isLive) }
            usage.eventTypeBookings[booking.eventTypeID, default: 0] += 1
        }
        for link in state.links.values {
            let was = usage.oneTimeLinks[link.masterPageID] ?? WorkspaceUsage.Count(live: 0, total: 0)
            let live = link.status(at: now) == .live ? 1 : 0
            usage.oneTimeLinks[link.masterPageID] = WorkspaceUsage.Count(live: was.live + live, total: was.total + 1)
        }
        return usage
    }

    public func claimDue(at now: Date, limit: Int, lease: Double) async throws -> [OutboxItem] {
        try write { (state: inout InMemoryState) in state.claimDue(at: now, limit: limit, lease: lease) }
    }

    public func recordDeliveries(_ deliveries: [Delivery], at now: Date) async throws {
        try write { (state: inout InMemoryState) in
            for delivery in deliveries { state.recordDelivery(id: delivery.id, outcome: delivery.outcome, at: now) }
        }
    }

    public func resendMessage(id: Int64, at now: Date) async throws -> Bool {
        try write { (state: inout InMemoryState) in state.resendMessage(id: id, at: now) }
    }

    public func manageNonce(booking: BookingID) async throws -> String? {
        snapshot().manageNonces[booking]
    }

    public func outbox(booking: BookingID?, limit: Int) async throws -> [OutboxItem] {
        Array(snapshot().outbox.filter { booking == nil || $0.bookingID == booking }.prefix(max(limit, 0)))
    }

    /// The number of writes committed so far: any write may change what a booking page shows.
    public func changeStamp() async throws -> String? {
        String(snapshot().version)
    }

    /// Registered before this returns, so a write made right after is not missed; a write that
    /// committed nothing (refused, or with nothing to write) is not reported.
    public func changes() -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream<StoreEvent>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = watch(continuation)
        continuation.onTermination = { [weak self] _ in self?.unwatch(id) }
        return stream
    }
}
