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
        let times = Times(zone: zone)
        let (path, query) = linkHref(request, link)
        let events = page.eventTypeIDs.compactMap(workspace.eventType(id:))
        var main = HTML()
        main.raw("<h1 dir=\"auto\">")
        main.text(page.name)
        main.raw("</h1>")
        if let error {
            main.raw("<p class=\"error\" role=\"alert\" id=\"form-error\">")
            main.text(error)
            main.raw("</p>")
        }
        let chosen = events.count == 1 ? events.first : events.first { $0.id == flow.event }
        guard let event = chosen else {
            main.raw("<h2>Choose a meeting</h2><ul class=\"choices\">")
            for event in events {
                main.raw("<li><a href=" + HTML.attr(Self.href(path, query, [("event", String(event.id)), ("tz", zone.identifier)])) + ">")
                main.text(event.name)
                if case .master(let master) = page, master.ruleType == .dynamic,
                   let member = try? Assignment.candidates(for: page, event: event.id, in: workspace).first {
                    main.raw(" <span class=\"muted\">with ")
                    main.text(member.owner.isEmpty ? member.name : member.owner)
                    main.raw("</span>")
                }
                main.raw("</a></li>")
            }
            main.raw("</ul>")
            return (Pages.layout(title: page.name, main.output), validUntil, requestKey)
        }
        // Free times over the month shown (from today to its end, at most a year ahead).
        let thisMonth = times.month(times.monthKey(now))!
        let lastMonth = times.calendar.date(byAdding: .month, value: 12, to: thisMonth)!
        var month = flow.month.flatMap(times.month) ?? flow.date.flatMap(times.day).flatMap { times.month(times.monthKey($0)) }
        if let m = month, m < thisMonth || m > lastMonth { month = nil }
        let searchEnd = times.calendar.date(byAdding: .month, value: 1, to: month ?? thisMonth)!
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
            month = slots.first.map { times.month(times.monthKey($0.start))! } ?? thisMonth
        }
        let shown = month!
        let monthKey = times.monthKey(shown)
        slots = slots.filter { times.monthKey($0.start) == monthKey }
        var byDay: [String: [Slot]] = [:]
        for slot in slots { byDay[times.dayKey(slot.start), default: []].append(slot) }
        let date = flow.date.flatMap { byDay[$0] != nil ? $0 : nil } ?? slots.first.map { times.dayKey($0.start) }

        main.raw("<p>")
        main.text(event.name)
        if let member = slots.first?.teamMember, case .master(let master) = page, master.ruleType == .dynamic {
            main.raw(" with ")
            main.text(member.owner.isEmpty ? member.name : member.owner)
        }
        if events.count > 1 {
            main.raw(" · <a href=" + HTML.attr(Self.href(path, query, [("tz", zone.identifier)])) + ">other meetings</a>")
        }
        main.raw("</p>")
        // The zone picker: a GET form of its own, outside the booking form.
        main.raw("<form method=\"get\" action=" + HTML.attr(path) + " class=\"zone\">")
        for key in Personalization.keys { if let v = link.personalization[key] { main.raw(Self.hidden(key, v)) } }
        if link.personalization.showForm { main.raw(Self.hidden("skip", "0")) }
        main.raw(Self.hidden("event", String(event.id)) + Self.hidden("month", monthKey))
        main.raw("<label for=\"tz\">Time zone</label><select id=\"tz\" name=\"tz\">")
        var zones = Zones.common
        for extra in [zone.identifier, Self.zone(of: page, in: workspace).identifier] where !zones.contains(extra) { zones.insert(extra, at: 0) }
        for name in zones {
            main.raw("<option value=" + HTML.attr(name) + (name == zone.identifier ? " selected" : "") + ">")
            main.text(name.replacingOccurrences(of: "_", with: " "))
            main.raw("</option>")
        }
        main.raw("</select><button type=\"submit\">Show times in this zone</button></form>")
        let calendarQuery = [("event", String(event.id)), ("tz", zone.identifier)]
        renderMonth(&main, times: times, month: shown, byDay: byDay.mapValues(\.count), selected: date, now: now,
                    previous: shown > thisMonth, next: shown < lastMonth,
                    href: { extra in Self.href(path, query, calendarQuery + extra) })

        // The booking form: the times of the chosen date, then who books.
        let daySlots = date.flatMap { byDay[$0] } ?? []
        main.raw("<form method=\"post\" action=" + HTML.attr(query.isEmpty ? path : path + "?" + query) + ">")
        main.raw(Self.hidden("event", String(event.id)) + Self.hidden("tz", zone.identifier))
        main.raw(Self.hidden(Self.requestKeyField, requestKey))
        renderTimes(&main, times: times, starts: daySlots.map(\.start), minutes: event.minutes, date: date)
        if !daySlots.isEmpty {
            let p = link.personalization
            if p.skipsForm {
                main.raw("<p>Booking for <strong dir=\"auto\">")
                main.text(p.name ?? "")
                main.raw("</strong> (<span dir=\"auto\">")
                main.text(p.email ?? "")
                main.raw("</span>)</p>")
            } else {
                let values = form ?? p
                main.raw("<fieldset><legend>Your details</legend>")
                main.raw(Self.field("name", "Name", type: "text", value: values.name ?? p.name, required: true, autocomplete: "name"))
                main.raw(Self.field("email", "Email", type: "email", value: values.email ?? p.email, required: true,
                                    autocomplete: "email"))
                main.raw(Self.field("phone", "Phone (optional)", type: "tel", value: values.phone ?? p.phone, required: false,
                                    autocomplete: "tel"))
                main.raw(Self.field("company", "Company (optional)", type: "text", value: values.company ?? p.company,
                                    required: false, autocomplete: "organization"))
                main.raw("<label for=\"note\">Anything we should know? (optional)</label><textarea id=\"note\" name=\"note\" rows=\"3\" dir=\"auto\">")
                main.text(values.note ?? p.note ?? "")
                main.raw("</textarea></fieldset>")
            }
            main.raw("<button type=\"submit\">Book</button>")
        }
        main.raw("</form>")
        return (Pages.layout(title: page.name, script: true, main.output), validUntil, requestKey)
    }

    static func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=" + HTML.attr(name) + " value=" + HTML.attr(value) + ">"
    }

    static func field(_ name: String, _ label: String, type: String, value: String?, required: Bool, autocomplete: String) -> String {
        "<label for=" + HTML.attr(name) + ">" + HTML.escape(label) + "</label><input type=" + HTML.attr(type) + " id="
            + HTML.attr(name) + " name=" + HTML.attr(name) + " value=" + HTML.attr(value ?? "") + " dir=\"auto\" autocomplete="
            + HTML.attr(autocomplete) + (required ? " required" : "") + ">"
    }

    /// A month as a table: free dates are links whose names say the whole date and how many
    /// times are free; month navigation is links (outside every form, so Enter never moves it).
    func renderMonth(_ main: inout HTML, times: Times, month: Date, byDay: [String: Int], selected: String?, now: Date,
                     previous: Bool, next: Bool, href: ([(String, String)]) -> String) {
        let calendar = times.calendar
        main.raw("<h2 id=\"month-title\">")
        main.text(times.monthTitle(month))
        main.raw("</h2><nav class=\"months\" aria-label=\"Months\">")
        if previous, let p = calendar.date(byAdding: .month, value: -1, to: month) {
            main.raw("<a href=" + HTML.attr(href([("month", times.monthKey(p))])) + ">← " + HTML.escape(times.monthTitle(p)) + "</a>")
        } else { main.raw("<span></span>") }
        if next, let n = calendar.date(byAdding: .month, value: 1, to: month) {
            main.raw("<a href=" + HTML.attr(href([("month", times.monthKey(n))])) + ">" + HTML.escape(times.monthTitle(n)) + " →</a>")
        }
        main.raw("</nav><table class=\"month\" aria-labelledby=\"month-title\"><thead><tr>")
        for name in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
            main.raw("<th scope=\"col\">" + name + "</th>")
        }
        main.raw("</tr></thead><tbody><tr>")
        let weekday = calendar.component(.weekday, from: month)  // 1 = Sunday
        let lead = (weekday + 5) % 7
        for _ in 0..<lead { main.raw("<td></td>") }
        let count = calendar.range(of: .day, in: .month, for: month)?.count ?? 30
        let today = times.dayKey(now)
        var column = lead
        for day in 1...count {
            let date = calendar.date(byAdding: .day, value: day - 1, to: month)!
            let key = times.dayKey(date)
            let free = byDay[key] ?? 0
            let name = times.longDay(date)
            main.raw("<td>")
            let currentDate = key == today ? " aria-current=\"date\"" : ""
            if free > 0 {
                let label = "\(name), \(free) \(free == 1 ? "time" : "times") free"
                main.raw("<a href=" + HTML.attr(href([("month", times.monthKey(month)), ("date", key)])) + " aria-label="
                         + HTML.attr(label) + (key == selected ? " aria-current=\"true\"" : currentDate) + ">\(day)</a>")
            } else {
                main.raw("<span aria-disabled=\"true\" aria-label=" + HTML.attr("\(name), no free times") + currentDate
                         + ">\(day)</span>")
            }
            main.raw("</td>")
            column += 1
            if column % 7 == 0 && day < count { main.raw("</tr><tr>") }
        }
        while column % 7 != 0 { main.raw("<td></td>"); column += 1 }
        main.raw("</tr></tbody></table>")
    }

    /// The free times of one date as radio buttons, announced in a live region.
    func renderTimes(_ main: inout HTML, times: Times, starts: [Date], minutes: Int, date: String?) {
        let dayName = date.flatMap(times.day).map(times.longDay) ?? ""
        main.raw("<p id=\"times-status\" aria-live=\"polite\">")
        if starts.isEmpty {
            main.text(date == nil ? "No free times this month: try the next one." : "No free times on \(dayName).")
        } else {
            main.text("\(starts.count) \(starts.count == 1 ? "time" : "times") free on \(dayName) (\(times.zone.identifier))")
        }
        main.raw("</p>")
        guard !starts.isEmpty else { return }
        main.raw("<fieldset><legend>")
        main.text("Times on \(dayName), \(minutes) minutes, in \(times.zone.identifier)")
        main.raw("</legend><div class=\"times\">")
        for (index, start) in starts.enumerated() {
            let id = "slot-\(index)"
            main.raw("<label for=\"\(id)\"><input type=\"radio\" name=\"slot\" id=\"\(id)\" value="
                     + HTML.attr(ISO8601.string(start)) + (index == 0 ? " required" : "") + "> ")
            main.text(times.clock(start))
            main.raw("</label>")
        }
        main.raw("</div></fieldset>")
    }
}
