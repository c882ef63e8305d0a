import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import LinkdeskTestSupport
import Testing

/// `linkdesk serve` reads the staff calendars itself (SPEC §10): at start and on its schedule,
/// so the site refuses a time its owner's feed says is busy, with a clear page.
@Suite("linkdesk serve syncs staff calendars")
struct CalendarSyncLiveTests {
    static let feed = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//linkdesk tests//EN\r
        BEGIN:VEVENT\r
        UID:busy@linkdesk.test\r
        DTSTAMP:20261101T000000Z\r
        DTSTART:20261208T150000Z\r
        DTEND:20261208T160000Z\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test("a feed's busy time, read by the server at start, is refused with a page; its neighbour books; a failing feed is logged once")
    func serverSyncs() async throws {
        let feed = try ICSFeedServer()
        defer { feed.stop() }
        feed.serve(Self.feed)
        let fixture = try WebFixture()
        defer { fixture.remove() }
        let desk = Linkdesk(store: fixture.store, base: .default, time: FixedTime(WebFixture.now))
        let me = try await fixture.store.login()
        // The operator owns salescall555 and has connected a feed (not read yet).
        try await desk.saveStaff(StaffMember(login: me, name: "Op Erator", email: "op@example.com", role: .administrator), owns: [11])
        _ = try await desk.addCalendar(staffLogin: me, name: "work", source: .ics(url: feed.url))

        let serve = try ServeProcess(db: fixture.path, quiet: false, arguments: ["--calendar-interval", "10"])
        defer { serve.stop() }
        // The server reads the feed at start: wait for the busy time to be stored.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, try await desk.calendars().first?.sync.lastGoodSync == nil { try await Task.sleep(nanoseconds: 100_000_000) }
        #expect(try await desk.calendars().first?.sync.eventCount == 1)

        func post(_ slot: String, _ n: Int) throws -> RawHTTP.Reply {
            try RawHTTP.send(port: serve.port, method: "POST", path: "/salescall555", headers: formHeaderFields,
                             body: formText([("event", "1"), ("slot", slot), ("name", "Customer \(n)"), ("email", "c\(n)@example.com")]))
        }
        let busy = try post("2026-12-08T15:15:00Z", 1)
        #expect(busy.status == 409, "\(busy.status)")
        #expect(busy.body.contains("busy in the staff member"), "\(busy.body.prefix(400))")
        #expect(try post("2026-12-08T16:00:00Z", 2).status == 303, "right after the meeting is free")

        // The feed goes away: the server keeps the busy time and says so in its log, once.
        feed.mode(.notFound)
        let until = Date().addingTimeInterval(30)
        while Date() < until, try await desk.calendars().first?.sync.lastError == nil { try await Task.sleep(nanoseconds: 200_000_000) }
        #expect(try await desk.calendars().first?.sync.lastError == "the feed answered HTTP 404")
        #expect(try post("2026-12-08T15:30:00Z", 3).status == 409, "still busy")
        serve.stop()
        let log = String(decoding: serve.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.components(separatedBy: "not read, its last busy times are kept: the feed answered HTTP 404").count == 2, "\(log)")
        #expect(!log.contains(feed.secret), "the feed's address is a secret")
    }
}
