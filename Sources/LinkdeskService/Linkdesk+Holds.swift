import Foundation
import LinkdeskCore

/// Confirm by email (`ChangePolicy.confirmWithin`): a booking made on the site of a page that asks
/// for it holds its slot, awaiting its customer's confirmation; the emailed link confirms it (and
/// only then go out the confirmation, the staff member's notice and the reminders); a hold nobody
/// confirms in time lapses and frees the slot.
extension Linkdesk {
    /// The link the confirmation request carries: the manage link with the code only the secret
    /// makes (`Token.confirmationCode`), so that the manage link shown after booking does not
    /// confirm by itself.
    func confirmationURL(manageToken token: String, secret: [UInt8], nonce: String) -> String {
        manageURL(token) + "?confirm=" + Token.confirmationCode(secret: secret, nonce: nonce)
    }

    /// The customer confirms through the emailed link. Confirming twice answers with the booking
    /// as it is; a lapsed hold is refused (`.holdLapsed`), as is a code that is not this
    /// booking's (`.confirmationInvalid`).
    public func confirm(manageToken token: String, code: String) async throws -> Booking {
        let previous = try await managedBooking(token: token)
        guard let notifications else { throw Refusal(.notificationsOff) }
        guard let nonce = try await store.manageNonce(booking: previous.id),
              Token.confirmationCode(secret: notifications.secret, nonce: nonce) == code else {
            throw Refusal(.confirmationInvalid)
        }
        switch previous.status {
        case .awaitingConfirmation: break
        case .expired: throw Refusal(.holdLapsed)
        default: return previous  // confirmed already, or changed since by staff
        }
        let now = self.now
        if let lapse = previous.policy.holdLapses(after: previous.createdAt), lapse <= now { throw Refusal(.holdLapsed) }
        let member = try await store.workspace().bookingPage(id: previous.teamMemberID)
        var booking = previous
        booking.status = .scheduled
        let notices = OutboxRules.booked(booking, reminders: member.map { OutboxRules.reminders(of: $0, standard: notifications.reminders) } ?? [],
                                         toStaff: member?.ownerLogin != nil, now: now)
        try await store.updateBooking(booking, expecting: previous, events: [
            ActivityEvent(at: now, actor: .customer, kind: .bookingScheduled, subject: "#\(booking.id) \(booking.customer.name)",
                          detail: Self.detail("confirmed by email", Self.viaWeb)),
        ], manageTokenHash: Token.hash(token), notices: notices)
        return booking
    }

    /// Lets every hold whose time is up lapse (status expired: the slot is free again), each in a
    /// transaction of its own that names its manage token (the site's login changes a booking only
    /// so). The sender runs it at the start of each round; returns how many lapsed.
    @discardableResult
    public func lapseHolds() async throws -> Int {
        guard let notifications else { return 0 }
        let now = self.now
        var lapsed = 0
        var holds = BookingQuery(limit: 1_000)
        holds.awaitingOnly = true
        for held in try await store.bookings(holds) {
            guard let lapse = held.policy.holdLapses(after: held.createdAt), lapse <= now else { continue }
            var booking = held
            booking.status = .expired
            let token = try await store.manageNonce(booking: held.id).map { Token.manageToken(secret: notifications.secret, nonce: $0) }
            do {
                try await store.updateBooking(booking, expecting: held, events: [
                    ActivityEvent(at: now, actor: .customer, kind: .bookingExpired, subject: "#\(held.id) \(held.customer.name)",
                                  detail: "not confirmed by email in time: the slot is free again"),
                ], manageTokenHash: token.map(Token.hash))
                lapsed += 1
            } catch StoreConflict.stale {
                continue  // confirmed or changed meanwhile
            }
        }
        return lapsed
    }
}
