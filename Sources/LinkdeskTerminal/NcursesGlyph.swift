/// What the backend hands ncurses for one cell. Pure, so it is tested without a terminal.
///
/// ncurses keeps its own idea of character widths (libc `wcwidth`) and may disagree with
/// `DisplayWidth`, or hold only one spacing character plus a few combining ones per cell
/// (CCHARW_MAX). A disagreement would shift the rest of the row in ncurses' model, so a cell is
/// reduced to something both agree on:
/// - the first scalar plus the following zero-width scalars (at most `maximumScalars` in all);
///   later spacing scalars (the rest of a ZWJ emoji sequence, a flag's second half) are dropped;
/// - "?" when libc cannot print the first scalar (non-UTF-8 locale);
/// - U+FFFD when libc thinks a one-column cell is two columns wide.
/// A cell `DisplayWidth` counts as wide but libc as narrow stays: the backend blanks the second
/// column first, so the row stays aligned.
enum NcursesGlyph {
    static let maximumScalars = 5

    /// The scalars for `setcchar`, or [] for a continuation cell (nothing to draw).
    static func scalars(for cell: Cell, systemWidth: (UInt32) -> Int) -> [UInt32] {
        guard let character = cell.text.first else { return [] }
        let scalars = character.unicodeScalars.map(\.value)
        guard let base = scalars.first else { return [] }
        let baseWidth = systemWidth(base)
        if baseWidth <= 0 { return [UInt32(("?" as Unicode.Scalar).value)] }
        if baseWidth == 2, DisplayWidth.of(character) == 1 { return [0xFFFD] }
        let marks = scalars.dropFirst().prefix { systemWidth($0) == 0 }
        return Array(([base] + marks).prefix(maximumScalars))
    }
}
