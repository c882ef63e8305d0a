import Foundation
import Hummingbird

/// The request log: one line per request. It is the outermost middleware so that the time it
/// gives is the whole request's and the status the one the client got (an error's page, not the
/// error). A log is read by people who must not be able to book, cancel or read a booking from
/// it: the query string (names and emails) is left out and tokens are cut short.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let log: @Sendable (String) -> Void

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = (ContinuousClock.now - started).components
        let ms = Double(elapsed.attoseconds) / 1e15 + Double(elapsed.seconds) * 1000
        log("\(request.method) \(Self.loggedPath(request.uri.path)) \(response.status.code) \(String(format: "%.1f", ms))ms")
        return response
    }

    /// Tokens (one-time, manage, calendar) keep their first two characters: enough to tell
    /// requests apart in the log, too few to use a link.
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
