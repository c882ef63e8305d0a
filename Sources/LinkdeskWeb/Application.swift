import Foundation
import Hummingbird
import LinkdeskCore
import LinkdeskService
import Logging

/// How the booking site runs.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Seconds a connection may sit idle before it is closed.
    public var idleTimeout: Int
    /// Failed link lookups a client may make at once, and how many more per minute.
    public var rateLimitBurst: Int
    public var rateLimitPerMinute: Int
    /// One line per request (no query strings, tokens cut short); nil: no request log.
    public var log: (@Sendable (String) -> Void)?
    /// Reverse proxies (IP addresses) whose `X-Forwarded-For` names the client (`ClientAddress`).
    public var trustedProxies: [String]

    /// Request bodies larger than this are refused (413): the forms here are a few fields.
    public static let maxBodyBytes = 16 * 1024

    public init(host: String = "127.0.0.1", port: Int = 8080, idleTimeout: Int = 30, rateLimitBurst: Int = 10,
                rateLimitPerMinute: Int = 10, log: (@Sendable (String) -> Void)? = nil, trustedProxies: [String] = []) {
        self.host = host
        self.port = port
        self.idleTimeout = idleTimeout
        self.rateLimitBurst = rateLimitBurst
        self.rateLimitPerMinute = rateLimitPerMinute
        self.log = log
        self.trustedProxies = trustedProxies
    }
}

/// The composition root of the booking site, shared by `linkdesk-serve` and the tests.
public func buildRouter(linkdesk: Linkdesk, configuration: WebConfiguration = WebConfiguration()) -> Router<WebContext> {
    let site = Site(linkdesk: linkdesk, configuration: configuration)
    let router = Router(context: WebContext.self, options: .autoGenerateHeadEndpoints)
    let trusted = Set(configuration.trustedProxies.map { ClientAddress.normalized(Substring($0)) ?? $0 })
    // Outermost first: the log sees the final status and the whole time; every page, error
    // pages included, gets the security headers; errors become pages before either sees them.
    if let log = configuration.log { router.add(middleware: RequestLogMiddleware(log: log)) }
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPagesMiddleware())
    if !trusted.isEmpty { router.add(middleware: ClientAddressMiddleware(trustedProxies: trusted)) }
    router.get("/") { _, _ in Pages.notFound() }
    router.get("style.css") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: Pages.stylesheet)))
    }
    router.get("tz.js") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: Pages.zoneScript)))
    }
    router.get(".{token}") { request, context in try await site.open(request, context) }
    router.post(".{token}") { request, context in try await site.book(request, context) }
    router.get("{slug}") { request, context in try await site.open(request, context) }
    router.post("{slug}") { request, context in try await site.book(request, context) }
    router.get("manage/{token}") { request, context in try await site.manage(request, context) }
    router.get("manage/{token}/booking.ics") { request, context in try await site.ics(request, context) }
    router.get("manage/{token}/cancel") { request, context in try await site.cancelPage(request, context) }
    router.post("manage/{token}/cancel") { request, context in try await site.cancel(request, context) }
    router.post("manage/{token}/confirm") { request, context in try await site.confirm(request, context) }
    router.get("manage/{token}/reschedule") { request, context in try await site.reschedulePage(request, context) }
    router.post("manage/{token}/reschedule") { request, context in try await site.reschedule(request, context) }
    router.get("calendar/{token}.ics") { request, context in try await site.calendarFeed(request, context) }
    return router
}

/// The server: the router on `configuration`'s address, with an idle timeout; SIGTERM and SIGINT
/// stop it gracefully (in-flight requests finish). `onRunning` gets the bound port.
public func buildApplication(linkdesk: Linkdesk, configuration: WebConfiguration,
                             onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    var logger = Logger(label: "linkdesk-serve")
    logger.logLevel = .critical
    return Application(
        router: buildRouter(linkdesk: linkdesk, configuration: configuration),
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeout)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// Runs the site until SIGTERM/SIGINT. A port already taken is a `Refusal` saying so.
public func runSite(linkdesk: Linkdesk, configuration: WebConfiguration,
                    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    let app = buildApplication(linkdesk: linkdesk, configuration: configuration, onRunning: onRunning)
    do {
        try await app.runService()
    } catch {
        let text = String(describing: error)
        if text.contains("Address already in use") || text.contains("errno: 98") {
            throw Refusal("\(configuration.host):\(configuration.port) is already in use (another linkdesk serve?): "
                          + "stop it or choose another port with --port")
        }
        if text.contains("Cannot assign requested address") || text.contains("errno: 99") {
            throw Refusal("cannot listen on \(configuration.host): it is not an address of this machine")
        }
        throw error
    }
}
