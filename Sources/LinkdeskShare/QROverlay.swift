import LinkdeskQR
import LinkdeskTerminal

/// A link as a QR code in half blocks (`QRText`), with a column of text beside it: used by the
/// Share pop-up (Q/F2) and the console's One-time links view. Pure: draws into a buffer.
///
/// The code is drawn whole or not at all: a clipped code doesn't scan, so when it doesn't fit
/// the area, the overlay says how large the terminal must be instead.
public enum QROverlay {
    /// Columns kept for the text beside the code.
    public static let textColumns = 20

    /// A line of text beside the code: word-wrapped prose, or a URL cut at any character.
    public struct Note: Equatable, Sendable {
        public var text: String
        public var role: StyleRole
        public var isURL: Bool

        public init(_ text: String, role: StyleRole = .normal, isURL: Bool = false) {
            self.text = text
            self.role = role
            self.isURL = isURL
        }

        public static let blank = Note("")
    }

    /// The half-block rows of `url` exactly as drawn (2 modules of quiet zone; light modules in
    /// ink, for the usual light-on-dark terminal).
    public static func code(_ url: String) -> [String] {
        QRText.halfBlocks(url, margin: QRText.defaultMargin, ink: .lightModules)
    }

    /// "Enlarge the terminal to show the QR code (needs 80×27)".
    public static func enlargeMessage(needs size: ScreenSize) -> String {
        "Enlarge the terminal to show the QR code (needs \(size.width)×\(size.height))"
    }

    /// The terminal size at which the code of `url` fits, for an area that is the screen less
    /// `chrome` (columns and rows the host keeps for itself), never below the host's `minimum`.
    public static func needed(_ url: String, chrome: ScreenSize, minimum: ScreenSize) -> ScreenSize {
        let rows = code(url)
        let width = rows.map(DisplayWidth.of).max() ?? 0
        return ScreenSize(width: max(minimum.width, width + 4 + textColumns + chrome.width),
                          height: max(minimum.height, rows.count + chrome.height))
    }

    /// Clears `area` and draws the code of `url` at its left with `notes` beside it, or the
    /// enlarge message (then the notes under it) when the code doesn't fit. `minimum` is the
    /// host's own minimum screen, so the size asked for is one the host draws at.
    public static func draw(_ url: String, notes: [Note], into buffer: inout CellBuffer, area: Rect,
                            minimum: ScreenSize) {
        buffer.fill(area)
        let rows = code(url)
        let codeWidth = rows.map(DisplayWidth.of).max() ?? 0
        let textX = area.x + 1 + codeWidth + 2
        let textWidth = area.maxX - 1 - textX
        if rows.isEmpty {
            let lines = [Note("This link is too long for a QR code.", role: .error), .blank] + notes
            write(lines, into: &buffer, x: area.x + 2, y: area.y + 1, width: area.width - 4, maxY: area.maxY)
            return
        }
        guard rows.count <= area.height, textWidth >= textColumns else {
            let chrome = ScreenSize(width: buffer.width - area.width, height: buffer.height - area.height)
            // At least the present size: the message asks to enlarge, never to shrink.
            let message = enlargeMessage(needs: needed(url, chrome: chrome,
                                                       minimum: ScreenSize(width: max(minimum.width, buffer.width),
                                                                           height: max(minimum.height, buffer.height))))
            let lines = [Note(message, role: .warning), .blank] + notes
            write(lines, into: &buffer, x: area.x + 2, y: area.y + 1, width: area.width - 4, maxY: area.maxY)
            return
        }
        let top = area.y + (area.height - rows.count) / 2
        for (offset, row) in rows.enumerated() { buffer.write(row, x: area.x + 1, y: top + offset) }
        write(notes, into: &buffer, x: textX, y: top + 1, width: textWidth, maxY: area.maxY)
    }

    private static func write(_ notes: [Note], into buffer: inout CellBuffer, x: Int, y: Int, width: Int, maxY: Int) {
        var row = y
        for note in notes {
            let lines = note.text.isEmpty ? [""] : (note.isURL ? TextWrap.hard(note.text, width: width) : TextWrap.lines(note.text, width: width))
            for line in lines where row < maxY {
                buffer.writeClipped(line, x: x, y: row, maxWidth: width, role: note.role)
                row += 1
            }
        }
    }
}
