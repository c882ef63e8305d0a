import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// The staff actions on the selected booking, as key bindings and as commands.
enum BookingActions {
    /// Cancel asks what the booking's policy asks (SPEC §2.5): a reason that must be given, one
    /// that may be, or — when no reason is asked — just a confirmation, since it can't be undone.
    static func cancel(_ booking: Booking, data: ConsoleData) -> ConsoleCommand {
        let title = "Cancel booking #\(booking.id)"
        switch booking.policy.cancelReason {
        case .mandatory:
            return .prompt(PromptState(title: title, label: "Reason (the policy requires one)",
                                       purpose: .cancelReason(booking.id, required: true)))
        case .optional:
            return .prompt(PromptState(title: title, label: "Reason (optional: Enter without one)",
                                       purpose: .cancelReason(booking.id, required: false)))
        case .notAsked:
            return .confirm(Confirmation(
                title: title,
                lines: ["Cancel the booking of \(Sanitizer.clean(booking.customer.name, maxWidth: 30)) on \(when(booking, data))?",
                        "The policy asks no reason. The customer's slot is freed; this can't be undone."],
                confirmLabel: "cancel the booking", effect: .cancel(booking: booking.id, reason: nil)))
        }
    }

    /// The meeting in its team member's zone, as the list shows it.
    private static func when(_ booking: Booking, _ data: ConsoleData) -> String {
        let zone = data.workspace.bookingPage(id: booking.teamMemberID)?.timeZone ?? "UTC"
        return DateText.shortSpan(booking.start, booking.end, in: DateText.zone(named: zone)) + " " + zone
    }

    /// Why cancel / reschedule can't apply to this booking at all (it is no longer live), in the
    /// rule's own words, so the key says so at once instead of after a prompt.
    static func cancelRefusal(_ booking: Booking, now: Date) -> String? {
        do {
            _ = try ChangeRules.cancel(booking, reason: "-", context: staff(now))
            return nil
        } catch { return error.message }
    }

    /// `links` tells whether the booking's one-time link was invalidated by a rule switch, so the
    /// refusal comes before the slot picker, not after a slot was chosen.
    static func rescheduleRefusal(_ booking: Booking, now: Date, links: [OneTimeLink] = []) -> String? {
        let invalidated = booking.linkID.map { id in links.contains { $0.linkID == id && $0.invalidatedAt != nil } } ?? false
        do {
            try ChangeRules.reschedule(booking, reason: "-", context: staff(now, linkInvalidated: invalidated))
            return nil
        } catch { return error.message }
    }

    private static func staff(_ now: Date, linkInvalidated: Bool = false) -> ChangeContext {
        ChangeContext(actor: .staff, now: now, currentSlug: nil, linkInvalidated: linkInvalidated)
    }

    static func bindings(for booking: Booking?, data: ConsoleData, detailsOpen: Bool) -> [KeyBinding<ConsoleAction>] {
        let none = booking == nil ? "no booking selected" : nil
        // The role first: a member changes only the bookings of the pages they own (SPEC §8).
        let role = booking.flatMap { data.roleRefusal(.changeBooking(ownerLogin: data.workspace.bookingPage(id: $0.teamMemberID)?.ownerLogin)) }
        let cancel = none ?? role ?? booking.flatMap { cancelRefusal($0, now: data.now) }
        let reschedule = none ?? role ?? booking.flatMap { rescheduleRefusal($0, now: data.now, links: data.links) }
        var keys: [KeyBinding<ConsoleAction>] = [
            KeyBinding(.enter, hint: detailsOpen ? "hide" : "details", help: "Show or hide the details of the selected booking",
                       action: .open, disabledReason: none, priority: 6),
            KeyBinding(.char("c"), hint: "cancel", help: "Cancel the booking (asks a reason as its policy says)",
                       action: .cancelBooking, disabledReason: cancel, priority: 6),
            KeyBinding(.char("r"), hint: "reschedule", help: "Move the booking to a free slot of its booking page",
                       action: .rescheduleBooking, disabledReason: reschedule, priority: 6),
            KeyBinding(.char("m"), hint: "completed", help: "Mark the booking completed (the meeting took place)",
                       action: .markCompleted, disabledReason: none ?? role, priority: 6),
            KeyBinding(.char("n"), hint: "no-show", help: "Mark the booking no-show (the customer did not come)",
                       action: .markNoShow, disabledReason: none ?? role, priority: 6),
        ]
        if detailsOpen {
            let failed = booking.flatMap { data.emails?.failed(of: $0.id) }
            let resend = none ?? (data.emails == nil ? Refusal(.notificationsOff).message : nil) ?? role
                ?? (failed == nil ? "no email of this booking has failed" : nil)
            keys.append(KeyBinding(.char("e"), hint: "resend", help: "Send the booking's failed email again",
                                   action: .resendEmail, disabledReason: resend, priority: 5, showsInHintBar: failed != nil))
            keys.append(KeyBinding(.esc, hint: "close", help: "Close the details", action: .closePanel, priority: 2))
        }
        return keys
    }
}
