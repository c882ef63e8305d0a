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
    /// The time it keeps to itself: `start`/`end` widened by a booking's buffers.
    var blockedStart: Date { get }
    var blockedEnd: Date { get }
}

extension HeldTime {
    public var fromCalendar: Bool { false }
    public var blockedStart: Date { start }
    public var blockedEnd: Date { end }
}

extension HeldTime {
    /// The time it keeps to itself meets `[otherStart, otherEnd)`, the time another meeting would
    /// keep to itself (`MeetingBuffers.around`): back-to-back meetings without buffers do not
    /// overlap; with buffers, neither meeting may fall in the other's.
    public func overlaps(start otherStart: Date, end otherEnd: Date) -> Bool {
        blockedStart < otherEnd && otherStart < blockedEnd
    }
}

extension Booking: HeldTime {
    public var holdsTime: Bool { status.isLive }
    public var blockedStart: Date { (buffers ?? .none).around(start: start, end: end).start }
    public var blockedEnd: Date { (buffers ?? .none).around(start: start, end: end).end }
}

/// A booking's time and member, and whether it holds that time (it is live); or a time the
/// member page's owner is busy in one of their calendars (`fromCalendar`).
public struct BusyTime: HeldTime, Sendable, Equatable {
    public var teamMemberID: PageID
    public var start: Date
    public var end: Date
    public var holdsTime: Bool
    public var fromCalendar: Bool
    public var blockedStart: Date
    public var blockedEnd: Date

    public init(teamMemberID: PageID, start: Date, end: Date, holdsTime: Bool = true, fromCalendar: Bool = false,
                buffers: MeetingBuffers? = nil) {
        self.teamMemberID = teamMemberID
        self.start = start
        self.end = end
        self.holdsTime = holdsTime
        self.fromCalendar = fromCalendar
        (blockedStart, blockedEnd) = (buffers ?? .none).around(start: start, end: end)
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
        self.init(teamMemberID: booking.teamMemberID, start: booking.start, end: booking.end, holdsTime: booking.status.isLive,
                  buffers: booking.buffers)
    }
}
