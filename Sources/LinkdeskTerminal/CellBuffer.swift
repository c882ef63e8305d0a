/// An in-memory screen: `width × height` cells plus where the cursor should be.
///
/// Screens render into a buffer; the ncurses backend only shows it, and `lines()` is what the
/// golden files in Screens/ hold. Writing never goes outside the buffer, so a render function
/// cannot crash on a small terminal.
public struct CellBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]
    /// Where to show the cursor after drawing; nil hides it.
    public var cursor: Point?

    public init(width: Int, height: Int, role: StyleRole = .normal) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(role), count: self.width * self.height)
        self.cursor = nil
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a position, or nil outside the buffer.
    public func cell(x: Int, y: Int) -> Cell? {
        contains(x: x, y: y) ? cells[y * width + x] : nil
    }

    /// Calls `body` with each cell of the top-left `rows × columns` that differs from the same
    /// cell of `previous` (every cell when there is none, or it has another size), row by row.
    /// Compared in place: copying each pair of cells out first was a fifth of a keystroke's redraw.
    func forEachChange(since previous: CellBuffer?, rows: Int, columns: Int, _ body: (_ x: Int, _ y: Int, _ cell: Cell) -> Void) {
        let rows = min(max(0, rows), height), columns = min(max(0, columns), width)
        let old = previous.flatMap { $0.width == width && $0.height == height ? $0.cells : nil } ?? []
        cells.withUnsafeBufferPointer { now in
            old.withUnsafeBufferPointer { before in
                for y in 0..<rows {
                    let row = y * width
                    for x in 0..<columns where before.isEmpty || before[row + x] != now[row + x] {
                        body(x, y, now[row + x])
                    }
                }
            }
        }
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// The buffer as plain text, one string per row, trailing spaces trimmed: the golden-file
    /// format. Continuation cells add nothing (their wide character already took two columns).
    public func lines() -> [String] {
        (0..<height).map { row in
            var line = ""
            for x in 0..<width {
                line += cells[row * width + x].text
            }
            return line.trimmingTrailingSpaces()
        }
    }

    /// Puts one grapheme at (x, y), taking `columns` (1 or 2) cells, and keeps wide characters
    /// whole: overwriting either half of an existing wide character blanks its other half.
    /// Does nothing unless all `columns` cells are inside the buffer.
    mutating func put(_ text: String, columns: Int, x: Int, y: Int, role: StyleRole, attributes: TextAttributes) {
        guard contains(x: x, y: y), contains(x: x + columns - 1, y: y) else { return }
        for column in x..<(x + columns) {
            splitWideCharacter(at: column, y: y)
        }
        cells[y * width + x] = Cell(text: text, role: role, attributes: attributes)
        if columns == 2 {
            cells[y * width + x + 1] = .continuation(role, attributes)
        }
    }

    /// Sets the one-column cells `left..<right` of row `y` (inside the buffer) to `cell`: only
    /// the span's two ends can cut a wide character in half, so only they are checked. A full
    /// screen is cleared before every frame, and `put` per cell was a tenth of a console key.
    mutating func fillRow(y: Int, from left: Int, to right: Int, with cell: Cell) {
        guard contains(x: left, y: y), contains(x: right - 1, y: y), left < right else { return }
        splitWideCharacter(at: left, y: y)
        splitWideCharacter(at: right - 1, y: y)
        let row = y * width
        for index in (row + left)..<(row + right) { cells[index] = cell }
    }

    /// Puts printable ASCII text (one cell a byte) from x on row y (inside the buffer), up to
    /// column `limit`; returns the columns it advanced, cells left of the buffer counted. The
    /// span's ends are checked for wide characters once, not each cell.
    mutating func putASCII(_ text: String, x: Int, y: Int, limit: Int, role: StyleRole, attributes: TextAttributes) -> Int {
        let count = max(0, min(text.utf8.count, limit - x))
        let left = max(0, x), right = x + count
        guard left < right else { return count }
        splitWideCharacter(at: left, y: y)
        splitWideCharacter(at: right - 1, y: y)
        let row = y * width
        var column = x
        for byte in text.utf8.prefix(count) {
            if column >= 0 { cells[row + column] = Cell(text: Self.asciiText[Int(byte) - 0x20], role: role, attributes: attributes) }
            column += 1
        }
        return count
    }

    /// Blanks the other half of a wide character that the cell at (x, y) belongs to.
    private mutating func splitWideCharacter(at x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1].text = " "
            cells[index].text = " "
        }
        if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1].text = " "
        }
    }

    /// Appends a zero-width grapheme (a lone combining mark) to the character left of x.
    mutating func attach(_ text: String, beforeX x: Int, y: Int) {
        var lead = x - 1
        while lead > 0, cell(x: lead, y: y)?.isContinuation == true { lead -= 1 }
        guard contains(x: lead, y: y) else { return }
        cells[y * width + lead].text += text
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        guard let last = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[...last])
    }
}
