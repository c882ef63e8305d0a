import Foundation
import LinkdeskCore

/// How the Bookings view words a booking, in one place so that the list, the details box and
/// the prompts agree. Its times are `DateText`'s, in the team member's own zone: that is the
/// time the meeting was agreed in.
enum BookingText {
    /// One word per status for the 11-column STATUS cell (who canceled is in the details).
    static func status(_ status: BookingStatus) -> String {
        switch status {
        case .scheduled: "Scheduled"
        case .rescheduled: "Rescheduled"
        case .canceledByCustomer, .canceledByStaff: "Canceled"
        case .completed: "Completed"
        case .noShow: "No-show"
        case .awaitingConfirmation: "Unconfirmed"
        case .expired: "Expired"
        }
    }

    /// The link kind in at most 8 columns.
    static func kind(_ kind: Link.Kind) -> String {
        kind == .personalized ? "personal" : kind.rawValue
    }

    static func reasonRule(_ rule: ReasonRule) -> String {
        switch rule {
        case .mandatory: "reason required"
        case .optional: "reason optional"
        case .notAsked: "no reason asked"
        }
    }

    /// "up to 2 hours before · reason required".
    static func policy(_ window: ChangeWindow, _ rule: ReasonRule) -> String {
        window.summary + " · " + reasonRule(rule)
    }

    /// "100,000": counts the footer shows.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (n < 0 ? "-" : "") + grouped
    }
}
