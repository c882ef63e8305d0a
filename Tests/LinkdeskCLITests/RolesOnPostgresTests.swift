import Foundation
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskTestSupport
import Testing

/// Team mode's roles enforced by PostgreSQL itself (SPEC §8): an administrator, two members and
/// the site's login, each refused through the command line and through `psql` as that login —
/// a permission error or a policy violation, never a silent success.
@Suite("roles enforced by PostgreSQL", .postgres, .tools("psql"))
struct RolesOnPostgresTests {
    /// A team on a fresh database: the test server's login as administrator, members Ben (owns
    /// the booking page salescall555) and Maya (owns session555), and a site login. Logins are
    /// the cluster's, so each test names its own and drops them (and the database's group roles).
    struct Team {
        let ws: CLIWorkspace
        let admin: String, ben: String, maya: String, site: String
        let psql: String

        init() throws {
            ws = try CLIWorkspace(.postgres)
            let suffix = String(UUID().uuidString.prefix(8)).lowercased()
            ben = "ben_" + suffix
            maya = "maya_" + suffix
            site = "site_" + suffix
            psql = try Tools.require("psql")
            admin = URLComponents(string: ws.dbPath)?.user ?? "postgres"
            try ws.ok(["staff", "add", admin, "--name", "Pat Admin", "--email", "pat@example.com", "--role", "administrator"])
            try ws.ok(["staff", "add", ben, "--name", "Ben Ode", "--email", "ben@example.com", "--role", "member", "--owns", "salescall555"])
            try ws.ok(["staff", "add", maya, "--name", "Maya Lopez", "--email", "maya@example.com", "--role", "member", "--owns", "session555"])
            try ws.ok(["staff", "add", site, "--name", "Booking site", "--email", "site@example.com", "--role", "site"])
        }

        /// The database's URL as `login`.
        func url(_ login: String) -> String {
            var parts = URLComponents(string: ws.dbPath)
            parts?.user = login
            parts?.password = nil
            return parts?.string ?? ws.dbPath
        }

        /// `linkdesk ARGS` as `login`.
        func linkdesk(_ login: String, _ arguments: [String]) throws -> Finished {
            try ws.run(arguments, extraEnv: ["LINKDESK_DB": url(login)])
        }

        /// One statement through psql as `login`, stopping at the first error.
        func sql(_ login: String, _ statement: String) throws -> Finished {
            try Processes.run(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", url(login), "-c", statement])
        }

        func book(_ slug: String, at hour: Int) throws -> String {
            let made = try ws.jsonObject(["book", "http://localhost:8080/" + slug, "--event", Demo.thirty,
                                          "--at", Demo.tuesdayLocal(hour), "--name", "Casey", "--email", "casey@example.com", "--json"])
            return "\(made["id"] as? Int ?? 0)"
        }

        func remove() {
            let groups = ((try? PostgresStore.execute("SELECT string_agg(quote_ident(value), ',') FROM meta WHERE key LIKE 'role:%'",
                                                      at: ws.dbPath))?.first?.first ?? nil) ?? ""
            ws.remove()
            guard let server = try? PostgresServer.require() else { return }
            for role in [ben, maya, site] { _ = try? PostgresStore.execute("DROP ROLE IF EXISTS \(role)", at: server) }
            if !groups.isEmpty { _ = try? PostgresStore.execute("DROP ROLE IF EXISTS \(groups)", at: server) }
        }
    }

