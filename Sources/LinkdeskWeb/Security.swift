import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    /// The client's address as `SiteMiddleware` worked it out (`ClientAddress`): the peer's,
    /// or, behind a trusted proxy, the one the proxy forwarded.
    var clientAddress: String?

    /// The rate limit's key: the client's IP address (no port).
    var clientKey: String { clientAddress ?? remoteAddress?.ipAddress ?? "unknown" }
}

/// Who the client is, for the failed-lookup rate limit. Behind a reverse proxy every request
/// comes from the proxy's address, so one guesser would lock every customer out: when (and only
/// when) the peer is a proxy the operator named (`--trusted-proxy`), the client is the
/// right-most `X-Forwarded-For` address that is not itself a trusted proxy (each proxy appends
/// the address it got the request from, so everything left of that is the client's own, forgeable,
/// text). From any other peer the header is ignored: anyone can send it.
public enum ClientAddress {
    /// `address` in the form the peer's own is compared in (no brackets, no port, lower case),
    /// or nil when it is not an IPv4 or IPv6 address.
    public static func normalized(_ address: Substring) -> String? {
        var text = address.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {  // [2001:db8::1]:443
            text = String(text[text.index(after: text.startIndex)..<close])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {  // 192.0.2.1:443
            text = String(text[..<colon])
        }
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return text }
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        // One spelling per address (2001:DB8:0::1 and 2001:db8::1 are the same client).
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The client of a request from `peer` carrying these `X-Forwarded-For` values. A header
    /// whose walk meets something that is not an address is not trusted: the peer counts.
    public static func client(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String? {
        guard let peer, trusted.contains(normalized(Substring(peer)) ?? peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
        for hop in hops.reversed() {
            guard let address = normalized(hop) else { return peer }
            if !trusted.contains(address) { return address }
        }
        return peer
    }
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
    static let xForwardedFor = Self("X-Forwarded-For")!
}

/// Outermost middleware: turns every error (the router's own 404s are thrown) into the site's
/// HTML page for it, adds the security headers to every response, and logs one line per request
/// without its query string (names and emails) and with tokens cut short.
struct SiteMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let log: (@Sendable (String) -> Void)?
    /// `ClientAddress.normalized` addresses of the proxies whose `X-Forwarded-For` counts.
    var trustedProxies: Set<String> = []

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        if !trustedProxies.isEmpty {
            context.clientAddress = ClientAddress.client(peer: context.remoteAddress?.ipAddress,
                                                         forwardedFor: request.headers[values: .xForwardedFor],
                                                         trusted: trustedProxies)
        }
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
