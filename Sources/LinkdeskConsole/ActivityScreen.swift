import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// The activity stream, newest first (SPEC §2.6).
public struct ActivityScreen: ConsoleScreen {
    public var filter = ""
    public var cursor = ListCursor()

    public init() {}

    func rows(_ data: ConsoleData) -> [ActivityEvent] {
        guard !filter.isEmpty else { return data.activity }
        return data.activity.filter {
            ($0.kind.rawValue + " " + $0.subject + " " + $0.detail).localizedCaseInsensitiveContains(filter)
        }
    }

    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] { ListBindings.all }

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows visible: Int) -> ConsoleCommand? {
        _ = ListBindings.apply(action, to: &cursor, count: rows(data).count, rows: Self.listRows(visible))
        return nil
    }

    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let events = rows(data)
        let header = Columns([("TIME", 16), ("ACTOR", 8), ("EVENT", 26), ("SUBJECT", 0)])
        header.draw(header.titles, into: &buffer, x: area.x, y: area.y, width: area.width, role: .title)
        guard !events.isEmpty else {
            buffer.write(filter.isEmpty ? "No activity yet." : "Nothing matches \"\(filter)\".", x: area.x + 1, y: area.y + 2, role: .dim)
            return
        }
        for (row, index) in cursor.visibleRange(count: events.count, visible: Self.listRows(area.height)).enumerated() {
            let e = events[index]
            let subject = e.detail.isEmpty ? e.subject : e.subject + " — " + e.detail
            let at = DateText.shortDayTime(e.at, in: DateText.utc)
            header.draw([at, e.by ?? e.actor.rawValue, e.kind.rawValue, subject], into: &buffer, x: area.x,
                        y: area.y + 1 + row, width: area.width, role: index == cursor.selected ? .selection : .normal)
        }
        // The subject column clips what matters most at 80 columns (what was booked, and the
        // channel, "via the web"): the selected event's whole text has the bottom line.
        if events.indices.contains(cursor.selected) {
            let e = events[cursor.selected]
            let whole = [e.subject, e.detail].filter { !$0.isEmpty }.joined(separator: " — ")
            buffer.writeClipped("\(e.by ?? e.actor.rawValue): \(whole)", x: area.x + 1, y: area.maxY - 1, maxWidth: area.width - 2,
                                role: .dim)
        }
    }

    /// The rows the list has in a view `height` high: the column titles and the details line take two.
    static func listRows(_ height: Int) -> Int { max(height - 2, 1) }
}
