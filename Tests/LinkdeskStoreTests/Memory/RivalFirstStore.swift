import Foundation
import LinkdeskCore
import LinkdeskService

/// An `InMemoryStore` where another customer acts first: right before the first booking a use
/// case hands the store, `rival` is booked into the same store, between the use case's reads and
/// its write. Every conflict the store answers is kept, so a test can tell that the refusal it
/// got came from the store's guarantee, not from the rules' first look.
struct RivalFirstStore: LinkStore {
    let inner: InMemoryStore
    let log: RivalLog

    init(_ inner: InMemoryStore, rival: NewBooking) {
        self.inner = inner
        log = RivalLog(rival: rival)
    }

    func insertBooking(_ new: NewBooking) async throws -> Booking {
        if let rival = await log.takeRival() { _ = try await inner.insertBooking(rival) }
        do {
            return try await inner.insertBooking(new)
        } catch let conflict as StoreConflict {
            await log.record(conflict)
            throw conflict
        }
    }

    // Everything else as the store does it.
    func workspace() async throws -> Workspace { try await inner.workspace() }
    func oneTimeLinks() async throws -> [OneTimeLink] { try await inner.oneTimeLinks() }
    func oneTimeLink(tokenHash: String) async throws -> OneTimeLink? { try await inner.oneTimeLink(tokenHash: tokenHash) }
    func oneTimeLink(id: String) async throws -> OneTimeLink? { try await inner.oneTimeLink(id: id) }
    func oneTimeLinks(expiredBy now: Date, limit: Int) async throws -> [OneTimeLink] {
        try await inner.oneTimeLinks(expiredBy: now, limit: limit)
    }
    func isFormerSlug(_ slug: String) async throws -> Bool { try await inner.isFormerSlug(slug) }
    func booking(id: BookingID) async throws -> Booking? { try await inner.booking(id: id) }
    func bookings(_ query: BookingQuery) async throws -> [Booking] { try await inner.bookings(query) }
    func countBookings(_ query: BookingQuery) async throws -> Int { try await inner.countBookings(query) }
    func activity(limit: Int) async throws -> [ActivityEvent] { try await inner.activity(limit: limit) }
    func booking(manageTokenHash: String) async throws -> Booking? { try await inner.booking(manageTokenHash: manageTokenHash) }
    func booking(requestKeyHash: String) async throws -> Booking? { try await inner.booking(requestKeyHash: requestKeyHash) }
    func calendarMember(tokenHash: String) async throws -> PageID? { try await inner.calendarMember(tokenHash: tokenHash) }
    func changes() -> AsyncStream<StoreEvent> { inner.changes() }
    func workspaceUsage(at now: Date) async throws -> WorkspaceUsage { try await inner.workspaceUsage(at: now) }
    func changeStamp() async throws -> String? { try await inner.changeStamp() }
    func insertOneTimeLinks(_ links: [NewOneTimeLink], at now: Date, relabel: @escaping @Sendable () -> String,
                            check: @escaping @Sendable (Page) throws -> Void,
                            event: @escaping @Sendable (OneTimeLink, Page) -> ActivityEvent) async throws -> [OneTimeLink] {
        try await inner.insertOneTimeLinks(links, at: now, relabel: relabel, check: check, event: event)
    }
    func append(_ events: [ActivityEvent]) async throws { try await inner.append(events) }
    func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent],
                              manageTokenHash: String?, notices: [OutboxNotice], busyLogin: String?, dayCap: DayCap?) async throws {
        try await inner.updateBooking(booking, expecting: previous, events: events, manageTokenHash: manageTokenHash, notices: notices,
                                      busyLogin: busyLogin, dayCap: dayCap)
    }
    func outbox(booking: BookingID?, limit: Int) async throws -> [OutboxItem] { try await inner.outbox(booking: booking, limit: limit) }
    func manageNonce(booking: BookingID) async throws -> String? { try await inner.manageNonce(booking: booking) }
    func claimDue(at now: Date, limit: Int, lease: Double) async throws -> [OutboxItem] { try await inner.claimDue(at: now, limit: limit, lease: lease) }
    func recordDeliveries(_ deliveries: [Delivery], at now: Date) async throws { try await inner.recordDeliveries(deliveries, at: now) }
    func revokeOneTimeLink(id: String, at now: Date, events: [ActivityEvent]) async throws {
        try await inner.revokeOneTimeLink(id: id, at: now, events: events)
    }
    func updatePage(_ change: PageChange) async throws -> Int { try await inner.updatePage(change) }
    func replaceWorkspace(_ change: WorkspaceReplacement) async throws -> [PageID: Int] { try await inner.replaceWorkspace(change) }
    func setCalendarToken(member: PageID, tokenHash: String, at now: Date, events: [ActivityEvent]) async throws {
        try await inner.setCalendarToken(member: member, tokenHash: tokenHash, at: now, events: events)
    }
    func hasCalendarToken(member: PageID) async throws -> Bool { try await inner.hasCalendarToken(member: member) }
    func login() async throws -> String { try await inner.login() }
    func staff() async throws -> [StaffMember] { try await inner.staff() }
    func saveStaff(_ member: StaffMember, password: String?, events: [ActivityEvent]) async throws { try await inner.saveStaff(member, password: password, events: events) }
    func removeStaff(login: String, events: [ActivityEvent]) async throws -> Bool { try await inner.removeStaff(login: login, events: events) }
    func settings() async throws -> [String: String] { try await inner.settings() }
    func resendMessage(id: Int64, at now: Date) async throws -> Bool { try await inner.resendMessage(id: id, at: now) }
    func saveSettings(_ changes: [String: String?], events: [ActivityEvent]) async throws {
        try await inner.saveSettings(changes, events: events)
    }
    func calendars() async throws -> [StaffCalendar] { try await inner.calendars() }
    func saveCalendar(_ calendar: StaffCalendar, events: [ActivityEvent]) async throws -> StaffCalendar {
        try await inner.saveCalendar(calendar, events: events)
    }
    func removeCalendar(id: Int64, events: [ActivityEvent]) async throws -> Bool { try await inner.removeCalendar(id: id, events: events) }
    func recordCalendarSync(id: Int64, reading: CalendarReading, at now: Date) async throws {
        try await inner.recordCalendarSync(id: id, reading: reading, at: now)
    }
    func calendarBusy(from: Date, to: Date, staffLogins: [String]?) async throws -> [CalendarBusy] {
        try await inner.calendarBusy(from: from, to: to, staffLogins: staffLogins)
    }
}

/// The rival's booking, handed out once, and the conflicts the store answered.
actor RivalLog {
    private var rival: NewBooking?
    private(set) var conflicts: [StoreConflict] = []

    init(rival: NewBooking) { self.rival = rival }

    func takeRival() -> NewBooking? {
        defer { rival = nil }
        return rival
    }

    func record(_ conflict: StoreConflict) { conflicts.append(conflict) }
}
