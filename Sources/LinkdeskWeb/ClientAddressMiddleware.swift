import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Hummingbird
import NIOCore

/// The failed-lookup rate limit is keyed by the client's address (`WebContext.clientKey`);
/// behind a reverse proxy that must be the client's, not the proxy's, or one guesser would lock
/// every customer out (`ClientAddress` says whose address counts). The router builder adds this
/// only when the operator named proxies: without one the peer is the client.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = WebContext
    /// `ClientAddress.normalized` addresses of the proxies whose `X-Forwarded-For` counts.
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = ClientAddress.client(peer: context.remoteAddress?.ipAddress,
                                                     forwardedFor: request.headers[values: .xForwardedFor],
                                                     trusted: trustedProxies)
        return try await next(request, context)
    }
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
