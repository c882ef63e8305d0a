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
        let old = previous  // once, not a property read per cell
        for y in 0..<max(0, rows) {
            for x in 0..<max(0, columns) {
                guard let cell = buffer.cell(x: x, y: y), cell != old?.cell(x: x, y: y) else { continue }
                draw(cell, x: x, y: y, fits: x + 1 < columns)
            }
        }
        placeCursor(buffer.cursor, rows: rows, columns: columns)
        wrefresh(window)
        previous = buffer
    }

    private func draw(_ cell: Cell, x: Int, y: Int, fits: Bool) {
        // Printable ASCII, most cells: one column for libc and DisplayWidth alike, drawn as is.
        if cell.text.utf8.count == 1, let byte = cell.text.utf8.first, byte >= 0x20, byte < 0x7F {
            var characters: (wchar_t, wchar_t) = (wchar_t(byte), 0)
            var ncell = cchar_t()
            let look = colors.look(for: cell.role, adding: cell.attributes)
            withUnsafeMutablePointer(to: &characters) { pair in
                pair.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = setcchar(&ncell, $0, look.attributes, look.pair, nil) }
            }
            _ = mvwadd_wch(window, Int32(y), Int32(x), &ncell)
            return
        }
        let glyph = NcursesGlyph.scalars(for: cell) { Int(wcwidth(wchar_t(bitPattern: $0))) }
        guard !glyph.isEmpty else { return }
        let isWide = DisplayWidth.of(cell.text) == 2
        if isWide {
            guard fits else { return }
            put([0x20], role: cell.role, attributes: cell.attributes, x: x + 1, y: y)
        }
        put(glyph, role: cell.role, attributes: cell.attributes, x: x, y: y)
    }

    private func put(_ scalars: [UInt32], role: StyleRole, attributes: TextAttributes, x: Int, y: Int) {
        var characters = scalars.map { wchar_t(bitPattern: $0) } + [0]
        var cell = cchar_t()
        let look = colors.look(for: role, adding: attributes)
        _ = setcchar(&cell, &characters, look.attributes, look.pair, nil)
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
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
