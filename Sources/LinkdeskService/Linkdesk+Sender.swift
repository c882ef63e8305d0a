import Foundation
import LinkdeskCore

/// Where a sender's addresses come from besides the workspace: a command's flags (which win)
/// and the environment (used when the workspace names none).
public struct MailOverrides: Sendable, Equatable {
    public var from: MailAddress?
    public var replyTo: MailAddress?
    public var fallbackFrom: MailAddress?
    public var fallbackReplyTo: MailAddress?

    public init(from: MailAddress? = nil, replyTo: MailAddress? = nil, fallbackFrom: MailAddress? = nil,
                fallbackReplyTo: MailAddress? = nil) {
        self.from = from
        self.replyTo = replyTo
        self.fallbackFrom = fallbackFrom
        self.fallbackReplyTo = fallbackReplyTo
    }
}

extension Linkdesk {
    /// The one rule for a sender's addresses: a flag, else the workspace's `notifications:`
    /// setting, else the environment's. nil when no sender address is named anywhere (the
    /// messages then wait, pending).
    public func mailSettings(_ overrides: MailOverrides) async throws -> MailSettings? {
        let workspace = try await settings()
        guard let from = overrides.from ?? workspace.mailFrom ?? overrides.fallbackFrom else { return nil }
        return MailSettings(from: from, replyTo: overrides.replyTo ?? workspace.mailReplyTo ?? overrides.fallbackReplyTo)
    }

    /// Every message due now: rounds of `batch` until one finds fewer than it may claim, or finds
    /// the mail server out of reach; first, the holds nobody confirmed in time lapse
    /// (`lapseHolds`), which frees their slots.
    ///
    /// With `traffic` (the sender inside `linkdesk serve`), the pass also stops after a round
    /// during which customers booked (`DeliveryReport.yielded`): on a saturated site every
    /// message made and sent takes its CPU from bookings, which a customer is waiting for and
    /// an email is not. The caller comes back after its pause (`runSender`), so while bookings
    /// keep coming a round of `batch` goes every pause (50 messages a second by default, far
    /// more than a busy booking site makes), and the rest as soon as they stop.
    public func deliverAllDue(through transport: any MailTransport, settings: MailSettings, batch: Int = 50,
                              yieldingTo traffic: BookingTraffic? = nil) async throws -> DeliveryReport {
        try await lapseHolds()
        var total = DeliveryReport()
        while true {
            let seen = traffic?.bookings
            let round = try await deliverDue(through: transport, settings: settings, limit: batch)
            total += round
            // Fewer than a round's worth: nothing left due. Messages left untried: the mail server
            // is out of reach, and the next round would only find that out again.
            if round.handled < batch || round.deferred > 0 { return total }
            if let traffic, traffic.bookings != seen {
                total.yielded = true
                return total
            }
        }
    }

    /// The sender as a service (`linkdesk serve`): sends what is due at start, whenever the
    /// store reports a change (a booking just queued its messages) and every `interval` seconds
    /// (reminders falling due, retries), one round at a time, until the task is cancelled. It
    /// never stops on a failure: a store or mail server that fails is said once in `log` (and
    /// again only when the failure changes), and the next round tries again; nothing is lost,
    /// as the outbox keeps every message until it is sent.
    ///
    /// Rounds are at least `gather` seconds apart: a busy site commits bookings faster than a
    /// round ends, and a round per commit would read the settings and the holds each time, on the
    /// same cores as the site, for a message or two. Ticks that come meanwhile fold into one, so a
    /// booking's emails leave at most `gather` seconds later than they could have, with the
    /// others of that moment. While customers are booking, a pass sends one round and yields
    /// (`deliverAllDue(yieldingTo:)`), and the next comes `busyPause` seconds after it began: a
    /// flood of bookings is served first and its emails follow at a round a second (50 by
    /// default; a busy booking site takes a few bookings a minute), the rest as soon as it
    /// ebbs. What the passes sent is logged once the site is quiet again, or every `logEvery`
    /// seconds.
    public func runSender(through transport: any MailTransport, overrides: MailOverrides, interval: Double,
                          gather: Double = 0.2, busyPause: Double = 1, logEvery: Double = 10,
                          log: @escaping @Sendable (String) -> Void) async {
        let (ticks, tick) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let changes = store.changes()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in changes { tick.yield() }
            }
            group.addTask {
                while !Task.isCancelled {
                    tick.yield()
                    try? await Task.sleep(nanoseconds: UInt64(max(interval, 0.01) * 1_000_000_000))
                }
                tick.finish()
            }
            var said: String?
            func say(_ line: String) {
                if line != said { log(line) }
                said = line
            }
            var last: UInt64?
            var pause = gather
            var unlogged = DeliveryReport(), unloggedSince: UInt64?
            for await _ in ticks {
                if let last {
                    let since = Double(DispatchTime.now().uptimeNanoseconds - last) / 1e9
                    if since < pause { try? await Task.sleep(nanoseconds: UInt64((pause - since) * 1e9)) }
                }
                pause = gather
                if Task.isCancelled { break }
                last = DispatchTime.now().uptimeNanoseconds
                do {
                    guard let settings = try await mailSettings(overrides) else {
                        try await lapseHolds()  // holds lapse whether or not anything can be sent
                        say("booking emails wait: no sender address (set notifications: {from: …} in the workspace file, or LINKDESK_MAIL_FROM)")
                        continue
                    }
                    let report = try await deliverAllDue(through: transport, settings: settings, yieldingTo: traffic)
                    if report.yielded {
                        pause = max(busyPause, gather)
                        tick.yield()  // the rest after the pause, without waiting for a change
                    }
                    unlogged += report
                    let now = DispatchTime.now().uptimeNanoseconds
                    let since = unloggedSince ?? now
                    unloggedSince = since
                    if !report.yielded || Double(now - since) / 1e9 >= logEvery {
                        if unlogged.handled > 0 {
                            log("mail: sent \(unlogged.sent), to retry \(unlogged.retrying), failed \(unlogged.failed), withdrawn \(unlogged.withdrawn)"
                                + (unlogged.deferred > 0 ? ", not tried \(unlogged.deferred) (the mail server could not be reached)" : ""))
                        }
                        unlogged = DeliveryReport()
                        unloggedSince = nil
                    }
                    said = nil
                } catch {
                    say("booking emails wait: \((error as? Refusal)?.message ?? (error as? StoreError)?.message ?? "\(error)")")
                }
            }
            group.cancelAll()
        }
    }
}
