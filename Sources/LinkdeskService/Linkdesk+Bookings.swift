import Foundation
import LinkdeskCore

/// A customer's booking through a link (`linkdesk book URL …`, the console's Customer view, the
/// booking site). `eventName` may be nil when the page offers one event type.
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

/// The free times a booking can move to: its own booking page's (SPEC: a reschedule stays there).
public struct RescheduleOffer: Sendable, Equatable {
    public var booking: Booking
    public var slots: [Date]
    public var timeZone: String
}

extension Linkdesk {
    /// The customer's booking. The rules decide on what was read; the store then stores it while
    /// guaranteeing, in its transaction, that the one-time use is still there (and spends it) and
    /// that the member's time is still free. A lost race decides again: another team member may
    /// still be free, or the refusal names the rule. A refusal consumes nothing.
    ///
    /// With booking emails on, a booking made by staff (CLI, console) gets a manage link as the
    /// site's do, made from the secret: its customer's messages carry it.
    public func book(_ request: CustomerBooking) async throws -> Booking {
        guard notifications != nil else {
            return try await book(request, manageTokenHash: nil, requestKeyHash: nil, channel: nil).booking
        }
        let link = newManageToken(requestKey: nil)
        return try await book(request, manageTokenHash: Token.hash(link.token), manageNonce: link.nonce, requestKeyHash: nil,
                              channel: nil).booking
    }

    /// `book`, storing a manage token's hash with the booking and naming the channel ("via the
    /// web") in its activity. With a request key's hash, the booking that key already made (by a
    /// request that won a race with this one, say) is the answer: each attempt looks first, and
    /// the store refuses a second booking for the key (`.repeatedRequest`), which decides again.
    ///
    /// `resolved`, when given, is what the first attempt decides on (see `bookOnline`).
    ///
    /// `made` is false when the answer is the booking the request key made earlier (whose manage
    /// token is its own, not `manageTokenHash`'s).
    ///
    /// `byCustomer`: the customer's own booking on the site, which the page's scheduling controls
    /// bind (`SchedulingControls`; staff booking for a customer are told, not bound) and which a
    /// page that asks for it (`ChangePolicy.confirmWithin`) holds until the customer confirms by
    /// email (only while booking emails are on: otherwise nobody could confirm it).
    func book(_ request: CustomerBooking, manageTokenHash: String?, manageNonce: String? = nil, requestKeyHash: String?,
              channel: String?, resolved: ResolvedLink? = nil, byCustomer: Bool = false) async throws -> (booking: Booking, made: Bool) {
        do {
            return try await decideBooking(request, manageTokenHash: manageTokenHash, manageNonce: manageNonce,
                                           requestKeyHash: requestKeyHash, byCustomer: byCustomer, channel: channel,
                                           resolved: resolved)
        } catch let refusal as Refusal {
            // The same request, sent twice at once, won meanwhile (so this one found the link used
            // or the time taken): its booking is this one's answer too.
            if let requestKeyHash, let earlier = try await store.booking(requestKeyHash: requestKeyHash) { return (earlier, false) }
            throw refusal
        }
    }

