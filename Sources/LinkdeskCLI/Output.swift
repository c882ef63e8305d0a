import Foundation
import LinkdeskCore

/// stdout carries results only (so `url=$(linkdesk link …)` works); notes and errors go to stderr.
enum Output {
    static func line(_ text: String) {
        print(text)
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data(("linkdesk: " + text + "\n").utf8))
    }

    static func json(_ value: some JSONShape) {
        print(JSONText.string(value.json))
    }

    static func json(_ values: [some JSONShape]) {
        print(JSONText.string(.array(values.map(\.json))))
    }
}

/// Text from outside (customer names, notes, page names) made safe for a terminal: control
/// characters and bidi controls become U+FFFD so nothing printed can move the cursor or recolour.
enum Display {
    static func clean(_ text: String, max: Int = 200) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let isControl = v < 0x20 || (0x7F...0x9F).contains(v)
            let isBidi = (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0x061C
            out.append(isControl || isBidi ? "\u{FFFD}" : scalar)
        }
        let cleaned = String(out)
        return cleaned.count > max ? String(cleaned.prefix(max - 1)) + "…" : cleaned
    }
}
