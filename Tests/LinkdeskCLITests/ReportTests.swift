import Foundation
import Testing

/// `linkdesk report --csv`: header `dimension,key,count`, counts matching the bookings made.
@Suite("report --csv")
struct ReportTests {
    static func rows(_ csv: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let count = Int(fields[2]) else {
                Issue.record("malformed CSV line: \(line)")
                continue
            }
            counts[fields[0] + "/" + fields[1]] = count
        }
        return counts
    }

    @Test("counts by page, master, event, link kind and status, and the one-time funnel")
    func counts() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let customer = ["--name", "Casey", "--email", "casey@example.com"]
        // 2 × 30 minutes through the master page (→ Cactus Co Main), one of them canceled.
        try ws.ok(["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(9)] + customer)
        try ws.ok(["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10)] + customer)
        try ws.ok(["cancel", "2", "--reason", "x"])
        // 1 × 15 minutes through a one-time link (→ Sales call booking page).
        let used = try ws.oneTimeLink()
        try ws.ok(["book", used.url, "--event", Demo.fifteen, "--at", Demo.tuesdayLocal(11)] + customer)
        // 1 × 60 minutes directly on Support desk, personalized; on Wednesday.
        try ws.ok(["book", "http://localhost:8080/support-lee?name=Pat&email=pat@example.com",
                   "--event", "60-minute meeting", "--at", "2026-11-25T10:00"])
        // Funnel: one used, one live, one revoked.
        _ = try ws.oneTimeLink()
        try ws.ok(["revoke", try ws.oneTimeLink().linkID])

        let csv = try ws.ok(["report", "--csv"])
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "dimension,key,count")
        let counts = Self.rows(csv)
        #expect(counts == [
            "page/Cactus Co Main": 2, "page/Sales call": 1, "page/Support desk": 1,
            "master/Sales call": 3, "master/(direct)": 1,
            "event/30-minute meeting": 2, "event/15-minute meeting": 1, "event/60-minute meeting": 1,
            "link-kind/general": 2, "link-kind/one-time": 1, "link-kind/personalized": 1,
            "status/Scheduled": 3, "status/Canceled by staff": 1,
            "one-time/created": 3, "one-time/live": 1, "one-time/used": 1, "one-time/expired": 0,
            "one-time/revoked": 1, "one-time/invalidated": 0,
        ], "\(csv)")
        // Each dimension counts every booking once.
        for dimension in ["page", "master", "event", "link-kind", "status"] {
            #expect(counts.filter { $0.key.hasPrefix(dimension + "/") }.values.reduce(0, +) == 4, "\(dimension)")
        }

        // --by keeps one dimension, without the funnel.
        let byPage = try ws.ok(["report", "--by", "page", "--csv"])
        #expect(Self.rows(byPage) == ["page/Cactus Co Main": 2, "page/Sales call": 1, "page/Support desk": 1])
        #expect(byPage.hasPrefix("dimension,key,count\n"))

        // --from/--to bound the start times (to is exclusive): only Tuesday's three.
        let tuesday = try ws.ok(["report", "--by", "event", "--from", "2026-11-24", "--to", "2026-11-25", "--csv"])
        #expect(Self.rows(tuesday) == ["event/30-minute meeting": 2, "event/15-minute meeting": 1])
    }

    @Test("no bookings yet: the header and a funnel of zeros")
    func empty() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let csv = try ws.ok(["report", "--csv"])
        #expect(csv.hasPrefix("dimension,key,count\n"))
        #expect(Self.rows(csv) == ["one-time/created": 0, "one-time/live": 0, "one-time/used": 0,
                                   "one-time/expired": 0, "one-time/revoked": 0, "one-time/invalidated": 0])
    }
}
