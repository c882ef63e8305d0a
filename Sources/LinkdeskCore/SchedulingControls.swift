import Foundation

/// A booking page's scheduling controls (the workspace file's `scheduling:`), each off unless set,
/// so that a page written before they existed offers what it always did:
/// - `minimumNotice`: no slot starts sooner than this many minutes from now;
/// - `horizonDays`: no slot starts further out than this many days (the slot query's own limit
///   of 366 days stays);
/// - `interval`: slots start every this many minutes (by default they follow each other at the
///   meeting's length);
/// - `dailyLimit`: at most this many live bookings of the page's member on one local day.
/// Customers are bound by them; staff booking or moving for a customer are told, not stopped.
public struct SchedulingControls: Codable, Equatable, Sendable {
    public var minimumNotice: Int?
    public var horizonDays: Int?
    public var interval: Int?
    public var dailyLimit: Int?

    public init(minimumNotice: Int? = nil, horizonDays: Int? = nil, interval: Int? = nil, dailyLimit: Int? = nil) {
        self.minimumNotice = minimumNotice
        self.horizonDays = horizonDays
        self.interval = interval
        self.dailyLimit = dailyLimit
    }

    public var isEmpty: Bool { self == SchedulingControls() }

    /// The limits a value must keep (the file and `page set-availability` check them here).
    public static let noticeRange = 0...(30 * 24 * 60)
    public static let horizonRange = 1...366
    public static let intervalRange = 5...(24 * 60)
    public static let dailyLimitRange = 1...1_000

    /// Why `start` may not be booked now by a customer, for the two controls a start alone
    /// decides (the daily limit needs the day's bookings: `exceedsDailyLimit`).
    public func refusal(start: Date, now: Date) -> Refusal? {
        if let minimumNotice, start < now.addingTimeInterval(TimeInterval(minimumNotice * 60)) {
            return Refusal(.insideMinimumNotice(minutes: minimumNotice))
        }
        if let horizonDays, start > now.addingTimeInterval(TimeInterval(horizonDays * 86_400)) {
            return Refusal(.beyondHorizon(days: horizonDays))
        }
        return nil
    }

    /// True when `bookedThatDay` live bookings already fill the day's limit.
    public func exceedsDailyLimit(bookedThatDay: Int) -> Bool {
        dailyLimit.map { bookedThatDay >= $0 } ?? false
    }
}
