import Foundation
import LinkdeskTerminal

/// Fixed-width table columns; the last column (width 0) takes the rest of the row. Every cell is
/// sanitised and clipped with "…" by the buffer, so hostile text can't spill into its neighbour.
public struct Columns: Sendable {
    public let specs: [(title: String, width: Int)]

    public init(_ specs: [(String, Int)]) { self.specs = specs.map { (title: $0.0, width: $0.1) } }

    public var titles: [String] { specs.map(\.title) }

    public func draw(_ cells: [String], into buffer: inout CellBuffer, x: Int, y: Int, width: Int, role: StyleRole) {
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        var column = x + 1
        for (index, spec) in specs.enumerated() where index < cells.count {
            let remaining = x + width - column - 1
            let cellWidth = spec.width == 0 ? remaining : min(spec.width, remaining)
            guard cellWidth > 0 else { break }
            buffer.writeClipped(cells[index], x: column, y: y, maxWidth: cellWidth, role: role)
            column += cellWidth + 1
        }
    }
}
