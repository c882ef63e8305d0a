import Foundation
import LinkdeskCore
@testable import LinkdeskWeb
import Testing

/// Pages are `Markup`: a value a person typed must arrive as characters whatever it holds, and
/// markup already built must not be escaped a second time (`&amp;amp;` on a page is a bug).
@Suite struct MarkupTests {
    static let hostile = "<script>\"'&"
    static let escaped = "&lt;script&gt;&quot;&#39;&amp;"

    @Test func anInterpolatedStringIsEscapedInTextAndInAttributes() {
        let markup: Markup = "<p title=\(attr: Self.hostile)>\(Self.hostile)</p>"
        #expect(markup.html == "<p title=\"\(Self.escaped)\">\(Self.escaped)</p>")
        #expect(Markup.attr(Self.hostile).html == "\"\(Self.escaped)\"")
    }

    @Test func otherValuesAreTextToo() {
        let markup: Markup = "<td>\(31)</td><td>\(Substring("a<b"))</td>"
        #expect(markup.html == "<td>31</td><td>a&lt;b</td>")
    }

    @Test func interpolatedMarkupIsNotEscapedAgain() {
        let inner: Markup = "<b>\(Self.hostile)</b>"
        let outer: Markup = "<p>\(inner)</p>"
        #expect(outer.html == "<p><b>\(Self.escaped)</b></p>")
        #expect(!outer.html.contains("&amp;amp;") && !outer.html.contains("&amp;lt;"))
        var page = HTML()
        page.append(outer)
        let built = page.markup
        page.append("<i>\(built)</i>")
        #expect(page.output == "<p><b>\(Self.escaped)</b></p><i><p><b>\(Self.escaped)</b></p></i>")
        let list: [Markup] = ["<li>\(Self.hostile)</li>", "<li>b</li>"]
        #expect(list.joined(separator: "\n").html == "<li>\(Self.escaped)</li>\n<li>b</li>")
    }

    /// A link's `&` between query items is written `&amp;` in its `href`, once.
    @Test func aLinksAmpersandIsEscapedOnce() {
        let markup: Markup = "<a href=\(attr: "/x?month=2026-12&date=2026-12-07")>7</a>"
        #expect(markup.html == "<a href=\"/x?month=2026-12&amp;date=2026-12-07\">7</a>")
    }
}

/// The booking page's free times and month, checked as data: the words and values a customer
/// sees, without reading HTML.
@Suite struct FlowViewTests {
    static let newYork = SiteCalendar(zone: TimeZone(identifier: "America/New_York")!)

    @Test func theTimesOfADayAreItsNameAndTheirClockTimesAndSlots() throws {
        let starts = [try #require(ISO8601.date("2026-12-07T14:00:00Z")), try #require(ISO8601.date("2026-12-07T14:30:00Z"))]
        let view = TimesView(local: Self.newYork, starts: starts, minutes: 30, date: "2026-12-07")
        #expect(view.day == "Monday 7 December 2026")
        #expect(view.status == "2 times free on Monday 7 December 2026 (America/New_York)")
        #expect(view.legend == "Times on Monday 7 December 2026, 30 minutes, in America/New_York")
        #expect(view.times == [TimesView.Time(label: "09:00", value: "2026-12-07T14:00:00Z"),
                               TimesView.Time(label: "09:30", value: "2026-12-07T14:30:00Z")])
        // The markup the page has always had for them.
        #expect(view.markup.html == "<p id=\"times-status\" aria-live=\"polite\">2 times free on Monday 7 December 2026 "
            + "(America/New_York)</p><fieldset><legend>Times on Monday 7 December 2026, 30 minutes, in America/New_York"
            + "</legend><div class=\"times\"><label for=\"slot-0\"><input type=\"radio\" name=\"slot\" id=\"slot-0\" "
            + "value=\"2026-12-07T14:00:00Z\" required> 09:00</label><label for=\"slot-1\"><input type=\"radio\" "
            + "name=\"slot\" id=\"slot-1\" value=\"2026-12-07T14:30:00Z\"> 09:30</label></div></fieldset>")
    }

    @Test func aDayOrMonthWithoutTimesSaysSo() {
        let none = TimesView(local: Self.newYork, starts: [], minutes: 30, date: "2026-12-08")
        #expect(none.status == "No free times on Tuesday 8 December 2026.")
        #expect(none.times.isEmpty)
        #expect(none.markup.html == "<p id=\"times-status\" aria-live=\"polite\">No free times on Tuesday 8 December 2026.</p>")
        let month = TimesView(local: Self.newYork, starts: [], minutes: 30, date: nil)
        #expect(month.day == "" && month.status == "No free times this month: try the next one.")
    }

    @Test func aMonthNamesEveryDateAndLinksTheFreeOnes() throws {
        let local = Self.newYork
        let december = try #require(local.month("2026-12"))
        let now = try #require(ISO8601.date("2026-12-07T12:00:00Z"))
        let view = MonthView(local: local, month: december, byDay: ["2026-12-07": 2], selected: "2026-12-07", now: now,
                             previous: false, next: true, href: { "/x?" + QueryEncoding.query($0) })
        #expect(view.title == "December 2026")
        #expect(view.previous == nil)
        #expect(view.next == MonthView.Neighbour(href: "/x?month=2027-01", name: "January 2027"))
        #expect(view.lead == 1)  // 1 December 2026 is a Tuesday
        #expect(view.days.count == 31)
        #expect(view.days[6] == MonthView.Day(number: 7, label: "Monday 7 December 2026, 2 times free",
                                              href: "/x?month=2026-12&date=2026-12-07", isToday: true, isSelected: true))
        #expect(view.days[7] == MonthView.Day(number: 8, label: "Tuesday 8 December 2026, no free times", href: nil,
                                              isToday: false, isSelected: false))
        let html = view.markup.html
        #expect(html.contains("<td><a href=\"/x?month=2026-12&amp;date=2026-12-07\" aria-label=\"Monday 7 December 2026, "
            + "2 times free\" aria-current=\"true\">7</a></td>"))
        #expect(html.hasPrefix("<h2 id=\"month-title\">December 2026</h2><nav class=\"months\" aria-label=\"Months\"><span></span>"
            + "<a href=\"/x?month=2027-01\">January 2027 →</a></nav>"))
        // Thursday the 31st, then Friday to Sunday empty.
        #expect(html.hasSuffix("no free times\">31</span></td><td></td><td></td><td></td></tr></tbody></table>"))
    }
}
