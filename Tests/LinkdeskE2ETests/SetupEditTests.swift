import Foundation
import LinkdeskTestSupport
import Testing

/// Issue 11 item 4 end to end: weekly hours changed in the console's Setup view are what
/// `linkdesk slots` then offers — the edit reached the store in one go, through the real binary.
@Suite("Setup view, end to end")
struct SetupEditTests {
    @Test("hours changed in Setup (Mon 10:00–11:00, other days closed) → slots offers only Monday 10:00–11:00", .tools("tmux"))
    func hoursChangeReachesSlots() throws {
        try Tools.require("tmux")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let before = try workspace.run(["slots", "http://localhost:8080/support-lee", "--days", "8", "--json"])
        #expect(before.status == 0, "\(before)")
        #expect(try Self.starts(before.stdout).contains { !Self.isMondayTenToEleven($0) }, "the demo's hours are wider")

        let tmux = try Tmux(workspace.command([]), workspace: workspace)
        defer { tmux.kill() }
        try tmux.waitFor(text: "1 Pages", "9 Setup")
        try tmux.keys("9")
        try tmux.waitFor(text: "EVENT TYPES", "BOOKING PAGES")
        // Event types (3), then Cactus Co Main, Sales call, Marketing call, Support desk.
        for _ in 0..<6 { try tmux.keys("j") }
        try tmux.waitFor(text: "support-lee")
        try tmux.keys("h")
        try tmux.waitFor(text: "Weekly hours of Support desk")
        try tmux.keys("C-u")
        try tmux.type("10:00-11:00")
        for _ in 0..<6 {
            try tmux.keys("Tab")
            try tmux.keys("C-u")
        }
        try tmux.keys("Enter")
        try tmux.waitFor(text: "saved: weekly hours of Support desk")
        try tmux.keys("q")
        let outcome = try #require(workspace.outcome(), "the console did not quit:\n\(tmux.currentScreen)")
        #expect(outcome.status == 0, "\(outcome)")

        let after = try workspace.run(["slots", "http://localhost:8080/support-lee", "--days", "8", "--json"])
        #expect(after.status == 0, "\(after)")
        let starts = try Self.starts(after.stdout)
        #expect(!starts.isEmpty, "Monday 10:00–11:00 still offers times: \(after)")
        #expect(starts.allSatisfy(Self.isMondayTenToEleven), "only Monday 10:00–11:00 New York time: \(starts)")
        let activity = try workspace.run(["activity", "--json"])
        #expect(activity.stdout.contains("Support desk"), "the edit is in the activity stream: \(activity)")
    }

    static func starts(_ json: String) throws -> [Date] {
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let parse = ISO8601DateFormatter()
        return rows.compactMap { ($0["start"] as? String).flatMap(parse.date(from:)) }
    }

    static func isMondayTenToEleven(_ start: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/New_York") ?? .gmt
        let parts = calendar.dateComponents([.weekday, .hour], from: start)
        return parts.weekday == 2 && parts.hour == 10
    }
}
