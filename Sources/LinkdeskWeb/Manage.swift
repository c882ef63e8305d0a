import Foundation
import Hummingbird
import LinkdeskCore
import LinkdeskService

/// The manage link: the booking, its calendar entries, cancel and reschedule (each a POST behind
/// a page of its own), under the booking's policy.
extension Site {
    struct BookingView {
        var booking: Booking
        var event: String
        var member: BookingPage?
        var page: Page?

        var withWhom: String {
            guard let member else { return "" }
            return member.owner.isEmpty ? member.name : "\(member.owner) (\(member.name))"
        }
        var location: String? { booking.details.location }
    }

    func bookingView(_ booking: Booking) async throws -> BookingView {
        let workspace = try await linkdesk.workspace()
        return BookingView(booking: booking, event: workspace.eventType(id: booking.eventTypeID)?.name ?? "Meeting",
                           member: workspace.bookingPage(id: booking.teamMemberID), page: workspace.page(id: booking.pageID))
    }

    func displayZone(_ request: Request, _ view: BookingView) -> TimeZone {
        Zones.named(QueryEncoding.linkQuery(request.uri.query ?? "")["tz"])
            ?? Zones.named(view.member?.timeZone) ?? TimeZone(identifier: "UTC")!
    }

    func manageToken(_ context: WebContext) throws -> String {
        guard let token = context.parameters.get("token"), Token.isWellFormed(token) else { throw DeadLink() }
        return token
    }

    func manage(_ request: Request, _ context: WebContext) async throws -> Response {
        try await guarded(context) {
            let token = try manageToken(context)
            let booking = try await linkdesk.managedBooking(token: token)
            let view = try await bookingView(booking)
            let changes = try await linkdesk.customerChanges(booking)
            let query = QueryEncoding.linkQuery(request.uri.query ?? "")
            return Pages.html(.ok, managePage(token: token, view: view, zone: displayZone(request, view), changes: changes,
                                              notice: query["booked"] == "1" ? .booked : query["done"].flatMap(Notice.init(rawValue:)),
                                              confirmCode: query["confirm"]))
        }
    }

    enum Notice: String { case booked, canceled, rescheduled, confirmed }