    /// A refusal by the database: a non-zero exit and PostgreSQL's own words for it.
    static func expectDenied(_ result: Finished, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0, "\(result)", sourceLocation: sourceLocation)
        let said = result.stderr
        #expect(said.contains("permission denied") || said.contains("violates row-level security policy")
                || said.contains("only an administrator") || said.contains("or an administrator can")
                || said.contains("can only be spent") || said.contains("acts for customers only")
                || said.contains("only an administrator can change this"),
                "\(result)", sourceLocation: sourceLocation)
    }

    @Test("a member cancels their own page's booking, not another member's; the activity names them")
    func memberBookings() throws {
        let team = try Team()
        defer { team.remove() }
        let bens = try team.book("salescall555", at: 10)
        let mayas = try team.book("session555", at: 11)
        let refused = try team.linkdesk(team.ben, ["cancel", mayas, "--reason", "not mine"])
        #expect(refused.status == 2 && refused.stderr == "linkdesk: only the owner of this booking's page or an administrator can change it\n",
                "\(refused)")
        #expect(try team.linkdesk(team.ben, ["cancel", bens, "--reason", "ill"]).status == 0)
        Self.expectDenied(try team.sql(team.ben, "UPDATE booking SET status = 'Canceled by staff' WHERE id = \(mayas)"))
        Self.expectDenied(try team.sql(team.ben, "UPDATE booking SET team_member_id = 11 WHERE id = \(mayas)"))
        let statuses = try team.ws.jsonArray(["bookings", "--json"]).map { $0["status"] as? String }
        #expect(statuses == ["canceled-by-staff", "scheduled"])
        let canceled = try team.ws.jsonArray(["activity", "--json"]).first { $0["kind"] as? String == "booking canceled" }
        #expect(canceled?["by"] as? String == team.ben)
    }

    @Test("a member's login cannot change a master page, another member's page or the staff list, even through psql")
    func memberLimits() throws {
        let team = try Team()
        defer { team.remove() }
        let cli = try team.linkdesk(team.ben, ["page", "set-rules", "salescall", "static"])
        #expect(cli.stderr == "linkdesk: only an administrator can switch a master page's rule type\n" && cli.status == 2, "\(cli)")
        Self.expectDenied(try team.linkdesk(team.ben, ["staff", "add", "x_\(team.ben)", "--name", "X", "--email", "x@example.com", "--role", "member"]))
        let mayas = try team.book("session555", at: 11)
        for statement in [
            "UPDATE page SET config = jsonb_set(config, '{ruleType}', '\"static\"') WHERE slug = 'salescall'",
            "UPDATE page SET name = 'Mine now' WHERE slug = 'salescall555'",
            "UPDATE page SET config = jsonb_set(config, '{policy}', config->'policy') WHERE slug = 'session555'",
            "UPDATE page SET config = jsonb_set(config, '{ownerLogin}', '\"\(team.ben)\"') WHERE slug = 'session555'",
            "INSERT INTO staff VALUES ('x', 'X', 'x@example.com', 'administrator')",
            "UPDATE staff SET role = 'administrator' WHERE login = '\(team.ben)'",
            "DELETE FROM staff",
            // Around the rules: a token for someone else's booking, a link in the configuration
            // that is not the page's, anonymous staff activity, another member's calendar feed.
            "INSERT INTO manage_token (token_hash, booking_id) VALUES ('forged', \(mayas))",
            "INSERT INTO booking_request (key_hash, booking_id) VALUES ('forged', \(mayas))",
            "UPDATE page SET config = jsonb_set(config, '{slug}', '\"session555x\"') WHERE slug = 'salescall555'",
            "INSERT INTO activity (at, actor, kind, subject, detail) VALUES (now(), 'staff', 'staff changed', 'x', '')",
            "INSERT INTO activity (at, actor, kind, subject, detail, by_login) VALUES (now(), 'staff', 'staff changed', 'x', '', '\(team.maya)')",
            "UPDATE calendar_token SET member_id = 11",
        ] {
            Self.expectDenied(try team.sql(team.ben, statement))
        }
        // What is theirs: their own page's hours, through psql too.
        #expect(try team.sql(team.ben, "UPDATE page SET config = jsonb_set(config, '{policy}', config->'policy') WHERE slug = 'salescall555'").status == 0)
        #expect(try team.ws.jsonArray(["staff", "list", "--json"]).count == 4)
        #expect(try team.ws.jsonArray(["pages", "--json"]).first { $0["slug"] as? String == "salescall" }?["ruleType"] as? String == "dynamic")
    }

    @Test("a member revokes the one-time links they made, not another's")
    func memberLinks() throws {
        let team = try Team()
        defer { team.remove() }
        let byMaya = try #require(try JSONSerialization.jsonObject(with: Data(team.linkdesk(team.maya, ["link", "salescall", "--one-time", "--uses", "3", "--json"]).stdout.utf8)) as? [String: Any])
        let byBen = try #require(try JSONSerialization.jsonObject(with: Data(team.linkdesk(team.ben, ["link", "salescall", "--one-time", "--json"]).stdout.utf8)) as? [String: Any])
        let mayaID = try #require(byMaya["linkId"] as? String), benID = try #require(byBen["linkId"] as? String)
        let refused = try team.linkdesk(team.ben, ["revoke", mayaID])
        #expect(refused.status == 2 && refused.stderr.contains("only the staff member who made this one-time link"), "\(refused)")
        Self.expectDenied(try team.sql(team.ben, "UPDATE one_time_link SET revoked_at = now() WHERE link_id = '\(mayaID)'"))
        Self.expectDenied(try team.sql(team.ben, "UPDATE one_time_link SET uses_left = 99 WHERE link_id = '\(benID)'"))
        // Three uses at once would revoke it in all but name: a use is spent one at a time, as a booking spends it.
        Self.expectDenied(try team.sql(team.ben, "UPDATE one_time_link SET uses_left = 0 WHERE link_id = '\(mayaID)'"))
        #expect(try team.linkdesk(team.ben, ["revoke", benID]).status == 0)
        Self.expectDenied(try team.sql(team.ben, "UPDATE one_time_link SET revoked_at = NULL WHERE link_id = '\(benID)'"))
        let states = Dictionary(uniqueKeysWithValues: try team.ws.links().map { ($0["linkId"] as? String ?? "", $0["status"] as? String ?? "") })
        #expect(states[mayaID] == "live" && states[benID] == "revoked")
    }

    @Test("the site's login books through a one-time link and can do nothing else: no page change, no links, no staff list, no token hashes")
    func siteLimits() throws {
        let team = try Team()
        defer { team.remove() }
        let link = try team.ws.oneTimeLink()
        let booked = try team.linkdesk(team.site, ["book", link.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                                                   "--name", "Casey", "--email", "casey@example.com"])
        #expect(booked.status == 0, "\(booked)")
        #expect(try team.ws.links().first { $0["linkId"] as? String == link.linkID }?["status"] as? String == "used")
        for statement in [
            "UPDATE page SET name = 'Hacked' WHERE slug = 'salescall555'",
            "SELECT * FROM staff", "SELECT token_hash FROM one_time_link", "SELECT * FROM manage_token",
            "SELECT * FROM booking_request", "SELECT * FROM calendar_token",
            "INSERT INTO one_time_link (link_id, token_hash, master_id, created_at, expires_at, uses_allowed, uses_left) VALUES ('x', 'y', 20, now(), now() + interval '1 day', 1, 1)",
            "UPDATE booking SET status = 'Canceled by customer'",
        ] {
            Self.expectDenied(try team.sql(team.site, statement))
        }
        // A manage token of its own making for a booking it did not make manages nothing.
        let other = try team.book("session555", at: 11)
        Self.expectDenied(try team.sql(team.site, """
            BEGIN; INSERT INTO manage_token (token_hash, booking_id) VALUES ('forged', \(other));
            SELECT set_config('linkdesk.manage_token', 'forged', true);
            UPDATE booking SET status = 'Canceled by customer' WHERE id = \(other); COMMIT;
            """))
        Self.expectDenied(try team.linkdesk(team.site, ["link", "salescall", "--one-time"]))
        #expect(try team.ws.bookings().map { $0["status"] as? String } == ["scheduled", "scheduled"])
    }

    @Test("booking emails in team mode: a member's booking gets its manage link; the site's login sends with the workspace's sender address and addresses the page's owner; only an administrator sets the sender",
          .python("aiosmtpd"))
    func emailsAcrossRoles() throws {
        let team = try Team()
        defer { team.remove() }
        let sink = try MailSink()
        defer { sink.stop() }
        let secret = team.ws.directory.appendingPathComponent("secret").path
        try Data(repeating: 0x42, count: 32).write(to: URL(fileURLWithPath: secret))
        let mail = ["LINKDESK_SMTP_URL": "smtp://127.0.0.1:\(sink.port)", "LINKDESK_SECRET_FILE": secret]
        // The sender address, set by the administrator; a member may not, through the CLI or psql.
        let file = team.ws.directory.appendingPathComponent("team.yaml")
        try (try team.ws.ok(["workspace", "export"]) + "notifications:\n  from: desk@cactus.example\n")
            .write(to: file, atomically: true, encoding: .utf8)
        Self.expectDenied(try team.linkdesk(team.ben, ["workspace", "apply", file.path, "--yes"]))
        Self.expectDenied(try team.sql(team.ben, "INSERT INTO setting (name, value) VALUES ('mail-from', 'ben@example.com')"))
        #expect(try team.ws.run(["workspace", "apply", file.path, "--yes"]).status == 0)

        let booked = try team.ws.run(["book", "http://localhost:8080/salescall555", "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                                      "--name", "Casey", "--email", "casey@example.com", "--json"],
                                     extraEnv: mail.merging(["LINKDESK_DB": team.url(team.ben)]) { $1 })
        #expect(booked.status == 0, "a member's booking with emails on: \(booked)")
        let sent = try team.ws.run(["notify", "--once"], extraEnv: mail.merging(["LINKDESK_DB": team.url(team.site)]) { $1 })
        #expect(sent.status == 0 && sent.stdout.contains("sent 2,"), "\(sent)")
        let received = try sink.messages().map { try ReceivedMessage($0.message) }
        #expect(Set(received.map(\.to)) == ["casey@example.com", "ben@example.com"], "the customer and the page's owner")
        #expect(received.allSatisfy { $0.from == "desk@cactus.example" })
        let customer = try #require(received.first { $0.to == "casey@example.com" })
        #expect(customer.text.contains("http://localhost:8080/manage/"), "the member's booking carries its manage link")
    }

    @Test("calendars in team mode: a member adds and sees only their own (the addresses are secrets); the site's login syncs them; busy times block the member's page")
    func calendarsAcrossRoles() throws {
        let team = try Team()
        defer { team.remove() }
        let feed = try ICSFeedServer()
        defer { feed.stop() }
        feed.serve(CalendarsCommandTests.feed)
        #expect(try team.linkdesk(team.ben, ["calendars", "add", team.ben, "--ics", feed.url, "--name", "work", "--no-sync"]).status == 0)
        Self.expectDenied(try team.linkdesk(team.ben, ["calendars", "add", team.maya, "--ics", feed.url]))
        #expect(try team.linkdesk(team.maya, ["calendars", "add", team.maya, "--ics", feed.url, "--name", "mine", "--no-sync"]).status == 0)
        // Ben sees his calendar alone, even through psql; the site's login may not add or remove one.
        let bens = try team.linkdesk(team.ben, ["calendars", "--json"])
        #expect(bens.stdout.contains("\"work\"") && !bens.stdout.contains("\"mine\""), "\(bens)")
        #expect(try team.sql(team.ben, "SELECT count(*) FROM calendar").stdout.contains("1"))
        // Row-level security hides Maya's row from Ben: his update finds nothing to change.
        _ = try team.sql(team.ben, "UPDATE calendar SET url = 'https://evil.example/x.ics' WHERE staff_login = '\(team.maya)'")
        #expect(try team.sql(team.admin, "SELECT url FROM calendar WHERE staff_login = '\(team.maya)'").stdout.contains(feed.url))
        Self.expectDenied(try team.sql(team.site, "INSERT INTO calendar (staff_login, name, kind, url) VALUES ('x', 'y', 'ics', 'https://e.example/')"))
        Self.expectDenied(try team.sql(team.site, "UPDATE calendar SET url = 'https://evil.example/'"))
        // The site's login syncs every calendar; Ben's busy time leaves his page, Maya's hers.
        let synced = try team.linkdesk(team.site, ["calendars", "sync"])
        #expect(synced.status == 0 && synced.stdout.contains("\(team.ben)/work: 1 busy event"), "\(synced)")
        let slots = try team.ws.jsonArray(["slots", "http://localhost:8080/salescall555", "--event", Demo.thirty, "--days", "2", "--json"])
            .compactMap { $0["start"] as? String }
        #expect(!slots.contains("2026-11-24T14:00:00Z") && slots.contains("2026-11-24T15:00:00Z"), "\(slots)")
        #expect(try team.linkdesk(team.ben, ["calendars", "remove", team.ben, "work"]).status == 0)
        Self.expectDenied(try team.linkdesk(team.ben, ["calendars", "remove", team.maya, "mine"]))
    }

    @Test("linkdesk serve says in one line when its login holds more than the site role, and nothing when it holds the site role")
    func serveWarns() throws {
        let team = try Team()
        defer { team.remove() }
        for (login, warned) in [(team.admin, true), (team.site, false)] {
            let server = try Processes.start(Products.path("linkdesk-serve"), ["--db", team.url(login), "--port", String(freePort()), "--quiet"],
                                             environment: .exactly(team.ws.environment()))
            let finished = server.finish(timeout: 3)  // it serves until stopped: stopped after 3 s
            let lines = finished.stderrLines.filter { $0.contains("holds more than the site role") }
            #expect(lines.count == (warned ? 1 : 0), "\(finished)")
        }
    }
}
