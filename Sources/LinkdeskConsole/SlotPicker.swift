import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// The Bookings view's slot picker for a reschedule (SPEC §1: a reschedule stays on the original
/// booking page). It holds only which booking it is for and its cursor; the slots themselves
/// are `ConsoleData.reschedule`, loaded by the runner and shown only when their booking matches,
/// so a stale list for another booking is never offered.
public struct SlotPicker: Equatable, Sendable {
    public var bookingID: BookingID
    public var cursor = ListCursor()

    public init(bookingID: BookingID) {
        self.bookingID = bookingID
    }

    /// The slots for this picker's booking, or nil while none are loaded for it (a load that
    /// failed leaves it nil: the status line says why).
    public func slots(_ data: ConsoleData) -> RescheduleSlots? {
        guard let loaded = data.reschedule, loaded.bookingID == bookingID else { return nil }
        return loaded
    }

    /// The start under the cursor, if there is one.
    public func chosen(_ data: ConsoleData) -> Date? {
        guard let slots = slots(data)?.slots, slots.indices.contains(cursor.selected) else { return nil }
        return slots[cursor.selected]
    }

    /// Moves the cursor; false when the action is not a list move.
    mutating func apply(_ action: ConsoleAction, data: ConsoleData, viewRows: Int) -> Bool {
        ListBindings.apply(action, to: &cursor, count: slots(data)?.slots.count ?? 0, rows: Self.listRows(viewRows: viewRows))
    }

    static let bindings: [KeyBinding<ConsoleAction>] = ListBindings.all + [
        KeyBinding(.enter, hint: "move here", help: "Move the booking to the highlighted slot", action: .open, priority: 6),
        KeyBinding(.esc, hint: "close", help: "Close the slot picker, keep the booking as it is", action: .closePanel, priority: 6),
    ]

    /// The picker's box over the list, below its header row, across the whole width.
    static func box(in area: Rect) -> Rect {
        Rect(x: area.x, y: area.y + 1, width: area.width, height: boxHeight(viewRows: area.height))
    }

    private static func boxHeight(viewRows: Int) -> Int { max(viewRows - 2, 8) }

    /// Slot rows in the box: its height less border (2), two info lines, two blank lines, footer.
    static func listRows(viewRows: Int) -> Int { max(boxHeight(viewRows: viewRows) - 7, 1) }

    func render(into buffer: inout CellBuffer, area: Rect, booking: Booking?, data: ConsoleData) {
        let box = Self.box(in: area), rows = Self.listRows(viewRows: area.height)
        buffer.fill(box)
        let loaded = slots(data)
        let count = loaded?.slots.count ?? 0
        let position = count > 0 ? " — \(cursor.selected + 1) of \(count)" : ""
        buffer.drawBox(box, title: "Reschedule booking #\(bookingID)" + position)
        let x = box.x + 2, inner = box.width - 4
        if let booking {
            let member = data.workspace.bookingPage(id: booking.teamMemberID)
            let zone = member?.timeZone ?? loaded?.timeZone ?? "UTC"
            let event = data.workspace.eventType(id: booking.eventTypeID)?.name ?? "event type #\(booking.eventTypeID)"
            let name = Sanitizer.clean(booking.customer.name, maxWidth: 24)
            buffer.writeClipped("\(name) · \(event) · " + (member?.name ?? "page #\(booking.teamMemberID)") + " · times in " + zone,
                                x: x, y: box.y + 1, maxWidth: inner, role: .dim)
            buffer.writeClipped("Now: " + DateText.shortSpan(booking.start, booking.end, in: DateText.zone(named: zone)),
                                x: x, y: box.y + 2, maxWidth: inner, role: .dim)
        }
        renderSlots(into: &buffer, loaded, x: x, y: box.y + 4, width: inner, rows: rows, booking: booking)
        buffer.write("↑/↓ choose  Enter move here  Esc close", x: x, y: box.maxY - 2, role: .accent)
    }

    private func renderSlots(into buffer: inout CellBuffer, _ loaded: RescheduleSlots?, x: Int, y: Int, width: Int, rows: Int,
                             booking: Booking?) {
        guard let loaded else {
            buffer.writeClipped("No free slots loaded for this booking (see the status line).", x: x, y: y, maxWidth: width, role: .dim)
            return
        }
        guard !loaded.slots.isEmpty else {
            buffer.writeClipped("No free slot on this booking page in the next 14 days.", x: x, y: y, maxWidth: width, role: .dim)
            return
        }
        let minutes = booking.map { $0.end.timeIntervalSince($0.start) } ?? 0
        let zone = DateText.zone(named: loaded.timeZone)
        for (row, index) in cursor.visibleRange(count: loaded.slots.count, visible: rows).enumerated() {
            let start = loaded.slots[index]
            let role: StyleRole = index == cursor.selected ? .selection : .normal
            buffer.fill(Rect(x: x - 1, y: y + row, width: width + 2, height: 1), role: role)
            let text = DateText.shortSpan(start, start.addingTimeInterval(minutes), in: zone)
            buffer.write(text, x: x, y: y + row, role: role)
        }
    }
}
