import LinkdeskCore
import LinkdeskTerminal

/// The details box of the booking under the cursor (Enter): who, through which page and link,
/// with whom, when, its status and reason, and the policy in force when it was booked (the copy
/// kept in the booking — SPEC §1 — not the page's policy today).
enum BookingDetails {
    /// Label and value rows, in order. Values from outside are drawn through `writeClipped`.
    static func rows(_ booking: Booking, data: ConsoleData) -> [(String, String)] {
        let member = data.workspace.bookingPage(id: booking.teamMemberID)
        let zone = member?.timeZone ?? "UTC"
        let event = data.workspace.eventType(id: booking.eventTypeID)?.name ?? "event type #\(booking.eventTypeID)"
        return [
            ("Customer", booking.customer.name),
            ("Email", booking.customer.email),
            ("Booked via", via(booking, data: data)),
            ("Team member", member.map { "\($0.name) — \($0.owner)" } ?? "booking page #\(booking.teamMemberID)"),
            ("Event", event),
            ("Time", DateText.shortSpan(booking.start, booking.end, in: DateText.zone(named: zone)) + " " + zone),
            ("Link", link(booking)),
            ("Status", booking.status.rawValue),
            ("Reason", booking.reason ?? "—"),
            ("Policy", "as booked (staff are not bound by its timeframes)"),
            ("Cancel", BookingText.policy(booking.policy.cancel, booking.policy.cancelReason)),
            ("Reschedule", BookingText.policy(booking.policy.reschedule, booking.policy.rescheduleReason)),
            ("Booked at", DateText.numericDayTime(booking.createdAt, in: DateText.utc) + " UTC"),
            ("Emails", emails(booking, data.emails)),
        ]
    }

    /// The booking's emails on one line: a failed one first, with the server's answer (`e`
    /// sends it again), else each message's state ("confirmation sent 14:03 UTC · 2 reminders
    /// pending").
    static func emails(_ booking: Booking, _ emails: BookingEmails?) -> String {
        guard let emails else { return "off: no mail server is configured" }
        guard emails.booking == booking.id else { return "…" }
        guard !emails.messages.isEmpty else { return "none" }
        if let failed = emails.failed(of: booking.id) {
            return "\(name(failed)) failed: \(failed.lastError ?? "no answer")"
        }
        var parts: [String] = []
        let reminders = emails.messages.filter { $0.notice.kind == .reminder && $0.state == .pending }
        for message in emails.messages where !(message.notice.kind == .reminder && message.state == .pending) {
            switch message.state {
            case .sent: parts.append("\(name(message)) sent " + (message.sentAt.map { DateText.clock($0, in: DateText.utc) + " UTC" } ?? ""))
            case .pending: parts.append("\(name(message)) " + (message.attempts > 0 ? "to retry" : "pending"))
            case .withdrawn: parts.append("\(name(message)) withdrawn")
            case .failed: parts.append("\(name(message)) failed")
            }
        }
        if !reminders.isEmpty { parts.append("\(reminders.count) reminder\(reminders.count == 1 ? "" : "s") pending") }
        return parts.joined(separator: " · ")
    }

    private static func name(_ message: OutboxItem) -> String {
        switch message.notice.kind {
        case .staffNew, .staffRescheduled, .staffCancelled: "staff notice"
        default: message.notice.kind.rawValue
        }
    }

    /// The page it came through, and the link if that is no longer the page's link (customers
    /// can then no longer change the booking; staff still can).
    private static func via(_ booking: Booking, data: ConsoleData) -> String {
        guard let page = data.workspace.page(id: booking.pageID) else { return "page #\(booking.pageID)" }
        let name = "\(page.name) (\(page.kind.rawValue) page)"
        guard let used = booking.slugUsed else { return name }
        if used.caseInsensitiveCompare(page.slug) == .orderedSame { return name + " · /" + used }
        return name + " · former link /" + used
    }

    private static func link(_ booking: Booking) -> String {
        guard let id = booking.linkID else { return booking.linkKind.rawValue }
        return booking.linkKind.rawValue + " · id " + id
    }

    static let footer = "c cancel  r reschedule  m completed  n no-show  Esc close"
    static let labelWidth = 12

    /// Draws the box over the list, below its header row, across the whole width so no cut-off
    /// list cells show beside it.
    static func render(_ booking: Booking, into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let rows = rows(booking, data: data)
        let height = min(rows.count + 5, area.height - 1)
        let box = Rect(x: area.x, y: area.y + 1, width: area.width, height: height)
        buffer.fill(box)
        buffer.drawBox(box, title: "Booking #\(booking.id)")
        let x = box.x + 2, valueX = x + labelWidth + 1, valueWidth = box.maxX - 2 - valueX
        for (offset, (label, value)) in rows.prefix(height - 5).enumerated() {
            let y = box.y + 2 + offset
            buffer.write(label, x: x, y: y, role: .title)
            buffer.writeClipped(value, x: valueX, y: y, maxWidth: valueWidth, role: label == "Status" ? .accent : .normal)
        }
        buffer.write(footer + (data.emails?.failed(of: booking.id) == nil ? "" : "  e resend"), x: x, y: box.maxY - 2, role: .accent)
    }
}
