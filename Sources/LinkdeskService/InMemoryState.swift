import Foundation
import LinkdeskCore

/// Everything an `InMemoryStore` holds, as one value: a write changes a copy and the store swaps
/// it in only when the whole write went through, so a refused write leaves nothing behind, as a
/// rolled-back transaction does.
struct InMemoryState {
    /// Kept in the order the databases read it (event types, booking pages, master pages, each
    /// by id), so that a plan made on a read compares equal to what is stored.
    var workspace: Workspace
    /// By listing id.
    var links: [String: OneTimeLink] = [:]
    /// Token hash → listing id (a token belongs to one link, as the databases' UNIQUE says).
    var linkIDsByToken: [String: String] = [:]
    /// In id order, ids from 1 with no gap (bookings are never deleted): `bookings[i].id == i + 1`.
    var bookings: [Booking] = []
    /// Oldest first.
    var outbox: [OutboxItem] = []
    /// Claimed notices' lease ends, by id.
    var outboxClaims: [Int64: Date] = [:]
    /// Oldest first: append-only.
    var activity: [ActivityEvent] = []
    var formerSlugs: [FormerSlug] = []
    /// Manage-link token hash → booking.
    var manageTokens: [String: BookingID] = [:]
    /// The nonces of manage tokens made from the secret, by booking.
    var manageNonces: [BookingID: String] = [:]
    /// Booking request key hash → the booking it made.
    var requestKeys: [String: BookingID] = [:]
    var calendarTokens: [PageID: CalendarToken] = [:]
    /// By login.
    var staff: [String: StaffMember] = [:]
    var settings: [String: String] = [:]
    /// By id; ids from 1.
    var calendars: [Int64: StaffCalendar] = [:]
    var nextCalendarID: Int64 = 1
    /// Each calendar's busy times, by calendar id.
    var calendarBusy: [Int64: [BusyInterval]] = [:]
    /// Bumped by every committed write: the change stamp.
    var version: UInt64 = 0

    /// Appends `events`, staff ones under `login` (as the databases record who acts).
    mutating func record(_ events: [ActivityEvent], by login: String) {
        activity += events.map { event in
            var event = event
            if event.actor == .staff && event.by == nil { event.by = login }
            return event
        }
    }

    mutating func record(_ event: ActivityEvent, by login: String) { record([event], by: login) }

    init(workspace: Workspace) {
        self.workspace = Self.ordered(workspace)
    }

    /// The workspace in the order the databases read it back.
    static func ordered(_ workspace: Workspace) -> Workspace {
        Workspace(eventTypes: workspace.eventTypes.sorted { $0.id < $1.id },
                  bookingPages: workspace.bookingPages.sorted { $0.id < $1.id },
                  masterPages: workspace.masterPages.sorted { $0.id < $1.id })
    }

    /// Slugs are compared as PostgreSQL's `lower(slug)` index and SQLite's NOCASE column do
    /// (slugs are ASCII: `Slug.isValid`).
    static func sameSlug(_ a: String, _ b: String) -> Bool {
        a.lowercased() == b.lowercased()
    }

    // MARK: Bookings

    var nextBookingID: BookingID { BookingID(bookings.count + 1) }

    func bookingIndex(_ id: BookingID) -> Int? {
        guard id > 0, let index = Int(exactly: id - 1), bookings.indices.contains(index), bookings[index].id == id else { return nil }
        return index
    }

    func booking(id: BookingID) -> Booking? {
        bookingIndex(id).map { bookings[$0] }
    }

    /// True when a calendar of `login` is busy somewhere in [start, end).
    func calendarBusy(login: String, start: Date, end: Date) -> Bool {
        calendars.values.contains { calendar in
            calendar.staffLogin == login && (calendarBusy[calendar.id] ?? []).contains { $0.start < end && start < $0.end }
        }
    }

    /// True when the cap's day already holds its limit of the member's live bookings (other than `excluding`).
    func fills(_ cap: DayCap, excluding: BookingID?) -> Bool {
        bookings.count { other in
            other.teamMemberID == cap.member && other.id != excluding && other.holdsTime && other.start >= cap.from && other.start < cap.until
        } >= cap.limit
    }

    /// True when `member` has a live booking (other than `excluding`) whose time, buffers
    /// included, meets [start, end) (another meeting's time with its buffers).
    func holdsTime(member: PageID, start: Date, end: Date, excluding: BookingID?) -> Bool {
        bookings.contains { other in
            other.teamMemberID == member && other.id != excluding && other.holdsTime && other.overlaps(start: start, end: end)
        }
    }

    /// The bookings a query selects, in list order (start, then id), before its offset and limit.
    /// The match cap is a hint a store may ignore: every match is looked at here.
    func matching(_ query: BookingQuery) -> [Booking] {
        let search = query.search.flatMap { $0.isEmpty ? nil : $0 }
        return bookings.filter { booking in
            if query.liveOnly && !booking.status.isLive { return false }
            if query.awaitingOnly && booking.status != .awaitingConfirmation { return false }
            if let from = query.startsFrom, booking.start < from { return false }
            if let before = query.startsBefore, booking.start >= before { return false }
            if let member = query.teamMember, booking.teamMemberID != member { return false }
            if let members = query.teamMembers, !members.contains(booking.teamMemberID) { return false }
            if let excluded = query.excluding, booking.id == excluded { return false }
            if let search {
                // Any case in every alphabet, every character literal, as the databases search.
                return booking.customer.name.range(of: search, options: .caseInsensitive) != nil
                    || booking.customer.email.range(of: search, options: .caseInsensitive) != nil
            }
            return true
        }.sorted { a, b in a.start != b.start ? a.start < b.start : a.id < b.id }
    }

