import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// Bookings (SPEC §2.5): every booking, filtered by customer name or email, with details and the
/// staff actions cancel, reschedule, mark completed and mark no-show.
///
/// 100,000 bookings never load whole: the runner pages them from the database into
/// `data.bookings` (a window of up to 200 rows of the filtered list). The cursor is an absolute
/// position in the filtered list; when the rows it shows leave the loaded window, the view asks
/// for a window around them. It also remembers the booking under the cursor, so a reload that
/// inserts or removes rows above it keeps the same booking selected.
public struct BookingsScreen: ConsoleScreen {
    public var filter = ""
    /// Absolute positions (selected row, first visible row) in the filtered list.
    public var cursor = ListCursor()
    /// The booking under the cursor when it was last seen in a window.
    public var selectedID: BookingID?
    /// The details box (Enter) is open; it follows the cursor.
    public var showsDetails = false
    public var picker: SlotPicker?
    /// Only the bookings of the booking pages the viewer owns ("mine"; `a` toggles "mine / all").
    public var mine = false

    /// Rows asked for per window; the runner caps windows at the same size.
    public static let windowSize = 200

    public init() {}

    /// List rows in a view area of `viewRows` rows (the header and the "n of total" line take two).
    public static func listRows(viewRows: Int) -> Int { max(viewRows - 2, 1) }

    /// The cursor as it stands against this snapshot: moved to the remembered booking if a reload
    /// shifted it, clamped to the list's length.
    public func position(in data: ConsoleData, visible: Int) -> ListCursor {
        var position = cursor
        let window = data.bookings
        if let id = selectedID, let index = window.rows.firstIndex(where: { $0.id == id }) {
            let absolute = window.offset + index
            position.top += absolute - position.selected
            position.selected = absolute
        }
        position.clamp(count: window.total, visible: visible)
        return position
    }

    /// The booking at an absolute position, when the loaded window holds it.
    public func booking(at index: Int, _ data: ConsoleData) -> Booking? {
        let window = data.bookings
        guard window.search == filter, window.mine == mine else { return nil }
        let local = index - window.offset
        return window.rows.indices.contains(local) ? window.rows[local] : nil
    }

    public func selectedBooking(_ data: ConsoleData) -> Booking? {
        booking(at: position(in: data, visible: 1).selected, data)
    }

    public func selectedPage(_ data: ConsoleData) -> PageID? { selectedBooking(data)?.pageID }

    /// The window to load so that the visible rows are all in it, or nil when they already are.
    func windowRequest(_ data: ConsoleData, visible: Int) -> ConsoleEffect? {
        let window = data.bookings
        if window.search != filter || window.mine != mine { return .loadBookings(search: filter, offset: 0, mine: mine) }
        guard window.total > 0 else { return nil }
        let needed = cursor.visibleRange(count: window.total, visible: visible)
        let loaded = window.offset..<(window.offset + window.rows.count)
        if needed.isEmpty || (loaded.contains(needed.lowerBound) && loaded.contains(needed.upperBound - 1)) { return nil }
        let centred = needed.lowerBound + needed.count / 2 - Self.windowSize / 2
        let offset = min(max(centred, 0), max(window.total - Self.windowSize, 0))
        return .loadBookings(search: filter, offset: offset, mine: mine)
    }

