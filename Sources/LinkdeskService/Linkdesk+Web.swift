import Foundation
import LinkdeskCore

/// A booking made on the booking site, with the manage link's token: shown once (on the
/// confirmation), stored only as its hash.
public struct WebBooking: Sendable {
    public var booking: Booking
    public var manageToken: String
}

/// What a team member's calendar feed holds.
public struct CalendarFeed: Sendable {
    public var member: BookingPage
    public var bookings: [Booking]
    public var workspace: Workspace
}

/// What a customer may do with a booking now: nil, or the refusal naming the rule.
public struct CustomerChanges: Sendable {
    public var cancel: Refusal?
    public var reschedule: Refusal?
}

/// A calendar feed URL just made: the token is in it, and nowhere else.
public struct CalendarURL: Sendable {
    public var member: BookingPage
    public var url: String
    /// True when a former URL of this member stopped working.
    public var replaced: Bool
}

extension Linkdesk {
    /// The channel the booking site writes into the activity of what customers do there.
    public static let viaWeb = "via the web"

    /// The path of a manage link, under the base URL.
    public static func managePath(_ token: String) -> String { "/manage/" + token }
    /// The path of a calendar feed, under the base URL.
    public static func calendarPath(_ token: String) -> String { "/calendar/" + token + ".ics" }

    public func manageURL(_ token: String) -> String { base.text + Self.managePath(token) }

    /// The customer's booking on the booking site: as `book`, plus a manage token stored (hashed)
    /// in the booking's transaction, and "via the web" in the activity.
    ///
    /// `requestKey` is the booking form's (`newRequestKey`, drawn when the form was rendered): a
    /// retried POST of the same form answers with the booking it made, never a second one and
    /// never a second use. A key that is not one of ours (a tampered form) is ignored.
    ///
    /// `resolved` is the link as the caller resolved it just now, after it asked `bookedEarlier`
    /// for this key: the first attempt decides on those reads instead of making them again (a
    /// booking POST is the booking site's busiest write; on PostgreSQL each read is a round trip).
    /// A lost race decides again on fresh reads, as `book` does.
    public func bookOnline(_ request: CustomerBooking, requestKey: String? = nil,
                           resolved: ResolvedLink? = nil) async throws -> WebBooking {
        traffic.note()
        let key = requestKey.flatMap { Token.isRequestKey($0) ? $0 : nil }
        let link = newManageToken(requestKey: key)
        let answer = try await book(request, manageTokenHash: Token.hash(link.token), manageNonce: link.nonce,
                                    requestKeyHash: key.map(Token.hash), channel: Self.viaWeb, resolved: resolved, byCustomer: true)
        guard !answer.made else { return WebBooking(booking: answer.booking, manageToken: link.token) }
        // The booking the key made earlier (a retry, or its twin that won a race): its own link.
        guard let token = try await manageToken(of: answer.booking, requestKey: key) else {
            throw StoreError("booking #\(answer.booking.id) was made by this form, but its manage link can't be made here")
        }
        return WebBooking(booking: answer.booking, manageToken: token)
    }

    /// A new booking's manage token: with booking emails on, made from the secret and a fresh
    /// nonce (its messages, reminders included, carry it; the database alone cannot make it);
    /// otherwise derived from the form's request key (so a retry gets the same link), or drawn.
    func newManageToken(requestKey key: String?) -> (token: String, nonce: String?) {
        if let notifications {
            let nonce = Token.requestKey(using: random)
            return (Token.manageToken(secret: notifications.secret, nonce: nonce), nonce)
        }
        return (key.map(Token.manageToken(forRequestKey:)) ?? Token.generate(using: random), nil)
    }

    /// The manage token of a stored booking, made again: from its nonce and the secret, or from
    /// the request key that made it; nil when neither can (a drawn token, or no secret here).
    func manageToken(of booking: Booking, requestKey: String?) async throws -> String? {
        if let nonce = try await store.manageNonce(booking: booking.id) {
            guard let notifications else { return nil }
            return Token.manageToken(secret: notifications.secret, nonce: nonce)
        }
        return requestKey.map(Token.manageToken(forRequestKey:))
    }

    /// A fresh request key for a booking form (random, unguessable).
    public func newRequestKey() -> String { Token.requestKey(using: random) }

