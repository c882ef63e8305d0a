import Foundation
import LinkdeskCore

extension ICalendar {
    /// Google Calendar's "add event" template link.
    static func googleLink(summary: String, start: Date, end: Date, details: String, location: String?) -> String {
        let dates = DateText.calendarStamp(start) + "/" + DateText.calendarStamp(end)
        var items = [("action", "TEMPLATE"), ("text", summary), ("dates", dates), ("details", details)]
        if let location, !location.isEmpty { items.append(("location", location)) }
        return "https://calendar.google.com/calendar/render?" + QueryEncoding.query(items)
    }
}
