/// How many terminal columns text takes.
///
/// Pure and locale-independent on purpose: libc `wcwidth` only knows UTF-8 after `setlocale`,
/// and differs between libc versions, so golden screens rendered with it would depend on the
/// machine. Widths are decided per grapheme cluster (a Swift `Character`), the unit a user sees:
///
/// - combining marks, joiners and other format characters alone take 0 columns (after a base
///   they are part of its cluster);
/// - East Asian Wide/Fullwidth characters (漢字, ｶﾅ is narrow, ＡＢ is wide) take 2;
/// - emoji take 2 when drawn as emoji: default emoji presentation (👍), an explicit U+FE0F
///   selector (☺️), a skin-tone modifier, or a flag made of two regional indicators;
/// - everything else, including East Asian Ambiguous, takes 1 (what terminals do in a non-CJK
///   locale).
public enum DisplayWidth {
    /// Columns taken by a whole string.
    public static func of(_ text: String) -> Int {
        // Printable ASCII (most labels and names): one column a byte, no grapheme breaking.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// Columns taken by one grapheme cluster: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if character.isASCII {
            // ASCII's only zero-width characters are its controls (C0 and DEL).
            return first.value >= 0x20 && first.value < 0x7F ? 1 : 0
        }
        if scalars.allSatisfy(isZeroWidth) { return 0 }
        if isEmojiCluster(scalars) { return 2 }
        return isWide(first) ? 2 : 1
    }

    /// Columns taken by one scalar drawn on its own.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if isZeroWidth(scalar) { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return isWide(scalar) ? 2 : 1
    }

    /// True for scalars that never advance the cursor: nonspacing and enclosing marks, format
    /// characters (ZWJ, ZWSP, bidi marks), controls, and Hangul medial vowels / final consonants.
    public static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return true
        default:
            return (0x1160...0x11FF).contains(scalar.value) || (0xD7B0...0xD7FF).contains(scalar.value)
        }
    }

    /// True for East Asian Wide and Fullwidth scalars.
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = eastAsianWideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = eastAsianWideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    private static func isEmojiCluster(_ scalars: Character.UnicodeScalarView) -> Bool {
        guard let first = scalars.first else { return false }
        if first.properties.isEmojiPresentation { return true }
        if isRegionalIndicator(first) {
            return scalars.dropFirst().contains(where: isRegionalIndicator)
        }
        guard first.properties.isEmoji else { return false }
        return scalars.dropFirst().contains { scalar in
            scalar.value == 0xFE0F || scalar.properties.isEmojiModifier
        }
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }
}
