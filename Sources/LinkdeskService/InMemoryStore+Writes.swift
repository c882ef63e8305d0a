import Foundation
import LinkdeskCore

/// The writes, each one `write` (one transaction): the checks come in the order the SQLite store
/// makes them, so that a write refused for two reasons is refused with the same conflict.
extension InMemoryStore {
    public func append(_ events: [ActivityEvent]) async throws {
        guard !events.isEmpty else { return }
        try write { (state: inout InMemoryState) -> Void in state.record(events, by: actingLogin) }
    }

    /// A listing id already taken (listing ids are short) draws another, as the databases' ON
    /// CONFLICT does; a token hash already stored is refused, as their UNIQUE index refuses it.
    public func insertOneTimeLinks(_ links: [NewOneTimeLink], at now: Date, relabel: @escaping @Sendable () -> String,
                                   check: @escaping @Sendable (Page) throws -> Void,
                                   event: @escaping @Sendable (OneTimeLink, Page) -> ActivityEvent) async throws -> [OneTimeLink] {
        guard let first = links.first else { return [] }
        guard links.allSatisfy({ $0.masterPageID == first.masterPageID }) else {
            throw Refusal("a batch of one-time links belongs to one master page")
        }
        return try write { (state: inout InMemoryState) -> [OneTimeLink] in
            guard let page = state.workspace.page(id: first.masterPageID) else { throw Refusal("unknown page #\(first.masterPageID)") }
            try check(page)
            var made: [OneTimeLink] = []
            made.reserveCapacity(links.count)
            for request in links {
                var link = OneTimeLink(linkID: request.linkID, tokenHash: request.tokenHash, masterPageID: page.id,
                                       createdAt: now, expiresAt: request.expiresAt, usesAllowed: request.options.uses,
                                       usesLeft: request.options.uses, personalizedFor: request.personalizedFor,
                                       madeBy: actingLogin)
                var attempts = 0
                while state.links[link.linkID] != nil {
                    attempts += 1
                    guard attempts < 32 else { throw StoreError("could not find a free one-time link id") }
                    link.linkID = relabel()
                }
                guard state.linkIDsByToken[link.tokenHash] == nil else {
                    throw StoreError("a one-time link with the same token is stored already: nothing was changed")
                }
                state.links[link.linkID] = link
                state.linkIDsByToken[link.tokenHash] = link.linkID
                made.append(link)
            }
            state.record(made.map { event($0, page) }, by: actingLogin)
            return made
        }
    }

    /// The request key first (a repeat spends nothing and takes no time), then the slug the
    /// booking came through, the member's time, the one-time use; the id is the next one.
    public func insertBooking(_ new: NewBooking) async throws -> Booking {
        try write { (state: inout InMemoryState) -> Booking in
            var booking = new.booking
            if let key = new.requestKeyHash, state.requestKeys[key] != nil { throw StoreConflict.repeatedRequest }
            if let slug = new.requiresSlug {
                guard let current = state.workspace.page(id: booking.pageID)?.slug, InMemoryState.sameSlug(current, slug) else {
                    throw StoreConflict.stale
                }
            }
            if state.holdsTime(member: booking.teamMemberID, start: booking.blockedStart, end: booking.blockedEnd, excluding: nil) {
                throw StoreConflict.slotTaken
            }
            if let login = new.busyLogin, state.calendarBusy(login: login, start: booking.blockedStart, end: booking.blockedEnd) {
                throw StoreConflict.busyInCalendar
            }
            if let cap = new.dayCap, state.fills(cap, excluding: nil) { throw StoreConflict.dayFull(limit: cap.limit) }
            if let linkID = new.consumes {
                // Live when the booking is made: uses left, neither revoked nor invalidated, not expired.
                guard let link = state.links[linkID], link.status(at: booking.createdAt) == .live else {
                    throw StoreConflict.linkSpent
                }
                state.links[linkID]?.usesLeft = link.usesLeft - 1
            }
            try state.checkReferences(of: booking)
            booking.id = state.nextBookingID
            state.bookings.append(booking)
            if let hash = new.manageTokenHash {
                guard state.manageTokens[hash] == nil else {
                    throw StoreError("a booking with the same manage token is stored already: nothing was changed")
                }
                state.manageTokens[hash] = booking.id
                state.manageNonces[booking.id] = new.manageNonce
            }
            if let key = new.requestKeyHash { state.requestKeys[key] = booking.id }
            state.queue(new.notices, for: booking.id)
            state.record(new.events(booking), by: actingLogin)
            return booking
        }
    }

