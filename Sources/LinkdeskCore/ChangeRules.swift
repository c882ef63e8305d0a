import Foundation

/// Cancel and reschedule (SPEC §1). Staff are not bound by the policy's timeframes; the
/// one-time and former-link rules bind everybody they name.
public struct ChangeContext: Sendable {
    public var actor: Actor
    public var now: Date
    /// The page's current slug; a booking made through another slug came through a former link.
    public var currentSlug: String?
    /// True when the booking came through a one-time link that a Dynamic → Static switch killed.
    public var linkInvalidated: Bool

    public init(actor: Actor, now: Date, currentSlug: String?, linkInvalidated: Bool) {
        self.actor = actor
        self.now = now
        self.currentSlug = currentSlug
        self.linkInvalidated = linkInvalidated
    }
}

public enum ChangeRules {
    public static func cancel(_ booking: Booking, reason: String?, context: ChangeContext) throws(Refusal) -> BookingStatus {
        try mayCancel(booking, context: context)
        try requireReason(booking.policy.cancelReason, reason, verb: "cancel")
        return context.actor == .staff ? .canceledByStaff : .canceledByCustomer
    }

    public static func reschedule(_ booking: Booking, reason: String?, context: ChangeContext) throws(Refusal) {
        try mayReschedule(booking, context: context)
        try requireReason(booking.policy.rescheduleReason, reason, verb: "reschedule")
    }

    /// Every rule of `cancel` but the reason: what a form checks before it asks for one.
    public static func mayCancel(_ booking: Booking, context: ChangeContext) throws(Refusal) {
        try requireLive(booking, verb: "cancel")
        try requireCustomerMayChange(booking, context: context)
        if context.actor == .customer {
            try requireWindow(booking.policy.cancel, booking: booking, now: context.now, verb: "cancel")
        }
    }

    /// Every rule of `reschedule` but the reason.
    public static func mayReschedule(_ booking: Booking, context: ChangeContext) throws(Refusal) {
        try requireLive(booking, verb: "reschedule")
        if booking.status == .awaitingConfirmation { throw Refusal(.awaitingConfirmation) }
        if context.linkInvalidated { throw Refusal(.rescheduleClosedStatic) }
        try requireCustomerMayChange(booking, context: context)
        if context.actor == .customer {
            try requireWindow(booking.policy.reschedule, booking: booking, now: context.now, verb: "reschedule")
        }
    }

    /// Staff record how a meeting went once it has started: completed or no-show.
    public static func mark(_ booking: Booking, as status: BookingStatus, now: Date) throws(Refusal) {
        guard status == .completed || status == .noShow else {
            throw Refusal("a booking can be marked completed or no-show only")
        }
        guard booking.status.isLive else {
            throw Refusal("booking #\(booking.id) is \(booking.status.rawValue.lowercased()): it can't be marked \(status.rawValue.lowercased())")
        }
        guard booking.start <= now else { throw Refusal("booking #\(booking.id) has not started yet") }
    }

    private static func requireLive(_ booking: Booking, verb: String) throws(Refusal) {
        guard booking.status.isLive else {
            throw Refusal("booking \(booking.id) is \(booking.status.rawValue.lowercased()): it can't be \(verb == "cancel" ? "canceled" : "rescheduled")")
        }
    }

    private static func requireCustomerMayChange(_ booking: Booking, context: ChangeContext) throws(Refusal) {
        guard context.actor == .customer, let used = booking.slugUsed, let current = context.currentSlug else { return }
        if used.caseInsensitiveCompare(current) != .orderedSame { throw Refusal(.formerLink) }
    }

    private static func requireWindow(_ window: ChangeWindow, booking: Booking, now: Date, verb: String) throws(Refusal) {
        switch window {
        case .never:
            throw Refusal(.changeClosed("the cancel/reschedule policy does not let customers \(verb)"))
        case .anyTime:
            guard now < booking.start else { throw Refusal(.changeClosed("the meeting has started: customers can't \(verb) it")) }
        case .upTo(let minutes):
            guard now <= booking.start.addingTimeInterval(-TimeInterval(minutes * 60)) else {
                throw Refusal(.changeClosed("the policy lets customers \(verb) only up to \(DurationText.describe(minutes: minutes)) before the meeting"))
            }
        }
    }

    private static func requireReason(_ rule: ReasonRule, _ reason: String?, verb: String) throws(Refusal) {
        let given = reason?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == false
        if rule == .mandatory && !given {
            throw Refusal(.reasonRequired(verb: verb))
        }
    }
}