    // MARK: Update

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows viewRows: Int) -> ConsoleCommand? {
        if picker != nil { return performPicker(action, data: data, viewRows: viewRows) }
        let visible = Self.listRows(viewRows: viewRows)
        cursor = position(in: data, visible: visible)
        if ListBindings.apply(action, to: &cursor, count: data.bookings.total, rows: visible) {
            selectedID = booking(at: cursor.selected, data)?.id
            return (windowRequest(data, visible: visible) ?? messagesRequest(data)).map(ConsoleCommand.effect)
        }
        if action == .toggleMine {
            mine.toggle()
            return filterChanged(data: data)
        }
        guard let booking = selectedBooking(data) else {
            if action == .closePanel { showsDetails = false }
            return nil
        }
        selectedID = booking.id
        switch action {
        case .open:
            showsDetails.toggle()
            return messagesRequest(data).map(ConsoleCommand.effect)
        case .closePanel: showsDetails = false
        case .resendEmail:
            guard showsDetails, let failed = data.emails?.failed(of: booking.id) else { return nil }
            return .effect(.resendMessage(failed))
        case .cancelBooking: return BookingActions.cancel(booking, data: data)
        case .rescheduleBooking:
            picker = SlotPicker(bookingID: booking.id)
            return .effect(.loadRescheduleSlots(booking: booking.id))
        case .markCompleted: return .effect(.mark(booking: booking.id, status: .completed))
        case .markNoShow: return .effect(.mark(booking: booking.id, status: .noShow))
        default: break
        }
        return nil
    }

    /// Keys while the slot picker is open. Choosing closes it: the runner then reloads, and a
    /// refusal (slot taken meanwhile, rescheduling closed) shows in the status line; `r` opens
    /// the picker again on fresh slots.
    private mutating func performPicker(_ action: ConsoleAction, data: ConsoleData, viewRows: Int) -> ConsoleCommand? {
        guard var current = picker else { return nil }
        if current.apply(action, data: data, viewRows: viewRows) {
            picker = current
            return nil
        }
        switch action {
        case .closePanel: picker = nil
        case .open:
            guard let start = current.chosen(data) else { return nil }
            picker = nil
            return .effect(.reschedule(booking: current.bookingID, start: start))
        default: break
        }
        return nil
    }

    /// The emails of the booking the open details box shows, when they are on and not loaded yet.
    func messagesRequest(_ data: ConsoleData) -> ConsoleEffect? {
        guard showsDetails, let emails = data.emails, let id = selectedID ?? selectedBooking(data)?.id, emails.booking != id else {
            return nil
        }
        return .loadMessages(booking: id)
    }

    /// A new filter is a new list: back to its top, with the matching window loaded.
    public mutating func filterChanged(data: ConsoleData) -> ConsoleCommand? {
        cursor = ListCursor()
        selectedID = nil
        picker = nil
        return .effect(.loadBookings(search: filter, offset: 0, mine: mine))
    }

    // MARK: Keys

    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        if picker != nil { return SlotPicker.bindings }
        let noPages = data.ownPages.isEmpty ? "you own no booking page (an administrator gives pages with `linkdesk staff set`)" : nil
        // In the hint bar for staff members only (a workspace with no staff has no "mine"), and
        // first: on a narrow bar a later key of the same priority gives way.
        return ListBindings.all + [
            KeyBinding(.char("a"), hint: mine ? "all" : "mine", help: "Show only the bookings of your booking pages, or all of them",
                       action: .toggleMine, disabledReason: mine ? nil : noPages, priority: 6, showsInHintBar: data.viewer.isStaffMember),
        ] + BookingActions.bindings(for: selectedBooking(data), data: data, detailsOpen: showsDetails)
    }

    // MARK: Render

    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let visible = Self.listRows(viewRows: area.height)
        let position = position(in: data, visible: visible)
        let table = BookingsTable(width: area.width, data: data)
        table.columns.draw(table.columns.titles, into: &buffer, x: area.x, y: area.y, width: area.width, role: .title)
        let window = data.bookings
        if window.total == 0 || window.search != filter || window.mine != mine {
            let empty = window.search != filter || window.mine != mine ? "Loading…"
                : filter.isEmpty ? (mine ? "No bookings on your pages yet." : "No bookings yet.") : "No booking matches \"\(filter)\"."
            buffer.writeClipped(empty, x: area.x + 1, y: area.y + 2, maxWidth: area.width - 2, role: .dim)
        } else {
            for (row, index) in position.visibleRange(count: window.total, visible: visible).enumerated() {
                table.draw(booking(at: index, data), into: &buffer, x: area.x, y: area.y + 1 + row, width: area.width,
                           role: index == position.selected ? .selection : .normal)
            }
        }
        renderFooter(into: &buffer, area: area, position: position, data: data)
        if showsDetails, let booking = booking(at: position.selected, data) {
            BookingDetails.render(booking, into: &buffer, area: area, data: data)
        }
        if let picker {
            picker.render(into: &buffer, area: area, booking: data.bookings.rows.first { $0.id == picker.bookingID }, data: data)
        }
    }

    /// "12 of 100,000", and what the list is filtered by.
    private func renderFooter(into buffer: inout CellBuffer, area: Rect, position: ListCursor, data: ConsoleData) {
        let total = data.bookings.total
        var text = total == 0 ? "0 bookings" : "\(BookingText.count(position.selected + 1)) of \(BookingText.count(total))\(data.bookings.capped ? "+" : "")"
        if !filter.isEmpty { text += " matching \"\(filter)\" (customer name or email)" }
        if mine { text += " · mine" }
        buffer.writeClipped(text, x: area.x + 1, y: area.y + area.height - 1, maxWidth: area.width - 2, role: .dim)
    }
}
