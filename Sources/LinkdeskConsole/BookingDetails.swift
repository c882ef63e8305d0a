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
        ]
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
        buffer.write(footer, x: x, y: box.maxY - 2, role: .accent)
    }
}
