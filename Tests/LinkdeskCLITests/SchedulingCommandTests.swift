import Foundation
import LinkdeskTestSupport
import Testing

/// `linkdesk page set-availability` and the workspace file's `scheduling:`: set, shown, exported
/// and applied back; what customers are offered follows; staff booking inside a control are told.
@Suite("scheduling controls through the command line")
struct SchedulingCommandTests {
    @Test("set-availability sets the controls; slots follow; export and apply agree; a staff booking inside them is told")
    func controls() throws {
        let ws = try CLIWorkspace()  // Monday 07:00 in New York
        defer { ws.remove() }
        let set = try ws.run(["page", "set-availability", "salescall555", "--minimum-notice", "1d", "--interval", "15m", "--daily-limit", "2"])
        #expect(set.status == 0 && set.stdout == "Sales call: minimum notice 1 day, no horizon, a slot every 15 minutes, at most 2 a day\n", "\(set)")
        let slots = try ws.jsonArray(["slots", "http://localhost:8080/salescall555", "--event", Demo.thirty, "--json"]).compactMap { $0["start"] as? String }
        #expect(slots.prefix(3) == ["2026-11-24T14:00:00Z", "2026-11-24T14:15:00Z", "2026-11-24T14:30:00Z"], "\(slots.prefix(3))")

        let exported = try ws.ok(["workspace", "export"])
        #expect(exported.contains("    scheduling:\n      minimum-notice: 1d\n      interval: 15m\n      daily-limit: 2\n"))
        let file = ws.directory.appendingPathComponent("team.yaml")
        try exported.write(to: file, atomically: true, encoding: .utf8)
        #expect(try ws.ok(["workspace", "apply", file.path, "--yes"]) == "no changes\n")
        try exported.replacingOccurrences(of: "      daily-limit: 2\n", with: "      daily-limit: 0\n").write(to: file, atomically: true, encoding: .utf8)
        let refused = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(refused.status == 2 && refused.stderr.contains("daily-limit takes 1 to 1000"), "\(refused)")

        let booked = try ws.run(["book", "http://localhost:8080/salescall555", "--event", Demo.thirty, "--at", "2026-11-23T10:00",
                                 "--name", "Ann", "--email", "ann@example.com"])
        #expect(booked.status == 0 && booked.stderr.contains("booked anyway, as staff: that time is too soon"), "\(booked)")

        let cleared = try ws.run(["page", "set-availability", "salescall555", "--minimum-notice", "off", "--interval", "off", "--daily-limit", "off"])
        #expect(cleared.stdout == "Sales call: no minimum notice, no horizon, slots back to back, no daily limit\n", "\(cleared)")
        #expect(!(try ws.ok(["workspace", "export"])).contains("scheduling:"))
        for (arguments, message) in [(["--horizon", "400d"], "--horizon is out of range"), (["--daily-limit", "x"], "--daily-limit takes 1 to 1000"),
                                     ([], "name at least one of"), (["--interval", "soon"], "not a duration")] {
            let bad = try ws.run(["page", "set-availability", "salescall555"] + arguments)
            #expect(bad.status == 2 && bad.stderr.contains(message), "\(arguments): \(bad)")
        }
        #expect(try ws.run(["page", "set-availability", "salescall", "--horizon", "30d"]).stderr.contains("is a master page"))
    }

    @Test("buffers: set, shown, exported and applied back; slots leave them free; a staff booking inside one is refused")
    func buffers() throws {
        let ws = try CLIWorkspace()  // Monday 07:00 in New York
        defer { ws.remove() }
        let set = try ws.run(["page", "set-availability", "salescall555", "--buffer-before", "15m", "--buffer-after", "15m", "--interval", "15m"])
        #expect(set.status == 0 && set.stdout.hasSuffix(", free 15 minutes before and 15 minutes after each meeting\n"), "\(set)")
        let exported = try ws.ok(["workspace", "export"])
        #expect(exported.contains("      buffer-before: 15m\n      buffer-after: 15m\n"), "\(exported)")
        let file = ws.directory.appendingPathComponent("team.yaml")
        try exported.write(to: file, atomically: true, encoding: .utf8)
        #expect(try ws.ok(["workspace", "apply", file.path, "--yes"]) == "no changes\n")
        try exported.replacingOccurrences(of: "buffer-after: 15m", with: "buffer-after: 2d").write(to: file, atomically: true, encoding: .utf8)
        let refused = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(refused.status == 2 && refused.stderr.contains("buffer-after is out of range"), "\(refused)")

        let url = "http://localhost:8080/salescall555"
        try ws.ok(["book", url, "--event", Demo.thirty, "--at", "2026-11-24T10:00", "--name", "Ann", "--email", "ann@example.com"])
        let slots = try ws.jsonArray(["slots", url, "--event", Demo.thirty, "--days", "2", "--json"]).compactMap { $0["start"] as? String }
        // 10:00–10:30 New York (15:00–15:30Z) keeps 09:45 to 10:45 free; with its own 15 minutes before, the next starts at 11:00.
        #expect(!slots.contains("2026-11-24T15:45:00Z") && slots.contains("2026-11-24T16:00:00Z"), "\(slots)")
        #expect(!slots.contains("2026-11-24T14:15:00Z") && slots.contains("2026-11-24T14:00:00Z"), "\(slots)")
        try ws.expectRefused(["book", url, "--event", Demo.thirty, "--at", "2026-11-24T10:45", "--name", "Ben", "--email", "ben@example.com"],
                             "that slot is already taken")
        let cleared = try ws.run(["page", "set-availability", "salescall555", "--buffer-before", "off", "--buffer-after", "off", "--interval", "off"])
        #expect(cleared.stdout == "Sales call: no minimum notice, no horizon, slots back to back, no daily limit\n", "\(cleared)")
    }

