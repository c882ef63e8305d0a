import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskTestSupport
import LinkdeskWeb
import Testing

/// The page cache on PostgreSQL: the store's stamp is pushed by LISTEN/NOTIFY (see
/// `PostgresStore.changeStamp()`), so what another server commits reaches this one's cache when
/// its notification arrives, and this server's own commits at once.
@Suite(.postgres) struct PostgresPageCacheTests {
    /// How long another server's commit may take to reach the stamp (its NOTIFY, on loopback).
    static let delivery: Duration = .seconds(3)

    /// Asks `read` again until it gives `expected` or `delivery` has passed; returns the last answer.
    static func eventually<T: Equatable>(_ expected: T, _ read: () async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + delivery
        var last = try await read()
        while last != expected && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            last = try await read()
        }
        return last
    }

    @Test func aCachedPageFollowsOtherServersAtOnceTheirNotificationArrivesAndItsOwnWritesAtOnce() async throws {
        let database = try PostgresDatabase()
        defer { database.remove() }
        let clock = TestClock(WebFixture.now)
        let site = Linkdesk(store: database.store, base: .default, time: clock)
        let other = Linkdesk(store: try PostgresStore(url: database.url), base: .default, time: clock)
        let app = Application(router: buildRouter(linkdesk: site, configuration: WebConfiguration(rateLimitBurst: 1_000, rateLimitPerMinute: 1_000)))
        try await app.test(.router) { client in
            let first = try await site.changeStamp()
            #expect(first != nil, "the listener is up, so pages are kept")
            #expect(try await PageCacheTests.freeOnMonday(client) == "32 times free")
            #expect(try await PageCacheTests.freeOnMonday(client) == "32 times free")  // from the cache
            #expect(try await site.changeStamp() == first, "reads move no stamp")
            // Another server books Monday 10:00 New York.
            let booked = try await other.book(CustomerBooking(
                link: Link(target: .page(slug: "salescall555")), eventName: "15-minute meeting",
                start: try #require(ISO8601.date("2026-12-07T15:00:00Z")),
                form: Personalization(name: "Lin", email: "lin@example.com")))
            #expect(try await Self.eventually("31 times free") { try await PageCacheTests.freeOnMonday(client) } == "31 times free")
            // This server cancels it: the very next request sees it.
            _ = try await site.cancel(id: booked.id, actor: .staff, reason: "moved")
            #expect(try await PageCacheTests.freeOnMonday(client) == "32 times free")
            // Time passes the first free time (09:00 New York is 14:00 UTC).
            clock.set(try #require(ISO8601.date("2026-12-07T14:00:30Z")))
            #expect(try await PageCacheTests.freeOnMonday(client) == "31 times free")
            // Another server changes the page's link: the old URL becomes the 404.
            let page = try #require(try await site.workspace().page(slug: "salescall555"))
            _ = try await other.setSlug(page: page.id, to: "salescall777")
            let status = try await Self.eventually(HTTPResponse.Status.notFound) {
                try await client.execute(uri: PageCacheTests.monday, method: .get) { $0.status }
            }
            #expect(status == .notFound)
        }
    }

    /// Notifications sent while the listener was away are lost, so a page kept from before must
    /// not be served after it: the stamp it gives once back is a new one.
    @Test func aListenerThatLostItsConnectionComesBackWithANewStamp() async throws {
        let database = try PostgresDatabase()
        defer { database.remove() }
        let before = try #require(try await database.store.changeStamp())
        _ = try PostgresStore.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database.name)' "
                                      + "AND pid <> pg_backend_pid()", at: database.server)
        let after = try await Self.eventually(true) {
            let now = try await database.store.changeStamp()
            return now != nil && now != before
        }
        #expect(after, "the stamp moved past \(before) once the listener was back")
    }
}
