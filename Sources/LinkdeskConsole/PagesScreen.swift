import LinkdeskCore
import LinkdeskTerminal

/// Booking and master pages with their public links (the seeds' "Booking page scheduling setup").
/// Minimal first version: list and share; helpers extend it.
public struct PagesScreen: ConsoleScreen {
    public var filter = ""
    public var cursor = ListCursor()
    public init() {}

    func rows(_ data: ConsoleData) -> [Page] {
        data.workspace.pages.filter { filter.isEmpty || $0.name.localizedCaseInsensitiveContains(filter) || $0.slug.localizedCaseInsensitiveContains(filter) }
    }

    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] { ListBindings.all }

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows visible: Int) -> ConsoleCommand? {
        _ = ListBindings.apply(action, to: &cursor, count: rows(data).count, rows: visible - 1)
        return nil
    }

    public func selectedPage(_ data: ConsoleData) -> PageID? {
        let list = rows(data)
        return list.indices.contains(cursor.selected) ? list[cursor.selected].id : nil
    }

    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let list = rows(data)
        let columns = Columns([("PAGE", 24), ("KIND", 12), ("LINK", 0)])
        columns.draw(columns.titles, into: &buffer, x: area.x, y: area.y, width: area.width, role: .title)
        for (row, index) in cursor.visibleRange(count: list.count, visible: area.height - 1).enumerated() {
            let page = list[index]
            columns.draw([page.name, page.kind.rawValue, data.url(of: page)], into: &buffer, x: area.x, y: area.y + 1 + row,
                         width: area.width, role: index == cursor.selected ? .selection : .normal)
        }
    }
}
