import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// `page set-rules` and `page set-link` end to end, with `--as-customer` for the customer's rules.
@Suite("page set-rules / set-link through the command line")
struct PageChangeTests {
    static let customer = ["--name", "Casey", "--email", "casey@example.com"]

    @Test("Dynamic → Static: prints how many live links stopped; bookings through them cancel but never reschedule (SQLite)")
    func setRules() throws { try setRules(store: .sqlite) }

    @Test("Dynamic → Static: prints how many live links stopped; bookings through them cancel but never reschedule (PostgreSQL)", .postgres)
    func setRulesOnPostgres() throws { try setRules(store: .postgres) }

    func setRules(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let used = try ws.oneTimeLink()
        let live1 = try ws.oneTimeLink()
        _ = try ws.oneTimeLink(["--uses", "4"])
        let revoked = try ws.oneTimeLink()
        try ws.ok(["revoke", revoked.linkID])
        let booked = try ws.jsonObject(["book", used.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--json"]
            + Self.customer)
        let id = "\(booked["id"] as? Int ?? 0)"

        let out = try ws.ok(["page", "set-rules", "master:Sales call", "static"])
        #expect(out == "Sales call: Static rules; 2 one-time links stopped working\n")
        #expect(try ws.jsonArray(["pages", "--json"]).first { $0["slug"] as? String == "salescall" }?["ruleType"] as? String == "static")
        let statuses = Dictionary(uniqueKeysWithValues: try ws.links().map { ($0["linkId"] as? String ?? "", $0["status"] as? String ?? "") })
        #expect(statuses[used.linkID] == "used")
        #expect(statuses[live1.linkID] == "invalidated")
        #expect(statuses[revoked.linkID] == "revoked")
        #expect(statuses.values.filter { $0 == "invalidated" }.count == 2)

        try ws.expectRefused(["reschedule", id, "--at", Demo.tuesdayLocal(11)], Refusal.Reason.rescheduleClosedStatic.sentence, exact: true)
        try ws.expectRefused(["reschedule", id, "--as-customer", "--at", Demo.tuesdayLocal(11)],
                             Refusal.Reason.rescheduleClosedStatic.sentence, exact: true)
        try ws.expectRefused(["link", "salescall", "--one-time"], Refusal.Reason.oneTimeOnlyDynamic.sentence, exact: true)

        // Back to Dynamic: nothing revives.
        #expect(try ws.ok(["page", "set-rules", "salescall", "DYNAMIC"]) == "Sales call: Dynamic rules; 0 one-time links stopped working\n")
        try ws.expectRefused(["book", live1.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(12)] + Self.customer,
                             Refusal.DeadLink.invalidated.sentence, exact: true)
        try ws.expectRefused(["reschedule", id, "--at", Demo.tuesdayLocal(11)], Refusal.Reason.rescheduleClosedStatic.sentence, exact: true)
        // A link made after switching back works.
        let fresh = try ws.oneTimeLink()
        try ws.ok(["book", fresh.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(12)] + Self.customer)
        // Cancelling the old booking is still allowed (Cactus Co Main: reason optional).
        let canceled = try ws.jsonObject(["cancel", id, "--as-customer", "--json"])
        #expect(canceled["status"] as? String == "canceled-by-customer")
        // Switching to the rule type already in force changes nothing.
        #expect(try ws.ok(["page", "set-rules", "salescall", "dynamic"]) == "Sales call: Dynamic rules; 0 one-time links stopped working\n")
    }

    @Test("set-link: former link dead at once; customer can't change bookings made through it, staff can (SQLite)")
    func setLink() throws { try setLink(store: .sqlite) }

    @Test("set-link: former link dead at once; customer can't change bookings made through it, staff can (PostgreSQL)", .postgres)
    func setLinkOnPostgres() throws { try setLink(store: .postgres) }

    func setLink(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let oneTime = try ws.oneTimeLink()
        let viaOld = try ws.jsonObject(["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--json"]
            + Self.customer)
        let id = "\(viaOld["id"] as? Int ?? 0)"

        let out = try ws.run(["page", "set-link", "salescall", "sales-team"])
        #expect(out.status == 0, "\(out)")
        #expect(out.stdout == "http://localhost:8080/sales-team\n")
        #expect(out.stderr.contains("http://localhost:8080/salescall no longer works"))

        try ws.expectRefused(["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(11)] + Self.customer,
                             "no longer works")
        try ws.expectRefused(["slots", Demo.salescall], "no longer works")
        try ws.ok(["book", "http://localhost:8080/sales-team", "--event", Demo.thirty, "--at", Demo.tuesdayLocal(11)] + Self.customer)
        // One-time links are not tied to the slug.
        try ws.ok(["book", oneTime.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(12)] + Self.customer)

        try ws.expectRefused(["cancel", id, "--as-customer"], Refusal.Reason.formerLink.sentence, exact: true)
        try ws.expectRefused(["reschedule", id, "--as-customer", "--at", Demo.tuesdayLocal(14)], Refusal.Reason.formerLink.sentence, exact: true)
        let moved = try ws.jsonObject(["reschedule", id, "--at", Demo.tuesdayLocal(14), "--json"])
        #expect(moved["status"] as? String == "rescheduled")
        let canceled = try ws.jsonObject(["cancel", id, "--json"])
        #expect(canceled["status"] as? String == "canceled-by-staff")
        let kinds = try ws.jsonArray(["activity", "--json"]).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("page link changed"))
    }

    @Test("--as-customer applies the policy's timeframe; staff are not bound by it (SQLite)")
    func customerTimeframe() throws { try customerTimeframe(store: .sqlite) }

    @Test("--as-customer applies the policy's timeframe; staff are not bound by it (PostgreSQL)", .postgres)
    func customerTimeframeOnPostgres() throws { try customerTimeframe(store: .postgres) }

    func customerTimeframe(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        // Cactus Co Main: customers cancel and reschedule up to 1 day before.
        let booked = try ws.jsonObject(["book", "http://localhost:8080/cactus-co-main", "--event", Demo.thirty,
                                        "--at", Demo.tuesdayLocal(10), "--json"] + Self.customer)
        let id = "\(booked["id"] as? Int ?? 0)"
        let late = "2026-11-23T16:00:00Z"  // Monday 11:00, 23 hours before
        try ws.expectRefused(["cancel", id, "--as-customer"], "only up to 1 day before", now: late)
        try ws.expectRefused(["reschedule", id, "--as-customer", "--at", Demo.tuesdayLocal(11)], "only up to 1 day before", now: late)
        let moved = try ws.jsonObject(["reschedule", id, "--as-customer", "--at", "2026-11-25T10:00", "--json"])  // 27 h before
        #expect(moved["start"] as? String == "2026-11-25T15:00:00Z")
        let staff = try ws.jsonObject(["cancel", id, "--json"], now: "2026-11-25T14:50:00Z")  // 10 minutes before
        #expect(staff["status"] as? String == "canceled-by-staff")
    }
}
