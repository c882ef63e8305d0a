import Foundation

/// A message a booking owes someone, written to the outbox in the same transaction as the
/// booking, cancellation or reschedule that causes it: a booking that is not stored owes
/// nothing, a stored one always has its messages. What is stored is the notice, not the
/// rendered message: the manage link in a customer's message is made when it is sent (the
/// database alone never holds a working one).
public struct OutboxNotice: Codable, Equatable, Sendable {
    public var kind: BookingNotice.Kind
    /// When it is due: at once for a confirmation or a change, before the start for a reminder.
    public var due: Date
    /// The calendar invitation's SEQUENCE (0 when booked, one more for each change).
    public var sequence: Int
    /// For a reminder: how long before the start, in seconds.
    public var before: Int?

    public init(kind: BookingNotice.Kind, due: Date, sequence: Int, before: Int? = nil) {
        self.kind = kind
        self.due = due
        self.sequence = sequence
        self.before = before
    }
}

/// Where a notice stands. `withdrawn`: a reminder a cancellation or reschedule replaced before it
/// was sent.
public enum OutboxState: String, Codable, Sendable, CaseIterable {
    case pending, sent, failed, withdrawn
}

/// One message's outcome, as a round of the sender records it (`LinkStore.recordDeliveries`).
public struct Delivery: Sendable, Equatable {
    public var id: Int64
    public var outcome: OutboxOutcome
    public init(id: Int64, outcome: OutboxOutcome) {
        self.id = id
        self.outcome = outcome
    }
}

/// What became of one try at sending a notice (`LinkStore.recordDeliveries`).
public enum OutboxOutcome: Sendable, Equatable {
    case sent
    /// Tried again at `at` (a transient failure, with its line).
    case retry(at: Date, reason: String)
    /// Given up (a permanent failure, or three days of transient ones).
    case failed(reason: String)
    /// Not sent and never will be (a reminder of a booking cancelled meanwhile).
    case withdrawn
    /// Not tried: an earlier message of the same round could not reach the mail server, so the
    /// round stopped there (each would have waited out the same timeouts). Due again `until`,
    /// with no try counted and its last error kept.
    case deferred(until: Date)
}

/// A notice as the outbox keeps it.
public struct OutboxItem: Equatable, Sendable {
    public var id: Int64
    public var bookingID: BookingID
    public var notice: OutboxNotice
    public var state: OutboxState
    public var attempts: Int
    /// The last failure's line ("550 mailbox unavailable"), when there was one.
    public var lastError: String?
    public var sentAt: Date?

    public init(id: Int64, bookingID: BookingID, notice: OutboxNotice, state: OutboxState, attempts: Int,
                lastError: String?, sentAt: Date?) {
        self.id = id
        self.bookingID = bookingID
        self.notice = notice
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.sentAt = sentAt
    }
}

/// Which notices a booking's life owes (SPEC: customers are told of a booking, its moves and its
/// cancellation, and reminded before it; the staff member whose booking it is, of the first
/// three). One place for the rule; the stores only keep what it says.
public enum OutboxRules {
    /// The reminders a page sends unless it says otherwise: a day and an hour before.
    public static let defaultReminders = [86_400, 3_600]

    /// The reminders of a booking with `member`: the page's own (`reminders:` in the workspace
    /// file, `[]` for none), else `standard` (the defaults unless the caller was configured so).
    public static func reminders(of member: BookingPage, standard: [Int] = defaultReminders) -> [Int] {
        member.reminders ?? standard
    }

    /// A new booking: its confirmation and the staff member's notice now, and each reminder that
    /// is still ahead. `toStaff`: a staff member owns the booking's page (`ownerLogin`); with
    /// nobody to tell, no staff notice is written.
    public static func booked(_ booking: Booking, reminders: [Int], toStaff: Bool = true, now: Date) -> [OutboxNotice] {
        [OutboxNotice(kind: .confirmation, due: now, sequence: 0)]
            + (toStaff ? [OutboxNotice(kind: .staffNew, due: now, sequence: 0)] : [])
            + self.reminders(booking, reminders, sequence: 0, now: now)
    }

    /// A booking moved (`sequence`: its changes so far, this one included): the notices of the
    /// move now and the reminders for the new time (the store withdraws the pending ones).
    public static func rescheduled(_ booking: Booking, reminders: [Int], sequence: Int, toStaff: Bool = true, now: Date) -> [OutboxNotice] {
        [OutboxNotice(kind: .rescheduled, due: now, sequence: sequence)]
            + (toStaff ? [OutboxNotice(kind: .staffRescheduled, due: now, sequence: sequence)] : [])
            + self.reminders(booking, reminders, sequence: sequence, now: now)
    }

    /// A booking held until its customer confirms by email: the request to confirm, at once;
    /// the rest (`booked`) once confirmed.
    public static func held(now: Date) -> [OutboxNotice] {
        [OutboxNotice(kind: .confirmRequest, due: now, sequence: 0)]
    }

    /// A booking cancelled: the notices of the cancellation now, no reminders.
    public static func cancelled(sequence: Int, toStaff: Bool = true, now: Date) -> [OutboxNotice] {
        [OutboxNotice(kind: .cancelled, due: now, sequence: sequence)]
            + (toStaff ? [OutboxNotice(kind: .staffCancelled, due: now, sequence: sequence)] : [])
    }

    /// How long after its `attempts`-th failed try a message is tried again: growing delays that
    /// add up to a little over three days; nil after that (the message has failed for good).
    public static func retryDelay(afterAttempts attempts: Int) -> Double? {
        let delays: [Double] = [60, 300, 900, 1_800, 3_600, 7_200, 14_400, 28_800, 43_200, 86_400, 86_400]
        return attempts >= 1 && attempts <= delays.count ? delays[attempts - 1] : nil
    }

    private static func reminders(_ booking: Booking, _ offsets: [Int], sequence: Int, now: Date) -> [OutboxNotice] {
        Set(offsets.filter { $0 > 0 }).sorted(by: >).compactMap { before in
            let due = booking.start.addingTimeInterval(-Double(before))
            return due > now ? OutboxNotice(kind: .reminder, due: due, sequence: sequence, before: before) : nil
        }
    }
}