    @Test("event-scheduling: an event type's own controls in the file win for its meetings; export and apply agree; a name the page does not offer is placed")
    func eventScheduling() throws {
        let ws = try CLIWorkspace()  // Monday 07:00 in New York
        defer { ws.remove() }
        let file = ws.directory.appendingPathComponent("team.yaml")
        var text = try ws.ok(["workspace", "export"])
        // Sales call (salescall555): the 30-minute meeting needs a day's notice, the others none.
        let anchor = try #require(text.range(of: "  - id: 11\n"))
        let policy = try #require(text.range(of: "\n    policy:", range: anchor.upperBound..<text.endIndex))
        text.replaceSubrange(policy, with: "\n    event-scheduling:\n      \(Demo.thirty): {minimum-notice: 1d}\n    policy:")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let applied = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(applied.status == 0 && applied.stdout.contains("~ booking page \"Sales call\""), "\(applied)")
        let exported = try ws.ok(["workspace", "export"])
        #expect(exported.contains("    event-scheduling:\n      \(Demo.thirty):\n        minimum-notice: 1d\n"), "\(exported)")
        try exported.write(to: file, atomically: true, encoding: .utf8)
        #expect(try ws.ok(["workspace", "apply", file.path, "--yes"]) == "no changes\n")
        func first(_ event: String) throws -> String? {
            try ws.jsonArray(["slots", "http://localhost:8080/salescall555", "--event", event, "--days", "3", "--json"])
                .compactMap { $0["start"] as? String }.first
        }
        #expect(try first(Demo.thirty) == "2026-11-24T14:00:00Z", "a day's notice: Tuesday 09:00")
        #expect(try first("15-minute meeting") == "2026-11-23T14:00:00Z", "no notice: Monday 09:00")
        try exported.replacingOccurrences(of: "      \(Demo.thirty):\n        minimum-notice", with: "      Lunch:\n        minimum-notice")
            .write(to: file, atomically: true, encoding: .utf8)
        let refused = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(refused.status == 2 && refused.stderr.contains("no event type named \"Lunch\""), "\(refused)")
    }

    @Test("date-hours: a date's own hours in the file; slots follow; export writes them back; overlaps are placed in the file")
    func dateHours() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let file = ws.directory.appendingPathComponent("team.yaml")
        // The first booking page (Cactus Co Main): Tuesday from 12:00 to 13:00 only, Wednesday nothing.
        var first = try ws.ok(["workspace", "export"])
        let anchor = try #require(first.range(of: "\n    event-types:"))
        first.replaceSubrange(anchor, with: "\n    date-hours:\n      2026-11-24: [12:00-13:00]\n      2026-11-25: []\n    event-types:")
        try String(first).write(to: file, atomically: true, encoding: .utf8)
        let applied = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(applied.status == 0 && applied.stdout.contains("date hours"), "\(applied)")
        #expect(try ws.ok(["workspace", "export"]).contains("    date-hours:\n      2026-11-24: [12:00-13:00]\n      2026-11-25: []\n"))
        let tuesday = try ws.jsonArray(["slots", "http://localhost:8080/cactus-co-main", "--event", Demo.thirty, "--days", "3", "--json"])
            .compactMap { $0["start"] as? String }
        #expect(tuesday.filter { $0.hasPrefix("2026-11-24") } == ["2026-11-24T17:00:00Z", "2026-11-24T17:30:00Z"], "\(tuesday)")
        #expect(!tuesday.contains { $0.hasPrefix("2026-11-25") })
        try String(first).replacingOccurrences(of: "[12:00-13:00]", with: "[12:00-13:00, 12:30-14:00]").write(to: file, atomically: true, encoding: .utf8)
        let overlap = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(overlap.status == 2 && overlap.stderr.contains("hours on 2026-11-24 overlap"), "\(overlap)")
    }
}
