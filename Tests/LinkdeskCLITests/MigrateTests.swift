import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// `linkdesk migrate --from FILE.sqlite --to postgres://…` through the real binary (SPEC §6): a
/// SQLite workspace with links, uses, bookings, activity and a former slug moves whole; the links
/// made before keep working on PostgreSQL and the former slug stays dead.
@Suite struct MigrateTests {
    static let customer = ["--name", "Ada Lovelace", "--email", "ada@example.com"]

    @Test(.postgres) func aWholeWorkspaceMovesAndItsLinksKeepWorking() throws {
        _ = try PostgresServer.require()
        let sqlite = try CLIWorkspace(.sqlite)
        defer { sqlite.remove() }
        let target = try CLIWorkspace(.postgres)
        defer { target.remove() }

        // The SQLite workspace: one-time links (one used, one for later, a 3-use one used once),
        // bookings through them and through a page link, a former slug, the activity of it all.
        let used = try sqlite.oneTimeLink()
        let later = try sqlite.oneTimeLink()
        let threeUses = try sqlite.oneTimeLink(["--uses", "3"])
        try sqlite.ok(["book", used.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(9)] + Self.customer)
        try sqlite.ok(["book", threeUses.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10)] + Self.customer)
        try sqlite.ok(["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(11)] + Self.customer)
        try sqlite.ok(["page", "set-link", "salescall", "sales-team"])
        try sqlite.ok(["calendar-url", "cactus-co-main"])
        let before = (links: try sqlite.links(), bookings: try sqlite.bookings(),
                      activity: try sqlite.jsonArray(["activity", "--json", "--limit", "100000"]))

        let moved = try sqlite.run(["migrate", "--from", sqlite.dbPath, "--to", target.dbPath])
        #expect(moved.status == 0, "\(moved)")
        #expect(moved.stdout.contains("3 one-time links, 3 bookings"), "\(moved.stdout)")
        #expect(moved.stdout.contains("1 former slugs, 0 manage links, 0 booking requests, 1 calendar feeds: counts verified"),
                "\(moved.stdout)")

        // Read back through the CLI on PostgreSQL: the same lists.
        func ids(_ rows: [[String: Any]], _ key: String) -> [String] { rows.map { "\($0[key] ?? "")" } }
        #expect(ids(try target.links(), "linkId") == ids(before.links, "linkId"))
        #expect(try target.links().map { "\($0["usesLeft"] ?? "")" } == before.links.map { "\($0["usesLeft"] ?? "")" })
        #expect(ids(try target.bookings(), "id") == ids(before.bookings, "id"))
        let activity = try target.jsonArray(["activity", "--json", "--limit", "100000"])
        #expect(activity.count == before.activity.count)
        #expect(ids(activity, "kind") == ids(before.activity, "kind"))

        // A one-time link made before the move books after it, once; the used one stays used;
        // the 3-use one has its 2 uses left; the former slug is refused, the new one books.
        try target.ok(["book", later.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(13)] + Self.customer)
        try target.expectRefused(["book", later.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(14)] + Self.customer,
                                 Refusal.DeadLink.used.sentence, exact: true)
        try target.expectRefused(["book", used.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(14)] + Self.customer,
                                 Refusal.DeadLink.used.sentence, exact: true)
        try target.ok(["book", threeUses.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(14)] + Self.customer)
        try target.expectRefused(["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(15)] + Self.customer,
                                 "no longer works")
        try target.ok(["book", "http://localhost:8080/sales-team", "--event", Demo.thirty, "--at", Demo.tuesdayLocal(15)]
                      + Self.customer)
        #expect(try target.bookings().count == 6)
        // New bookings continue after the moved ids.
        let newest = try target.bookings().compactMap { $0["id"] as? Int }.max() ?? 0
        #expect(newest == 6)

        // The calendar feed moved (its URL is stored hashed: it can only be replaced).
        try target.expectRefused(["calendar-url", "cactus-co-main"], "already has a calendar feed")

        // Into a database that holds a workspace already: refused, one line, nothing changed.
        let again = try sqlite.run(["migrate", "--from", sqlite.dbPath, "--to", target.dbPath])
        #expect(again.status == 3 && again.stderrLines.count == 1, "\(again)")
        #expect(try target.bookings().count == 6)
    }

    @Test(.postgres, .tools("python3")) func staffCalendarsMoveWithTheirBusyTimes() throws {
        _ = try PostgresServer.require()
        let feed = try ICSFeedServer()
        defer { feed.stop() }
        feed.serve(CalendarsCommandTests.feed)
        let sqlite = try CLIWorkspace(.sqlite)
        defer { sqlite.remove() }
        let target = try CLIWorkspace(.postgres)
        defer { target.remove() }
        let me = SystemUser.login, admin = URLComponents(string: target.dbPath)?.user ?? "postgres"
        try sqlite.ok(["staff", "add", me, "--name", "Me Admin", "--email", "me@example.com", "--role", "administrator", "--owns", "salescall555"])
        if admin != me { try sqlite.ok(["staff", "add", admin, "--name", "Pat Admin", "--email", "pat@example.com", "--role", "administrator"]) }
        try sqlite.ok(["calendars", "add", me, "--ics", feed.url, "--name", "feed"])
        try sqlite.ok(["calendars", "add", me, "--caldav", "https://dav.example.com/me/", "--user", "me", "--password-env", "LINKDESK_CALDAV_ME",
                       "--name", "dav", "--no-sync"])
        let slots = ["slots", "http://localhost:8080/salescall555", "--event", Demo.thirty, "--days", "2", "--json"]
        let before = try sqlite.jsonArray(slots).compactMap { $0["start"] as? String }
        #expect(!before.contains("2026-11-24T14:00:00Z"))

        let moved = try sqlite.run(["migrate", "--from", sqlite.dbPath, "--to", target.dbPath])
        #expect(moved.status == 0, "\(moved)")
        let calendars = try target.jsonArray(["calendars", "--json"])
        #expect(calendars.compactMap { $0["name"] as? String } == ["dav", "feed"], "\(calendars)")
        #expect(calendars.last?["events"] as? Int == 1 && calendars.first?["passwordFrom"] as? String == "$LINKDESK_CALDAV_ME")
        // The busy times moved too: the time stays taken before any sync on the new database.
        #expect(try target.jsonArray(slots).compactMap { $0["start"] as? String } == before)
    }
}
