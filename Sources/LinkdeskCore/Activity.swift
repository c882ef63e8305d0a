import Foundation

/// One entry of the append-only activity stream (SPEC §1).
public struct ActivityEvent: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case linkShared = "link shared"
        case oneTimeCreated = "one-time link created"
        case oneTimeUsed = "one-time link used"
        case oneTimeExpired = "one-time link expired"
        case oneTimeRevoked = "one-time link revoked"
        case oneTimeInvalidated = "one-time links invalidated"
        case pageLinkChanged = "page link changed"
        case ruleTypeChanged = "rule type changed"
        /// A page or event type added, changed or removed through the workspace (file or Setup view).
        case workspaceChanged = "workspace changed"
        case bookingScheduled = "booking scheduled"
        case bookingRescheduled = "booking rescheduled"
        case bookingCanceled = "booking canceled"
        case bookingCompleted = "booking completed"
        case bookingNoShow = "booking no-show"
        /// A booking awaiting confirmation by email that nobody confirmed in time.
        case bookingExpired = "booking expired"
        /// A staff member added, changed or removed (SPEC §8).
        case staffChanged = "staff changed"
    }

    public var at: Date
    public var actor: Actor
    public var kind: Kind
    public var subject: String
    public var detail: String
    /// The login of the staff member who did it (SPEC §8). The store fills it in for staff
    /// events with the login it acts as (`LinkStore.login()`); nil for customers, for events
    /// the clock causes (an expiry), and for events recorded before the workspace knew who acts.
    public var by: String?

    public init(at: Date, actor: Actor, kind: Kind, subject: String, detail: String = "", by: String? = nil) {
        self.at = at
        self.actor = actor
        self.kind = kind
        self.subject = subject
        self.detail = detail
        self.by = by
    }
}
