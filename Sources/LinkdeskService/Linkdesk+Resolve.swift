import Foundation
import LinkdeskCore

/// What a URL leads to right now.
public struct ResolvedLink: Sendable {
    public var link: Link
    public var page: Page
    public var oneTime: OneTimeLink?
    /// The workspace it was resolved in, for the rules that follow.
    public var workspace: Workspace

    /// The link kind a booking through it records.
    public var kind: Link.Kind {
        oneTime != nil ? .oneTime : (link.personalization.isEmpty ? .general : .personalized)
    }
}

/// What a customer holding a link can book.
public struct Offer: Sendable {
    public var resolved: ResolvedLink
    public var slots: [Slot]
}

extension Linkdesk {
    /// Reads a URL of this workspace (refusing one of another origin or a malformed one).
    public func link(from url: String) throws(Refusal) -> Link { try LinkURL.read(url, base: base) }

    /// What `link` points at, with the refusals a customer following it gets. A one-time link is
    /// found whatever its state (so that the refusal can name it); `usable` checks that.
    public func resolve(_ link: Link) async throws -> ResolvedLink {
        let workspace = try await store.workspace()
        switch link.target {
        case .page(let slug):
            if let page = workspace.page(slug: slug) {
                return ResolvedLink(link: link, page: page, oneTime: nil, workspace: workspace)
            }
            if try await store.isFormerSlug(slug) { throw Refusal(.deadLink(.formerSlug)) }
            throw Refusal(.deadLink(.unknownPage(slug: slug)))
        case .oneTime(let token):
            guard let oneTime = try await store.oneTimeLink(tokenHash: Token.hash(token)) else {
                throw Refusal(.deadLink(.unknownOneTime))
            }
            guard let page = workspace.page(id: oneTime.masterPageID) else {
                throw Refusal(.deadLink(.masterGone))
            }
            return ResolvedLink(link: link, page: page, oneTime: oneTime, workspace: workspace)
        }
    }

    /// `resolve`, refusing a one-time link that can't be used now (used, expired, revoked,
    /// invalidated). Opening a link never uses it up: only a booking does.
    public func resolveUsable(_ link: Link) async throws -> ResolvedLink {
        let resolved = try await resolve(link)
        if let refusal = resolved.oneTime?.refusal(at: now) { throw refusal }
        return resolved
    }

    /// The free slots a customer holding `link` can book over the next `days` days (one event
    /// type, or every one the page offers).
    public func offer(_ link: Link, event: String? = nil, days: Int) async throws -> Offer {
        return try await offer(resolved: try await resolveUsable(link), event: event, days: days)
    }

    /// `offer` for a link already resolved (the booking site resolves once per request).
    public func offer(resolved: ResolvedLink, event: String? = nil, days: Int) async throws -> Offer {
        try SlotFinder.checkDays(days)
        let workspace = resolved.workspace
        let events = try event.map { [try workspace.resolveEvent($0, offeredBy: resolved.page)] }
            ?? resolved.page.eventTypeIDs.compactMap(workspace.eventType(id:))
        let now = self.now
        let live = try await liveTimes(from: now, days: days)
        let slots = try SlotFinder.slots(page: resolved.page, events: events, workspace: workspace, now: now, days: days,
                                         busy: { member in live.filter { $0.teamMemberID == member } })
        return Offer(resolved: resolved, slots: slots)
    }

    /// The times live bookings hold that could overlap the next `days` days (meetings last at
    /// most a day, so a day of margin on each side catches every overlap).
    /// With them, the busy times of the pages' owners' calendars (`fromCalendar`).
    func liveTimes(from start: Date, days: Int, member: PageID? = nil, excluding: BookingID? = nil) async throws -> [BusyTime] {
        // A day more on each side for buffers (a day each at most): a booking's held time may
        // reach that far beyond its own.
        let from = start.addingTimeInterval(-2 * 86_400), to = start.addingTimeInterval(Double(days + 2) * 86_400)
        let booked = try await store.busyTimes(BookingQuery(limit: Int.max, liveOnly: true, startsFrom: from, startsBefore: to,
                                                            teamMember: member, excluding: excluding))
        let pages = try await store.workspace().bookingPages.filter { member == nil || $0.id == member }
        return booked + (try await calendarTimes(pages: pages, from: from, to: to))
    }
}
