/// Makes text from outside (customer names, emails, notes, page names) safe to draw.
///
/// ncurses carries CR, BS, TAB and LF out as cursor moves, and a terminal would act on ESC and
/// C1 sequences (recolour, move, retitle), so nothing a customer types may reach the screen raw.
/// Policy, chosen so hostile input stays *visible* (staff can see someone tried something)
/// while legitimate right-to-left text keeps working:
///
/// - C0 controls and DEL become their Unicode Control Pictures (ESC → ␛, CR → ␍, TAB → ␉,
///   NUL → ␀, DEL → ␡). They are one column wide and name what was there; U+FFFD would hide
///   which control it was.
/// - C1 controls (U+0080–U+009F) have no pictures and become U+FFFD �.
/// - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) become U+FFFD:
///   they reorder the text that follows them ("Trojan Source"), so a hidden one must show.
/// - Bidi marks (LRM U+200E, RLM U+200F, ALM U+061C) are removed: they are invisible by design,
///   occur in genuine right-to-left names, and the terminal's own bidi handling is enough.
/// - Line and paragraph separators (U+2028, U+2029) become ␤: some terminals break lines on them.
/// - A cluster with a pile of combining marks ("Zalgo") keeps at most
///   `maximumCombiningMarks`, so it cannot spill over the rows above and below.
public enum Sanitizer {
    /// Combining marks kept per grapheme; also ncurses' limit per cell (CCHARW_MAX - 1).
    public static let maximumCombiningMarks = 4

    /// The text with every control, bidi control and mark pile neutralised. Never clips.
    public static func clean(_ text: String) -> String {
        if isPrintableASCII(text) { return text }  // nothing to replace, no marks: most names
        guard text.unicodeScalars.contains(where: needsWork) || hasMarkPile(text) else {
            return text
        }
        var result = String.UnicodeScalarView()
        var marksInCluster = 0
        for scalar in text.unicodeScalars {
            if isCombiningMark(scalar) {
                marksInCluster += 1
                if marksInCluster > maximumCombiningMarks { continue }
            } else {
                marksInCluster = 0
            }
            if let replacement = replacement(for: scalar) {
                result.append(contentsOf: replacement.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Cleans, then clips to `maxWidth` columns with "…" (see `clip`).
    public static func clean(_ text: String, maxWidth: Int) -> String {
        clip(clean(text), maxWidth: maxWidth)
    }

    /// The longest prefix that fits in `maxWidth` columns; when text had to be cut, the last
    /// column holds "…" so a reader knows there was more. Never splits a grapheme (so never a
    /// wide character). Stops scanning once the width is exceeded, so huge strings are cheap.
    public static func clip(_ text: String, maxWidth: Int, ellipsis: Character = "…") -> String {
        guard maxWidth > 0 else { return "" }
        if text.utf8.count <= maxWidth, isPrintableASCII(text) { return text }  // one column a byte: it fits
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        var used = 0
        var keepEnd = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let width = DisplayWidth.of(text[index])
            if used + width > maxWidth {
                let prefix = String(text[..<keepEnd])
                return ellipsisWidth <= maxWidth ? prefix + String(ellipsis) : prefix
            }
            used += width
            index = text.index(after: index)
            if used + ellipsisWidth <= maxWidth { keepEnd = index }
        }
        return text
    }

    /// True for every scalar `clean` replaces or removes.
    public static func isNeutralised(_ scalar: Unicode.Scalar) -> Bool {
        needsWork(scalar)
    }

    /// What `clean` puts in place of a scalar: nil keeps it, "" removes it.
    static func replacement(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x00...0x1F:
            return String(Character(Unicode.Scalar(0x2400 + value) ?? "\u{FFFD}"))
        case 0x7F:
            return "\u{2421}"
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
            return "\u{FFFD}"
        case 0x200E, 0x200F, 0x061C:
            return ""
        case 0x2028, 0x2029:
            return "\u{2424}"
        default:
            return nil
        }
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        replacement(for: scalar) != nil
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark:
            return true
        default:
            return false
        }
    }

    /// Every byte in 0x20–0x7E: nothing to clean, a column each. Over the contiguous UTF-8 of
    /// a native string (all of linkdesk's), which the generic view scan was 3 % of a keystroke.
    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
            return true
        } ?? text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private static func hasMarkPile(_ text: String) -> Bool {
        var run = 0
        for scalar in text.unicodeScalars {
            run = isCombiningMark(scalar) ? run + 1 : 0
            if run > maximumCombiningMarks { return true }
        }
        return false
    }
}