    /// A compare-and-set on status and times; only status, times (with their buffers) and reason
    /// change. A new live time (moved, or live again) must be free of the member's other live
    /// bookings, buffers included on both sides.
    public func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent],
                              manageTokenHash: String?, notices: [OutboxNotice], busyLogin: String?, dayCap: DayCap?) async throws {
        try write { (state: inout InMemoryState) -> Void in
            let takesNewTime = booking.status.isLive
                && (!previous.status.isLive || booking.start != previous.start || booking.end != previous.end)
            if takesNewTime, state.holdsTime(member: booking.teamMemberID, start: booking.blockedStart, end: booking.blockedEnd,
                                             excluding: booking.id) {
                throw StoreConflict.slotTaken
            }
            if takesNewTime, let busyLogin, state.calendarBusy(login: busyLogin, start: booking.blockedStart, end: booking.blockedEnd) {
                throw StoreConflict.busyInCalendar
            }
            if takesNewTime, let dayCap, state.fills(dayCap, excluding: booking.id) { throw StoreConflict.dayFull(limit: dayCap.limit) }
            guard let index = state.bookingIndex(booking.id), state.bookings[index].status == previous.status,
                  state.bookings[index].start == previous.start, state.bookings[index].end == previous.end else {
                throw StoreConflict.stale
            }
            state.bookings[index].start = booking.start
            state.bookings[index].end = booking.end
            state.bookings[index].buffers = booking.buffers
            state.bookings[index].status = booking.status
            state.bookings[index].reason = booking.reason
            state.withdrawReminders(of: booking.id)
            state.queue(notices, for: booking.id)
            state.record(events, by: actingLogin)
        }
    }

    public func revokeOneTimeLink(id: String, at now: Date, events: [ActivityEvent]) async throws {
        try write { (state: inout InMemoryState) -> Void in
            guard let link = state.links[id], link.status(at: now) == .live else { throw StoreConflict.stale }
            state.links[id]?.revokedAt = now
            state.record(events, by: actingLogin)
        }
    }

    public func updatePage(_ change: PageChange) async throws -> Int {
        try write { (state: inout InMemoryState) -> Int in
            guard state.workspace.page(id: change.previous.id) == change.previous else { throw StoreConflict.stale }
            if state.workspace.pages.contains(where: { $0.id != change.page.id && InMemoryState.sameSlug($0.slug, change.page.slug) }) {
                throw StoreConflict.slugTaken
            }
            state.replace(change.page)
            if change.keepsFormerSlug, change.previous.slug != change.page.slug {
                state.formerSlugs.append(FormerSlug(slug: change.previous.slug, pageID: change.page.id, changedAt: change.at))
            }
            let stopped = change.invalidatesOneTimeLinks ? state.invalidateLinks(of: change.page.id, at: change.at) : 0
            state.record(change.events(stopped), by: actingLogin)
            return stopped
        }
    }

    /// The new workspace replaces the whole configuration at once (so slugs may swap). A removed
    /// page or event type that bookings or one-time links still refer to is refused, as the
    /// databases' foreign keys refuse it (the use case's plan has blockers for these first).
    @discardableResult
    public func replaceWorkspace(_ change: WorkspaceReplacement) async throws -> [PageID: Int] {
        try write { (state: inout InMemoryState) -> [PageID: Int] in
            guard state.workspace == change.base else { throw StoreConflict.stale }
            let new = InMemoryState.ordered(change.workspace)
            try InMemoryState.checkKeys(of: new)
            let keptPages = Set(new.pages.map(\.id))
            let keptEvents = Set(new.eventTypes.map(\.id))
            let removedPages = Set(change.base.pages.map(\.id).filter { !keptPages.contains($0) })
            let referenced = state.bookings.flatMap { [$0.pageID, $0.teamMemberID] } + state.links.values.map(\.masterPageID)
            if let id = referenced.first(where: { removedPages.contains($0) }) {
                throw StoreError("page #\(id) can't be removed: bookings or one-time links refer to it; nothing was changed")
            }
            if let id = state.bookings.first(where: { !keptEvents.contains($0.eventTypeID) })?.eventTypeID {
                throw StoreError("event type #\(id) can't be removed: bookings refer to it; nothing was changed")
            }
            state.formerSlugs.removeAll { removedPages.contains($0.pageID) }
            for id in removedPages { state.calendarTokens[id] = nil }
            state.workspace = new
            state.formerSlugs += change.formerSlugs.map { FormerSlug(slug: $0.slug, pageID: $0.pageID, changedAt: change.at) }
            var stopped: [PageID: Int] = [:]
            for master in change.invalidatesOneTimeLinks {
                stopped[master] = state.invalidateLinks(of: master, at: change.at)
            }
            state.record(change.events(stopped), by: actingLogin)
            return stopped
        }
    }

    /// One token per member: a new one replaces the old, which stops working at once.
    public func setCalendarToken(member: PageID, tokenHash: String, at now: Date, events: [ActivityEvent]) async throws {
        try write { (state: inout InMemoryState) -> Void in
            guard state.workspace.page(id: member) != nil else {
                throw StoreError("no page #\(member) to give a calendar feed: nothing was changed")
            }
            if state.calendarTokens.values.contains(where: { $0.hash == tokenHash && $0.memberID != member }) {
                throw StoreError("another member's calendar feed has the same token: nothing was changed")
            }
            state.calendarTokens[member] = CalendarToken(memberID: member, hash: tokenHash, createdAt: now)
            state.record(events, by: actingLogin)
        }
    }
}

