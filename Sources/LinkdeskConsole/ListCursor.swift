/// Selection and scrolling of a list, independent of what the rows are. Keeping `top` in the
/// state (not recomputed per frame) is what lets a live reload keep the user's place.
public struct ListCursor: Equatable, Sendable {
    public var selected = 0
    public var top = 0

    public init() {}

    public mutating func move(by step: Int, count: Int, visible: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(selected + step, 0), count - 1)
        scroll(count: count, visible: visible)
    }

    /// Keeps the selection inside the list after it shrank and inside the visible rows.
    public mutating func clamp(count: Int, visible: Int) {
        move(by: 0, count: count, visible: visible)
    }

    private mutating func scroll(count: Int, visible: Int) {
        let rows = max(visible, 1)
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
        top = min(max(top, 0), max(count - rows, 0))
    }

    public func visibleRange(count: Int, visible: Int) -> Range<Int> {
        top..<min(count, top + max(visible, 0))
    }
}
