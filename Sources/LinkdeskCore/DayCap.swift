import Foundation

/// A page's daily limit as the store keeps it in a booking's own write: at most `limit` live
/// bookings of team member `member` may start in `from..<until`, the member's local day.
///
/// The rules count the day's bookings from what they read (`SchedulingControls.exceedsDailyLimit`),
/// but two customers racing for a day's last place both read it free; so the write counts again,
/// after every other write that could fill the day (PostgreSQL: a lock per member and day;
/// SQLite and memory: one writer at a time), and refuses the second one. Calendar events count
/// toward no limit; staff booking for a customer are not bound (no cap is given then).
public struct DayCap: Sendable, Equatable {
    public var member: PageID
    public var limit: Int
    public var from: Date
    public var until: Date

    public init(member: PageID, limit: Int, from: Date, until: Date) {
        self.member = member
        self.limit = limit
        self.from = from
        self.until = until
    }

    /// The cap a customer's booking at `start` keeps on `member`'s page, when its controls set
    /// one; its day as `availability` (the page's, which every caller has already made) counts it.
    public static func of(_ member: BookingPage, in availability: Availability, at start: Date) -> DayCap? {
        guard let limit = member.scheduling?.dailyLimit else { return nil }
        let day = availability.dayBounds(start)
        return DayCap(member: member.id, limit: limit, from: day.start, until: day.end)
    }
}
