import Foundation
import GRDB
import LinkdeskCore

extension SQLiteStore {
    /// The customer's booking. Link checks, slot checks, the insert and the one-time use all
    /// happen in one IMMEDIATE transaction: racing processes are serialised by SQLite's write
    /// lock, so a link of N uses yields at most N bookings and a slot is taken once; a refusal
    /// rolls everything back, so a failed booking consumes nothing.
    public func book(_ request: CustomerBooking, now: Date) throws -> Booking {
        try write { db in
            let workspace = try PageRows.load(db)
            let resolved = try Self.resolve(request.link, in: db)
            if let oneTime = resolved.oneTime, let refusal = oneTime.refusal(at: now) { throw refusal }
            let event = try workspace.resolveEvent(request.eventName, offeredBy: resolved.page)
            let draft = try BookingRules.draft(
                BookingRequest(link: request.link, page: resolved.page, event: event, start: request.start, form: request.form),
                workspace: workspace, now: now,
                busy: { member in (try? BookingRows.live(member: member, around: request.start, request.start, in: db)) ?? [] })
            let kind: Link.Kind = request.link.personalization.isEmpty
                ? (resolved.oneTime == nil ? .general : .oneTime)
                : (resolved.oneTime == nil ? .personalized : .oneTime)
            var booking = Booking(id: 0, pageID: resolved.page.id,
                                  slugUsed: resolved.oneTime == nil ? resolved.page.slug : nil,
                                  teamMemberID: draft.teamMember.id, eventTypeID: event.id, start: draft.start,
                                  end: draft.end, status: .scheduled, customer: draft.customer, details: draft.details,
                                  linkKind: kind, linkID: resolved.oneTime?.linkID, policy: draft.teamMember.policy,
                                  createdAt: now)
            booking.id = try BookingRows.insert(booking, into: db)
            if let oneTime = resolved.oneTime {
                try db.execute(sql: "UPDATE one_time_link SET uses_left = uses_left - 1 WHERE link_id = ? AND uses_left > 0",
                               arguments: [oneTime.linkID])
                guard db.changesCount == 1 else { throw Refusal(RuleText.oneTimeUsed) }
                try ActivityRows.append(ActivityEvent(at: now, actor: .customer, kind: .oneTimeUsed,
                                                      subject: resolved.page.name,
                                                      detail: "\(oneTime.linkID) → booking #\(booking.id)"), to: db)
            }
            try ActivityRows.append(ActivityEvent(at: now, actor: .customer, kind: .bookingScheduled,
                                                  subject: "#\(booking.id) \(draft.customer.name)",
                                                  detail: "\(event.name) with \(draft.teamMember.name)"), to: db)
            return booking
        }
    }

    public func bookings(_ query: BookingQuery) throws -> [Booking] {
        try read { db in
            let (whereSQL, whereArguments) = Self.filter(query)
            return try Row.fetchAll(db, sql: "SELECT * FROM booking" + whereSQL + " ORDER BY start, id LIMIT ? OFFSET ?",
                                    arguments: whereArguments + [query.limit, query.offset]).map(BookingRows.decode)
        }
    }