    private func decideBooking(_ request: CustomerBooking, manageTokenHash: String?, manageNonce: String?, requestKeyHash: String?,
                               byCustomer: Bool,
                               channel: String?, resolved given: ResolvedLink?) async throws -> (booking: Booking, made: Bool) {
        var given = given
        // The first attempt trusts the store for the member's other bookings: every store refuses
        // a time that overlaps a live booking of the member in the booking's own write
        // (`.slotTaken`), so reading the live times first only tells in advance what the write
        // tells anyway, and costs a round trip on every booking (a third of them in team mode).
        // A refused attempt is retried with the live times read, which picks the next free
        // member of a master page or refuses with the rule's reason, exactly as before.
        var trustStore = true
        return try await deciding {
            let fresh = given.flatMap { $0.link == request.link ? $0 : nil }
            given = nil  // a retry reads afresh
            let readLive = !trustStore
            trustStore = false
            if fresh == nil, let requestKeyHash, let earlier = try await store.booking(requestKeyHash: requestKeyHash) {
                return (earlier, false)
            }
            let now = self.now
            let resolved: ResolvedLink
            if let fresh {
                if let refusal = fresh.oneTime?.refusal(at: now) { throw refusal }
                resolved = fresh
            } else {
                resolved = try await resolveUsable(request.link)
            }
            let workspace = resolved.workspace
            let event = try workspace.resolveEvent(request.eventName, offeredBy: resolved.page)
            // A daily limit is counted from the live times, so a page with one reads them at once;
            // the store counts again in the write (`DayCap`), so two racing bookings cannot both
            // take the last place of a day.
            let counts = byCustomer && workspace.bookingPages.contains { $0.scheduled(for: event.id).scheduling?.dailyLimit != nil }
            let live = readLive || counts ? try await liveTimes(from: request.start, days: 1) : []
            let draft = try BookingRules.draft(
                BookingRequest(link: request.link, page: resolved.page, event: event, start: request.start, form: request.form),
                workspace: workspace, now: now, bound: byCustomer, busy: { member in live.filter { $0.teamMemberID == member } })
            let oneTime = resolved.oneTime
            let held = byCustomer && notifications != nil && draft.teamMember.policy.confirmWithin != nil
            let booking = Booking(id: 0, pageID: resolved.page.id, slugUsed: oneTime == nil ? resolved.page.slug : nil,
                                  teamMemberID: draft.teamMember.id, eventTypeID: event.id, start: draft.start,
                                  end: draft.end, status: held ? .awaitingConfirmation : .scheduled, customer: draft.customer, details: draft.details,
                                  linkKind: resolved.kind, linkID: oneTime?.linkID, policy: draft.teamMember.policy,
                                  createdAt: now, buffers: draft.teamMember.scheduling?.buffers)
            let pageName = resolved.page.name, memberName = draft.teamMember.name, eventName = event.name
            let notices = held ? OutboxRules.held(now: now) : notifications.map {
                OutboxRules.booked(booking, reminders: OutboxRules.reminders(of: draft.teamMember, standard: $0.reminders),
                                   toStaff: draft.teamMember.ownerLogin != nil, now: now)
            } ?? []
            return (try await store.insertBooking(NewBooking(
                booking: booking, consumes: oneTime?.linkID, requiresSlug: booking.slugUsed,
                manageTokenHash: manageTokenHash, requestKeyHash: requestKeyHash, notices: notices, manageNonce: manageNonce,
                busyLogin: draft.teamMember.ownerLogin, dayCap: draft.dayCap,
                events: { stored in
                    var events: [ActivityEvent] = []
                    if let linkID = stored.linkID {
                        events.append(ActivityEvent(at: now, actor: .customer, kind: .oneTimeUsed, subject: pageName,
                                                    detail: "\(linkID) → booking #\(stored.id)"))
                    }
                    events.append(ActivityEvent(at: now, actor: .customer, kind: .bookingScheduled,
                                                subject: "#\(stored.id) \(stored.customer.name)",
                                                detail: Self.detail("\(eventName) with \(memberName)" + (held ? ", awaiting confirmation by email" : ""),
                                                                    channel)))
                    return events
                })), true)
        }
    }

    public func booking(id: BookingID) async throws -> Booking {
        guard let booking = try await store.booking(id: id) else { throw Refusal("no booking #\(id)") }
        return booking
    }

    public func bookings(_ query: BookingQuery) async throws -> [Booking] { try await store.bookings(query) }
    public func countBookings(_ query: BookingQuery) async throws -> Int { try await store.countBookings(query) }

    /// What the booking's page's scheduling controls would have refused a customer (staff are
    /// told, not stopped): "inside the minimum notice", "beyond the horizon", "over the day's
    /// limit", as sentences; empty when none.
    public func schedulingNotes(for booking: Booking) async throws -> [String] {
        guard let member = try await store.workspace().bookingPage(id: booking.teamMemberID)?.scheduled(for: booking.eventTypeID),
              let controls = member.scheduling else { return [] }
        var notes: [String] = []
        if let refusal = controls.refusal(start: booking.start, now: booking.createdAt) { notes.append(refusal.message) }
        if controls.dailyLimit != nil {
            let availability = try Availability(page: member)
            let day = availability.dayKey(booking.start)
            let others = try await liveTimes(from: booking.start, days: 1, member: member.id, excluding: booking.id)
                .filter { !$0.fromCalendar && availability.dayKey($0.start) == day }.count
            if controls.exceedsDailyLimit(bookedThatDay: others) { notes.append(Refusal(.dailyLimitReached(limit: controls.dailyLimit ?? 0)).message) }
        }
        return notes
    }

