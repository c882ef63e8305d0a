import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// Reports (SPEC §1 Reports, §2.6): bookings by one dimension at a time (`d` cycles), and the
/// one-time funnel always under it. The runner loads `data.report` only while this view is shown,
/// because it reads every booking; until it arrives the view says "loading…".
public struct ReportsScreen: ConsoleScreen {
    public var filter = ""
    public var dimension: ReportDimension = .page

    public init() {}

    /// The file name the export prompt suggests: dated, so exports of different days don't clash.
    public static func defaultExportName(_ now: Date) -> String { "linkdesk-report-\(DateText.numericDay(now, in: DateText.utc)).csv" }

    /// Rows of the current dimension that match the filter, largest first (as Reports sorts them).
    func rows(_ report: ReportData) -> [ReportRow] {
        report.rows.filter {
            $0.dimension == dimension.rawValue && (filter.isEmpty || $0.key.localizedCaseInsensitiveContains(filter))
        }
    }

    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        [
            KeyBinding([.char("d"), .tab], hint: "next breakdown",
                       help: "Show the next breakdown (booking page, master page, event type, link kind, status)",
                       action: .nextDimension, priority: 5),
            KeyBinding(.char("e"), hint: "export CSV", help: "Export the whole report as CSV to a file",
                       action: .exportCSV, disabledReason: data.report == nil ? "the report is still loading" : nil, priority: 5),
        ]
    }

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows: Int) -> ConsoleCommand? {
        switch action {
        case .nextDimension:
            let all = ReportDimension.standard
            let index = all.firstIndex(of: dimension) ?? 0
            dimension = all[(index + 1) % all.count]
            return nil
        case .exportCSV:
            guard data.report != nil else { return .message("the report is still loading") }
            return .prompt(PromptState(title: "Export report", label: "Write the report as CSV to (an existing file is kept):",
                                       purpose: .exportPath, text: Self.defaultExportName(data.now)))
        default:
            return nil
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        renderTabs(into: &buffer, x: area.x + 1, y: area.y)
        guard let report = data.report else {
            buffer.write("loading…", x: area.x + 1, y: area.y + 2, role: .dim)
            return
        }
        let total = report.rows.filter { $0.dimension == dimension.rawValue }.reduce(0) { $0 + $1.count }
        buffer.write("\(total) booking\(total == 1 ? "" : "s"), all dates", x: area.x + 1, y: area.y + 1, role: .dim)
        let funnelTop = area.maxY - 7
        renderBreakdown(rows(report), into: &buffer, area: Rect(x: area.x, y: area.y + 2, width: area.width,
                                                                 height: funnelTop - area.y - 3))
        renderFunnel(report.funnel, into: &buffer, area: Rect(x: area.x, y: funnelTop, width: area.width, height: 7))
    }

    private func renderTabs(into buffer: inout CellBuffer, x: Int, y: Int) {
        var column = x + buffer.write("Bookings by ", x: x, y: y, role: .title)
        for item in ReportDimension.standard {
            let current = item == dimension
            column += buffer.write(current ? "[\(item.title)]" : " \(item.title) ", x: column, y: y,
                                   role: current ? .focus : .dim)
            column += 1
        }
    }

    private func renderBreakdown(_ rows: [ReportRow], into buffer: inout CellBuffer, area: Rect) {
        let bars = ReportBars(x: area.x, width: area.width)
        bars.header(dimension.title.uppercased(), unit: "BOOKINGS", into: &buffer, y: area.y)
        guard !rows.isEmpty else {
            buffer.write(filter.isEmpty ? "No bookings yet." : "Nothing matches \"\(filter)\".", x: area.x + 1, y: area.y + 1,
                         role: .dim)
            return
        }
        let total = rows.reduce(0) { $0 + $1.count }
        let largest = rows.map(\.count).max() ?? 0
        let room = area.height - 1
        let shown = rows.count > room ? room - 1 : rows.count
        for (offset, row) in rows.prefix(shown).enumerated() {
            bars.row(row.key, count: row.count, of: total, scale: largest, into: &buffer, y: area.y + 1 + offset)
        }
        if shown < rows.count {
            buffer.write("… \(rows.count - shown) more (filter with /)", x: area.x + 1, y: area.y + 1 + shown, role: .dim)
        }
    }

    private func renderFunnel(_ funnel: OneTimeFunnel, into buffer: inout CellBuffer, area: Rect) {
        let bars = ReportBars(x: area.x, width: area.width)
        bars.header("ONE-TIME LINK FUNNEL", unit: "LINKS", into: &buffer, y: area.y)
        for (offset, row) in funnel.rows.enumerated() {
            bars.row(row.key, count: row.count, of: funnel.created, scale: funnel.created, into: &buffer,
                     y: area.y + 1 + offset)
        }
    }
}

/// Label, count, share of the total and a bar, in fixed columns shared by breakdown and funnel.
struct ReportBars {
    let x: Int
    let width: Int
    static let labelWidth = 26, countWidth = 6, percentWidth = 4

    private var countX: Int { x + 2 + Self.labelWidth }
    private var percentX: Int { countX + Self.countWidth + 1 }
    private var barX: Int { percentX + Self.percentWidth + 2 }
    private var barWidth: Int { max(x + width - 1 - barX, 0) }

    func header(_ title: String, unit: String, into buffer: inout CellBuffer, y: Int) {
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: .title)
        buffer.writeClipped(title, x: x + 1, y: y, maxWidth: Self.labelWidth, role: .title)
        buffer.write(unit, x: countX + Self.countWidth - unit.count, y: y, role: .title)  // over the counts
        buffer.write("%", x: percentX + Self.percentWidth - 1, y: y, role: .title)
    }

    func row(_ label: String, count: Int, of total: Int, scale: Int, into buffer: inout CellBuffer, y: Int) {
        buffer.writeClipped(label, x: x + 1, y: y, maxWidth: Self.labelWidth)
        buffer.write(Self.rightAligned("\(count)", Self.countWidth), x: countX, y: y)
        let percent = total > 0 ? Int((Double(count) * 100 / Double(total)).rounded()) : 0
        buffer.write(Self.rightAligned("\(percent)%", Self.percentWidth), x: percentX, y: y, role: .dim)
        buffer.write(String(repeating: "█", count: Self.barLength(count, scale: scale, width: barWidth)), x: barX, y: y,
                     role: .accent)
    }

    /// A bar proportional to `count / scale`; never empty for a non-zero count.
    static func barLength(_ count: Int, scale: Int, width: Int) -> Int {
        guard count > 0, scale > 0, width > 0 else { return 0 }
        return max(1, min(width, Int((Double(count) / Double(scale) * Double(width)).rounded())))
    }

    static func rightAligned(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(width - text.count, 0)) + text
    }
}
