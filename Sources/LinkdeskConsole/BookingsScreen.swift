import LinkdeskCore
import LinkdeskTerminal

/// Work in progress: replaced by the full view.
public struct BookingsScreen: ConsoleScreen {
    public var filter = ""

    public init() {}
    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] { [] }
    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows: Int) -> ConsoleCommand? { nil }
    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {}
}
