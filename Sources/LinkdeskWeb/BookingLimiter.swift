import Foundation
import LinkdeskCore
import LinkdeskService

/// Bookings per client address per hour (the workspace's `site: {bookings-per-client-per-hour}`,
/// `WorkspaceSettings.bookingLimit`): without it a script could book every free slot of a page.
/// Counted by this server in memory — no read or write on a booking's path — so two servers
/// behind one balancer take up to twice as many from one address. Loopback clients are not
/// counted: that is this machine, or a reverse proxy whose `X-Forwarded-For` the server was not
/// told to trust (`--trusted-proxy`), where every customer would share one address and the
/// sixth booking of the hour would be refused to all of them.
final class BookingLimiter: @unchecked Sendable {
    static let window: Double = 3_600
    private let lock = NSLock()
    private var made: [String: [Double]] = [:]
    private let clock: @Sendable () -> Double

    init(clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.clock = clock
    }

    /// Seconds until `client` may book again under `limit` (0: none), or nil when it may now.
    func retryAfter(_ client: String, limit: Int) -> Int? {
        guard limit > 0, !Self.isLoopback(client) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        let now = clock()
        let recent = (made[client] ?? []).filter { $0 > now - Self.window }
        made[client] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, Int((oldest + Self.window - now).rounded(.up)))
    }

    /// Counts one booking `client` made.
    func booked(_ client: String) {
        guard !Self.isLoopback(client) else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = clock()
        made[client, default: []].append(now)
        if made.count > 50_000 {  // forget the clients with nothing in the window
            made = made.filter { $0.value.last.map { $0 > now - Self.window } ?? false }
        }
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.") || address == "unknown"
    }
}

/// The workspace's settings as the site uses them, read again at most every `ttl` seconds (no
/// read on a booking's path; a changed limit applies within half a minute). A failed read keeps
/// the settings last read (the defaults before any).
final class SiteSettings: @unchecked Sendable {
    static let ttl: Double = 30
    private let lock = NSLock()
    private var value = WorkspaceSettings()
    private var readAt = -Double.infinity

    func current(_ linkdesk: Linkdesk) async -> WorkspaceSettings {
        let now = Date().timeIntervalSince1970
        let (kept, fresh) = lock.withLock {
            let fresh = now - readAt < Self.ttl
            if !fresh { readAt = now }  // one reader at a time refreshes
            return (value, fresh)
        }
        if fresh { return kept }
        guard let read = try? await linkdesk.settings() else { return kept }
        lock.withLock { value = read }
        return read
    }
}
