extension CellBuffer {
    /// The printable ASCII characters (0x20–0x7E) as the one-character strings cells hold, made
    /// once: `write` fills most cells from ASCII text, and making a String per byte showed.
    static let asciiText: [String] = (0x20..<0x7F).map { String(Unicode.Scalar(UInt8($0))) }

    /// Writes text from (x, y) rightwards and returns the columns it took.
    ///
    /// Width-aware: wide characters take two cells, a zero-width grapheme (a lone combining
    /// mark) joins the character written before it in this call. Stops at the right edge or
    /// after `maxWidth` columns, never splitting a wide character (the cell it would not fit in
    /// is left untouched). Controls are neutralised here too, as a last line of defence; text
    /// from outside should still go through `Sanitizer` so it is also clipped with "…".
    @discardableResult
    public mutating func write(
        _ text: String,
        x: Int,
        y: Int,
        role: StyleRole = .normal,
        attributes: TextAttributes = [],
        maxWidth: Int? = nil
    ) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var column = x
        if Sanitizer.isPrintableASCII(text) {
            // Printable ASCII: a character a byte, a column each, none zero-width; clean already.
            return putASCII(text, x: x, y: y, limit: limit, role: role, attributes: attributes)
        }
        let cleaned = Sanitizer.clean(text)
        for character in cleaned {
            let columns = DisplayWidth.of(character)
            if columns == 0 {
                if column > max(x, 0) { attach(String(character), beforeX: column, y: y) }
                continue
            }
            if column + columns > limit { break }
            if column >= 0 {
                put(String(character), columns: columns, x: column, y: y, role: role, attributes: attributes)
            }
            column += columns
        }
        return column - x
    }

    /// Like `write`, but text too long for `maxWidth` ends in "…" so the cut shows.
    @discardableResult
    public mutating func writeClipped(
        _ text: String,
        x: Int,
        y: Int,
        maxWidth: Int,
        role: StyleRole = .normal,
        attributes: TextAttributes = []
    ) -> Int {
        let available = min(maxWidth, width - x)
        let clipped = Sanitizer.clean(text, maxWidth: available)
        return write(clipped, x: x, y: y, role: role, attributes: attributes, maxWidth: available)
    }

    /// Writes text centred horizontally in `area` (the whole row by default), clipped with "…"
    /// when it does not fit. Returns the column it started at.
    @discardableResult
    public mutating func writeCentered(
        _ text: String,
        y: Int,
        in area: Rect? = nil,
        role: StyleRole = .normal,
        attributes: TextAttributes = []
    ) -> Int {
        let area = area ?? bounds
        let clipped = Sanitizer.clean(text, maxWidth: area.width)
        let start = area.x + max(0, (area.width - DisplayWidth.of(clipped)) / 2)
        write(clipped, x: start, y: y, role: role, attributes: attributes, maxWidth: area.maxX - start)
        return start
    }
}
