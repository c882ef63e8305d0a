import Foundation
import LinkdeskCore

/// Where the booking emails come from (the workspace's `notifications: {from, reply-to}`).
public struct MailSettings: Sendable, Equatable {
    public var from: MailAddress
    public var replyTo: MailAddress?
    public init(from: MailAddress, replyTo: MailAddress? = nil) {
        self.from = from
        self.replyTo = replyTo
    }
}

/// What one round of the sender did.
public struct DeliveryReport: Sendable, Equatable {
    public var sent = 0
    /// Failed for now, tried again later.
    public var retrying = 0
    public var failed = 0
    public var withdrawn = 0
    /// Not tried: the mail server could not be reached on an earlier message of the round.
    public var deferred = 0
    /// The pass stopped with messages still due, to let customers' bookings go first
    /// (`Linkdesk.deliverAllDue(yieldingTo:)`); the sender comes back for them.
    public var yielded = false
    public init() {}

    /// Every message this round took (none left due when it is fewer than it could claim).
    public var handled: Int { sent + retrying + failed + withdrawn + deferred }

    public static func += (total: inout DeliveryReport, round: DeliveryReport) {
        total.sent += round.sent
        total.retrying += round.retrying
        total.failed += round.failed
        total.withdrawn += round.withdrawn
        total.deferred += round.deferred
    }
}

extension Linkdesk {
    /// How long a sender holds the notices it claimed: a sender that dies leaves them to the next
    /// one after this (which may then send a message the mail server had accepted just before:
    /// once more, with the same Message-ID).
    public static let deliveryLease: Double = 300

    /// One round of the sender: claims the notices due now (`limit` at most), makes each message
    /// from the booking as it is now, sends it through `transport` and records what became of
    /// it (sent; tried again later after a transient failure, with growing delays for three
    /// days; failed for good after a permanent one). A reminder of a booking no longer live is
    /// withdrawn, not sent. Messages to the customer carry the manage link, made again from the
    /// secret; staff messages go to the staff record of the page's owner.
    public func deliverDue(through transport: any MailTransport, settings: MailSettings, limit: Int = 50) async throws -> DeliveryReport {
        guard let notifications else {
            throw Refusal(.notificationsOff)
        }
        let now = self.now
        let claimed = try await store.claimDue(at: now, limit: limit, lease: Self.deliveryLease)
        guard !claimed.isEmpty else { return DeliveryReport() }
        let workspace = try await store.workspace()
        var owners: [String: StaffMember?] = [:]  // each page owner looked up once a round
        var report = DeliveryReport()
        var deliveries: [Delivery] = []
        // Recorded together at the end of the round (one write, not one a message: on SQLite the
        // booking site's writes wait for each). A sender that dies before leaves the round's
        // messages to the next one after the lease, which may send some once more.
        // A message that could not reach the mail server at all (no SMTP reply: refused, timed
        // out, not SMTP) ends the round: the rest wait for the same time, untried.
        var unreachableUntil: Date?
        for item in claimed {
            var outcome: OutboxOutcome
            if let until = unreachableUntil {
                outcome = .deferred(until: until)
            } else {
                var unreachable = false
                outcome = await deliver(item, transport: transport, settings: settings, workspace: workspace, owners: &owners,
                                        secret: notifications.secret, now: now, unreachable: &unreachable)
                if unreachable, case .retry(let at, _) = outcome { unreachableUntil = at }
            }
            deliveries.append(Delivery(id: item.id, outcome: outcome))
            switch outcome {
            case .sent: report.sent += 1
            case .retry: report.retrying += 1
            case .failed: report.failed += 1
            case .withdrawn: report.withdrawn += 1
            case .deferred: report.deferred += 1
            }
        }
        try await store.recordDeliveries(deliveries, at: now)
        return report
    }

