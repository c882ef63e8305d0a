import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Terminal {
    /// Shows a buffer: writes only the cells that changed since the last frame, then places
    /// the cursor (or hides it) and refreshes. Parts of the buffer outside the terminal are
    /// not drawn; a buffer of a new size repaints everything.
    public func present(_ buffer: CellBuffer) {
        if previous.map({ $0.width != buffer.width || $0.height != buffer.height }) ?? true {
            previous = nil
            werase(window)
        }
        let rows = min(buffer.height, Int(getmaxy(window)))
        let columns = min(buffer.width, Int(getmaxx(window)))
        var painter = CellPainter(window: window, colors: colors)
        buffer.forEachChange(since: previous, rows: rows, columns: columns) { x, y, cell in
            painter.draw(cell, x: x, y: y, fits: x + 1 < columns)
        }
        placeCursor(buffer.cursor, rows: rows, columns: columns)
        wrefresh(window)
        previous = buffer
    }

    private func placeCursor(_ cursor: Point?, rows: Int, columns: Int) {
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < columns, cursor.y < rows {
            _ = curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            _ = curs_set(0)
            wmove(window, Int32(max(0, rows - 1)), Int32(max(0, columns - 1)))
        }
    }
}

/// Draws the changed cells of one frame. A full frame is some 2,000 cells: the colour look is
/// worked out once per run of cells with the same role and attributes (a theme lookup and a
/// dictionary probe each time before), and a non-ASCII glyph (the borders) once per distinct
/// text per frame (its scalars and width before, for every cell).
private struct CellPainter {
    let window: UnsafeMutablePointer<WINDOW>
    let colors: ColorPairs
    private var lastStyle: (role: StyleRole, attributes: TextAttributes, look: (attributes: attr_t, pair: Int16))?
    private var glyphs: [String: (scalars: [UInt32], isWide: Bool)] = [:]

    init(window: UnsafeMutablePointer<WINDOW>, colors: ColorPairs) {
        self.window = window
        self.colors = colors
    }

    private mutating func look(_ role: StyleRole, _ attributes: TextAttributes) -> (attributes: attr_t, pair: Int16) {
        if let lastStyle, lastStyle.role == role, lastStyle.attributes == attributes { return lastStyle.look }
        let look = colors.look(for: role, adding: attributes)
        lastStyle = (role, attributes, look)
        return look
    }

    mutating func draw(_ cell: Cell, x: Int, y: Int, fits: Bool) {
        // Printable ASCII, most cells: one column for libc and DisplayWidth alike, drawn as is.
        if cell.text.utf8.count == 1, let byte = cell.text.utf8.first, byte >= 0x20, byte < 0x7F {
            var characters: (wchar_t, wchar_t) = (wchar_t(byte), 0)
            var ncell = cchar_t()
            let look = look(cell.role, cell.attributes)
            withUnsafeMutablePointer(to: &characters) { pair in
                pair.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = setcchar(&ncell, $0, look.attributes, look.pair, nil) }
            }
            _ = mvwadd_wch(window, Int32(y), Int32(x), &ncell)
            return
        }
        let glyph: (scalars: [UInt32], isWide: Bool)
        if let known = glyphs[cell.text] {
            glyph = known
        } else {
            glyph = (NcursesGlyph.scalars(for: cell) { Int(wcwidth(wchar_t(bitPattern: $0))) }, DisplayWidth.of(cell.text) == 2)
            glyphs[cell.text] = glyph
        }
        guard !glyph.scalars.isEmpty else { return }
        if glyph.isWide {
            guard fits else { return }
            put([0x20], role: cell.role, attributes: cell.attributes, x: x + 1, y: y)
        }
        put(glyph.scalars, role: cell.role, attributes: cell.attributes, x: x, y: y)
    }

    private mutating func put(_ scalars: [UInt32], role: StyleRole, attributes: TextAttributes, x: Int, y: Int) {
        var characters = scalars.map { wchar_t(bitPattern: $0) } + [0]
        var cell = cchar_t()
        let look = look(role, attributes)
        _ = setcchar(&cell, &characters, look.attributes, look.pair, nil)
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
    }
}
