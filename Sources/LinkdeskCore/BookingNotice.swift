import Foundation

/// What a booking's change tells its two inboxes: the customer's (confirmation, rescheduled,
/// cancelled, reminders, each with the manage link and a calendar invitation) and the staff
/// member's whose booking it is (new, rescheduled, cancelled). Pure: the same notice makes the
/// same message, byte for byte, so a message rendered again for a retry is the same message.
public struct BookingNotice: Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case confirmation, rescheduled, cancelled, reminder
        /// Confirm by email: the link that turns the held booking into a booking.
        case confirmRequest = "confirm-request"
        case staffNew = "staff-new", staffRescheduled = "staff-rescheduled", staffCancelled = "staff-cancelled"

        /// Sent to the staff member rather than the customer.
        public var toStaff: Bool { [.staffNew, .staffRescheduled, .staffCancelled].contains(self) }
        /// The invitation a message of this kind carries: the event withdrawn, or (again) asked for.
        var method: String { [.cancelled, .staffCancelled].contains(self) ? "CANCEL" : "REQUEST" }
    }

    public var kind: Kind
    public var booking: Booking
    public var eventName: String
    /// The staff member the booking is with (the invitation's organizer, the staff messages' recipient).
    public var staff: ICalendar.Person
    /// Where the times are written: the customer's zone when the site knows it, else the page's.
    public var zone: TimeZone
    /// The customer's manage link (customer messages only; staff change bookings in linkdesk).
    public var manageURL: String?
    /// The invitation's SEQUENCE: 0 when booked, one more for each change, so that a calendar
    /// replaces its copy with the newest one.
    public var sequence: Int
    /// For a reminder: how long before the start it is sent (it names the message).
    public var before: TimeInterval?
    /// For a confirmation request: when the hold lapses.
    public var confirmBy: Date?

    public init(kind: Kind, booking: Booking, eventName: String, staff: ICalendar.Person, zone: TimeZone,
                manageURL: String?, sequence: Int, before: TimeInterval? = nil) {
        self.kind = kind
        self.booking = booking
        self.eventName = eventName
        self.staff = staff
        self.zone = zone
        self.manageURL = manageURL
        self.sequence = sequence
        self.before = before
        confirmBy = kind == .confirmRequest ? booking.policy.holdLapses(after: booking.createdAt) : nil
    }

    /// The message, from the workspace's sender address. Refuses a recipient the site would
    /// refuse (a customer typed in by staff with a malformed address, a staff record without one).
    public func message(from: MailAddress, replyTo: MailAddress?, now: Date) throws(Refusal) -> MailMessage {
        let customer = booking.customer
        let to = kind.toStaff ? try MailAddress(staff.email, name: staff.name) : try MailAddress(customer.email, name: customer.name)
        let when = DateText.longSpan(booking.start, booking.end, in: zone)
        let what = kind.toStaff ? "\(eventName) with \(customer.name)" : "\(eventName) with \(staff.name)"
        let event = ICalendar.Event(uid: "booking-\(booking.id)@\(from.domain)", start: booking.start, end: booking.end,
                                    summary: "\(eventName): \(customer.name) and \(staff.name)",
                                    description: [what, manageURL.map { "Change or cancel: \($0)" }].compactMap { $0 }.joined(separator: "\n"),
                                    location: booking.details.location, sequence: sequence,
                                    cancelled: kind.method == "CANCEL",
                                    organizer: staff, attendees: [ICalendar.Person(name: customer.name, email: customer.email)])
        let lines = body(what: what, when: when)
        let reminder = before.map { "-\(Int($0))" } ?? ""
        return MailMessage(from: from, to: to, replyTo: replyTo, subject: subject(what: what, when: when),
                           messageID: "booking-\(booking.id).\(kind.rawValue)\(reminder).\(sequence)@\(from.domain)",
                           date: now, text: lines.joined(separator: "\n") + "\n", html: html(lines),
                           // Nothing for a calendar until the customer confirms.
                           calendar: kind == .confirmRequest ? nil : (kind.method, ICalendar.document([event], method: kind.method, now: now)))
    }

    private func subject(what: String, when: String) -> String {
        switch kind {
        case .confirmation: "Booked: \(what), \(when)"
        case .rescheduled: "Moved: \(what), now \(when)"
        case .cancelled: "Cancelled: \(what), \(when)"
        case .reminder: "Reminder: \(what), \(when)"
        case .confirmRequest: "Please confirm: \(what), \(when)"
        case .staffNew: "New booking: \(what), \(when)"
        case .staffRescheduled: "Booking moved: \(what), now \(when)"
        case .staffCancelled: "Booking cancelled: \(what), \(when)"
        }
    }

    /// The text, line by line (the HTML alternative holds the same lines).
    private func body(what: String, when: String) -> [String] {
        let headline = switch kind {
        case .confirmation: "Your booking is confirmed."
        case .rescheduled: "Your booking has moved."
        case .cancelled: "Your booking is cancelled."
        case .reminder: "A reminder of your booking."
        case .confirmRequest: "Please confirm your booking: the time is held for you until "
            + (confirmBy.map { DateText.clock($0, in: zone) + " " + (zone.abbreviation(for: $0) ?? zone.identifier) } ?? "soon") + "."
        case .staffNew: "You have a new booking."
        case .staffRescheduled: "A booking of yours has moved."
        case .staffCancelled: "A booking of yours is cancelled."
        }
        var lines = [headline, "", "What: \(what)", "When: \(when)"]
        if kind.toStaff { lines.append("Customer: \(booking.customer.name) <\(booking.customer.email)>") }
        if let location = booking.details.location, !location.isEmpty { lines.append("Where: \(location)") }
        if let reason = booking.reason, !reason.isEmpty, [.cancelled, .rescheduled, .staffCancelled, .staffRescheduled].contains(kind) {
            lines.append("Reason: \(reason)")
        }
        if let manageURL, kind == .confirmRequest {
            lines += ["", "To confirm it: \(manageURL)", "Unconfirmed, the time is freed for others."]
        } else if let manageURL, !kind.toStaff, kind != .cancelled {
            lines += ["", "To change or cancel it: \(manageURL)"]
        }
        return lines
    }

    private func html(_ lines: [String]) -> String {
        var out = "<!DOCTYPE html>\n<html><body>\n"
        for line in lines where !line.isEmpty {
            if let manageURL, line.hasSuffix(manageURL) {
                let label = ButtonSnippet.escape(String(line.dropLast(manageURL.count)))
                out += "<p>\(label)<a href=\"\(ButtonSnippet.escape(manageURL))\">\(ButtonSnippet.escape(manageURL))</a></p>\n"
            } else {
                out += "<p>\(ButtonSnippet.escape(line))</p>\n"
            }
        }
        return out + "</body></html>\n"
    }
}
