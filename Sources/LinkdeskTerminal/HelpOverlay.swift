/// The `?` help overlay: every binding of the current screen, generated from the same
/// `KeyBinding` list that dispatch and the hint bar use, including bindings that are hidden
/// from the hint bar or disabled (with the reason).
public enum HelpOverlay {
    /// One row per binding: key labels padded to a common column, then the help text;
    /// disabled bindings add "(unavailable: reason)".
    public static func lines<Action>(_ bindings: [KeyBinding<Action>]) -> [String] {
        let keyColumn = bindings.map { DisplayWidth.of($0.keyLabels) }.max() ?? 0
        return bindings.map { binding in
            let keys = binding.keyLabels
            let padding = String(repeating: " ", count: keyColumn - DisplayWidth.of(keys))
            var line = keys + padding + "  " + binding.help
            if let reason = binding.disabledReason {
                line += " (unavailable: \(reason))"
            }
            return line
        }
    }

    /// Draws the overlay as a box centred in the buffer, sized to its content and clipped to
    /// the buffer; rows that do not fit end in a "… n more" row. `firstLine` scrolls.
    public static func draw<Action>(
        _ bindings: [KeyBinding<Action>],
        title: String = "Keys",
        into buffer: inout CellBuffer,
        firstLine: Int = 0
    ) {
        let rows = lines(bindings)
        let footer = "Esc or ? closes"
        let contentWidth = max(rows.map(DisplayWidth.of).max() ?? 0, DisplayWidth.of(footer), DisplayWidth.of(title) + 2)
        let box = buffer.bounds.centered(width: contentWidth + 4, height: rows.count + 4)
        guard box.width >= 5, box.height >= 4 else { return }
        buffer.fill(box)
        buffer.drawBox(box, title: title)
        let inner = box.inset(by: 1)
        let visibleRows = inner.height - 1
        let start = min(max(0, firstLine), max(0, rows.count - visibleRows))
        for (offset, row) in rows.dropFirst(start).prefix(visibleRows).enumerated() {
            let isLastVisible = offset == visibleRows - 1 && start + visibleRows < rows.count
            let text = isLastVisible ? "… \(rows.count - start - offset) more" : row
            let role: StyleRole = bindings[start + offset].isEnabled ? .normal : .disabled
            buffer.writeClipped(text, x: inner.x + 1, y: inner.y + offset, maxWidth: inner.width - 2, role: isLastVisible ? .dim : role)
        }
        buffer.writeCentered(footer, y: inner.maxY - 1, in: inner, role: .hint)
    }
}
