/// Single-line box-drawing characters. Chosen over ASCII +-| because every terminal font
/// linkdesk targets has them, and they are one column wide everywhere outside CJK locales.
public enum BoxCharacters {
    public static let horizontal: Character = "─"
    public static let vertical: Character = "│"
    public static let topLeft: Character = "┌"
    public static let topRight: Character = "┐"
    public static let bottomLeft: Character = "└"
    public static let bottomRight: Character = "┘"
    public static let teeLeft: Character = "├"
    public static let teeRight: Character = "┤"
}

extension CellBuffer {
    /// Fills a rectangle (clipped to the buffer) with one character and role.
    public mutating func fill(_ rect: Rect, with character: Character = " ", role: StyleRole = .normal) {
        let text = String(character)
        let columns = max(1, DisplayWidth.of(character))
        if columns == 1 {
            let cell = Cell(text: text, role: role)
            let top = max(0, rect.y)
            for y in top..<max(top, min(height, rect.maxY)) {
                fillRow(y: y, from: max(0, rect.x), to: min(width, rect.maxX), with: cell)
            }
            return
        }
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            var x = max(0, rect.x)
            while x + columns <= min(width, rect.maxX) {
                put(text, columns: columns, x: x, y: y, role: role, attributes: [])
                x += columns
            }
        }
    }

    /// Clears the whole buffer to blanks of a role and hides the cursor.
    public mutating func clear(role: StyleRole = .normal) {
        fill(bounds, role: role)
        cursor = nil
    }

    /// Draws a single-line box around `rect` (its outermost cells), with an optional title set
    /// into the top edge ("┌ Title ───┐"), clipped with "…" if the box is narrow. Does not
    /// touch the inside.
    public mutating func drawBox(_ rect: Rect, role: StyleRole = .border, title: String? = nil, titleRole: StyleRole = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        horizontalRule(y: rect.y, x: rect.x + 1, width: rect.width - 2, role: role)
        horizontalRule(y: bottom, x: rect.x + 1, width: rect.width - 2, role: role)
        for y in (rect.y + 1)..<bottom {
            putBorder(BoxCharacters.vertical, x: rect.x, y: y, role: role)
            putBorder(BoxCharacters.vertical, x: right, y: y, role: role)
        }
        putBorder(BoxCharacters.topLeft, x: rect.x, y: rect.y, role: role)
        putBorder(BoxCharacters.topRight, x: right, y: rect.y, role: role)
        putBorder(BoxCharacters.bottomLeft, x: rect.x, y: bottom, role: role)
        putBorder(BoxCharacters.bottomRight, x: right, y: bottom, role: role)
        if let title, rect.width > 4 {
            writeClipped(" \(title) ", x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, role: titleRole)
        }
    }

    /// A horizontal line of "─" from (x, y), `width` columns long.
    public mutating func horizontalRule(y: Int, x: Int = 0, width ruleWidth: Int? = nil, role: StyleRole = .border) {
        let length = ruleWidth ?? (width - x)
        fill(Rect(x: x, y: y, width: length, height: 1), with: BoxCharacters.horizontal, role: role)
    }

    /// A divider across a box drawn by `drawBox`: "├───┤" on row y.
    public mutating func drawBoxDivider(_ rect: Rect, y: Int, role: StyleRole = .border) {
        guard rect.width >= 2 else { return }
        horizontalRule(y: y, x: rect.x + 1, width: rect.width - 2, role: role)
        putBorder(BoxCharacters.teeLeft, x: rect.x, y: y, role: role)
        putBorder(BoxCharacters.teeRight, x: rect.maxX - 1, y: y, role: role)
    }

    private mutating func putBorder(_ character: Character, x: Int, y: Int, role: StyleRole) {
        put(String(character), columns: 1, x: x, y: y, role: role, attributes: [])
    }
}
