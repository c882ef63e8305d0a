import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// `linkdesk book` / `slots` refusals: exit 2, one line on stderr, nothing on stdout, nothing stored.
@Suite("book and slots: refusals")
struct BookRefusalTests {
    static let customer = ["--name", "Casey Kim", "--email", "casey@example.com"]

    @Test("malformed and foreign URLs are refused by book and slots", arguments: [
        ("http://localhost:8080/.0OI", "malformed one-time link"),
        ("http://localhost:8080/.ABCDEFGHJKMN0", "malformed one-time link"),
        ("not a url", "malformed URL"),
        ("", "malformed URL"),
        ("http://localhost:8080/salescall?name=%G1", "malformed URL"),
        ("http://localhost:8080/salescall?name=%FF", "malformed URL"),
        ("http://localhost:8080/sales/call", "malformed URL"),
        ("http://localhost:8080/", "malformed URL"),
        ("https://example.com/salescall", "not a link of this workspace"),
        ("http://localhost:8080/no-such-page", "no page at the link"),
        ("http://localhost:8080/.ABCDEFGHJKMNP", "unknown one-time link"),
    ])
    func malformedURL(url: String, reason: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["pages"])
        try ws.expectRefused(["book", url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10)] + Self.customer, reason)
        try ws.expectRefused(["slots", url], reason)
    }

    @Test("booking refusals by the rules of the page and the form (SQLite)")
    func ruleRefusals() throws { try ruleRefusals(store: .sqlite) }

    @Test("booking refusals by the rules of the page and the form (PostgreSQL)", .postgres)
    func ruleRefusalsOnPostgres() throws { try ruleRefusals(store: .postgres) }

    func ruleRefusals(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let link = Demo.salescall
        // The form: a general link carries neither name nor email.
        try ws.expectRefused(["book", link, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10)],
                             Refusal.Reason.formRequired.sentence, exact: true)
        try ws.expectRefused(["book", link, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                              "--name", "Casey", "--email", "casey@"], Refusal.Reason.formRequired.sentence, exact: true)
        try ws.expectRefused(["book", link, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                              "--name", "   ", "--email", "casey@example.com"], Refusal.Reason.formRequired.sentence, exact: true)
        // Times: outside opening hours, on a Saturday, off the slot grid, in the past.
        try ws.expectRefused(["book", link, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(18)] + Self.customer,
                             "not a slot inside")
        try ws.expectRefused(["book", link, "--event", Demo.thirty, "--at", "2026-11-28T10:00"] + Self.customer,
                             "not a slot inside")
        try ws.expectRefused(["book", link, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10, 10)] + Self.customer,
                             "not a slot inside")
        try ws.expectRefused(["book", link, "--event", Demo.thirty, "--at", "2026-11-20T10:00"] + Self.customer,
                             "that time has passed")
        try ws.expectRefused(["book", link, "--event", Demo.thirty, "--at", "tomorrow at ten"] + Self.customer,
                             "--at takes an ISO 8601")
        // Event types: not offered, or not chosen where several are offered.
        try ws.expectRefused(["book", link, "--event", "60-minute meeting", "--at", Demo.tuesdayLocal(10)] + Self.customer,
                             "does not offer event type")
        try ws.expectRefused(["book", link, "--at", Demo.tuesdayLocal(10)] + Self.customer, "choose an event type")
        // A slot taken once is refused the second time.
        try ws.ok(["book", link, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10)] + Self.customer)
        try ws.expectRefused(["book", link, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                              "--name", "Other", "--email", "other@example.com"], "that slot is already taken")
        // A 60-minute meeting overlapping the 30-minute one on the same team member is taken too.
        try ws.expectRefused(["book", "http://localhost:8080/cactus-co-main", "--event", "60-minute meeting",
                              "--at", Demo.tuesdayLocal(10)] + Self.customer, "that slot is already taken")
        #expect(try ws.bookings().count == 1)
    }

    @Test("one-time links refused when used, revoked, expired or invalidated, with the exact rule (SQLite)")
    func deadOneTimeLinks() throws { try deadOneTimeLinks(store: .sqlite) }

    @Test("one-time links refused when used, revoked, expired or invalidated, with the exact rule (PostgreSQL)", .postgres)
    func deadOneTimeLinksOnPostgres() throws { try deadOneTimeLinks(store: .postgres) }

    func deadOneTimeLinks(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let used = try ws.oneTimeLink()
        let revoked = try ws.oneTimeLink()
        let expiring = try ws.oneTimeLink(["--expires", "1d"])
        try ws.ok(["book", used.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(9)] + Self.customer)
        try ws.ok(["revoke", revoked.linkID])

        let at = ["--event", Demo.thirty, "--at", Demo.tuesdayLocal(11)] + Self.customer
        try ws.expectRefused(["book", used.url] + at, Refusal.DeadLink.used.sentence, exact: true)
        try ws.expectRefused(["slots", used.url], Refusal.DeadLink.used.sentence, exact: true)
        try ws.expectRefused(["book", revoked.url] + at, Refusal.DeadLink.revoked.sentence, exact: true)
        try ws.expectRefused(["revoke", revoked.linkID], "already revoked")
        try ws.expectRefused(["revoke", used.linkID], "nothing to revoke")
        try ws.expectRefused(["revoke", "ot-zzzzzz"], "ot-zzzzzz")

        let later = "2026-11-24T13:00:00Z"  // Tuesday 08:00 local: the 1-day link has expired
        _ = try ws.ok(["links"], now: later)  // listing notes the expiry in the activity stream once
        try ws.expectRefused(["book", expiring.url] + at, Refusal.DeadLink.expired.sentence, exact: true, now: later)

        let live = try ws.oneTimeLink()
        try ws.ok(["page", "set-rules", "salescall", "static"])
        try ws.expectRefused(["book", live.url] + at, Refusal.DeadLink.invalidated.sentence, exact: true)
        #expect(try ws.bookings().count == 1)
    }

    @Test("slots refusals: --days out of range, unknown event (SQLite)")
    func slotsRefusals() throws { try slotsRefusals(store: .sqlite) }

    @Test("slots refusals: --days out of range, unknown event (PostgreSQL)", .postgres)
    func slotsRefusalsOnPostgres() throws { try slotsRefusals(store: .postgres) }

    func slotsRefusals(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        try ws.ok(["pages"])
        try ws.expectRefused(["slots", Demo.salescall, "--days", "0"], "--days must be between 1 and 366")
        try ws.expectRefused(["slots", Demo.salescall, "--days", "367"], "--days must be between 1 and 366")
        try ws.expectRefused(["slots", Demo.salescall, "--event", "Lunch"], "does not offer event type")
    }
}
