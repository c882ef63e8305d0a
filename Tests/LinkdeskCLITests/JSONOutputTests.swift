import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// The documented `--json` shapes scripts rely on.
@Suite("--json output")
struct JSONOutputTests {
    static var isoZ: Regex<Substring> { #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/# }
    static var oneTimeURL: Regex<Substring> { #/^http:\/\/localhost:8080\/\.[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{13}$/# }

    static func date(_ value: Any?) throws -> Date {
        let text = try #require(value as? String)
        #expect(text.wholeMatch(of: isoZ) != nil, "not ISO 8601 with Z: \(text)")
        return try #require(ISO8601.date(text))
    }

    @Test("pages --json: kind, name, slug, ruleType (null for booking pages), url (SQLite)")
    func pages() throws { try pages(store: .sqlite) }

    @Test("pages --json: kind, name, slug, ruleType (null for booking pages), url (PostgreSQL)", .postgres)
    func pagesOnPostgres() throws { try pages(store: .postgres) }

    func pages(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let pages = try ws.jsonArray(["pages", "--json"])
        #expect(pages.count == 6)
        for page in pages {
            for key in ["kind", "name", "slug", "ruleType", "url"] {
                #expect(page.keys.contains(key), "\(key) missing in \(page)")
            }
            let slug = try #require(page["slug"] as? String)
            #expect(page["url"] as? String == "http://localhost:8080/" + slug)
            switch page["kind"] as? String {
            case "booking": #expect(page["ruleType"] is NSNull, "ruleType must be null for booking pages: \(page)")
            case "master": #expect(["dynamic", "static"].contains(page["ruleType"] as? String))
            default: Issue.record("unexpected kind in \(page)")
            }
        }
        let bySlug = Dictionary(uniqueKeysWithValues: pages.map { ($0["slug"] as? String ?? "", $0) })
        #expect(bySlug["salescall"]?["ruleType"] as? String == "dynamic")
        #expect(bySlug["salescall"]?["name"] as? String == "Sales call")
        #expect(bySlug["marketing"]?["ruleType"] as? String == "static")
        #expect(bySlug["salescall555"]?["kind"] as? String == "booking")
        #expect(bySlug["salescall555"]?["name"] as? String == "Sales call")

        // --base-url changes every url, without a doubled slash.
        let based = try ws.jsonArray(["pages", "--json", "--base-url", "https://book.example.com/t/"])
        #expect(based.allSatisfy { ($0["url"] as? String)?.hasPrefix("https://book.example.com/t/") == true })
        #expect(based.allSatisfy { ($0["url"] as? String)?.contains("/t//") == false })
    }

    @Test("link --json: url and linkId for one-time links; no linkId for a general link (SQLite)")
    func link() throws { try link(store: .sqlite) }

    @Test("link --json: url and linkId for one-time links; no linkId for a general link (PostgreSQL)", .postgres)
    func linkOnPostgres() throws { try link(store: .postgres) }

    func link(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let oneTime = try ws.jsonObject(["link", "salescall", "--one-time", "--json"])
        let url = try #require(oneTime["url"] as? String)
        #expect(url.wholeMatch(of: Self.oneTimeURL) != nil, "\(url)")
        let linkID = try #require(oneTime["linkId"] as? String)
        #expect(linkID.hasPrefix("ot-"))
        #expect(!url.contains(linkID))
        #expect(oneTime["kind"] as? String == "one-time")
        #expect(oneTime["usesLeft"] as? Int == 1)

        let general = try ws.jsonObject(["link", "salescall", "--json"])
        #expect(general["url"] as? String == "http://localhost:8080/salescall")
        #expect(general["linkId"] == nil || general["linkId"] is NSNull)
        #expect(general["kind"] as? String == "general")

        let personal = try ws.jsonObject(["link", "cactus-co-main", "--name", "Jane Smythe", "--email", "jane@example.com", "--json"])
        #expect(personal["url"] as? String == "http://localhost:8080/cactus-co-main?name=Jane%20Smythe&email=jane@example.com")
        #expect(personal["kind"] as? String == "personalized")
        let shown = try ws.jsonObject(["link", "cactus-co-main", "--name", "Jane", "--email", "jane@example.com", "--show-form", "--json"])
        #expect((shown["url"] as? String)?.hasSuffix("&skip=0") == true)

        // Without --json, stdout is exactly the URL and one newline.
        let plain = try ws.ok(["link", "salescall", "--one-time", "--uses", "3"])
        #expect(plain.hasSuffix("\n"))
        #expect(plain.dropLast().wholeMatch(of: Self.oneTimeURL) != nil, "\(plain)")
    }

    @Test("book --json and bookings --json: id, page, teamMember, event, start, end, status, customer, linkKind, linkId (SQLite)")
    func bookings() throws { try bookings(store: .sqlite) }

    @Test("book --json and bookings --json: id, page, teamMember, event, start, end, status, customer, linkKind, linkId (PostgreSQL)", .postgres)
    func bookingsOnPostgres() throws { try bookings(store: .postgres) }

    func bookings(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let link = try ws.oneTimeLink(["--name", "Jane Smythe", "--email", "jane@example.com"])
        let booked = try ws.jsonObject(["book", link.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--json"])
        let general = try ws.jsonObject(["book", Demo.salescall, "--event", Demo.fifteen, "--at", Demo.tuesdayLocal(11),
                                         "--name", "Sam Ode", "--email", "sam@example.com", "--json"])
        let listed = try ws.bookings()
        #expect(listed.count == 2)
        let first = try #require(listed.first { $0["id"] as? Int == booked["id"] as? Int })
        let second = try #require(listed.first { $0["id"] as? Int == general["id"] as? Int })

        for (made, row) in [(booked, first), (general, second)] {
            for key in ["id", "page", "teamMember", "event", "start", "end", "status", "customer", "linkKind", "linkId"] {
                #expect(made.keys.contains(key), "book --json lacks \(key)")
                #expect(row.keys.contains(key), "bookings --json lacks \(key)")
            }
            #expect(NSDictionary(dictionary: made).isEqual(to: row), "book --json and bookings --json differ: \(made) vs \(row)")
        }

        #expect(first["page"] as? String == "Sales call")
        #expect(first["teamMember"] as? String == "Cactus Co Main")
        #expect(first["event"] as? String == Demo.thirty)
        #expect(first["start"] as? String == Demo.tuesdayUTC(10))
        #expect(try Self.date(first["end"]).timeIntervalSince(try Self.date(first["start"])) == 30 * 60)
        #expect(first["status"] as? String == "scheduled")
        let customer = try #require(first["customer"] as? [String: Any])
        #expect(customer["name"] as? String == "Jane Smythe")
        #expect(customer["email"] as? String == "jane@example.com")
        #expect(first["linkKind"] as? String == "one-time")
        #expect(first["linkId"] as? String == link.linkID)

        #expect(second["teamMember"] as? String == "Sales call", "15 minutes go to the Sales call booking page by the Dynamic rule")
        #expect(second["end"] as? String == Demo.tuesdayUTC(11, 15))
        #expect(second["linkKind"] as? String == "general")
        #expect(second["linkId"] is NSNull, "linkId is an explicit null for links that are not one-time")

        // Status values after changes.
        try ws.ok(["reschedule", "\(first["id"] as? Int ?? 0)", "--at", Demo.tuesdayLocal(14)])
        try ws.ok(["cancel", "\(second["id"] as? Int ?? 0)", "--reason", "no longer needed"])
        let after = try ws.bookings()
        #expect(after.map { $0["status"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") } == ["canceled-by-staff", "rescheduled"])
        let moved = try #require(after.first { $0["id"] as? Int == first["id"] as? Int })
        #expect(moved["start"] as? String == Demo.tuesdayUTC(14))
        #expect(moved["end"] as? String == Demo.tuesdayUTC(14, 30))
    }

    @Test("links --json: linkId, page, status, usesLeft, createdAt, expiresAt (SQLite)")
    func links() throws { try links(store: .sqlite) }

    @Test("links --json: linkId, page, status, usesLeft, createdAt, expiresAt (PostgreSQL)", .postgres)
    func linksOnPostgres() throws { try links(store: .postgres) }

    func links(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let a = try ws.oneTimeLink(["--uses", "2", "--name", "Jane Smythe"])
        let b = try ws.oneTimeLink(["--expires", "7d"])
        try ws.ok(["book", a.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--email", "jane@example.com"])
        try ws.ok(["revoke", b.linkID])
        let links = try ws.links()
        #expect(links.count == 2)
        for link in links {
            for key in ["linkId", "page", "status", "usesLeft", "createdAt", "expiresAt"] {
                #expect(link.keys.contains(key), "\(key) missing in \(link)")
            }
            #expect(link["page"] as? String == "Sales call")
            #expect(link["createdAt"] as? String == CLIWorkspace.defaultNow)
            _ = try Self.date(link["expiresAt"])
        }
        let rowA = try #require(links.first { $0["linkId"] as? String == a.linkID })
        #expect(rowA["usesLeft"] as? Int == 1)
        #expect(rowA["status"] as? String == "live")
        #expect(rowA["expiresAt"] as? String == "2027-02-21T12:00:00Z")
        let rowB = try #require(links.first { $0["linkId"] as? String == b.linkID })
        #expect(rowB["status"] as? String == "revoked")
        #expect(rowB["usesLeft"] as? Int == 1)
        #expect(rowB["expiresAt"] as? String == "2026-11-30T12:00:00Z")
    }

    @Test("slots --json: an array of {event, start, teamMember}; a booked slot disappears (SQLite)")
    func slots() throws { try slots(store: .sqlite) }

    @Test("slots --json: an array of {event, start, teamMember}; a booked slot disappears (PostgreSQL)", .postgres)
    func slotsOnPostgres() throws { try slots(store: .postgres) }

    func slots(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let tuesday = "2026-11-24T05:00:00Z"  // Tuesday 00:00 in New York
        let slots = try ws.jsonArray(["slots", Demo.salescall, "--event", Demo.thirty, "--days", "1", "--json"], now: tuesday)
        #expect(slots.count == 16)
        for slot in slots {
            #expect(Set(slot.keys) == ["event", "start", "teamMember"], "\(slot)")
            #expect(slot["event"] as? String == Demo.thirty)
            #expect(slot["teamMember"] as? String == "Cactus Co Main")
            _ = try Self.date(slot["start"])
        }
        #expect(slots.first?["start"] as? String == Demo.tuesdayUTC(9))
        #expect(slots.last?["start"] as? String == Demo.tuesdayUTC(16, 30))

        let both = try ws.jsonArray(["slots", Demo.salescall, "--days", "1", "--json"], now: tuesday)
        #expect(both.filter { $0["event"] as? String == Demo.fifteen }.allSatisfy { $0["teamMember"] as? String == "Sales call" })
        #expect(both.count == 16 + 32)

        try ws.ok(["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                   "--name", "Casey", "--email", "casey@example.com"], now: tuesday)
        let after = try ws.jsonArray(["slots", Demo.salescall, "--event", Demo.thirty, "--days", "1", "--json"], now: tuesday)
        #expect(after.count == 15)
        #expect(!after.contains { $0["start"] as? String == Demo.tuesdayUTC(10) })
        // Static master "Marketing": every free slot goes to its first member that offers the event.
        let marketing = try ws.jsonArray(["slots", "http://localhost:8080/marketing", "--event", Demo.thirty,
                                          "--days", "1", "--json"], now: tuesday)
        #expect(marketing.count == 16)
        #expect(marketing.allSatisfy { $0["teamMember"] as? String == "Marketing call" })
    }

    @Test("activity --json: at, actor, kind, subject, detail, by, newest first (SQLite)")
    func activity() throws { try activity(store: .sqlite) }

    @Test("activity --json: at, actor, kind, subject, detail, by, newest first (PostgreSQL)", .postgres)
    func activityOnPostgres() throws { try activity(store: .postgres) }

    func activity(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let link = try ws.oneTimeLink()
        try ws.ok(["book", link.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                   "--name", "Casey", "--email", "casey@example.com"])
        let events = try ws.jsonArray(["activity", "--json"])
        #expect(events.map { $0["kind"] as? String } == ["booking scheduled", "one-time link used", "one-time link created"])
        #expect(events.map { $0["actor"] as? String } == ["customer", "customer", "staff"])
        let by = events.map { $0["by"] as? String }
        #expect(by[0] == nil && by[1] == nil, "customers' events name no staff member")
        #expect(by[2].map { !$0.isEmpty } == true, "a staff event names the login that acted: \(events[2])")
        for event in events {
            #expect(Set(event.keys) == ["at", "actor", "kind", "subject", "detail", "by"])
            #expect(event["at"] as? String == CLIWorkspace.defaultNow)
        }
    }
}