    /// One message's outcome; `unreachable` is set when the mail server could not be reached at
    /// all (a transient failure with no SMTP reply).
    private func deliver(_ item: OutboxItem, transport: any MailTransport, settings: MailSettings, workspace: Workspace,
                         owners: inout [String: StaffMember?], secret: [UInt8], now: Date, unreachable: inout Bool) async -> OutboxOutcome {
        let booking: Booking
        do {
            guard let found = try await store.booking(id: item.bookingID) else { return .failed(reason: "booking #\(item.bookingID) is gone") }
            booking = found
        } catch {
            return retry(item, reason: "the booking could not be read: \(error)", now: now)
        }
        if item.notice.kind == .reminder && !booking.status.isLive { return .withdrawn }
        // Confirmed (or lapsed, or changed by staff) before its request went out: nothing to ask.
        if item.notice.kind == .confirmRequest && booking.status != .awaitingConfirmation { return .withdrawn }
        guard let member = workspace.bookingPage(id: booking.teamMemberID),
              let event = workspace.eventType(id: booking.eventTypeID) else {
            return .failed(reason: "the booking's page or event type is gone")
        }
        var owner: StaffMember?
        if let login = member.ownerLogin {
            if let known = owners[login] {
                owner = known
            } else {
                do {
                    owner = try await store.staffMember(login: login)
                    owners[login] = .some(owner)
                } catch {
                    return retry(item, reason: "the staff list could not be read: \(error)", now: now)
                }
            }
        }
        // Nobody to tell: a page no staff member owns (a workspace without staff, say). Withdrawn
        // rather than failed, as nothing went wrong; `outbox` shows it so.
        if item.notice.kind.toStaff && owner == nil { return .withdrawn }
        var manageURL: String?
        if !item.notice.kind.toStaff, let nonce = try? await store.manageNonce(booking: booking.id) {
            let token = Token.manageToken(secret: secret, nonce: nonce)
            manageURL = item.notice.kind == .confirmRequest ? confirmationURL(manageToken: token, secret: secret, nonce: nonce)
                : self.manageURL(token)
        }
        if item.notice.kind == .confirmRequest && manageURL == nil {
            return .failed(reason: "booking #\(booking.id) has no confirmation link to send")
        }
        let notice = BookingNotice(kind: item.notice.kind, booking: booking, eventName: event.name,
                                   staff: ICalendar.Person(name: owner?.name ?? member.name, email: owner?.email ?? settings.from.address),
                                   // The customer's zone when the site knew it, else the page's (staff: the page's).
                                   zone: DateText.zone(named: (item.notice.kind.toStaff ? nil : booking.details.timeZone) ?? member.timeZone),
                                   manageURL: manageURL,
                                   sequence: item.notice.sequence, before: item.notice.before.map(Double.init))
        let made = await transport.background { () -> Result<MailMessage, Refusal> in
            Result { () throws(Refusal) in try notice.message(from: settings.from, replyTo: settings.replyTo, now: now) }
        }
        let message: MailMessage
        switch made {
        case .success(let made): message = made
        case .failure(let refusal): return .failed(reason: refusal.message)
        }
        guard let failure = await transport.send(message) else { return .sent }
        if failure.kind == .permanent { return .failed(reason: failure.reason) }
        unreachable = failure.kind == .transient && failure.code == nil
        return retry(item, reason: failure.reason, now: now)
    }

    /// Sends a failed message again: pending, due now, its tries counted afresh (the owner of the
    /// booking's page or an administrator, as for changing the booking). The sender takes it on
    /// its next round.
    public func resendMessage(_ item: OutboxItem) async throws {
        guard notifications != nil else { throw Refusal(.notificationsOff) }
        guard item.state == .failed else { throw Refusal(.messageNotFailed(id: item.id)) }
        try await authorizeChange(of: item.bookingID)
        guard try await store.resendMessage(id: item.id, at: now) else { throw Refusal(.messageNotFailed(id: item.id)) }
    }

    /// Tried again after the delay its attempts so far call for, or given up after three days of them.
    private func retry(_ item: OutboxItem, reason: String, now: Date) -> OutboxOutcome {
        guard let delay = OutboxRules.retryDelay(afterAttempts: item.attempts + 1) else {
            return .failed(reason: "gave up after \(item.attempts + 1) tries over three days: \(reason)")
        }
        return .retry(at: now.addingTimeInterval(delay), reason: reason)
    }
}
