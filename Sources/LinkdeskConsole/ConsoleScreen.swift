import LinkdeskCore
import LinkdeskTerminal

/// One view of the console (Pages, Bookings, …): a value with its own cursor and inputs, its
/// key bindings as data, an update, and a render into its area of the screen.
public protocol ConsoleScreen: Equatable, Sendable {
    /// Text typed after `/`; the view decides what it matches.
    var filter: String { get set }
    /// True while a text field of the view has the keys (letters then are text, not shortcuts).
    var capturesTyping: Bool { get }
    func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>]
    mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows: Int) -> ConsoleCommand?
    /// A key no binding claimed (typing into the view's own fields).
    mutating func typed(_ key: Key, data: ConsoleData) -> ConsoleCommand?
    mutating func filterChanged(data: ConsoleData) -> ConsoleCommand?
    func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData)
    /// The page `s` presets the Share pop-up to, when the view has one under the cursor.
    func selectedPage(_ data: ConsoleData) -> PageID?
}

extension ConsoleScreen {
    public var capturesTyping: Bool { false }
    public mutating func typed(_ key: Key, data: ConsoleData) -> ConsoleCommand? { nil }
    public mutating func filterChanged(data: ConsoleData) -> ConsoleCommand? { nil }
    public func selectedPage(_ data: ConsoleData) -> PageID? { nil }
}

/// List keys every list view shares, so they read the same everywhere.
public enum ListBindings {
    public static let all: [KeyBinding<ConsoleAction>] = [
        KeyBinding([.up, .char("k")], hint: "up", help: "Move up", action: .up, priority: 1, showsInHintBar: false),
        KeyBinding([.down, .char("j")], hint: "down", help: "Move down", action: .down, priority: 1, showsInHintBar: false),
        KeyBinding(.pageUp, hint: "page up", help: "Move up a page", action: .pageUp, showsInHintBar: false),
        KeyBinding(.pageDown, hint: "page down", help: "Move down a page", action: .pageDown, showsInHintBar: false),
        KeyBinding([.home, .char("g")], hint: "top", help: "Go to the first row", action: .top, showsInHintBar: false),
        KeyBinding([.end, .char("G")], hint: "bottom", help: "Go to the last row", action: .bottom, showsInHintBar: false),
    ]

    /// Applies a list action to a cursor; false when the action is not a list move.
    public static func apply(_ action: ConsoleAction, to cursor: inout ListCursor, count: Int, rows: Int) -> Bool {
        switch action {
        case .up: cursor.move(by: -1, count: count, visible: rows)
        case .down: cursor.move(by: 1, count: count, visible: rows)
        case .pageUp: cursor.move(by: -max(rows - 1, 1), count: count, visible: rows)
        case .pageDown: cursor.move(by: max(rows - 1, 1), count: count, visible: rows)
        case .top: cursor.move(by: -count, count: count, visible: rows)
        case .bottom: cursor.move(by: count, count: count, visible: rows)
        default: return false
        }
        return true
    }
}
