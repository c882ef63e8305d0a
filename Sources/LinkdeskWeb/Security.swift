import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of the booking site: it knows the client's address (for the rate limit)
/// and bounds what a request may upload.
public struct WebContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Forms here are a few fields: anything bigger is refused (413).
    public var maxUploadSize: Int { WebConfiguration.maxBodyBytes }

    /// Behind a trusted proxy, the client's address as `ClientAddressMiddleware` worked it out
    /// (`ClientAddress`); nil when no proxy is trusted, and then the peer is the client.
    var clientAddress: String?

    /// The rate limit's key: the client's IP address (no port).
    var clientKey: String { clientAddress ?? remoteAddress?.ipAddress ?? "unknown" }
}

extension HTTPField.Name {
    static let xRobotsTag = Self("X-Robots-Tag")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
    static let xForwardedFor = Self("X-Forwarded-For")!
}

/// Cross-site POSTs are refused: `Sec-Fetch-Site` must say same-origin (or none: the user typed
/// it); without it, `Origin`, when sent, must be the configured base URL's origin. A request
/// with neither header came from no browser, so there is no one to forge it for.
enum CrossSite {
    static func isRefused(_ request: Request, baseOrigin: String) -> Bool {
        if let site = request.headers[.secFetchSite]?.lowercased() {
            return !(site == "same-origin" || site == "none")
        }
        if let origin = request.headers[.origin] {
            return origin.lowercased() != baseOrigin.lowercased()
        }
        return false
    }

    /// "https://book.example.com" of "https://book.example.com/t".
    static func origin(of base: String) -> String {
        guard let scheme = base.range(of: "://") else { return base }
        let rest = base[scheme.upperBound...]
        let host = rest.split(separator: "/", maxSplits: 1).first ?? rest
        return String(base[..<scheme.upperBound]) + host
    }
}

/// Failed link lookups per client address: a token bucket (`burst` failures at once, refilled
/// at `perMinute`). A client whose bucket is empty gets 429 for any link until it refills; a
/// successful lookup never costs anything, so reloading a good link never blocks.
final class RateLimiter: @unchecked Sendable {
    private struct Bucket { var tokens: Double; var updated: Double }
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    let burst: Double
    let perSecond: Double
    private let clock: @Sendable () -> Double

    init(burst: Int, perMinute: Int, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.burst = Double(max(burst, 1))
        self.perSecond = Double(max(perMinute, 1)) / 60
        self.clock = clock
    }

    /// Seconds until `key` may look up a link again, or nil when it may now.
    /// The key is worked out only when some client has failed lately: on a site nobody probes,
    /// a page served from the cache does not format its client's address at all.
    func retryAfter(_ key: @autoclosure () -> String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if buckets.isEmpty { return nil }
        let bucket = refreshed(key())
        guard bucket.tokens < 1 else { return nil }
        return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
    }

    /// Counts one failed lookup of `key`.
    func failed(_ key: String) {
        lock.lock()
        defer { lock.unlock() }
        var bucket = refreshed(key)
        bucket.tokens = max(bucket.tokens - 1, 0)
        buckets[key] = bucket
        if buckets.count > 50_000 {  // forget the clients that are back to a full bucket
            let now = clock()
            buckets = buckets.filter { $0.value.tokens + (now - $0.value.updated) * perSecond < burst }
        }
    }

    private func refreshed(_ key: String) -> Bucket {
        let now = clock()
        guard var bucket = buckets[key] else { return Bucket(tokens: burst, updated: now) }
        bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * perSecond)
        bucket.updated = now
        return bucket
    }
}
