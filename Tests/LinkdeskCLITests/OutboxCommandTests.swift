import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import LinkdeskTestSupport
import Testing

/// `linkdesk outbox` on a SQLite workspace whose bookings were made with notifications on.
@Suite("outbox through the command line")
struct OutboxCommandTests {
    @Test("lists each booking's messages with their state, as a table and as JSON; --booking narrows it")
    func listing() async throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        #expect(try ws.ok(["outbox"]) == "", "empty: a note on stderr, nothing on stdout")
        let store = try SQLiteStore(path: ws.dbPath)
        let now = try #require(ISO8601.date(CLIWorkspace.defaultNow))
        let desk = Linkdesk(store: store, base: .default, time: FixedTime(now), notifications: try Notifications(secret: [UInt8](repeating: 0x5A, count: 32), reminders: [3_600]))
        let slot = try #require(try await desk.offer(Link(target: .page(slug: "salescall555")), days: 14).slots.first)
        let booked = try await desk.book(CustomerBooking(link: Link(target: .page(slug: "salescall555")), eventName: slot.event.name,
                                                         start: slot.start, form: Personalization(name: "Ann Lee", email: "ann@example.com")))
        _ = try await desk.cancel(id: booked.id, actor: .staff, reason: "Double booked")

        let items = try ws.jsonArray(["outbox", "--json"])
        // The demo pages have no owner: no staff notices.
        #expect(items.compactMap { $0["kind"] as? String } == ["confirmation", "reminder", "cancelled"])
        #expect(items.compactMap { $0["state"] as? String } == ["pending", "withdrawn", "pending"])
        #expect(items.allSatisfy { $0["booking"] as? Int == Int(booked.id) })
        #expect(items[1]["before"] as? Int == 3_600 && items[0]["before"] is NSNull)
        #expect(items.compactMap { $0["sequence"] as? Int } == [0, 0, 1])
        let table = try ws.ok(["outbox"])
        #expect(table.contains("reminder (1 hour before)") && table.contains("withdrawn"))
        #expect(try ws.jsonArray(["outbox", "--json", "--booking", "999"]).isEmpty)
        #expect(try ws.jsonArray(["outbox", "--json", "--limit", "2"]).count == 2)
    }
}
