import Foundation

/// A count of the customers' bookings this process has taken (`Linkdesk.bookOnline`), shared
/// by every copy of a `Linkdesk`: the sender inside `linkdesk serve` reads it between rounds to
/// yield to the site (`Linkdesk.deliverAllDue(yieldingTo:)`), since a booking is what a
/// customer waits for and an email is not.
public final class BookingTraffic: @unchecked Sendable {
    private let lock = NSLock()
    private var count: UInt64 = 0  // guarded by `lock`

    public init() {}

    func note() {
        lock.lock()
        count &+= 1
        lock.unlock()
    }

    /// Bookings taken so far; only its changes mean anything.
    public var bookings: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
