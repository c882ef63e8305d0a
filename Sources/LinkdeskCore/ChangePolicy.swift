import Foundation

/// When a customer may still cancel or reschedule, and whether a reason is asked.
public enum ChangeWindow: Codable, Equatable, Sendable {
    case anyTime
    /// Up to this many minutes before the meeting starts (SPEC: 15 minutes to 14 days).
    case upTo(minutes: Int)
    case never

    public static let minimumMinutes = 15
    public static let maximumMinutes = 14 * 24 * 60

    /// Parses "any", "never" or a duration such as "2h", "1d", "90m".
    public static func parse(_ text: String) throws(Refusal) -> ChangeWindow {
        switch text.lowercased() {
        case "any", "anytime", "any-time": return .anyTime
        case "never": return .never
        default:
            let minutes = try DurationText.minutes(text)
            guard (minimumMinutes...maximumMinutes).contains(minutes) else {
                throw Refusal("a policy timeframe must be between 15 minutes and 14 days")
            }
            return .upTo(minutes: minutes)
        }
    }

    public var summary: String {
        switch self {
        case .anyTime: return "any time before the meeting"
        case .upTo(let m): return "up to \(DurationText.describe(minutes: m)) before"
        case .never: return "never"
        }
    }
}

public enum ReasonRule: String, Codable, Equatable, Sendable, CaseIterable {
    case mandatory, optional, notAsked = "not-asked"
}

/// A booking page's cancel/reschedule policy. Each booking keeps a copy of the policy in force
/// when it was made, because SPEC says that copy — not today's policy — applies.
public struct ChangePolicy: Codable, Equatable, Sendable {
    public var cancel: ChangeWindow
    public var cancelReason: ReasonRule
    public var reschedule: ChangeWindow
    public var rescheduleReason: ReasonRule
    /// Confirm by email (the workspace file's `policy: {confirm-by-email: 30m}`): a booking made on
    /// the site holds its slot for this many minutes and is scheduled only when the customer opens
    /// the link emailed to them; nil: booked at once. Kept with each booking like the rest of the
    /// policy, so a hold lapses as it was agreed. Only while booking emails are on.
    public var confirmWithin: Int?

    /// The hold's length unless the file says: half an hour.
    public static let defaultConfirmMinutes = 30
    /// A hold lasts 5 minutes to a day.
    public static let confirmRange = 5...(24 * 60)

    public init(cancel: ChangeWindow, cancelReason: ReasonRule,
                reschedule: ChangeWindow, rescheduleReason: ReasonRule, confirmWithin: Int? = nil) {
        self.cancel = cancel
        self.cancelReason = cancelReason
        self.reschedule = reschedule
        self.rescheduleReason = rescheduleReason
        self.confirmWithin = confirmWithin
    }

    /// When an unconfirmed booking made at `created` stops holding its slot.
    public func holdLapses(after created: Date) -> Date? {
        confirmWithin.map { created.addingTimeInterval(TimeInterval($0 * 60)) }
    }

    public static let lenient = ChangePolicy(
        cancel: .anyTime, cancelReason: .optional, reschedule: .anyTime, rescheduleReason: .notAsked)
}
