/// A list cursor that follows a row's identity rather than its index. A live reload may insert
/// or remove rows above the selection (a link made by the CLI, a slot taken by another customer);
/// the same row then stays selected instead of the one that slid under the old index.
public struct KeyedCursor<ID: Hashable & Sendable>: Equatable, Sendable {
    public var list = ListCursor()
    /// The row the user chose last; nil until they move.
    public var selectedID: ID?

    public init() {}

    /// The cursor for these rows: on the remembered row while it is there, else clamped.
    public func resolved(_ ids: [ID], visible: Int) -> ListCursor {
        var cursor = list
        if let selectedID, let index = ids.firstIndex(of: selectedID) { cursor.selected = index }
        cursor.clamp(count: ids.count, visible: visible)
        return cursor
    }

    /// The selected row's id, or nil for an empty list (scrolling doesn't change which row).
    public func selected(in ids: [ID]) -> ID? {
        let index = resolved(ids, visible: 1).selected
        return ids.indices.contains(index) ? ids[index] : nil
    }

    /// Applies a list move; false when the action is not one.
    public mutating func apply(_ action: ConsoleAction, ids: [ID], visible: Int) -> Bool {
        list = resolved(ids, visible: visible)
        guard ListBindings.apply(action, to: &list, count: ids.count, rows: visible) else { return false }
        selectedID = ids.indices.contains(list.selected) ? ids[list.selected] : nil
        return true
    }

    /// Back to the first row (a new list was opened).
    public mutating func reset() { self = KeyedCursor() }
}
