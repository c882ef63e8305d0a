import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkdeskWeb
import Testing

/// `--trusted-proxy`: behind a proxy the failed-lookup limit counts the forwarded client, and a
/// forged `X-Forwarded-For` from anyone else changes nothing.
@Suite struct ForwardedForTests {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    @Test func theClientIsTheRightMostUntrustedHopOnlyWhenThePeerIsTrusted() {
        let trusted: Set<String> = ["10.0.0.1", "10.0.0.2", "2001:db8::1"]
        // The peer is a trusted proxy: the last hop it (or another trusted proxy) appended.
        #expect(ClientAddress.client(peer: "10.0.0.1", forwardedFor: ["203.0.113.7"], trusted: trusted) == "203.0.113.7")
        #expect(ClientAddress.client(peer: "10.0.0.1", forwardedFor: ["198.51.100.1, 203.0.113.7, 10.0.0.2"],
                                     trusted: trusted) == "203.0.113.7")
        #expect(ClientAddress.client(peer: "10.0.0.1", forwardedFor: ["198.51.100.1", "203.0.113.7"],
                                     trusted: trusted) == "203.0.113.7")  // two header lines: one list
        #expect(ClientAddress.client(peer: "10.0.0.1", forwardedFor: ["[2001:DB8:0::5]:443"], trusted: trusted) == "2001:db8::5")
        #expect(ClientAddress.client(peer: "2001:db8:0:0::1", forwardedFor: ["203.0.113.7:5555"], trusted: trusted)
                == "203.0.113.7")
        // No header, only trusted hops, or a hop that is no address: the proxy itself counts.
        #expect(ClientAddress.client(peer: "10.0.0.1", forwardedFor: [], trusted: trusted) == "10.0.0.1")
        #expect(ClientAddress.client(peer: "10.0.0.1", forwardedFor: ["10.0.0.2"], trusted: trusted) == "10.0.0.1")
        #expect(ClientAddress.client(peer: "10.0.0.1", forwardedFor: ["203.0.113.7, unknown"], trusted: trusted) == "10.0.0.1")
        // Any other peer: the header is ignored.
        #expect(ClientAddress.client(peer: "192.0.2.9", forwardedFor: ["203.0.113.7"], trusted: trusted) == "192.0.2.9")
        #expect(ClientAddress.client(peer: "192.0.2.9", forwardedFor: ["203.0.113.7"], trusted: []) == "192.0.2.9")
        #expect(ClientAddress.normalized("not an address") == nil)
        #expect(ClientAddress.normalized(" 127.0.0.1 ") == "127.0.0.1")
    }

    /// The live server (the peer is 127.0.0.1) with a burst of 3 failed lookups.
    func live<Value: Sendable>(trusting proxies: [String],
                               _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let fixture = try WebFixture()
        defer { fixture.remove() }
        let configuration = WebConfiguration(port: 0, rateLimitBurst: 3, rateLimitPerMinute: 1, trustedProxies: proxies)
        let app = Application(router: buildRouter(linkdesk: fixture.linkdesk, configuration: configuration),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live, body)
    }

    func miss(_ client: any TestClientProtocol, from forwarded: String?) async throws -> HTTPResponse.Status {
        var headers = HTTPFields()
        if let forwarded { headers[Self.forwardedFor] = forwarded }
        return try await client.execute(uri: "/.23456789ABCDE", method: .get, headers: headers) { $0.status }
    }

    /// The statuses of failed lookups sent with these `X-Forwarded-For` values (nil: none), in order.
    func misses(_ client: any TestClientProtocol, _ forwarded: [String?]) async throws -> [HTTPResponse.Status] {
        var statuses: [HTTPResponse.Status] = []
        for value in forwarded { statuses.append(try await miss(client, from: value)) }
        return statuses
    }

    @Test func behindATrustedProxyEachForwardedClientHasItsOwnLimit() async throws {
        let statuses = try await live(trusting: ["127.0.0.1"]) { client in
            try await misses(client, [
                "203.0.113.7", "203.0.113.7", "203.0.113.7", "203.0.113.7",
                // A customer behind the same proxy is not locked out by the guesser...
                "198.51.100.20",
                // ...nor can the guesser escape by prepending addresses of its own: the proxy
                // appended the real one on the right.
                "192.0.2.1, 203.0.113.7",
            ])
        }
        #expect(statuses == [.notFound, .notFound, .notFound, .tooManyRequests, .notFound, .tooManyRequests])
    }

    @Test func aForgedHeaderFromAnUntrustedPeerDoesNotEscapeTheLimit() async throws {
        // A new forged address per request: still the peer's (127.0.0.1) bucket.
        let statuses = try await live(trusting: ["10.9.9.9"]) { client in
            try await misses(client, ["203.0.113.0", "203.0.113.1", "203.0.113.2", "203.0.113.99", nil])
        }
        #expect(statuses == [.notFound, .notFound, .notFound, .tooManyRequests, .tooManyRequests])
    }
}
