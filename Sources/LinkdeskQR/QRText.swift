/// A QR code as terminal text: each character cell shows two modules, one above the other, with
/// the half blocks ▀ ▄, the full block █ and a space. Pure: no terminal, no I/O.
///
/// Which modules are drawn in ink is a choice, because a scanner needs dark modules on a light
/// background and the terminal decides what "ink" looks like:
/// - `.lightModules` (the default, as `qrencode -t UTF8`): the blocks are the LIGHT modules and
///   the quiet zone, for light text on a dark background, the usual terminal. Draw it with a
///   light foreground on a dark background when the colours are known (the console can).
/// - `.darkModules`: the blocks are the dark modules, for dark text on a light background
///   (`linkdesk qr --invert`).
public enum QRText {
    public enum Ink: Sendable {
        case lightModules, darkModules
    }

    /// Modules of quiet zone around the symbol on a terminal. The standard asks for 4; 2 is what
    /// terminal renderers use, and phones read it.
    public static let defaultMargin = 2

    /// The lines (all the same width, `size + 2 × margin` cells) of `text` as a QR code, or no
    /// lines when it can't be encoded (empty, or too long for a QR code).
    public static func halfBlocks(_ text: String, margin: Int = defaultMargin, ink: Ink = .lightModules,
                                  level: QRCode.Level = .medium) -> [String] {
        guard let code = try? QRCode(text, level: level) else { return [] }
        return halfBlocks(code, margin: margin, ink: ink)
    }

    public static func halfBlocks(_ code: QRCode, margin: Int = defaultMargin, ink: Ink = .lightModules) -> [String] {
        let side = code.size + 2 * margin
        // Outside the quiet zone (the lower half of an odd last line) is no module at all: blank.
        func inked(_ row: Int, _ column: Int) -> Bool {
            guard row < side else { return false }
            let dark = code[row - margin, column - margin]  // false (light) in the quiet zone
            return ink == .darkModules ? dark : !dark
        }
        return stride(from: 0, to: side, by: 2).map { row in
            String((0..<side).map { column -> Character in
                switch (inked(row, column), inked(row + 1, column)) {
                case (true, true): "█"
                case (true, false): "▀"
                case (false, true): "▄"
                case (false, false): " "
                }
            })
        }
    }
}
