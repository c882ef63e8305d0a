import Foundation

/// What the slot rules need of a booking: when it is and whether it holds its team member's
/// time. A store hands the rules `BusyTime`s rather than whole bookings where that is all they
/// need (a booking and an offer of slots read every live booking around the time: decoding each
/// one's details and policy was most of a booking's work on the PostgreSQL store).
public protocol HeldTime {
    var start: Date { get }
    var end: Date { get }
    /// True while it keeps others out of its time (a live booking).
    var holdsTime: Bool { get }
    /// True for a staff member's calendar event rather than a booking: it blocks the time, but
    /// no daily limit counts it.
    var fromCalendar: Bool { get }
}

extension HeldTime {
    public var fromCalendar: Bool { false }
}

extension HeldTime {
    /// `[start, end)` meets `[otherStart, otherEnd)`: back-to-back meetings do not overlap.
    public func overlaps(start otherStart: Date, end otherEnd: Date) -> Bool {
        start < otherEnd && otherStart < end
    }
}

extension Booking: HeldTime {
    public var holdsTime: Bool { status.isLive }
}

/// A booking's time and member, and whether it holds that time (it is live); or a time the
/// member page's owner is busy in one of their calendars (`fromCalendar`).
public struct BusyTime: HeldTime, Sendable, Equatable {
    public var teamMemberID: PageID
    public var start: Date
    public var end: Date
    public var holdsTime: Bool
    public var fromCalendar: Bool

    public init(teamMemberID: PageID, start: Date, end: Date, holdsTime: Bool = true, fromCalendar: Bool = false) {
        self.teamMemberID = teamMemberID
        self.start = start
        self.end = end
        self.holdsTime = holdsTime
        self.fromCalendar = fromCalendar
    }

    /// Each calendar busy time as it blocks every booking page its staff member owns.
    public static func blocking(_ busy: [CalendarBusy], pages: [BookingPage]) -> [BusyTime] {
        guard !busy.isEmpty else { return [] }
        var owned: [String: [PageID]] = [:]
        for page in pages { if let login = page.ownerLogin { owned[login, default: []].append(page.id) } }
        return busy.flatMap { time in
            (owned[time.staffLogin] ?? []).map { BusyTime(teamMemberID: $0, start: time.start, end: time.end, fromCalendar: true) }
        }
    }

    public init(_ booking: Booking) {
        self.init(teamMemberID: booking.teamMemberID, start: booking.start, end: booking.end, holdsTime: booking.status.isLive)
    }
}
