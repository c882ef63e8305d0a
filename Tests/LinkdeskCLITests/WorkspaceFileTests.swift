import Foundation
import LinkdeskCore
import Testing

/// `linkdesk workspace export / apply` and `linkdesk init` end to end (issue 11).
@Suite("workspace as a file")
struct WorkspaceFileTests {
    /// Exports the workspace into `name` in the test's folder and returns (path, text).
    static func export(_ ws: CLIWorkspace, _ name: String = "team.yaml", format: String = "yaml") throws -> (String, String) {
        let text = try ws.ok(["workspace", "export", "--format", format])
        let path = ws.directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, text)
    }

    static func write(_ text: String, _ ws: CLIWorkspace, _ name: String = "team.yaml") throws -> String {
        let path = ws.directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Line and column (from 1) of the `occurrence`-th `needle` in `text`, plus `offset` columns.
    static func position(of needle: String, in text: String, occurrence: Int = 1, offset: Int = 0) -> String {
        var searchFrom = text.startIndex
        var found: Range<String.Index>?
        for _ in 0..<occurrence {
            found = text.range(of: needle, range: searchFrom..<text.endIndex)
            guard let hit = found else { return "not found: \(needle)" }
            searchFrom = hit.upperBound
        }
        guard let hit = found else { return "not found" }
        let before = text[..<hit.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? text.startIndex
        return "\(line):\(text[lineStart..<hit.lowerBound].unicodeScalars.count + 1 + offset)"
    }

    static func replacing(_ text: String, _ old: String, _ new: String) throws -> String {
        let range = try #require(text.range(of: old), "\"\(old)\" is not in the exported file")
        return text.replacingCharacters(in: range, with: new)
    }

    @Test("export → apply changes nothing, in YAML and JSON; the file names things as people do")
    func roundTrip() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let before = try ws.snapshot()
        for format in ["yaml", "json"] {
            let (path, text) = try Self.export(ws, "team.\(format)", format: format)
            if format == "yaml" {
                #expect(text.contains("    slug: salescall\n"))
                #expect(text.contains("    members: [salescall555, cactus-co-main]\n"))
                #expect(text.contains("      15-minute meeting: salescall555\n"))
                #expect(text.contains("      mon: [09:00-17:00]\n"))
                #expect(text.contains("      cancel: 1d\n"))
            }
            #expect(try ws.ok(["workspace", "apply", path, "--yes"]) == "no changes\n")
            #expect(try ws.ok(["workspace", "apply", path, "--dry-run"]) == "no changes\n")
        }
        #expect(try ws.snapshot() == before, "no activity, no change")
    }

    @Test("each kind of error gives file:line:column and what is wrong, and applies nothing",
          arguments: [
            // (what, replace, with, the text whose position the error must name, occurrence, message)
            ("unknown key", "    owner: Dana Haddad\n", "    owner: Dana Haddad\n    ownr: Dana\n", "ownr", 1, "unknown key \"ownr\" in a booking page"),
            ("rule naming a non-member", "      30-minute meeting: cactus-co-main\n", "      30-minute meeting: session555\n",
             "meeting: session555", 1, "the rule names \"Marketing call\", which is not a team member of \"Sales call\""),
            ("overlapping hours", "      mon: [09:00-17:00]\n", "      mon: [09:00-17:00, 16:00-18:00]\n", "16:00-18:00", 1,
             "hours 09:00–17:00 and 16:00–18:00 overlap on Mon"),
            ("slug taken", "    slug: marketing\n", "    slug: Cactus-Co-Main\n", "Cactus-Co-Main", 1,
             "the link Cactus-Co-Main is taken by \"Cactus Co Main\""),
            ("unknown time zone", "    time-zone: America/New_York\n", "    time-zone: America/Nowhere\n", "America/Nowhere", 1,
             "unknown time zone \"America/Nowhere\""),
            ("bad hours", "      tue: [09:00-17:00]\n", "      tue: [9-5]\n", "9-5", 1, "hours must look like 09:00-17:00"),
            ("unknown event type", "    event-types: [15-minute meeting, 30-minute meeting, 60-minute meeting]\n",
             "    event-types: [15-minute meeting, 45-minute meeting]\n", "45-minute meeting", 1, "no event type named \"45-minute meeting\""),
            ("YAML syntax", "    name: Cactus Co Main\n", "    name: [Cactus Co Main\n", "\n    owner: Dana", 1, "not valid YAML"),
          ] as [(String, String, String, String, Int, String)])
    func fileErrors(what: String, old: String, new: String, at needle: String, occurrence: Int, message: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let (_, text) = try Self.export(ws)
        let broken = try Self.replacing(text, old, new)
        let path = try Self.write(broken, ws)
        let before = try ws.snapshot()
        let result = try ws.run(["workspace", "apply", path, "--yes"])
        #expect(result.status == 2, "\(what): \(result)")
        #expect(result.stdout.isEmpty, "\(what): nothing planned while the file has problems")
        let lines = result.stderrLines
        let problems = lines.filter { $0.hasPrefix(path + ":") }
        #expect(problems.count == 1, "\(what): one line per problem: \(result)")
        // The value after "meeting: " is where a rule's primary team member is written.
        let offset = needle.hasPrefix("meeting: ") ? "meeting: ".count : 0
        let place = what == "YAML syntax" ? "" : Self.position(of: needle, in: broken, occurrence: occurrence, offset: offset)
        let expected = place.isEmpty ? "\(path):" : "\(path):\(place): "
        #expect(problems.first?.hasPrefix(expected) == true, "\(what): expected \(expected)… in \(result)")
        #expect(problems.first?.contains(message) == true, "\(what): expected \"\(message)\" in \(result)")
        #expect(lines.last == "linkdesk: 1 problem in \(path): nothing was applied")
        #expect(try ws.snapshot() == before, "\(what): nothing applied")
    }

    @Test("a slug change through apply says the former link stops working, and it does, as after page set-link")
    func slugChange() throws {
        let viaFile = try CLIWorkspace()
        let viaCommand = try CLIWorkspace()
        defer { viaFile.remove(); viaCommand.remove() }
        let (_, text) = try Self.export(viaFile)
        let path = try Self.write(try Self.replacing(text, "    slug: salescall\n", "    slug: sales-team\n"), viaFile)
        let dry = try viaFile.ok(["workspace", "apply", path, "--dry-run"])
        #expect(dry == "! \"Sales call\" link salescall → sales-team: the former link stops working at once\n")
        #expect(try viaFile.ok(["workspace", "export"]) == text, "a dry run applies nothing")
        try viaFile.ok(["workspace", "apply", path, "--yes"])
        try viaCommand.ok(["page", "set-link", "master:Sales call", "sales-team"])
        let customer = ["--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--name", "Casey", "--email", "casey@example.com"]
        for ws in [viaFile, viaCommand] {
            try ws.expectRefused(["book", Demo.salescall] + customer, Refusal.DeadLink.formerSlug.sentence, exact: true)
            try ws.ok(["book", "http://localhost:8080/sales-team"] + customer)
        }
        #expect(try viaFile.ok(["workspace", "export"]) == viaCommand.ok(["workspace", "export"]))
        #expect(try viaFile.ok(["workspace", "apply", path, "--yes"]) == "no changes\n")
    }

    @Test("a rule switch through apply kills live one-time links, counted in the plan, as page set-rules does")
    func ruleSwitch() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let live = try ws.oneTimeLink()
        _ = try ws.oneTimeLink(["--uses", "3"])
        let (_, text) = try Self.export(ws)
        let path = try Self.write(try Self.replacing(text, "    rule-type: dynamic\n", "    rule-type: static\n"), ws)
        let result = try ws.run(["workspace", "apply", path, "--yes"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "! \"Sales call\" Dynamic rules → Static rules: 2 live one-time links stop working for good\n")
        #expect(result.stderr == "linkdesk: applied 1 change; 2 live one-time links stopped working\n")
        #expect(try ws.links().allSatisfy { $0["status"] as? String == "invalidated" })
        try ws.expectRefused(["book", live.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--name", "C", "--email", "c@example.com"],
                             Refusal.DeadLink.invalidated.sentence, exact: true)
        let activity = try ws.jsonArray(["activity", "--json"]).compactMap { $0["detail"] as? String }
        #expect(activity.contains("2 live one-time links stopped working"))
        #expect(activity.contains("Dynamic rules → Static rules"))
    }

    @Test("removing a page with live bookings is refused with the count; nothing is applied")
    func removalWithBookings() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--name", "Casey", "--email", "casey@example.com"])
        let (_, text) = try Self.export(ws)
        let start = try #require(text.range(of: "  - id: 20\n"))
        let end = try #require(text.range(of: "  - id: 21\n"))
        let path = try Self.write(text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: ""), ws)
        let before = try ws.snapshot()
        let result = try ws.run(["workspace", "apply", path, "--yes"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("- master page \"Sales call\" (salescall)"))
        #expect(result.stderrLines == ["linkdesk: cannot remove \"Sales call\": it has 1 live booking, which linkdesk keeps; "
                                       + "cancel them and keep the page, or leave it in the file; nothing was applied"])
        #expect(try ws.snapshot() == before)
    }

    @Test("apply asks for confirmation: without --yes and without a terminal it applies nothing")
    func needsConfirmation() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let (_, text) = try Self.export(ws)
        let path = try Self.write(try Self.replacing(text, "    owner: Dana Haddad\n", "    owner: Dana H.\n"), ws)
        let result = try ws.run(["workspace", "apply", path])
        #expect(result.status == 2)
        #expect(result.stdout == "~ booking page \"Cactus Co Main\": owner\n")
        #expect(result.stderr.contains("confirm with --yes"))
        #expect(try ws.ok(["workspace", "export"]) == text)
    }

    @Test("init --empty, then a team's own file applied; init refuses an existing database unless --force")
    func initEmptyThenApply() throws {
        let demo = try CLIWorkspace()
        let ws = try CLIWorkspace()
        defer { demo.remove(); ws.remove() }
        let (_, demoText) = try Self.export(demo)

        let created = try ws.run(["init", "--empty"])
        #expect(created.status == 0, "\(created)")
        #expect(created.stderr == "linkdesk: created an empty workspace at \(ws.dbPath)\n")
        #expect(try ws.jsonArray(["pages", "--json"]).isEmpty)
        try ws.expectRefused(["share"], "no pages to share yet: describe them in a file, then linkdesk workspace apply FILE", exact: true)
        try ws.expectRefused(["init"], "a workspace already exists at \(ws.dbPath): nothing was changed")

        // A team's file without ids: everything is new.
        let own = """
            event-types:
              - name: Intro call
                minutes: 20
            booking-pages:
              - name: Noor
                owner: Noor Haddad
                slug: noor
                time-zone: Europe/Paris
                hours:
                  mon: [09:00-12:00, 13:30-17:00]
                  fri: 10:00-14:00
                dates-off: [2026-12-25]
                event-types: [Intro call]
                policy: {cancel: 2h, cancel-reason: mandatory, reschedule: never, reschedule-reason: not-asked}
            master-pages:
              - name: Team
                slug: team
                members: [noor]
                event-types: [Intro call]
                dynamic-rules:
                  Intro call: noor

            """
        let path = try Self.write(own, ws)
        let applied = try ws.run(["workspace", "apply", path, "--yes"])
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout == """
            + event type "Intro call" (20 min)
            + booking page "Noor" (noor)
            + master page "Team" (team)

            """)
        let exported = try ws.ok(["workspace", "export"])
        #expect(exported.contains("      mon: [09:00-12:00, 13:30-17:00]\n      fri: [10:00-14:00]\n"))
        #expect(exported.contains("    dates-off: [2026-12-25]\n"))
        #expect(try ws.ok(["workspace", "apply", path, "--yes"]) == "no changes\n",
                "entries without an id are the pages with their slug (event types with their name) once they exist")
        // A new workspace's pages take bookings 4 hours ahead unless they say otherwise: the page
        // got it, and the export says so for new pages to come.
        #expect(exported.contains("    scheduling:\n      minimum-notice: 4h\n"), "\(exported)")
        #expect(exported.contains("site:\n  new-page-minimum-notice: 4h\n"), "\(exported)")
        // Monday 23 November, 13:00 in Paris: nothing left on Monday (its afternoon, 13:30 … 16:30,
        // starts within the 4 hours' notice), and Friday 10:00 … 13:40.
        let slots = try ws.jsonArray(["slots", "http://localhost:8080/noor", "--days", "5", "--json"])
        #expect(slots.count == 12, "\(slots)")
        // Without the notice (the page says 0), Monday afternoon is offered again.
        try own.replacingOccurrences(of: "    event-types: [Intro call]\n    policy:", with: "    event-types: [Intro call]\n    scheduling: {minimum-notice: 0}\n    policy:")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ws.ok(["workspace", "apply", path, "--yes"]).contains("~ booking page \"Noor\""))
        #expect(try ws.jsonArray(["slots", "http://localhost:8080/noor", "--days", "5", "--json"]).count == 10 + 12)
        try own.write(toFile: path, atomically: true, encoding: .utf8)

        // The template the README points at applies as it is, over this workspace too.
        let template = CLIWorkspace.assetsFolder + "/templates/team.yaml"
        let fromTemplate = try ws.run(["workspace", "apply", template, "--yes"])
        #expect(fromTemplate.status == 0, "\(fromTemplate)")
        #expect(fromTemplate.stdout.contains("+ master page \"Talk to us\" (talk-to-us)"))
        #expect(fromTemplate.stdout.contains("- master page \"Team\" (team)"), "what the file does not name is removed")

        let forced = try ws.run(["init", "--demo", "--force"])
        #expect(forced.status == 0, "\(forced)")
        #expect(try ws.ok(["workspace", "export"]) == demoText)
    }
}
