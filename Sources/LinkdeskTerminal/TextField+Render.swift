/// The visible part of a text field.
public struct TextFieldViewport: Hashable, Sendable {
    /// The graphemes shown, starting at the scroll position, fitting the field width.
    public var text: String
    /// The cursor's column inside the field.
    public var cursorColumn: Int
}

extension TextField {
    /// What a field `width` columns wide shows so that the cursor is always visible.
    ///
    /// Computed from the text and cursor alone (no stored scroll offset, so the field stays a
    /// plain value and rendering stays pure): the text is shown from its start while the cursor
    /// fits; past that it scrolls so the cursor (and the character under it) sits at the right edge. Width-aware: a wide
    /// character is either shown whole or not at all.
    public func viewport(width: Int) -> TextFieldViewport {
        guard width > 0 else { return TextFieldViewport(text: "", cursorColumn: 0) }
        let characters = Array(text)
        let widths = characters.map(DisplayWidth.of)
        var start = 0
        var beforeCursor = widths[0..<cursor].reduce(0, +)
        let underCursor = cursor < widths.count ? widths[cursor] : 1
        while beforeCursor + underCursor > width, start < cursor {
            beforeCursor -= widths[start]
            start += 1
        }
        var shown = ""
        var used = 0
        for index in start..<characters.count {
            if used + widths[index] > width { break }
            shown.append(characters[index])
            used += widths[index]
        }
        return TextFieldViewport(text: shown, cursorColumn: beforeCursor)
    }

    /// Draws the field at (x, y), `width` columns wide, filling it with `role` (so an empty
    /// field still shows where it is). When `focused`, puts the buffer's cursor on the field's
    /// cursor. An empty field shows `placeholder` dimmed.
    public func render(
        into buffer: inout CellBuffer,
        x: Int,
        y: Int,
        width: Int,
        role: StyleRole = .normal,
        focused: Bool = false,
        placeholder: String? = nil
    ) {
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        let view = viewport(width: width)
        if text.isEmpty, let placeholder {
            buffer.writeClipped(placeholder, x: x, y: y, maxWidth: width, role: role, attributes: .dim)
        } else {
            buffer.write(view.text, x: x, y: y, role: role, maxWidth: width)
        }
        if focused, width > 0 {
            buffer.cursor = Point(x: x + min(view.cursorColumn, width - 1), y: y)
        }
    }
}