    /// The outbox (one booking's messages, or all), oldest first.
    public func outbox(booking: BookingID? = nil, limit: Int) async throws -> [OutboxItem] {
        try await store.outbox(booking: booking, limit: limit)
    }

    /// Staff cancel a booking (for the customer too, with `actor: .customer`): the owner of its
    /// page or an administrator (SPEC §8). Customers cancel through their manage link.
    public func cancel(id: BookingID, actor: Actor, reason: String?, channel: String? = nil) async throws -> Booking {
        try await authorizeChange(of: id)
        return try await cancelChecked(id: id, actor: actor, reason: reason, channel: channel, manageTokenHash: nil)
    }

    /// Refuses a staff change of booking `id` unless the viewer owns its page or is an administrator.
    func authorizeChange(of id: BookingID) async throws {
        let booking = try await booking(id: id)
        try await authorize(.changeBooking(ownerLogin: try await ownerLogin(of: booking.teamMemberID)))
    }

    /// `cancel` once whoever asks was allowed to (staff by role, a customer by the manage link,
    /// whose hash the store hands the database: the site's login may change no other booking).
    func cancelChecked(id: BookingID, actor: Actor, reason: String?, channel: String?, manageTokenHash: String?) async throws -> Booking {
        try await deciding {
            let now = self.now
            let previous = try await booking(id: id)
            let owned = notifications == nil ? false : try await store.workspace().bookingPage(id: previous.teamMemberID)?.ownerLogin != nil
            var booking = previous
            booking.status = try ChangeRules.cancel(previous, reason: reason, context: try await changeContext(previous, actor, now))
            booking.reason = Self.clean(reason)
            try await store.updateBooking(booking, expecting: previous, events: [
                ActivityEvent(at: now, actor: actor, kind: .bookingCanceled, subject: "#\(id) \(booking.customer.name)",
                              detail: Self.detail(booking.reason ?? "", channel)),
            ], manageTokenHash: manageTokenHash, notices: try await changeNotices(of: id) { sequence in
                OutboxRules.cancelled(sequence: sequence, toStaff: owned, now: now)
            })
            return booking
        }
    }

    /// A reschedule stays with the original team member's booking page: the new time must be one
    /// of that page's free slots.
    public func reschedule(id: BookingID, actor: Actor, to start: Date, reason: String?,
                           channel: String? = nil) async throws -> Booking {
        try await authorizeChange(of: id)
        return try await rescheduleChecked(id: id, actor: actor, to: start, reason: reason, channel: channel, manageTokenHash: nil)
    }

    /// `reschedule` once whoever asks was allowed to (staff by role, a customer by the manage link).
    func rescheduleChecked(id: BookingID, actor: Actor, to start: Date, reason: String?, channel: String?,
                           manageTokenHash: String?) async throws -> Booking {
        try await deciding {
            let now = self.now
            let previous = try await booking(id: id)
            let context = try await changeContext(previous, actor, now)
            try ChangeRules.reschedule(previous, reason: reason, context: context)
            let member = try await memberPage(of: previous).scheduled(for: previous.eventTypeID)
            let minutes = previous.minutes
            let end = start.addingTimeInterval(TimeInterval(minutes * 60))
            guard start > now else { throw Refusal(.timePassed) }
            let availability = try Availability(page: member)
            guard availability.isSlot(start, minutes: minutes) else {
                throw Refusal("that time is not a slot inside \"\(member.name)\"'s availability")
            }
            let live = try await liveTimes(from: start, days: 1, member: member.id, excluding: id)
            // A customer is bound by the page's scheduling controls; staff are not (they are told).
            // The daily limit is counted again in the write (`DayCap`).
            let dayCap = actor == .customer ? DayCap.of(member, in: availability, at: start) : nil
            if actor == .customer, let controls = member.scheduling {
                if let refusal = controls.refusal(start: start, now: now) { throw refusal }
                let day = availability.dayKey(start)
                if controls.exceedsDailyLimit(bookedThatDay: live.filter { !$0.fromCalendar && availability.dayKey($0.start) == day }.count) {
                    throw Refusal(.dailyLimitReached(limit: controls.dailyLimit ?? 0))
                }
            }
            let kept = (member.scheduling?.buffers ?? .none).around(start: start, end: end)
            let clashes = live.filter { $0.overlaps(start: kept.start, end: kept.end) }
            if !clashes.isEmpty { throw Refusal(clashes.allSatisfy(\.fromCalendar) ? .busyInCalendar : .slotTaken) }
            var booking = previous
            booking.start = start
            booking.end = end
            booking.buffers = member.scheduling?.buffers  // a moved meeting keeps its page's buffers as they are now
            booking.status = .rescheduled
            booking.reason = Self.clean(reason) ?? previous.reason
            try await store.updateBooking(booking, expecting: previous, events: [
                ActivityEvent(at: now, actor: actor, kind: .bookingRescheduled, subject: "#\(id) \(booking.customer.name)",
                              detail: Self.detail("\(ISO8601.string(previous.start)) → \(ISO8601.string(start))", channel)),
            ], manageTokenHash: manageTokenHash, notices: try await changeNotices(of: id) { [booking] sequence in
                OutboxRules.rescheduled(booking, reminders: OutboxRules.reminders(of: member, standard: notifications?.reminders ?? []),
                                        sequence: sequence, toStaff: member.ownerLogin != nil, now: now)
            }, busyLogin: member.ownerLogin, dayCap: dayCap)
            return booking
        }
    }

