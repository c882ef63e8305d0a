import HTTPTypes
import Hummingbird

/// The headers every response carries, error pages included (SPEC §5). It sits outside
/// `ErrorPagesMiddleware` so that no response, however it was made, leaves without them: a page
/// that could be framed, sniffed or indexed is one a link could leak through.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; "
        + "form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response.headers)
        return response
    }

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
