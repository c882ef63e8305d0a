import Foundation

/// Failures of the store itself (not of a rule): the CLI prints `message` as its one line and
/// exits 3; the console shows it on its status line. Each store words its own failures (SQLite's
/// lock, PostgreSQL's lost connection) so that the message says what the user can do.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A write the store refused because what the use case decided on is no longer true: the store's
/// guarantees (a one-time use spent once, a team member's time taken once, a slug used by one
/// page) hold inside its transaction, whatever a caller read before. The use cases answer these
/// by deciding again on fresh reads, or with the rule's sentence.
public enum StoreConflict: Error, Equatable, Sendable {
    /// The one-time link has no use left (used, revoked, invalidated or expired meanwhile).
    case linkSpent
    /// The team member already has a live booking overlapping that time.
    case slotTaken
    /// The time meets a busy time of the staff member's calendars.
    case busyInCalendar
    /// Another page already uses that slug.
    case slugTaken
    /// The row changed since it was read (another staff member or process acted first).
    case stale
    /// The booking request (its request key) already made a booking.
    case repeatedRequest
    /// The member's day already holds as many live bookings as its `DayCap` allows.
    case dayFull(limit: Int)
}