    /// The notices a change of booking `id` owes, numbered one past its invitations so far (so a
    /// calendar takes the newest); none when notifications are off (and then nothing is read).
    private func changeNotices(of id: BookingID, _ notices: (Int) -> [OutboxNotice]) async throws -> [OutboxNotice] {
        guard notifications != nil else { return [] }
        let sequence = try await store.outbox(booking: id, limit: Int.max).map(\.notice.sequence).max().map { $0 + 1 } ?? 1
        return notices(sequence)
    }

    /// The free slots of the booking's own page over the next `days` days, its own time counted
    /// free; `bound`: under the page's minimum notice and horizon (a customer's offer).
    public func rescheduleOffer(id: BookingID, days: Int = 14, bound: Bool = false) async throws -> RescheduleOffer {
        try SlotFinder.checkDays(days)
        let booking = try await booking(id: id)
        let member = try await memberPage(of: booking).scheduled(for: booking.eventTypeID)
        let minutes = booking.minutes
        let now = self.now
        let live = try await liveTimes(from: now, days: days, member: member.id, excluding: id)
        let buffers = member.scheduling?.buffers ?? .none
        let free = try Availability(page: member).upcoming(minutes: minutes, from: now, days: days, bound: bound).filter { start in
            let kept = buffers.around(start: start, end: start.addingTimeInterval(TimeInterval(minutes * 60)))
            return !live.contains { $0.overlaps(start: kept.start, end: kept.end) }
        }
        return RescheduleOffer(booking: booking, slots: free, timeZone: member.timeZone)
    }

    public func mark(id: BookingID, as status: BookingStatus) async throws -> Booking {
        try await authorizeChange(of: id)
        return try await deciding {
            let now = self.now
            let previous = try await booking(id: id)
            try ChangeRules.mark(previous, as: status, now: now)
            var booking = previous
            booking.status = status
            try await store.updateBooking(booking, expecting: previous, events: [
                ActivityEvent(at: now, actor: .staff, kind: status == .completed ? .bookingCompleted : .bookingNoShow,
                              subject: "#\(id) \(booking.customer.name)"),
            ])
            return booking
        }
    }

    private func memberPage(of booking: Booking) async throws -> BookingPage {
        guard let member = try await store.workspace().bookingPage(id: booking.teamMemberID) else {
            throw Refusal("the booking page of booking #\(booking.id) no longer exists")
        }
        return member
    }

    func changeContext(_ booking: Booking, _ actor: Actor, _ now: Date) async throws -> ChangeContext {
        let currentSlug = try await store.workspace().page(id: booking.pageID)?.slug
        var invalidated = false
        if let linkID = booking.linkID, let link = try await store.oneTimeLink(id: linkID) {
            invalidated = link.invalidatedAt != nil
        }
        return ChangeContext(actor: actor, now: now, currentSlug: currentSlug, linkInvalidated: invalidated)
    }

    /// An activity detail with the channel it came through ("via the web") after it.
    static func detail(_ text: String, _ channel: String?) -> String {
        guard let channel else { return text }
        return text.isEmpty ? channel : "\(text), \(channel)"
    }

    static func clean(_ reason: String?) -> String? {
        guard let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

extension Booking {
    /// The meeting's length in minutes.
    public var minutes: Int { Int(end.timeIntervalSince(start) / 60) }
}
