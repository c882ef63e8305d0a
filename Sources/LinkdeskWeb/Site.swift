import Foundation
import Hummingbird
import LinkdeskCore
import LinkdeskService

/// The booking site's handlers, over the use cases only.
struct Site: Sendable {
    let linkdesk: Linkdesk
    let limiter: RateLimiter
    let bookingLimiter = BookingLimiter()
    let settings = SiteSettings()
    let baseOrigin: String
    let pages = PageCache()

    init(linkdesk: Linkdesk, configuration: WebConfiguration) {
        self.linkdesk = linkdesk
        self.limiter = RateLimiter(burst: configuration.rateLimitBurst, perMinute: configuration.rateLimitPerMinute)
        self.baseOrigin = CrossSite.origin(of: linkdesk.base.text)
    }

    // MARK: Links: /SLUG and /.TOKEN

    /// The link a request names: its path and the personalization of its query (keys
    /// case-insensitive, `+` kept). Campaign links whose merge fields were not replaced count as
    /// unpersonalized. nil: malformed, which is answered like any dead link.
    func parseLink(path: String, query: String?) -> Link? {
        var text = linkdesk.base.text + path
        if let query, !query.isEmpty { text += "?" + query }
        guard var link = try? LinkURL.read(text, base: linkdesk.base) else { return nil }
        if Personalization.keys.contains(where: { key in link.personalization[key].map(Self.isMergeField) ?? false }) {
            link.personalization = Personalization()
        }
        return link
    }

    /// Merge-field markers of the campaign formats (Mailchimp `*|…|*`, HubSpot `{{ … }}`,
    /// Salesforce `{!…}`, Keap `~…~`) left in a value the tool did not fill in.
    static func isMergeField(_ value: String) -> Bool {
        value.contains("*|") || value.contains("|*") || value.contains("{{") || value.contains("}}") || value.contains("{!")
            || (value.hasPrefix("~") && value.hasSuffix("~") && value.count > 2)
    }

    /// Runs a lookup of a link or token: 429 while the client's failures are over the limit, the
    /// one 404 (counted as a failure) when it leads nowhere.
    func guarded(_ context: WebContext, _ body: () async throws -> Response) async throws -> Response {
        if let wait = limiter.retryAfter(context.clientKey) { return Pages.tooManyRequests(retryAfter: wait) }
        do {
            return try await body()
        } catch let refusal as Refusal where refusal.isDeadLink {
            limiter.failed(context.clientKey)
            return Pages.notFound()
        } catch is DeadLink {
            limiter.failed(context.clientKey)
            return Pages.notFound()
        }
    }

    struct DeadLink: Error {}

    /// A link's page. A page rendered for the same URL is sent again while the store's change
    /// stamp is the one it was rendered at and the time is inside its validity (`PageCache`):
    /// the stamp covers the link itself (a slug gone, a one-time link used, revoked or
    /// invalidated), so a dead link is never served from the cache.
    func open(_ request: Request, _ context: WebContext) async throws -> Response {
        try await guarded(context) {
            let key = request.uri.description
            let stamp = try await linkdesk.changeStamp()  // read first: what follows is at least as new
            let now = linkdesk.now
            if let stamp, let page = pages.page(key, stamp: stamp, at: now, requestKey: { linkdesk.newRequestKey() }) {
                return Pages.html(.ok, buffer: page)
            }
            guard let link = parseLink(path: request.uri.path, query: request.uri.query) else { throw DeadLink() }
            let resolved = try await linkdesk.resolveUsable(link)
            let flow = FlowQuery(QueryEncoding.linkQuery(request.uri.query ?? ""))
            let rendered = try await renderFlow(request, link: link, resolved: resolved, flow: flow, now: now)
            let page = ByteBuffer(string: rendered.html)
            if let stamp {
                let until = min(rendered.validUntil, resolved.oneTime?.expiresAt ?? .distantFuture)
                pages.store(rendered.html, requestKey: rendered.requestKey, for: key, stamp: stamp, from: now, until: until)
            }
            return Pages.html(.ok, buffer: page)
        }
    }

    func book(_ request: Request, _ context: WebContext) async throws -> Response {
        if CrossSite.isRefused(request, baseOrigin: baseOrigin) { return Pages.crossSite() }
        return try await guarded(context) {
            guard let link = parseLink(path: request.uri.path, query: request.uri.query) else { throw DeadLink() }
            let client = context.clientKey
            if let wait = bookingLimiter.retryAfter(client, limit: await settings.current(linkdesk).bookingLimit) {
                return Pages.tooManyBookings(retryAfter: wait)
            }
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let fields = QueryEncoding.form(String(buffer: body))
            let requestKey = fields[Self.requestKeyField]
            // A retried POST of a form that already booked gets that booking's confirmation, the
            // same 303. Not looked up first (a round trip on every booking): a link that can no
            // longer be used (a one-time link the first POST used) is refused and the key looked
            // up then, and through a live link the store refuses a second booking for the key,
            // which `bookOnline` answers with the first one. The link, then the booking: one store
            // connection held for both (no thread hand-off between the round trips).
            let read = request
            let answer = try await linkdesk.store.holdingConnection {
                try await book(read, link: link, fields: fields, requestKey: requestKey)
            }
            if answer.status == .seeOther { bookingLimiter.booked(client) }
            return answer
        }
    }

