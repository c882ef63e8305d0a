import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkdeskCore
import LinkdeskService
import LinkdeskWeb
import Testing

/// The booking form's request key (idempotency key) and the 503 of an unavailable store.
@Suite struct RequestKeyTests {
    static let slot = BookingFlowTests.slot

    /// The request key of the booking form on `html`.
    static func requestKey(in html: String) throws -> String {
        let pattern = try Regex("name=\"request\" value=\"([A-Z0-9]+)\"")
        let match = try #require(html.firstMatch(of: pattern), "no request key in the booking form")
        return try #require(match.output[1].substring.map(String.init))
    }

    @Test func eachRenderedFormCarriesAFreshUnguessableKey() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            var keys: Set<String> = []
            for _ in 0..<3 {
                try await client.execute(uri: "/salescall555?event=1", method: .get) { r in
                    #expect(r.status == .ok)
                    let key = try Self.requestKey(in: r.text)
                    #expect(Token.isRequestKey(key))
                    keys.insert(key)
                }
            }
            #expect(keys.count == 3)
        }
    }

    @Test func aRetriedPostAnswersTheSame303AndNeverSpendsASecondUse() async throws {
        let fixture = try WebFixture()
        let (path, made) = try await fixture.oneTimeLink()
        try await fixture.test { client in
            let form = try await client.execute(uri: path + (path.contains("?") ? "&" : "?") + "event=1", method: .get) { r in r.text }
            let key = try Self.requestKey(in: form)
            let fields = [("event", "1"), ("tz", "Asia/Tokyo"), ("slot", Self.slot), ("name", "Ada"), ("email", "ada@example.com"),
                          ("request", key)]
            let first = try await client.execute(uri: path, method: .post, headers: formHeaders, body: formBody(fields)) { r in
                #expect(r.status == .seeOther)
                return try #require(r.headers[.location])
            }
            #expect(first.hasPrefix("/manage/") && first.hasSuffix("?booked=1&tz=Asia%2FTokyo"))
            // The same form again (a double click, a retry after a lost answer): the same 303,
            // though the one-time link is used up by now.
            for _ in 0..<2 {
                try await client.execute(uri: path, method: .post, headers: formHeaders, body: formBody(fields)) { r in
                    #expect(r.status == .seeOther)
                    #expect(r.headers[.location] == first)
                }
            }
            try await client.execute(uri: first, method: .get) { r in #expect(r.status == .ok) }
            // Another form's key through the used link: the one 404.
            var other = fields
            other[5] = ("request", fixture.linkdesk.newRequestKey())
            try await client.execute(uri: path, method: .post, headers: formHeaders, body: formBody(other)) { r in
                #expect(r.status == .notFound)
            }
        }
        let bookings = try await fixture.linkdesk.bookings(BookingQuery())
        #expect(bookings.count == 1)
        #expect(try await fixture.linkdesk.oneTimeLinks().first { $0.linkID == made.linkID }?.usesLeft == 0)
        let used = try await fixture.linkdesk.activity(limit: 100).filter { $0.kind == .oneTimeUsed }
        #expect(used.count == 1)
    }

    @Test func aRetryOnAGeneralLinkDoesNotBookTwice() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let key = fixture.linkdesk.newRequestKey()
            let fields = [("event", "1"), ("slot", Self.slot), ("name", "Ada"), ("email", "ada@example.com"), ("request", key)]
            var locations: Set<String> = []
            for _ in 0..<3 {
                try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders, body: formBody(fields)) { r in
                    #expect(r.status == .seeOther)
                    locations.insert(r.headers[.location] ?? "")
                }
            }
            #expect(locations.count == 1)
            // Without a key (or with a malformed one) each POST is a new request: the slot is taken.
            for extra in [[], [("request", "nonsense")]] {
                try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders,
                                         body: formBody(Array(fields.prefix(4)) + extra)) { r in
                    #expect(r.status == .conflict)
                }
            }
        }
        #expect(try await fixture.linkdesk.bookings(BookingQuery()).count == 1)
    }

    @Test func anUnavailableStoreAnswers503WithRetryAfter() async throws {
        let store = FailingStore(error: StoreError("cannot reach PostgreSQL at 127.0.0.1:1/x: connection refused"))
        let app = Application(router: buildRouter(linkdesk: Linkdesk(store: store, base: .default)))
        try await app.test(.router) { client in
            for (uri, method) in [("/salescall555", HTTPRequest.Method.get), ("/salescall555", .post)] {
                let body = formBody([("event", "1"), ("slot", Self.slot), ("name", "Ada"), ("email", "ada@example.com")])
                try await client.execute(uri: uri, method: method, headers: formHeaders, body: body) { r in
                    #expect(r.status == .serviceUnavailable)
                    #expect(r.headers[.retryAfter] == "2")
                    #expect(r.text.contains("Try again in a moment"))
                    expectSecurityHeaders(r)
                }
            }
        }
    }
}
