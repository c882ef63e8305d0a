import Foundation
import LinkdeskCore

/// What a month's calendar shows, worked out apart from its markup so tests can check the
/// dates, their names and their links without reading HTML. Free dates are links whose names say
/// the whole date and how many times are free; month navigation is links (outside every form,
/// so Enter never moves it).
struct MonthView: Equatable, Sendable {
    /// A link to the month before or after.
    struct Neighbour: Equatable, Sendable {
        var href: String
        var name: String
    }

    struct Day: Equatable, Sendable {
        var number: Int
        /// Its accessible name: the whole date and how many times are free.
        var label: String
        /// nil: no free time that day, so nothing to follow.
        var href: String?
        var isToday: Bool
        /// The date whose times are shown (only a free date can be).
        var isSelected: Bool
    }

    var title: String
    var previous: Neighbour?
    var next: Neighbour?
    /// Empty cells before the 1st (weeks start on Monday).
    var lead: Int
    var days: [Day]

    init(local: SiteCalendar, month: Date, byDay: [String: Int], selected: String?, now: Date,
         previous: Bool, next: Bool, href: ([(String, String)]) -> String) {
        let calendar = local.calendar, zone = local.zone
        title = DateText.longMonth(month, in: zone)
        self.previous = previous ? calendar.date(byAdding: .month, value: -1, to: month).map {
            Neighbour(href: href([("month", local.monthKey($0))]), name: DateText.longMonth($0, in: zone))
        } : nil
        self.next = next ? calendar.date(byAdding: .month, value: 1, to: month).map {
            Neighbour(href: href([("month", local.monthKey($0))]), name: DateText.longMonth($0, in: zone))
        } : nil
        let weekday = calendar.component(.weekday, from: month)  // 1 = Sunday
        lead = (weekday + 5) % 7
        let count = calendar.range(of: .day, in: .month, for: month)?.count ?? 30
        let today = local.dayKey(now), monthKey = local.monthKey(month)
        days = (1...count).map { number -> Day in
            let date = calendar.date(byAdding: .day, value: number - 1, to: month)!
            let key = local.dayKey(date)
            let free = byDay[key] ?? 0
            let name = DateText.longDay(date, in: zone)
            guard free > 0 else {
                return Day(number: number, label: "\(name), no free times", href: nil, isToday: key == today, isSelected: false)
            }
            return Day(number: number, label: "\(name), \(free) \(free == 1 ? "time" : "times") free",
                       href: href([("month", monthKey), ("date", key)]), isToday: key == today, isSelected: key == selected)
        }
    }

    /// A heading, the month links, then the month as a table.
    var markup: Markup {
        var main = HTML()
        main.append("<h2 id=\"month-title\">\(title)</h2><nav class=\"months\" aria-label=\"Months\">")
        if let previous {
            main.append("<a href=\(attr: previous.href)>← \(previous.name)</a>")
        } else {
            main.append("<span></span>")
        }
        if let next { main.append("<a href=\(attr: next.href)>\(next.name) →</a>") }
        main.append("</nav><table class=\"month\" aria-labelledby=\"month-title\"><thead><tr>")
        for name in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] { main.append("<th scope=\"col\">\(name)</th>") }
        main.append("</tr></thead><tbody><tr>")
        for _ in 0..<lead { main.append("<td></td>") }
        var column = lead
        for day in days {
            let currentDate: Markup = day.isToday ? " aria-current=\"date\"" : ""
            if let href = day.href {
                let current: Markup = day.isSelected ? " aria-current=\"true\"" : currentDate
                main.append("<td><a href=\(attr: href) aria-label=\(attr: day.label)\(current)>\(day.number)</a></td>")
            } else {
                main.append("<td><span aria-disabled=\"true\" aria-label=\(attr: day.label)\(currentDate)>\(day.number)</span></td>")
            }
            column += 1
            if column % 7 == 0 && day.number < days.count { main.append("</tr><tr>") }
        }
        while column % 7 != 0 {
            main.append("<td></td>")
            column += 1
        }
        main.append("</tr></tbody></table>")
        return main.markup
    }
}

/// The free times of one date, worked out apart from their markup so tests can check the day,
/// the sentence a screen reader announces and each time's label and value without HTML.
struct TimesView: Equatable, Sendable {
    struct Time: Equatable, Sendable {
        /// "09:30", in the page's zone.
        var label: String
        /// The form's `slot` value: the start as ISO 8601 UTC.
        var value: String
    }

    /// "Monday 7 December 2026"; empty when no date is chosen.
    var day: String
    /// The live region's sentence: how many times are free, or that none are.
    var status: String
    /// The fieldset's legend (shown only when there are times).
    var legend: String
    var times: [Time]

    init(local: SiteCalendar, starts: [Date], minutes: Int, date: String?) {
        let zone = local.zone
        let day = date.flatMap(local.day).map { DateText.longDay($0, in: zone) } ?? ""
        self.day = day
        if starts.isEmpty {
            status = date == nil ? "No free times this month: try the next one." : "No free times on \(day)."
        } else {
            status = "\(starts.count) \(starts.count == 1 ? "time" : "times") free on \(day) (\(zone.identifier))"
        }
        legend = "Times on \(day), \(minutes) minutes, in \(zone.identifier)"
        times = starts.map { Time(label: DateText.clock($0, in: zone), value: ISO8601.string($0)) }
    }

    /// The sentence in a live region, then the times as radio buttons (the first one required).
    var markup: Markup {
        var main = HTML()
        main.append("<p id=\"times-status\" aria-live=\"polite\">\(status)</p>")
        guard !times.isEmpty else { return main.markup }
        main.append("<fieldset><legend>\(legend)</legend><div class=\"times\">")
        for (index, time) in times.enumerated() {
            let id = "slot-\(index)"
            let required: Markup = index == 0 ? " required" : ""
            main.append("<label for=\"\(id)\"><input type=\"radio\" name=\"slot\" id=\"\(id)\" value=\(attr: time.value)\(required)> ")
            main.append("\(time.label)</label>")
        }
        main.append("</div></fieldset>")
        return main.markup
    }
}