extension InMemoryStore {
    public func login() async throws -> String { actingLogin }

    public func staff() async throws -> [StaffMember] {
        snapshot().staff.values.sorted { $0.login < $1.login }
    }

    public func saveStaff(_ member: StaffMember, password: String?, events: [ActivityEvent]) async throws {
        try write { (state: inout InMemoryState) -> Void in
            state.staff[member.login] = member
            state.record(events, by: actingLogin)
        }
    }

    public func removeStaff(login: String, events: [ActivityEvent]) async throws -> Bool {
        try write { (state: inout InMemoryState) -> Bool in
            guard state.staff.removeValue(forKey: login) != nil else { return false }
            for calendar in state.calendars.values where calendar.staffLogin == login {
                state.calendars[calendar.id] = nil
                state.calendarBusy[calendar.id] = nil
            }
            state.record(events, by: actingLogin)
            return true
        }
    }

    public func settings() async throws -> [String: String] { snapshot().settings }

    public func saveSettings(_ changes: [String: String?], events: [ActivityEvent]) async throws {
        try write { (state: inout InMemoryState) -> Void in
            for (name, value) in changes { state.settings[name] = value }
            state.record(events, by: actingLogin)
        }
    }

    // MARK: Staff calendars

    public func calendars() async throws -> [StaffCalendar] {
        snapshot().calendars.values.sorted { ($0.staffLogin, $0.name) < ($1.staffLogin, $1.name) }
    }

    public func saveCalendar(_ calendar: StaffCalendar, events: [ActivityEvent]) async throws -> StaffCalendar {
        try write { (state: inout InMemoryState) -> StaffCalendar in
            var calendar = calendar
            if state.calendars.values.contains(where: { $0.id != calendar.id && $0.staffLogin == calendar.staffLogin && $0.name == calendar.name }) {
                throw StoreError("\"\(calendar.staffLogin)\" already has a calendar named \"\(calendar.name)\"")
            }
            if calendar.id == 0 {
                calendar.id = state.nextCalendarID
                state.nextCalendarID += 1
                calendar.sync = CalendarSyncState()
            } else {
                guard let stored = state.calendars[calendar.id] else { throw StoreConflict.stale }
                calendar.sync = stored.sync
            }
            state.calendars[calendar.id] = calendar
            state.record(events, by: actingLogin)
            return calendar
        }
    }

    public func removeCalendar(id: Int64, events: [ActivityEvent]) async throws -> Bool {
        try write { (state: inout InMemoryState) -> Bool in
            guard state.calendars.removeValue(forKey: id) != nil else { return false }
            state.calendarBusy[id] = nil
            state.record(events, by: actingLogin)
            return true
        }
    }

    public func recordCalendarSync(id: Int64, reading: CalendarReading, at now: Date) async throws {
        try write { (state: inout InMemoryState) -> Void in
            guard var calendar = state.calendars[id] else { return }  // removed meanwhile: nothing to keep
            calendar.sync.lastAttempt = now
            switch reading {
            case .busy(let busy, let events):
                let sorted = busy.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
                if state.calendarBusy[id] ?? [] != sorted { state.calendarBusy[id] = sorted }
                calendar.sync.lastGoodSync = now
                calendar.sync.eventCount = events
                calendar.sync.lastError = nil
            case .failed(let reason):
                calendar.sync.lastError = reason
            }
            state.calendars[id] = calendar
        }
    }

    public func calendarBusy(from: Date, to: Date, staffLogins: [String]?) async throws -> [CalendarBusy] {
        let state = snapshot()
        return state.calendars.values.filter { staffLogins?.contains($0.staffLogin) ?? true }.flatMap { calendar in
            (state.calendarBusy[calendar.id] ?? []).filter { $0.start < to && from < $0.end }
                .map { CalendarBusy(staffLogin: calendar.staffLogin, start: $0.start, end: $0.end) }
        }
    }
}