    /// The booking POST once its form is read: the link resolved, the booking made or refused.
    private func book(_ request: Request, link: Link, fields: [String: String], requestKey: String?) async throws -> Response {
        let resolved: ResolvedLink
        do {
            resolved = try await linkdesk.resolveUsable(link)
        } catch let refusal as Refusal {
            if let answer = try await earlierConfirmation(requestKey, fields) { return answer }
            throw refusal
        }
        var flow = FlowQuery(fields)
        var form = Personalization()
        for key in Personalization.keys { form[key] = fields[key]?.trimmingCharacters(in: .whitespacesAndNewlines) }
        form.timeZone = flow.zone?.identifier  // the customer's emails give times in it
        let workspace = resolved.workspace
        let event = flow.event.flatMap { id in resolved.page.eventTypeIDs.contains(id) ? workspace.eventType(id: id) : nil }
        guard let event, let slotText = fields["slot"], let start = ISO8601.date(slotText) else {
            return Pages.html(.unprocessableContent, try await flowPage(request, link: link, resolved: resolved, flow: flow,
                                                                     error: "Pick a time first.", form: form))
        }
        do {
            let made = try await linkdesk.bookOnline(CustomerBooking(link: link, eventName: event.name, start: start, form: form),
                                                     requestKey: requestKey, resolved: resolved)
            return Self.confirmation(made, zone: flow.zone ?? Self.zone(of: resolved.page, in: workspace))
        } catch let refusal as Refusal where !refusal.isDeadLink {
            flow.date = flow.zone.map { SiteCalendar(zone: $0).dayKey(start) } ?? flow.date
            return Pages.html(Self.status(refusal.reason), try await flowPage(request, link: link, resolved: resolved, flow: flow,
                                                                           error: Self.sentence(refusal), form: form))
        }
    }

    /// The booking form's hidden field holding its request key (idempotency key).
    static let requestKeyField = "request"

    /// The confirmation of the booking a request key already made, if it made one.
    func earlierConfirmation(_ requestKey: String?, _ fields: [String: String]) async throws -> Response? {
        guard let requestKey, let earlier = try await linkdesk.bookedEarlier(requestKey: requestKey) else { return nil }
        let workspace = try await linkdesk.workspace()
        let page = workspace.page(id: earlier.booking.pageID)
        return Self.confirmation(earlier, zone: FlowQuery(fields).zone ?? page.map { Self.zone(of: $0, in: workspace) })
    }

    /// The answer to a booking POST that booked (or had booked): 303 to the manage page.
    static func confirmation(_ made: WebBooking, zone: TimeZone?) -> Response {
        let tz = zone?.identifier ?? "UTC"
        return Response(status: .seeOther, headers: [
            .location: Linkdesk.managePath(made.manageToken) + "?booked=1&tz=" + QueryEncoding.encode(tz),
        ])
    }

    /// A booking refused by a rule: 422 when the form itself is incomplete, 409 when the form
    /// was fine but the time or the link no longer allows it.
    static func status(_ reason: Refusal.Reason) -> HTTPResponse.Status {
        if case .formRequired = reason { return .unprocessableContent }
        return .conflict
    }

    /// A refusal as the customer reads it: the rule's sentence, capitalised, as a sentence.
    static func sentence(_ refusal: Refusal) -> String {
        let text = refusal.message
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    /// The zone a page's times are shown in by default: a booking page's own, a master page's
    /// first member's.
    static func zone(of page: Page, in workspace: Workspace) -> TimeZone {
        let name: String?
        switch page {
        case .booking(let booking): name = booking.timeZone
        case .master(let master): name = master.memberIDs.lazy.compactMap(workspace.bookingPage(id:)).first?.timeZone
        }
        return Zones.named(name) ?? TimeZone(identifier: "UTC")!
    }

    // MARK: The customer's flow on one page

    /// What the flow's own parameters say (beside the link's personalization).
    struct FlowQuery {
        var event: EventTypeID?
        var month: String?
        var date: String?
        var zone: TimeZone?

        init(_ fields: [String: String]) {
            event = fields["event"].flatMap { EventTypeID($0) }
            month = fields["month"]
            date = fields["date"]
            zone = Zones.named(fields["tz"])
        }
    }
}
