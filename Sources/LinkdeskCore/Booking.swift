import Foundation

public enum BookingStatus: String, Codable, Sendable, CaseIterable {
    case scheduled = "Scheduled"
    case rescheduled = "Rescheduled"
    case canceledByCustomer = "Canceled by customer"
    case canceledByStaff = "Canceled by staff"
    case completed = "Completed"
    case noShow = "No-show"
    /// Booked on a page that asks customers to confirm by email: the slot is held until the
    /// customer opens the link sent to them, or until the hold lapses (`ChangePolicy.confirmWithin`).
    case awaitingConfirmation = "Awaiting confirmation"
    /// A hold nobody confirmed in time: the slot is free again.
    case expired = "Expired"

    /// Only these hold the team member's time.
    public var isLive: Bool { self == .scheduled || self == .rescheduled || self == .awaitingConfirmation }
}

public enum Actor: String, Codable, Sendable {
    case staff, customer
}

public struct Customer: Codable, Equatable, Sendable {
    public var name: String
    public var email: String
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

/// A booking as stored. It remembers the link it came through (slug and kind) and the policy in
/// force when it was made, because later changes to either must not rewrite what was agreed.
public struct Booking: Codable, Equatable, Sendable {
    public var id: BookingID
    public var pageID: PageID
    public var slugUsed: String?
    public var teamMemberID: PageID
    public var eventTypeID: EventTypeID
    public var start: Date
    public var end: Date
    public var status: BookingStatus
    public var customer: Customer
    public var details: Personalization
    public var linkKind: Link.Kind
    public var linkID: String?
    public var policy: ChangePolicy
    public var createdAt: Date
    public var reason: String?
    /// The minutes it keeps free around itself: its page's buffers when it was booked or last
    /// moved (`SchedulingControls`); nil for none.
    public var buffers: MeetingBuffers?

    public init(id: BookingID, pageID: PageID, slugUsed: String?, teamMemberID: PageID, eventTypeID: EventTypeID,
                start: Date, end: Date, status: BookingStatus, customer: Customer, details: Personalization,
                linkKind: Link.Kind, linkID: String?, policy: ChangePolicy, createdAt: Date, reason: String? = nil,
                buffers: MeetingBuffers? = nil) {
        self.buffers = buffers
        self.id = id
        self.pageID = pageID
        self.slugUsed = slugUsed
        self.teamMemberID = teamMemberID
        self.eventTypeID = eventTypeID
        self.start = start
        self.end = end
        self.status = status
        self.customer = customer
        self.details = details
        self.linkKind = linkKind
        self.linkID = linkID
        self.policy = policy
        self.createdAt = createdAt
        self.reason = reason
    }
}
