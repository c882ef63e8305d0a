import Foundation
import LinkdeskCore

/// A booking the rules allowed, with what the store must still guarantee when it stores it.
public struct NewBooking: Sendable {
    public var booking: Booking
    /// The one-time link whose use this booking spends (in the same transaction).
    public var consumes: String?
    /// Bookings through a page's own link: that link must still be the page's.
    public var requiresSlug: String?
    /// The activity the booking writes, once its id is known.
    public var events: @Sendable (Booking) -> [ActivityEvent]
    /// The hash of the booking's manage-link token, stored with the booking (same transaction).
    public var manageTokenHash: String?
    /// The hash of the booking form's request key: recorded with the booking (same transaction,
    /// unique), so a retried request can't book twice.
    public var requestKeyHash: String?
    /// What the booking owes its two inboxes, written to the outbox with it (same transaction).
    public var notices: [OutboxNotice]
    /// The nonce its manage token was made from with the secret (`Token.manageToken(secret:nonce:)`),
    /// kept with the token's hash; nil for a drawn token.
    public var manageNonce: String?
    /// The staff member whose calendars' busy times the booking's time must not meet, checked
    /// in its transaction (a sync may have run since the time was offered): the member page's owner.
    public var busyLogin: String?
    /// The daily limit the booking must keep, counted again in its transaction (`DayCap`).
    public var dayCap: DayCap?

    public init(booking: Booking, consumes: String?, requiresSlug: String?, manageTokenHash: String? = nil,
                requestKeyHash: String? = nil, notices: [OutboxNotice] = [], manageNonce: String? = nil,
                busyLogin: String? = nil, dayCap: DayCap? = nil, events: @escaping @Sendable (Booking) -> [ActivityEvent]) {
        self.busyLogin = busyLogin
        self.dayCap = dayCap
        self.manageNonce = manageNonce
        self.booking = booking
        self.consumes = consumes
        self.requiresSlug = requiresSlug
        self.manageTokenHash = manageTokenHash
        self.requestKeyHash = requestKeyHash
        self.notices = notices
        self.events = events
    }
}
