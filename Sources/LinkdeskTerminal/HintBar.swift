/// The one-line key hint bar, generated from key bindings.
///
/// Its functions are `@inlinable` so that each screen's module specializes them for its own
/// action type: unspecialized, the generic array work of `visible` (run on every frame) went
/// through runtime metadata and witness tables — a seventh of a console keystroke.
public enum HintBar {
    /// Separator between hints.
    public static let separator = "  "

    /// The bindings shown in a bar `width` columns wide, in their original order. Lowest
    /// priority goes first when the bar is too narrow (ties: the later binding goes first, so
    /// the list's own order is the tie-break). Disabled bindings stay, drawn dimmed.
    @inlinable
    public static func visible<Action>(_ bindings: [KeyBinding<Action>], width: Int) -> [KeyBinding<Action>] {
        // Each item's width once, not once per candidate set.
        var shown = bindings.enumerated().filter { $0.element.showsInHintBar }
            .map { (offset: $0.offset, element: $0.element, width: DisplayWidth.of(item($0.element))) }
        let gap = DisplayWidth.of(separator)
        var total = shown.reduce(0) { $0 + $1.width } + max(0, shown.count - 1) * gap
        while !shown.isEmpty, total > width {
            let victim = shown.indices.min { a, b in
                let (pa, pb) = (shown[a].element.priority, shown[b].element.priority)
                return pa != pb ? pa < pb : shown[a].offset > shown[b].offset
            }
            guard let victim else { break }
            total -= shown[victim].width + (shown.count > 1 ? gap : 0)
            shown.remove(at: victim)
        }
        return shown.map(\.element)
    }

    /// The bar as plain text: "Tab next  Space toggle  ? help".
    @inlinable
    public static func text<Action>(_ bindings: [KeyBinding<Action>], width: Int) -> String {
        visible(bindings, width: width).map(item).joined(separator: separator)
    }

    /// Draws the bar on row y: key labels in `.hintKey`, words in `.hint`, disabled bindings in
    /// `.disabled`. The rest of the row is cleared to `.hint`.
    @inlinable
    public static func draw<Action>(_ bindings: [KeyBinding<Action>], into buffer: inout CellBuffer, y: Int, x: Int = 0, width: Int? = nil) {
        let width = width ?? (buffer.width - x)
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: .hint)
        var column = x
        for (index, binding) in visible(bindings, width: width).enumerated() {
            if index > 0 { column += buffer.write(separator, x: column, y: y, role: .hint) }
            let keyRole: StyleRole = binding.isEnabled ? .hintKey : .disabled
            let wordRole: StyleRole = binding.isEnabled ? .hint : .disabled
            column += buffer.write(label(binding), x: column, y: y, role: keyRole)
            column += buffer.write(" " + binding.hint, x: column, y: y, role: wordRole)
        }
    }

    /// The binding's own label when it has one ("n/Esc"), else its first key's.
    @usableFromInline
    static func label<Action>(_ binding: KeyBinding<Action>) -> String {
        binding.label ?? binding.keys.first?.label ?? ""
    }

    @usableFromInline
    static func item<Action>(_ binding: KeyBinding<Action>) -> String {
        label(binding) + " " + binding.hint
    }
}