    /// A manage form's fields (its body, capped like every body).
    static func form(_ request: Request, _ context: WebContext) async throws -> [String: String] {
        var request = request
        return QueryEncoding.form(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
    }

    /// A manage form's answer once done: 303 back to the booking, saying what was done, in the zone it was shown in.
    static func done(_ notice: Notice, token: String, zone: TimeZone?) -> Response {
        Response(status: .seeOther, headers: [
            .location: Linkdesk.managePath(token) + "?done=" + notice.rawValue + (zone.map { "&tz=" + QueryEncoding.encode($0.identifier) } ?? ""),
        ])
    }

    /// The emailed confirmation link's POST (confirm by email): 303 back to the booking, confirmed.
    func confirm(_ request: Request, _ context: WebContext) async throws -> Response {
        if CrossSite.isRefused(request, baseOrigin: baseOrigin) { return Pages.crossSite() }
        return try await guarded(context) {
            let token = try manageToken(context)
            let fields = try await Self.form(request, context)
            do {
                _ = try await linkdesk.confirm(manageToken: token, code: fields["code"] ?? "")
                return Self.done(.confirmed, token: token, zone: Zones.named(fields["tz"]))
            } catch let refusal as Refusal where !refusal.isDeadLink {
                var main = HTML()
                main.append("<h1>Not confirmed</h1><p class=\"error\" role=\"alert\">\(Self.sentence(refusal))</p>")
                main.append("<p><a href=\(attr: Linkdesk.managePath(token))>Your booking</a></p>")
                return Pages.html(.conflict, Pages.layout(title: "Not confirmed", main.markup))
            }
        }
    }

    func managePage(token: String, view: BookingView, zone: TimeZone, changes: CustomerChanges, notice: Notice?,
                    confirmCode: String? = nil) -> String {
        let booking = view.booking
        let awaiting = booking.status == .awaitingConfirmation
        let live = booking.status.isLive && !awaiting
        var main = HTML()
        let title: String
        switch notice {
        case .booked: title = awaiting ? "Almost done: confirm by email" : "You are booked"
        case .canceled: title = "Your booking is canceled"
        case .rescheduled: title = "Your booking has moved"
        case .confirmed: title = "You are booked"
        case nil: title = awaiting ? "Confirm your booking" : live ? "Your booking" : "Your booking (\(booking.status.rawValue.lowercased()))"
        }
        main.append("<h1>\(title)</h1>")
        if let notice, !(awaiting && notice == .booked) {
            let note = notice == .booked ? "A confirmation of your booking:" : notice == .confirmed ? "Confirmed. Your booking:" : "Done."
            main.append("<p class=\"ok\" role=\"status\">\(note)</p>")
        }
        if awaiting {
            let until = booking.policy.holdLapses(after: booking.createdAt).map { DateText.clock($0, in: zone) } ?? "soon"
            if let confirmCode {
                main.append("<form method=\"post\" action=\(attr: Linkdesk.managePath(token) + "/confirm")>")
                main.append(Self.hidden("code", confirmCode))
                main.append(Self.hidden("tz", zone.identifier))
                main.append("<p>The time below is held for you until \(until). Confirm it to book it.</p>")
                main.append("<button type=\"submit\" id=\"confirm\">Confirm my booking</button></form>")
            } else {
                main.append("<p class=\"ok\" role=\"status\">We sent a link to \(booking.customer.email): open it to confirm. ")
                main.append("The time is held for you until \(until); unconfirmed, it is freed for others.</p>")
            }
        }
        let when = DateText.longSpan(booking.start, booking.end, in: zone)
        let customer = "\(booking.customer.name) <\(booking.customer.email)>"
        main.append("<dl><dt>What</dt><dd>\(view.event)</dd><dt>When</dt><dd>\(when)</dd>")
        main.append("<dt>With</dt><dd dir=\"auto\">\(view.withWhom)</dd><dt>For</dt><dd dir=\"auto\">\(customer)</dd>")
        main.append("<dt>Status</dt><dd>\(booking.status.rawValue)</dd></dl>")
        let manage = Linkdesk.managePath(token)
        if awaiting { return Pages.layout(title: title, main.markup) }
        if live {
            main.append("<h2>Add it to your calendar</h2><ul><li><a href=\(attr: manage + "/booking.ics") download=\"booking.ics\">")
            main.append("Download the .ics file</a></li><li><a href=\(attr: googleLink(view, token: token)) rel=\"noopener noreferrer\">")
            main.append("Add to Google Calendar</a></li></ul>")
        }
        main.append("<h2>Change or cancel</h2><p>Keep this link to change or cancel your booking later:<br>")
        main.append("<a href=\(attr: manage) id=\"manage-link\">\(linkdesk.manageURL(token))</a></p>")
        if live {
            let tz = "?tz=" + QueryEncoding.encode(zone.identifier)
            if let refusal = changes.reschedule {
                main.append("<p class=\"muted\">Rescheduling: \(Self.sentence(refusal))</p>")
            } else {
                let allowed = "allowed \(booking.policy.reschedule.summary)"
                main.append("<p><a href=\(attr: manage + "/reschedule" + tz)>Reschedule</a> <span class=\"muted\">(\(allowed))</span></p>")
            }
            if let refusal = changes.cancel {
                main.append("<p class=\"muted\">Canceling: \(Self.sentence(refusal))</p>")
            } else {
                let allowed = "allowed \(booking.policy.cancel.summary)"
                main.append("<p><a href=\(attr: manage + "/cancel" + tz)>Cancel the booking</a> <span class=\"muted\">(\(allowed))</span></p>")
            }
        }
        return Pages.layout(title: title, main.markup)
    }

    func details(_ view: BookingView, token: String) -> String {
        "\(view.event) with \(view.withWhom). Change or cancel: \(linkdesk.manageURL(token))"
    }

    func googleLink(_ view: BookingView, token: String) -> String {
        ICalendar.googleLink(summary: "\(view.event) with \(view.withWhom)", start: view.booking.start, end: view.booking.end,
                             details: details(view, token: token), location: view.location)
    }

    func calendarEvent(_ view: BookingView, description: String) -> ICalendar.Event {
        let booking = view.booking
        return ICalendar.Event(uid: "booking-\(booking.id)@linkdesk", start: booking.start, end: booking.end,
                               summary: "\(view.event) with \(view.withWhom)", description: description,
                               location: view.location, sequence: booking.status == .rescheduled ? 1 : 0,
                               cancelled: !booking.status.isLive)
    }

    func ics(_ request: Request, _ context: WebContext) async throws -> Response {
        try await guarded(context) {
            let token = try manageToken(context)
            let view = try await bookingView(try await linkdesk.managedBooking(token: token))
            let text = ICalendar.document([calendarEvent(view, description: details(view, token: token))],
                                          method: view.booking.status.isLive ? "PUBLISH" : "CANCEL", now: linkdesk.now)
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"booking.ics\""],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    // MARK: Cancel

    func cancelPage(_ request: Request, _ context: WebContext) async throws -> Response {
        try await guarded(context) {
            let token = try manageToken(context)
            let view = try await bookingView(try await linkdesk.managedBooking(token: token))
            return Pages.html(.ok, cancelForm(token: token, view: view, zone: displayZone(request, view), error: nil))
        }
    }

    func cancelForm(token: String, view: BookingView, zone: TimeZone, error: String?) -> String {
        let policy = view.booking.policy
        var main = HTML()
        main.append("<h1>Cancel this booking?</h1>")
        if let error { main.append("<p class=\"error\" role=\"alert\">\(error)</p>") }
        let what = "\(view.event) with \(view.withWhom), \(DateText.longSpan(view.booking.start, view.booking.end, in: zone))"
        main.append("<p>\(what)</p><form method=\"post\" action=\(attr: Linkdesk.managePath(token) + "/cancel")>")
        main.append(Self.hidden("tz", zone.identifier))
        if policy.cancelReason != .notAsked { main.append(Self.reasonField(required: policy.cancelReason == .mandatory)) }
        main.append("<button type=\"submit\">Yes, cancel the booking</button></form>")
        main.append("<p><a href=\(attr: Linkdesk.managePath(token))>No, keep it</a></p>")
        return Pages.layout(title: "Cancel this booking?", main.markup)
    }

    /// The reason a cancel or reschedule form asks for, when the booking's policy asks.
    static func reasonField(required: Bool) -> Markup {
        let label: Markup = required ? "<label for=\"reason\">Reason</label>" : "<label for=\"reason\">Reason (optional)</label>"
        let requires: Markup = required ? " required" : ""
        return "\(label)<textarea id=\"reason\" name=\"reason\" rows=\"3\" dir=\"auto\"\(requires)></textarea>"
    }

    func cancel(_ request: Request, _ context: WebContext) async throws -> Response {
        if CrossSite.isRefused(request, baseOrigin: baseOrigin) { return Pages.crossSite() }
        return try await guarded(context) {
            let token = try manageToken(context)
            let fields = try await Self.form(request, context)
            let tz = Zones.named(fields["tz"])
            do {
                _ = try await linkdesk.cancel(manageToken: token, reason: fields["reason"])
                return Self.done(.canceled, token: token, zone: tz)
            } catch let refusal as Refusal where !refusal.isDeadLink {
                let view = try await bookingView(try await linkdesk.managedBooking(token: token))
                return Pages.html(.conflict, cancelForm(token: token, view: view, zone: tz ?? displayZone(request, view),
                                                        error: Self.sentence(refusal)))
            }
        }
    }

    // MARK: Reschedule

    func reschedulePage(_ request: Request, _ context: WebContext) async throws -> Response {
        try await guarded(context) {
            let token = try manageToken(context)
            let view = try await bookingView(try await linkdesk.managedBooking(token: token))
            let flow = FlowQuery(QueryEncoding.linkQuery(request.uri.query ?? ""))
            return Pages.html(.ok, try await rescheduleForm(token: token, view: view, zone: displayZone(request, view), flow: flow, error: nil))
        }
    }

    func rescheduleForm(token: String, view: BookingView, zone: TimeZone, flow: FlowQuery, error: String?) async throws -> String {
        let booking = view.booking
        let local = SiteCalendar(zone: zone)
        let offer = try await linkdesk.rescheduleOffer(manageToken: token, days: 62)
        let now = linkdesk.now
        let thisMonth = local.month(local.monthKey(now))!
        let first = offer.slots.first.map { local.month(local.monthKey($0))! } ?? thisMonth
        var month = flow.month.flatMap(local.month) ?? flow.date.flatMap(local.day).flatMap { local.month(local.monthKey($0)) } ?? first
        if month < thisMonth { month = thisMonth }
        let monthKey = local.monthKey(month)
        let starts = offer.slots.filter { local.monthKey($0) == monthKey }
        var byDay: [String: [Date]] = [:]
        for start in starts { byDay[local.dayKey(start), default: []].append(start) }
        let date = flow.date.flatMap { byDay[$0] != nil ? $0 : nil } ?? starts.first.map(local.dayKey)
        var main = HTML()
        main.append("<h1>Reschedule</h1>")
        if let error { main.append("<p class=\"error\" role=\"alert\">\(error)</p>") }
        let current = "\(view.event) with \(view.withWhom), \(DateText.longSpan(booking.start, booking.end, in: zone))"
        main.append("<p>Now: \(current)</p>")
        let path = Linkdesk.managePath(token) + "/reschedule"
        let lastMonth = local.calendar.date(byAdding: .month, value: 2, to: thisMonth)!
        main.append(MonthView(local: local, month: month, byDay: byDay.mapValues(\.count), selected: date, now: now,
                              previous: month > thisMonth, next: month < lastMonth,
                              href: { extra in Self.href(path, "", [("tz", zone.identifier)] + extra) }).markup)
        main.append("<form method=\"post\" action=\(attr: path)>\(Self.hidden("tz", zone.identifier))")
        let day = date.flatMap { byDay[$0] } ?? []
        main.append(TimesView(local: local, starts: day, minutes: booking.minutes, date: date).markup)
        if !day.isEmpty {
            let reason = booking.policy.rescheduleReason
            if reason != .notAsked { main.append(Self.reasonField(required: reason == .mandatory)) }
            main.append("<button type=\"submit\">Move the booking</button>")
        }
        main.append("</form><p><a href=\(attr: Linkdesk.managePath(token))>Keep the booking as it is</a></p>")
        return Pages.layout(title: "Reschedule", main.markup)
    }

    func reschedule(_ request: Request, _ context: WebContext) async throws -> Response {
        if CrossSite.isRefused(request, baseOrigin: baseOrigin) { return Pages.crossSite() }
        return try await guarded(context) {
            let token = try manageToken(context)
            let fields = try await Self.form(request, context)
            let tz = Zones.named(fields["tz"])
            let view = try await bookingView(try await linkdesk.managedBooking(token: token))
            let zone = tz ?? displayZone(request, view)
            guard let start = fields["slot"].flatMap(ISO8601.date) else {
                return Pages.html(.unprocessableContent, try await rescheduleForm(token: token, view: view, zone: zone,
                                                                                   flow: FlowQuery(fields), error: "Pick a time first."))
            }
            do {
                _ = try await linkdesk.reschedule(manageToken: token, to: start, reason: fields["reason"])
                return Self.done(.rescheduled, token: token, zone: zone)
            } catch let refusal as Refusal where !refusal.isDeadLink {
                var flow = FlowQuery(fields)
                flow.date = SiteCalendar(zone: zone).dayKey(start)
                return Pages.html(.conflict, try await rescheduleForm(token: token, view: view, zone: zone, flow: flow,
                                                                      error: Self.sentence(refusal)))
            }
        }
    }

    // MARK: Staff calendar feed

    func calendarFeed(_ request: Request, _ context: WebContext) async throws -> Response {
        try await guarded(context) {
            let token = try manageToken(context)
            let feed = try await linkdesk.calendarFeed(token: token)
            let events = feed.bookings.map { booking in
                let view = BookingView(booking: booking, event: feed.workspace.eventType(id: booking.eventTypeID)?.name ?? "Meeting",
                                       member: feed.member, page: feed.workspace.page(id: booking.pageID))
                var event = calendarEvent(view, description: "Booked by \(booking.customer.name) <\(booking.customer.email)> (#\(booking.id))")
                event.summary = "\(view.event): \(booking.customer.name)"
                return event
            }
            let text = ICalendar.document(events, method: "PUBLISH", name: "\(feed.member.name) bookings", now: linkdesk.now)
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
