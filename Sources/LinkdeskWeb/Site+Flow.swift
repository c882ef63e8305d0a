import Foundation
import Hummingbird
import LinkdeskCore
import LinkdeskService

/// The booking flow's page, rendered on the server: event type, month calendar, the free times
/// of a date in the customer's zone, the form. Kept apart from Site.swift's routes and POST handling.
extension Site {
    /// The path plus the link's own query (personalization), which every flow link carries on.
    func linkHref(_ request: Request, _ link: Link) -> (path: String, query: String) {
        let built = LinkURL.build(link, base: linkdesk.base)
        let query = built.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        return (request.uri.path, query)
    }

    static func href(_ path: String, _ query: String, _ more: [(String, String)]) -> String {
        let extra = QueryEncoding.query(more)
        let all = [query, extra].filter { !$0.isEmpty }.joined(separator: "&")
        return all.isEmpty ? path : path + "?" + all
    }

    func flowPage(_ request: Request, link: Link, resolved: ResolvedLink, flow: FlowQuery, error: String? = nil,
                  form: Personalization? = nil) async throws -> String {
        try await renderFlow(request, link: link, resolved: resolved, flow: flow, error: error, form: form, now: linkdesk.now).html
    }

    /// The flow's page as of `now`, and until when it stays the same if nothing in the store
    /// changes: the first free time it counted starting (it is then no longer free), and at most
    /// `PageCache.lifetime` (today's date and this month move at midnight).
    func renderFlow(_ request: Request, link: Link, resolved: ResolvedLink, flow: FlowQuery, error: String? = nil,
                    form: Personalization? = nil, now: Date) async throws -> (html: String, validUntil: Date, requestKey: String) {
        var validUntil = now.addingTimeInterval(PageCache.lifetime)
        // The booking form's request key: one per rendering. A cached page is sent with a new
        // one each time (`PageCache` keeps the page cut at the key), or two customers opening
        // the same URL would share one and the second would be shown the first's booking.
        let requestKey = linkdesk.newRequestKey()
        let workspace = resolved.workspace
        let page = resolved.page
        let zone = flow.zone ?? Self.zone(of: page, in: workspace)
        let local = SiteCalendar(zone: zone)
        let (path, query) = linkHref(request, link)
        let events = page.eventTypeIDs.compactMap(workspace.eventType(id:))
        var main = HTML()
        main.append("<h1 dir=\"auto\">\(page.name)</h1>")
        if let error { main.append("<p class=\"error\" role=\"alert\" id=\"form-error\">\(error)</p>") }
        let chosen = events.count == 1 ? events.first : events.first { $0.id == flow.event }
        guard let event = chosen else {
            main.append("<h2>Choose a meeting</h2><ul class=\"choices\">")
            for event in events {
                let href = Self.href(path, query, [("event", String(event.id)), ("tz", zone.identifier)])
                main.append("<li><a href=\(attr: href)>\(event.name)")
                if case .master(let master) = page, master.ruleType == .dynamic,
                   let member = try? Assignment.candidates(for: page, event: event.id, in: workspace).first {
                    main.append(" <span class=\"muted\">with \(member.owner.isEmpty ? member.name : member.owner)</span>")
                }
                main.append("</a></li>")
            }
            main.append("</ul>")
            return (Pages.layout(title: page.name, main.markup), validUntil, requestKey)
        }
        // Free times over the month shown (from today to its end, at most a year ahead).
        let thisMonth = local.month(local.monthKey(now))!
        let lastMonth = local.calendar.date(byAdding: .month, value: 12, to: thisMonth)!
        var month = flow.month.flatMap(local.month) ?? flow.date.flatMap(local.day).flatMap { local.month(local.monthKey($0)) }
        if let m = month, m < thisMonth || m > lastMonth { month = nil }
        let searchEnd = local.calendar.date(byAdding: .month, value: 1, to: month ?? thisMonth)!
        var days = Int((searchEnd.timeIntervalSince(now) / 86_400).rounded(.up)) + 1
        days = min(max(days, 1), 366)
        let offer = try await linkdesk.offer(resolved: resolved, event: event.name, days: days)
        var slots = offer.slots.filter { $0.event.id == event.id }
        if let first = slots.first { validUntil = min(validUntil, first.start) }
        if month == nil {
            // No month asked for: the month of the first free time (or this one), searching ahead.
            if slots.isEmpty {
                let ahead = try await linkdesk.offer(resolved: resolved, event: event.name, days: 62)
                slots = ahead.slots.filter { $0.event.id == event.id }
                if let first = slots.first { validUntil = min(validUntil, first.start) }
            }
            month = slots.first.map { local.month(local.monthKey($0.start))! } ?? thisMonth
        }
        let shown = month!
        let monthKey = local.monthKey(shown)
        slots = slots.filter { local.monthKey($0.start) == monthKey }
        var byDay: [String: [Slot]] = [:]
        for slot in slots { byDay[local.dayKey(slot.start), default: []].append(slot) }
        let date = flow.date.flatMap { byDay[$0] != nil ? $0 : nil } ?? slots.first.map { local.dayKey($0.start) }

        main.append("<p>\(event.name)")
        if let member = slots.first?.teamMember, case .master(let master) = page, master.ruleType == .dynamic {
            main.append(" with \(member.owner.isEmpty ? member.name : member.owner)")
        }
        if events.count > 1 {
            let others = Self.href(path, query, [("tz", zone.identifier)])
            main.append(" · <a href=\(attr: others)>other meetings</a>")
        }
        main.append("</p>")
        // The zone picker: a GET form of its own, outside the booking form.
        main.append("<form method=\"get\" action=\(attr: path) class=\"zone\">")
        for key in Personalization.keys { if let v = link.personalization[key] { main.append(Self.hidden(key, v)) } }
        if link.personalization.showForm { main.append(Self.hidden("skip", "0")) }
        main.append(Self.hidden("event", String(event.id)))
        main.append(Self.hidden("month", monthKey))
        main.append("<label for=\"tz\">Time zone</label><select id=\"tz\" name=\"tz\">")
        var zones = Zones.common
        for extra in [zone.identifier, Self.zone(of: page, in: workspace).identifier] where !zones.contains(extra) { zones.insert(extra, at: 0) }
        for name in zones {
            let selected: Markup = name == zone.identifier ? " selected" : ""
            main.append("<option value=\(attr: name)\(selected)>\(name.replacingOccurrences(of: "_", with: " "))</option>")
        }
        main.append("</select><button type=\"submit\">Show times in this zone</button></form>")
        let calendarQuery = [("event", String(event.id)), ("tz", zone.identifier)]
        main.append(MonthView(local: local, month: shown, byDay: byDay.mapValues(\.count), selected: date, now: now,
                              previous: shown > thisMonth, next: shown < lastMonth,
                              href: { extra in Self.href(path, query, calendarQuery + extra) }).markup)

        // The booking form: the times of the chosen date, then who books.
        let daySlots = date.flatMap { byDay[$0] } ?? []
        let action = query.isEmpty ? path : path + "?" + query
        main.append("<form method=\"post\" action=\(attr: action)>")
        main.append(Self.hidden("event", String(event.id)))
        main.append(Self.hidden("tz", zone.identifier))
        main.append(Self.hidden(Self.requestKeyField, requestKey))
        main.append(TimesView(local: local, starts: daySlots.map(\.start), minutes: event.minutes, date: date).markup)
        if !daySlots.isEmpty {
            let p = link.personalization
            if p.skipsForm {
                let name = p.name ?? "", email = p.email ?? ""
                main.append("<p>Booking for <strong dir=\"auto\">\(name)</strong> (<span dir=\"auto\">\(email)</span>)</p>")
            } else {
                let values = form ?? p
                let note = values.note ?? p.note ?? ""
                main.append("<fieldset><legend>Your details</legend>")
                main.append(Self.field("name", "Name", type: "text", value: values.name ?? p.name, required: true, autocomplete: "name"))
                main.append(Self.field("email", "Email", type: "email", value: values.email ?? p.email, required: true,
                                       autocomplete: "email"))
                main.append(Self.field("phone", "Phone (optional)", type: "tel", value: values.phone ?? p.phone, required: false,
                                       autocomplete: "tel"))
                main.append(Self.field("company", "Company (optional)", type: "text", value: values.company ?? p.company,
                                       required: false, autocomplete: "organization"))
                main.append("<label for=\"note\">Anything we should know? (optional)</label>")
                main.append("<textarea id=\"note\" name=\"note\" rows=\"3\" dir=\"auto\">\(note)</textarea></fieldset>")
            }
            main.append("<button type=\"submit\">Book</button>")
        }
        main.append("</form>")
        return (Pages.layout(title: page.name, script: true, main.markup), validUntil, requestKey)
    }

    static func hidden(_ name: String, _ value: String) -> Markup {
        "<input type=\"hidden\" name=\(attr: name) value=\(attr: value)>"
    }

    static func field(_ name: String, _ label: String, type: String, value: String?, required: Bool, autocomplete: String) -> Markup {
        let requires: Markup = required ? " required" : ""
        let input: Markup = "<input type=\(attr: type) id=\(attr: name) name=\(attr: name) value=\(attr: value ?? "")"
        return "<label for=\(attr: name)>\(label)</label>\(input) dir=\"auto\" autocomplete=\(attr: autocomplete)\(requires)>"
    }
}