    /// The booking a booking form's request key already made, with its manage token: what a
    /// retried POST is answered with, before its link is even looked at (a one-time link is
    /// used up by then).
    public func bookedEarlier(requestKey: String) async throws -> WebBooking? {
        guard Token.isRequestKey(requestKey),
              let booking = try await store.booking(requestKeyHash: Token.hash(requestKey)),
              let token = try await manageToken(of: booking, requestKey: requestKey) else { return nil }
        return WebBooking(booking: booking, manageToken: token)
    }

    /// The booking a manage token belongs to. Opening it any number of times changes nothing.
    public func managedBooking(token: String) async throws -> Booking {
        guard Token.isWellFormed(token), let booking = try await store.booking(manageTokenHash: Token.hash(token)) else {
            throw Refusal(.deadLink(.unknownToken))
        }
        return booking
    }

    /// The customer cancels through the manage link, under the booking's policy.
    public func cancel(manageToken token: String, reason: String?) async throws -> Booking {
        let booking = try await managedBooking(token: token)
        return try await cancelChecked(id: booking.id, actor: .customer, reason: reason, channel: Self.viaWeb,
                                       manageTokenHash: Token.hash(token))
    }

    /// The customer reschedules through the manage link, under the booking's policy.
    public func reschedule(manageToken token: String, to start: Date, reason: String?) async throws -> Booking {
        let booking = try await managedBooking(token: token)
        return try await rescheduleChecked(id: booking.id, actor: .customer, to: start, reason: reason, channel: Self.viaWeb,
                                           manageTokenHash: Token.hash(token))
    }

    /// Whether the customer may cancel and reschedule `booking` now: nil, or the rule's refusal
    /// (a reason the policy asks for is not checked here: the form asks for it).
    public func customerChanges(_ booking: Booking) async throws -> CustomerChanges {
        let context = try await changeContext(booking, .customer, now)
        var changes = CustomerChanges()
        do { try ChangeRules.mayCancel(booking, context: context) } catch { changes.cancel = error }
        do { try ChangeRules.mayReschedule(booking, context: context) } catch { changes.reschedule = error }
        return changes
    }

    /// The free times `booking` can move to (its own time counted free), in its page's zone.
    public func rescheduleOffer(manageToken token: String, days: Int) async throws -> RescheduleOffer {
        let booking = try await managedBooking(token: token)
        return try await rescheduleOffer(id: booking.id, days: days, bound: true)
    }

    /// Makes a calendar feed URL for a team member (a booking page). A member that has one keeps
    /// it unless `rotate`: the token is stored hashed, so a URL can't be shown twice, and a new
    /// one stops the old.
    public func makeCalendarURL(member query: String, rotate: Bool) async throws -> CalendarURL {
        let workspace = try await store.workspace()
        let page = try workspace.resolvePage(query)
        guard case .booking(let member) = page else {
            throw Refusal("\"\(page.name)\" is a master page: a calendar feed belongs to a team member's booking page")
        }
        try await authorize(.calendarFeed(ownerLogin: member.ownerLogin))
        let had = try await store.hasCalendarToken(member: member.id)
        if had && !rotate {
            throw Refusal("\"\(member.name)\" already has a calendar feed; its URL is stored hashed and can't be shown again: "
                          + "--rotate makes a new one (the old one stops working)")
        }
        let token = Token.generate(using: random)
        try await store.setCalendarToken(member: member.id, tokenHash: Token.hash(token), at: now, events: [])
        return CalendarURL(member: member, url: base.text + Self.calendarPath(token), replaced: had)
    }

    /// A team member's live bookings from a month back on, for the calendar feed at `token`.
    public func calendarFeed(token: String) async throws -> CalendarFeed {
        guard Token.isWellFormed(token), let id = try await store.calendarMember(tokenHash: Token.hash(token)) else {
            throw Refusal(.deadLink(.unknownToken))
        }
        let workspace = try await store.workspace()
        guard let member = workspace.bookingPage(id: id) else { throw Refusal(.deadLink(.unknownToken)) }
        let bookings = try await store.bookings(BookingQuery(limit: 10_000, liveOnly: true,
                                                             startsFrom: now.addingTimeInterval(-30 * 86_400), teamMember: id))
        return CalendarFeed(member: member, bookings: bookings, workspace: workspace)
    }
}
