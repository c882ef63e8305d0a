import Foundation

/// iCalendar (RFC 5545) for a booking's .ics download, a team member's calendar feed and the
/// invitations in booking emails (iTIP, RFC 5546: REQUEST and CANCEL): CRLF line ends, lines
/// folded at 75 octets without splitting a UTF-8 character, TEXT values escaped.
public enum ICalendar {
    /// Someone an invitation names: its organizer (the staff member) or an attendee (the customer).
    public struct Person: Sendable, Equatable {
        public var name: String
        public var email: String
        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }
    }

    public struct Event: Sendable {
        public var uid: String
        public var start: Date
        public var end: Date
        public var summary: String
        public var description: String
        public var location: String?
        public var sequence: Int
        public var cancelled: Bool
        /// Calendar clients act on an invitation (REQUEST, CANCEL) only when it names its
        /// organizer and attendees.
        public var organizer: Person?
        public var attendees: [Person]

        public init(uid: String, start: Date, end: Date, summary: String, description: String, location: String?,
                    sequence: Int, cancelled: Bool, organizer: Person? = nil, attendees: [Person] = []) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.location = location
            self.sequence = sequence
            self.cancelled = cancelled
            self.organizer = organizer
            self.attendees = attendees
        }
    }

    public static func document(_ events: [Event], method: String? = "PUBLISH", name: String? = nil, now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//linkdesk//booking site//EN", "CALSCALE:GREGORIAN"]
        if let method { lines.append("METHOD:\(method)") }
        if let name { lines.append("X-WR-CALNAME:" + escape(name)) }
        let stamp = DateText.calendarStamp(now)
        for event in events {
            let start = DateText.calendarStamp(event.start), end = DateText.calendarStamp(event.end)
            lines += ["BEGIN:VEVENT", "UID:" + escape(event.uid), "DTSTAMP:" + stamp, "DTSTART:" + start, "DTEND:" + end,
                      "SEQUENCE:\(event.sequence)", "SUMMARY:" + escape(event.summary), "DESCRIPTION:" + escape(event.description)]
            if let location = event.location, !location.isEmpty { lines.append("LOCATION:" + escape(location)) }
            if let organizer = event.organizer { lines.append("ORGANIZER;CN=" + parameter(organizer.name) + ":mailto:" + address(organizer.email)) }
            for attendee in event.attendees {
                lines.append("ATTENDEE;CN=" + parameter(attendee.name) + ";ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:" + address(attendee.email))
            }
            lines.append("STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A parameter value (§3.2): quoted, with what a quoted value can't hold (double quotes and
    /// control characters) left out.
    static func parameter(_ text: String) -> String {
        "\"" + String(text.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)) + "\""
    }

    /// An address in a `mailto:` value: no control characters or spaces, whatever the caller passed.
    static func address(_ email: String) -> String {
        String(email.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }.map(Character.init))
    }

    /// TEXT escaping (§3.3.11): backslash first, then `;`, `,`, and newlines as `\n`.
    public static func escape(_ text: String) -> String {
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
    public static func fold(_ line: String) -> String {
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
}