    /// Counts matches up to `query.limit` (a list shows "10,000+" rather than wait for an exact
    /// count of a broad filter over every booking).
    public func countBookings(_ query: BookingQuery) throws -> Int {
        try read { db in
            let (whereSQL, arguments) = Self.filter(query)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM booking" + whereSQL + " LIMIT ?)",
                                    arguments: arguments + [query.limit]) ?? 0
        }
    }

    /// The WHERE clause of a booking query (empty when it filters nothing).
    static func filter(_ query: BookingQuery) -> (String, StatementArguments) {
        var arguments: StatementArguments = []
        var clauses: [String] = []
        if let search = query.search, search.count >= 3 {
            // The trigram index answers substrings of 3+ characters; the phrase quotes make every
            // character literal (a doubled quote is a quote).
            clauses.append("id IN (SELECT rowid FROM booking_search WHERE booking_search MATCH ? LIMIT ?)")
            arguments += ["\"" + search.replacingOccurrences(of: "\"", with: "\"\"") + "\"", query.searchCap ?? -1]
        } else if let search = query.search, !search.isEmpty {
            clauses.append("(customer_name LIKE ? ESCAPE '\\' OR customer_email LIKE ? ESCAPE '\\')")
            let pattern = "%" + search.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            arguments += [pattern, pattern]
        }
        if query.liveOnly {
            clauses.append("status IN (?, ?)")
            arguments += [BookingStatus.scheduled.rawValue, BookingStatus.rescheduled.rawValue]
        }
        if let from = query.startsFrom {
            clauses.append("start >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let before = query.startsBefore {
            clauses.append("start < ?")
            arguments += [before.timeIntervalSince1970]
        }
        return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    public func booking(id: BookingID) throws -> Booking {
        try read { try BookingRows.find(id, in: $0) }
    }

    public func cancel(id: BookingID, actor: Actor, reason: String?, now: Date) throws -> Booking {
        try write { db in
            var booking = try BookingRows.find(id, in: db)
            let context = try Self.changeContext(for: booking, actor: actor, now: now, in: db)
            booking.status = try ChangeRules.cancel(booking, reason: reason, context: context)
            booking.reason = Self.clean(reason)
            try BookingRows.update(booking, in: db)
            try ActivityRows.append(ActivityEvent(at: now, actor: actor, kind: .bookingCanceled,
                                                  subject: "#\(id) \(booking.customer.name)",
                                                  detail: booking.reason ?? ""), to: db)
            return booking
        }
    }

    /// A reschedule stays with the original team member's booking page: the new time must be one
    /// of that page's free slots.
    public func reschedule(id: BookingID, actor: Actor, to start: Date, reason: String?, now: Date) throws -> Booking {
        try write { db in
            var booking = try BookingRows.find(id, in: db)
            let context = try Self.changeContext(for: booking, actor: actor, now: now, in: db)
            try ChangeRules.reschedule(booking, reason: reason, context: context)
            let workspace = try PageRows.load(db)
            guard let member = workspace.bookingPage(id: booking.teamMemberID) else {
                throw Refusal("the booking page of booking #\(id) no longer exists")
            }
            let minutes = Int(booking.end.timeIntervalSince(booking.start) / 60)
            let end = start.addingTimeInterval(TimeInterval(minutes * 60))
            guard start > now else { throw Refusal("that time has passed: pick a future slot") }
            guard try Availability(page: member).isSlot(start, minutes: minutes) else {
                throw Refusal("that time is not a slot inside \"\(member.name)\"'s availability")
            }
            let clash = try BookingRows.live(member: member.id, around: start, end, excluding: id, in: db)
                .contains { $0.overlaps(start: start, end: end) }
            if clash { throw Refusal("that slot is already taken") }
            let from = booking.start
            booking.start = start
            booking.end = end
            booking.status = .rescheduled
            booking.reason = Self.clean(reason) ?? booking.reason
            try BookingRows.update(booking, in: db)
            try ActivityRows.append(ActivityEvent(at: now, actor: actor, kind: .bookingRescheduled,
                                                  subject: "#\(id) \(booking.customer.name)",
                                                  detail: "\(ISO8601.string(from)) → \(ISO8601.string(start))"), to: db)
            return booking
        }
    }

    public func mark(id: BookingID, as status: BookingStatus, now: Date) throws -> Booking {
        guard status == .completed || status == .noShow else {
            throw Refusal("a booking can be marked completed or no-show only")
        }
        return try write { db in
            var booking = try BookingRows.find(id, in: db)
            guard booking.status.isLive else {
                throw Refusal("booking #\(id) is \(booking.status.rawValue.lowercased()): it can't be marked \(status.rawValue.lowercased())")
            }
            guard booking.start <= now else { throw Refusal("booking #\(id) has not started yet") }
            booking.status = status
            try BookingRows.update(booking, in: db)
            try ActivityRows.append(ActivityEvent(at: now, actor: .staff, kind: status == .completed ? .bookingCompleted : .bookingNoShow,
                                                  subject: "#\(id) \(booking.customer.name)"), to: db)
            return booking
        }
    }

    static func changeContext(for booking: Booking, actor: Actor, now: Date, in db: Database) throws -> ChangeContext {
        let currentSlug = try String.fetchOne(db, sql: "SELECT slug FROM page WHERE id = ?", arguments: [booking.pageID])
        var invalidated = false
        if let linkID = booking.linkID, let link = try LinkRows.find(linkID: linkID, in: db) {
            invalidated = link.invalidatedAt != nil
        }
        return ChangeContext(actor: actor, now: now, currentSlug: currentSlug, linkInvalidated: invalidated)
    }

    static func clean(_ reason: String?) -> String? {
        guard let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
