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
}
