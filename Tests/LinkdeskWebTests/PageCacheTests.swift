import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import LinkdeskWeb
import Testing

/// The site keeps rendered link pages (`PageCache`): what it sends must never be staler than a
/// fresh render — after another process books, changes a page, or uses a one-time link, and
/// after time passes a free time.
@Suite struct PageCacheTests {
    static let monday = "/salescall555?event=1&date=2026-12-07"

    static func freeOnMonday(_ client: any TestClientProtocol, _ uri: String = monday) async throws -> String? {
        try await client.execute(uri: uri, method: .get) { r -> String? in
            #expect(r.status == .ok)
            let html = r.text
            guard let range = html.range(of: "aria-label=\"Monday 7 December 2026, ") else { return nil }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func aCachedPageFollowsOtherProcessesBookingsPageChangesAndTheClock() async throws {
        let fixture = try WebFixture()
        let other = Linkdesk(store: try SQLiteStore(path: fixture.path), base: .default, time: fixture.clock)
        try await fixture.test { client in
            #expect(try await Self.freeOnMonday(client) == "32 times free")
            #expect(try await Self.freeOnMonday(client) == "32 times free")  // from the cache
            // Another process books Monday 10:00 New York.
            _ = try await other.book(CustomerBooking(link: Link(target: .page(slug: "salescall555")), eventName: "15-minute meeting",
                                                     start: ISO8601.date("2026-12-07T15:00:00Z")!,
                                                     form: Personalization(name: "Lin", email: "lin@example.com")))
            #expect(try await Self.freeOnMonday(client) == "31 times free")
            // It cancels it: free again.
            _ = try await other.cancel(id: 1, actor: .staff, reason: "moved")
            #expect(try await Self.freeOnMonday(client) == "32 times free")
            // Time passes the first free time (09:00 New York is 14:00 UTC).
            fixture.clock.set(ISO8601.date("2026-12-07T14:00:30Z")!)
            #expect(try await Self.freeOnMonday(client) == "31 times free")
            // Another process changes the page's link: the old URL is the 404 at once.
            let page = try await fixture.page("salescall555")
            _ = try await other.setSlug(page: page.id, to: "salescall777")
            try await client.execute(uri: Self.monday, method: .get) { r in #expect(r.status == .notFound) }
            #expect(try await Self.freeOnMonday(client, "/salescall777?event=1&date=2026-12-07") == "31 times free")
        }
    }

    /// The form's hidden request key, from a page.
    static func requestKey(_ client: any TestClientProtocol, _ uri: String) async throws -> String? {
        try await client.execute(uri: uri, method: .get) { r -> String? in
            let html = r.text
            guard let range = html.range(of: "name=\"request\" value=\"") else { return nil }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// Two customers opening the same URL must not share a request key: the second's POST
    /// would be answered with the first's booking (its confirmation and manage link).
    @Test func everyCachedPageCarriesAFreshRequestKey() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            var keys: [String] = []
            for _ in 0..<3 { keys.append(try #require(try await Self.requestKey(client, Self.monday), "the page has the form")) }
            #expect(Set(keys).count == 3, "each rendering, cached or not, has its own key: \(keys)")
            #expect(keys.allSatisfy { $0.count >= 20 })
            // The rest of the page is the cached one, byte for byte, apart from the key.
            let pages = try await (0..<2).asyncMap { _ in
                try await client.execute(uri: Self.monday, method: .get) { r in r.text }
            }
            let stripped = pages.map { page -> String in
                guard let range = page.range(of: "name=\"request\" value=\"") else { return page }
                let tail = page[range.upperBound...].drop { $0 != "\"" }
                return String(page[..<range.upperBound]) + String(tail)
            }
            #expect(stripped[0] == stripped[1])
        }
    }

    @Test func aCachedOneTimeLinkPageIsThe404OnceTheLinkIsUsedElsewhere() async throws {
        let fixture = try WebFixture()
        let (path, made) = try await fixture.oneTimeLink(Personalization(name: "Ada", email: "ada@example.com"))
        let other = Linkdesk(store: try SQLiteStore(path: fixture.path), base: .default, time: fixture.clock)
        try await fixture.test { client in
            for _ in 0..<2 { try await client.execute(uri: path + "&event=1", method: .get) { r in #expect(r.status == .ok) } }
            let link = try other.link(from: BaseURL.default.text + path)
            _ = try await other.book(CustomerBooking(link: link, eventName: "15-minute meeting",
                                                     start: ISO8601.date("2026-12-08T15:00:00Z")!, form: Personalization()))
            try await client.execute(uri: path + "&event=1", method: .get) { r in #expect(r.status == .notFound) }
            _ = made
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
