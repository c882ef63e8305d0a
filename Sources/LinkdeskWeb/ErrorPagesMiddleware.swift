import HTTPTypes
import Hummingbird
import LinkdeskService

/// A customer who follows a dead link, sends a form too big or reaches the site while its store
/// is down still gets one of the site's own pages, never a framework's plain text or an error's
/// description (which could name the database). The router's own 404s and 405s are thrown, so
/// they end here too.
struct ErrorPagesMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            switch error.status {
            case .notFound, .methodNotAllowed: return Pages.notFound()
            case .contentTooLarge: return Pages.message(status: .contentTooLarge, title: "Too much data",
                                                         text: "That form sent more than this site accepts.")
            case .unsupportedMediaType, .badRequest:
                return Pages.message(status: .badRequest, title: "Bad request", text: "The form could not be read.")
            default: return Pages.serverError()
            }
        } catch is StoreError {
            // The store can't be reached or is busy (PostgreSQL restarting, every connection in
            // use): the client may simply retry (a booking form's request key keeps a retry from
            // booking twice).
            return Pages.unavailable(retryAfter: Pages.unavailableRetryAfter)
        } catch {
            return Pages.serverError()
        }
    }
}
