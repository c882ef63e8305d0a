import Foundation
import HTTPTypes
import Hummingbird
import LinkdeskService
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

    /// The rate limit's key: the client's IP address (no port).
    var clientKey: String { remoteAddress?.ipAddress ?? "unknown" }
}

/// The headers every response carries, errors included (SPEC §5).
enum SecurityHeaders {
    static let csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; "
        + "form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    static func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = csp
        headers[.xContentTypeOptions] = "nosniff"
        headers[.xFrameOptions] = "DENY"
        headers[.referrerPolicy] = "same-origin"
        headers[.xRobotsTag] = "noindex, nofollow"
        headers[.vary] = "Sec-Fetch-Site, Origin"
        // Token, manage and result pages must not be cached anywhere; the stylesheet and the
        // script set their own.
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
    }
}

extension HTTPField.Name {
    static let xRobotsTag = Self("X-Robots-Tag")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
}

/// Outermost middleware: turns every error (the router's own 404s are thrown) into the site's
/// HTML page for it, adds the security headers to every response, and logs one line per request
/// without its query string (names and emails) and with tokens cut short.
struct SiteMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let log: (@Sendable (String) -> Void)?

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            switch error.status {
            case .notFound, .methodNotAllowed: response = Pages.notFound()
            case .contentTooLarge: response = Pages.message(status: .contentTooLarge, title: "Too much data",
                                                             text: "That form sent more than this site accepts.")
            case .unsupportedMediaType, .badRequest:
                response = Pages.message(status: .badRequest, title: "Bad request", text: "The form could not be read.")
            default: response = Pages.serverError()
            }
        } catch is StoreError {
            // The store can't be reached or is busy (PostgreSQL restarting, every connection in
            // use): the client may simply retry (a booking form's request key keeps a retry from
            // booking twice).
            response = Pages.unavailable(retryAfter: Pages.unavailableRetryAfter)
        } catch {
            response = Pages.serverError()
        }
        SecurityHeaders.apply(to: &response.headers)
        if let log {
            let ms = Double((ContinuousClock.now - started).components.attoseconds) / 1e15
                + Double((ContinuousClock.now - started).components.seconds) * 1000
            log("\(request.method) \(Self.loggedPath(request.uri.path)) \(response.status.code) \(String(format: "%.1f", ms))ms")
        }
        return response
    }

    /// The path as logged: no query string, and tokens (one-time, manage, calendar) cut to their
    /// first two characters, so a log reader can't use a link.
    static func loggedPath(_ path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices {
            let part = parts[index]
            let previous = index > 0 ? parts[index - 1] : ""
            if part.hasPrefix("."), part.count > 3 {
                parts[index] = String(part.prefix(3)) + "…"
            } else if (previous == "manage" || previous == "calendar") && part.count > 2 {
                parts[index] = String(part.prefix(2)) + "…"
            }
        }
        return parts.joined(separator: "/")
    }
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
    func retryAfter(_ key: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        let bucket = refreshed(key)
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