    /// A reference the databases' foreign keys would refuse (a store failure, not a rule).
    func checkReferences(of booking: Booking) throws {
        guard workspace.page(id: booking.pageID) != nil, workspace.page(id: booking.teamMemberID) != nil else {
            throw StoreError("a booking must refer to pages that exist (#\(booking.pageID), #\(booking.teamMemberID)): nothing was changed")
        }
        guard workspace.eventType(id: booking.eventTypeID) != nil else {
            throw StoreError("a booking must refer to an event type that exists (#\(booking.eventTypeID)): nothing was changed")
        }
        if let linkID = booking.linkID, links[linkID] == nil {
            throw StoreError("a booking must refer to a one-time link that exists (\(linkID)): nothing was changed")
        }
    }

    // MARK: One-time links

    /// Marks every link of the master page invalidated and returns how many were live at `at`.
    /// Used, revoked and expired ones are marked too (their bookings can no longer be
    /// rescheduled); only the live ones count as stopped.
    mutating func invalidateLinks(of master: PageID, at: Date) -> Int {
        var live = 0
        for (id, link) in links where link.masterPageID == master && link.invalidatedAt == nil {
            if link.status(at: at) == .live { live += 1 }
            links[id]?.invalidatedAt = at
        }
        return live
    }

    // MARK: Pages

    /// The page with `page`'s id replaced by it (moved between the lists when its kind changed).
    mutating func replace(_ page: Page) {
        var bookingPages = workspace.bookingPages.filter { $0.id != page.id }
        var masterPages = workspace.masterPages.filter { $0.id != page.id }
        switch page {
        case .booking(let p): bookingPages.append(p)
        case .master(let p): masterPages.append(p)
        }
        workspace = Self.ordered(Workspace(eventTypes: workspace.eventTypes, bookingPages: bookingPages, masterPages: masterPages))
    }

    /// What the databases' keys refuse in a whole new workspace: an id used twice is a store
    /// failure; a slug used twice (any case) is `.slugTaken`, as the unique slug index answers.
    static func checkKeys(of workspace: Workspace) throws {
        var eventIDs = Set<EventTypeID>()
        for event in workspace.eventTypes {
            guard eventIDs.insert(event.id).inserted else { throw StoreError("two event types have the id \(event.id): nothing was changed") }
        }
        var pageIDs = Set<PageID>()
        var slugs = Set<String>()
        for page in workspace.pages {
            guard pageIDs.insert(page.id).inserted else { throw StoreError("two pages have the id \(page.id): nothing was changed") }
            guard slugs.insert(page.slug.lowercased()).inserted else { throw StoreConflict.slugTaken }
        }
    }
}

extension InMemoryState {
    /// Writes `notices` for `booking` to the outbox, pending.
    mutating func queue(_ notices: [OutboxNotice], for booking: BookingID) {
        for notice in notices {
            outbox.append(OutboxItem(id: Int64(outbox.count + 1), bookingID: booking, notice: notice, state: .pending,
                                     attempts: 0, lastError: nil, sentAt: nil))
        }
    }

    /// The booking's pending reminders, withdrawn: its time or status changed.
    mutating func withdrawReminders(of booking: BookingID) {
        for index in outbox.indices
        where outbox[index].bookingID == booking && outbox[index].notice.kind == .reminder && outbox[index].state == .pending {
            outbox[index].state = .withdrawn
        }
    }
}

extension InMemoryState {
    mutating func claimDue(at now: Date, limit: Int, lease: Double) -> [OutboxItem] {
        let due = outbox.indices
            .filter { outbox[$0].state == .pending && outbox[$0].notice.due <= now && (outboxClaims[outbox[$0].id].map { $0 <= now } ?? true) }
            .sorted { (outbox[$0].notice.due, outbox[$0].id) < (outbox[$1].notice.due, outbox[$1].id) }
            .prefix(max(limit, 0))
        for index in due { outboxClaims[outbox[index].id] = now.addingTimeInterval(lease) }
        return due.map { outbox[$0] }
    }

    mutating func resendMessage(id: Int64, at now: Date) -> Bool {
        guard let index = outbox.firstIndex(where: { $0.id == id && $0.state == .failed }) else { return false }
        outbox[index].state = .pending
        outbox[index].notice.due = now
        outbox[index].attempts = 0
        outboxClaims[id] = nil
        return true
    }

    mutating func recordDelivery(id: Int64, outcome: OutboxOutcome, at now: Date) {
        guard let index = outbox.firstIndex(where: { $0.id == id }) else { return }
        outboxClaims[id] = nil
        switch outcome {
        case .sent:
            outbox[index].state = .sent
            outbox[index].attempts += 1
            outbox[index].sentAt = now
            outbox[index].lastError = nil
        case .retry(let at, let reason):
            outbox[index].attempts += 1
            outbox[index].notice.due = at
            outbox[index].lastError = reason
        case .failed(let reason):
            outbox[index].state = .failed
            outbox[index].attempts += 1
            outbox[index].lastError = reason
        case .withdrawn:
            outbox[index].state = .withdrawn
        case .deferred(let until):
            outbox[index].notice.due = until
        }
    }
}
