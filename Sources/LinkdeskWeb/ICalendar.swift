import Foundation
import LinkdeskCore

/// iCalendar (RFC 5545) for a booking's .ics download and a team member's calendar feed: CRLF
/// line ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT values escaped.
enum ICalendar {
    struct Event {
        var uid: String
        var start: Date
        var end: Date
        var summary: String
        var description: String
        var location: String?
        var sequence: Int
        var cancelled: Bool
    }

    static func document(_ events: [Event], method: String? = "PUBLISH", name: String? = nil, now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//linkdesk//booking site//EN", "CALSCALE:GREGORIAN"]
        if let method { lines.append("METHOD:\(method)") }
        if let name { lines.append("X-WR-CALNAME:" + escape(name)) }
        let stamp = DateText.calendarStamp(now)
        for event in events {
            let start = DateText.calendarStamp(event.start), end = DateText.calendarStamp(event.end)
            lines += ["BEGIN:VEVENT", "UID:" + escape(event.uid), "DTSTAMP:" + stamp, "DTSTART:" + start, "DTEND:" + end,
                      "SEQUENCE:\(event.sequence)", "SUMMARY:" + escape(event.summary), "DESCRIPTION:" + escape(event.description)]
            if let location = event.location, !location.isEmpty { lines.append("LOCATION:" + escape(location)) }
            lines.append("STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaping (§3.3.11): backslash first, then `;`, `,`, and newlines as `\n`.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": break
            default:
                // Other control characters have no place in a content line.
                if scalar.value < 0x20 && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence; continuation
    /// lines start with one space.
    static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = parts.isEmpty ? 75 : 74
            if octets + size > limit {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }

    /// Google Calendar's "add event" template link.
    static func googleLink(summary: String, start: Date, end: Date, details: String, location: String?) -> String {
        let dates = DateText.calendarStamp(start) + "/" + DateText.calendarStamp(end)
        var items = [("action", "TEMPLATE"), ("text", summary), ("dates", dates), ("details", details)]
        if let location, !location.isEmpty { items.append(("location", location)) }
        return "https://calendar.google.com/calendar/render?" + QueryEncoding.query(items)
    }
}
