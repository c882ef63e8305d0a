import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// `linkdesk link` refusals: exit 2, one line on stderr, nothing on stdout, nothing stored.
@Suite("link: refusals")
struct LinkRefusalTests {
    @Test("one-time links are refused on a booking page and on a Static master page, with the SPEC sentence",
          arguments: ["cactus-co-main", "salescall555", "marketing", "Marketing"])
    func oneTimeOnlyDynamic(page: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.expectRefused(["link", page, "--one-time"], Refusal.Reason.oneTimeOnlyDynamic.sentence, exact: true)
        #expect(try ws.links().isEmpty)
    }

    @Test("an ambiguous page name lists both candidates (SQLite)")
    func ambiguousName() throws { try ambiguousName(store: .sqlite) }

    @Test("an ambiguous page name lists both candidates (PostgreSQL)", .postgres)
    func ambiguousNameOnPostgres() throws { try ambiguousName(store: .postgres) }

    func ambiguousName(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let result = try ws.expectRefused(["link", "Sales call"], "ambiguous page \"Sales call\"")
        #expect(result.stderr.contains("salescall555"))
        #expect(result.stderr.contains("booking:Sales call"))
        #expect(result.stderr.contains("master:Sales call"))
        // Each kind prefix picks one page.
        #expect(try ws.ok(["link", "master:Sales call"]).trimmingCharacters(in: .whitespacesAndNewlines)
                == "http://localhost:8080/salescall")
        #expect(try ws.ok(["link", "booking:sales CALL"]).trimmingCharacters(in: .whitespacesAndNewlines)
                == "http://localhost:8080/salescall555")
    }

    @Test("an unknown page lists the candidates (SQLite)")
    func unknownPage() throws { try unknownPage(store: .sqlite) }

    @Test("an unknown page lists the candidates (PostgreSQL)", .postgres)
    func unknownPageOnPostgres() throws { try unknownPage(store: .postgres) }

    func unknownPage(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let all = try ws.expectRefused(["link", "no-such-page"], "unknown page \"no-such-page\"")
        for slug in ["cactus-co-main", "salescall555", "session555", "support-lee", "salescall", "marketing"] {
            #expect(all.stderr.contains("(\(slug))"), "candidate \(slug) missing: \(all.stderr)")
        }
        let near = try ws.expectRefused(["link", "market"], "unknown page \"market\"")
        #expect(near.stderr.contains("(marketing)"))
        #expect(!near.stderr.contains("(cactus-co-main)"), "only near candidates when there are some")
    }

    @Test("bad link options are refused", arguments: [
        (["link", "salescall", "--email", "not-an-email"], "invalid email"),
        (["link", "salescall", "--name", "Jane", "--email", "jane@"], "invalid email"),
        (["link", "salescall", "--uses", "2"], "--uses and --expires apply to one-time links only"),
        (["link", "salescall", "--expires", "7d"], "--uses and --expires apply to one-time links only"),
        (["link", "salescall", "--one-time", "--expires", "91d"], "90 days"),
        (["link", "salescall", "--one-time", "--expires", "2026-01-01"], "expiry must be in the future"),
        (["link", "salescall", "--one-time", "--expires", "soon"], "--expires takes"),
        (["link", "salescall", "--one-time", "--uses", "0"], "uses must be between"),
        (["link", "salescall", "--param", "mobile=555-1234"], "digits only"),
        (["link", "salescall", "--param", "colour=blue"], "--param takes key=value"),
        (["link", "salescall", "--param", "note"], "--param takes key=value"),
        (["link", "salescall", "--name", "A", "--param", "name=B"], "--param takes key=value"),
    ])
    func badOptions(arguments: [String], reason: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["pages"])  // create the database first, so that "unchanged" is meaningful
        try ws.expectRefused(arguments, reason)
    }

    @Test("an expiry of exactly 90 days is accepted, a shorter one is kept (SQLite)")
    func expiryLimits() throws { try expiryLimits(store: .sqlite) }

    @Test("an expiry of exactly 90 days is accepted, a shorter one is kept (PostgreSQL)", .postgres)
    func expiryLimitsOnPostgres() throws { try expiryLimits(store: .postgres) }

    func expiryLimits(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let ninety = try ws.jsonObject(["link", "salescall", "--one-time", "--expires", "90d", "--json"])
        #expect(ninety["expiresAt"] as? String == "2027-02-21T12:00:00Z")
        let week = try ws.jsonObject(["link", "salescall", "--one-time", "--expires", "7d", "--json"])
        #expect(week["expiresAt"] as? String == "2026-11-30T12:00:00Z")
        let byDate = try ws.jsonObject(["link", "salescall", "--one-time", "--expires", "2026-12-31", "--json"])
        #expect(byDate["expiresAt"] as? String == "2026-12-31T23:59:59Z")
        let fallback = try ws.jsonObject(["link", "salescall", "--one-time", "--json"])
        #expect(fallback["expiresAt"] as? String == "2027-02-21T12:00:00Z")
    }
}
