import LinkdeskCore
import LinkdeskTerminal

/// The list's columns: ID, START (in the team member's zone), EVENT, TEAM MEMBER, CUSTOMER,
/// LINK, STATUS. CUSTOMER takes what the fixed columns leave, so a wider terminal shows more
/// of the name; every cell is clipped by `Columns`, so no text can push its neighbours.
struct BookingsTable {
    let columns: Columns
    let data: ConsoleData

    init(width: Int, data: ConsoleData) {
        let idWidth = max(2, String(data.bookings.rows.map(\.id).max() ?? 0).count)
        let fixed = [idWidth, 12, 10, 12, 8, 11]
        let customer = max(width - 2 - fixed.reduce(0, +) - fixed.count, 8)
        columns = Columns([("ID", idWidth), ("START", 12), ("EVENT", 10), ("TEAM MEMBER", 12), ("CUSTOMER", customer),
                           ("LINK", 8), ("STATUS", 0)])
        self.data = data
    }

    /// One row; a booking outside the loaded window (the next one is on its way) shows as "…".
    func draw(_ booking: Booking?, into buffer: inout CellBuffer, x: Int, y: Int, width: Int, role: StyleRole) {
        guard let booking else {
            columns.draw(["…"], into: &buffer, x: x, y: y, width: width, role: role == .selection ? role : .dim)
            return
        }
        columns.draw(cells(booking), into: &buffer, x: x, y: y, width: width, role: role)
    }

    func cells(_ booking: Booking) -> [String] {
        let member = data.workspace.bookingPage(id: booking.teamMemberID)
        return [
            String(booking.id),
            DateText.shortDayTime(booking.start, in: DateText.zone(named: member?.timeZone ?? "UTC")),
            data.workspace.eventType(id: booking.eventTypeID)?.name ?? "#\(booking.eventTypeID)",
            member?.name ?? "#\(booking.teamMemberID)",
            booking.customer.name,
            BookingText.kind(booking.linkKind),
            BookingText.status(booking.status),
        ]
    }
}
