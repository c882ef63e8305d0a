import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import Testing

/// The Reports view (SPEC §1 Reports, §2.6): one breakdown at a time, the one-time funnel always
/// visible, "loading…" until the runner has read the bookings, and CSV export through a prompt.
@Suite("console: reports view")
struct ReportsScreenTests {
    static let report = ReportData(
        rows: [
            ReportRow(dimension: "page", key: "Cactus Co Main", count: 10),
            ReportRow(dimension: "page", key: "Sales call", count: 5),
            ReportRow(dimension: "page", key: "Support desk", count: 2),
            ReportRow(dimension: "page", key: "Evil\u{1B}[2J\u{202E}Page", count: 1),
            ReportRow(dimension: "master", key: "(direct)", count: 12),
            ReportRow(dimension: "master", key: "Sales call", count: 6),
            ReportRow(dimension: "event", key: "30-minute meeting", count: 11),
            ReportRow(dimension: "event", key: "15-minute meeting", count: 7),
            ReportRow(dimension: "link-kind", key: "general", count: 9),
            ReportRow(dimension: "link-kind", key: "one-time", count: 6),
            ReportRow(dimension: "link-kind", key: "personalized", count: 3),
            ReportRow(dimension: "status", key: "Scheduled", count: 15),
            ReportRow(dimension: "status", key: "Canceled by staff", count: 3),
        ],
        funnel: Reports.funnel(LinksScreenTests.mixed, now: ConsoleFixture.now))

    static func state(on data: ConsoleData) -> ConsoleState {
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("6"), data: data, rows: 20)
        return state
    }

    static func data(report: ReportData? = report) throws -> ConsoleData {
        var data = try ConsoleFixture.data()
        data.report = report
        return data
    }

    static func lines(_ state: ConsoleState, _ data: ConsoleData) -> [String] {
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        return buffer.lines()
    }

    static func bar(in row: String?) -> Int { row?.filter { $0 == "█" }.count ?? -1 }

    @Test("bookings by booking page with counts, shares and bars; the funnel under it")
    func byPage() throws {
        let data = try Self.data()
        let state = Self.state(on: data)
        let rows = ConsoleFixture.expectScreen(state, data, "console-reports")
        let text = rows.joined(separator: "\n")
        #expect(text.contains("[Booking page]"))
        let main = rows.first { $0.contains("Cactus Co Main") }
        let sales = rows.first { $0.contains("Sales call") }
        #expect(main?.contains(" 10 ") == true && main?.contains("56%") == true)
        #expect(Self.bar(in: main) == 2 * Self.bar(in: sales), "bars are proportional")
        #expect(!text.contains("(direct)"), "one dimension at a time")
        for step in ["created", "live", "used", "expired", "revoked", "invalidated"] {
            #expect(rows.contains { $0.hasPrefix(" " + step + " ") }, "funnel shows \(step)")
        }
        #expect(rows.first { $0.hasPrefix(" created") }?.contains("100%") == true)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"))
    }

    @Test("d cycles the breakdowns and comes back; the funnel stays")
    func cycling() throws {
        let data = try Self.data()
        var state = Self.state(on: data)
        let expected: [(String, String)] = [("[Master page]", "(direct)"), ("[Event type]", "30-minute meeting"),
                                            ("[Link kind]", "one-time"), ("[Status]", "Canceled by staff"),
                                            ("[Booking page]", "Cactus Co Main")]
        for (tab, key) in expected {
            _ = state.handle(.char("d"), data: data, rows: 20)
            let text = Self.lines(state, data).joined(separator: "\n")
            #expect(text.contains(tab))
            #expect(text.contains(key))
            #expect(text.contains(" invalidated "), "the funnel is always visible")
        }
        _ = state.handle(.tab, data: data, rows: 20)
        #expect(state.reports.dimension == .master)
    }

    @Test("loading… until the runner has read the report; export waits for it")
    func loading() throws {
        let data = try Self.data(report: nil)
        var state = Self.state(on: data)
        let text = Self.lines(state, data).joined(separator: "\n")
        #expect(text.contains("loading…"))
        #expect(!text.contains("FUNNEL"))
        let export = try #require(state.bindings(data).first { $0.action == .exportCSV })
        #expect(export.disabledReason == "the report is still loading")
        _ = state.handle(.char("e"), data: data, rows: 20)
        #expect(state.modal == nil)
        #expect(state.status == "the report is still loading")
    }

    @Test("e asks for a file name, dated by default; Enter exports to it")
    func export() throws {
        let data = try Self.data()
        var state = Self.state(on: data)
        _ = state.handle(.char("e"), data: data, rows: 20)
        guard case .prompt(let prompt)? = state.modal else {
            Issue.record("a prompt is open")
            return
        }
        #expect(prompt.purpose == .exportPath)
        #expect(prompt.field.text == "linkdesk-report-2026-11-23.csv")
        #expect(state.handle(.enter, data: data, rows: 20) == .exportReport(path: "linkdesk-report-2026-11-23.csv"))

        _ = state.handle(.char("e"), data: data, rows: 20)
        _ = state.handle(.ctrl("u"), data: data, rows: 20)
        for character in "~/r.csv" { _ = state.handle(.char(character), data: data, rows: 20) }
        #expect(state.handle(.enter, data: data, rows: 20) == .exportReport(path: "~/r.csv"))

        _ = state.handle(.char("e"), data: data, rows: 20)
        _ = state.handle(.ctrl("u"), data: data, rows: 20)
        #expect(state.handle(.enter, data: data, rows: 20) == nil, "an empty name is refused in the prompt")
        _ = state.handle(.esc, data: data, rows: 20)
        #expect(state.modal == nil)
        #expect(state.view == .reports)
    }

    @Test("/ filters the breakdown rows, not the funnel")
    func filter() throws {
        let data = try Self.data()
        var state = Self.state(on: data)
        state.reports.filter = "sales"
        let rows = Self.lines(state, data)
        #expect(rows.contains { $0.contains("Sales call") })
        #expect(!rows.contains { $0.contains("Cactus Co Main") })
        #expect(rows.contains { $0.hasPrefix(" used ") })
        state.reports.filter = "nothing like it"
        #expect(Self.lines(state, data).contains { $0.contains("Nothing matches \"nothing like it\".") })
    }

    @Test("more rows than fit end in a count of the rest")
    func overflow() throws {
        let many = (1...30).map { ReportRow(dimension: "page", key: "Page \($0)", count: 31 - $0) }
        let data = try Self.data(report: ReportData(rows: many, funnel: Self.report.funnel))
        let rows = Self.lines(Self.state(on: data), data)
        let more = try #require(rows.first { $0.contains("more (filter with /)") })
        let shown = rows.filter { $0.hasPrefix(" Page ") }.count
        #expect(more.contains("… \(30 - shown) more"))
        #expect(rows.contains { $0.hasPrefix(" invalidated ") }, "the funnel is not pushed off")
    }
}
