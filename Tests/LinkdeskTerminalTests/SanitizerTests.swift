import Testing
@testable import LinkdeskTerminal

@Suite("Sanitizer")
struct SanitizerTests {
    /// True when no scalar of the text could move the cursor, recolour or reorder the screen.
    static func isSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return value < 0x20 || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                || [0x200E, 0x200F, 0x061C, 0x2028, 0x2029].contains(value)
        }
    }

    @Test("ESC sequences become visible, inert text")
    func escapeSequences() {
        let hostile = "Bob\u{1B}[31mRED\u{1B}]0;pwned\u{07}\u{1B}[2J"
        let clean = Sanitizer.clean(hostile)
        #expect(clean == "Bob␛[31mRED␛]0;pwned␇␛[2J")
        #expect(Self.isSafe(clean))
    }

    @Test("CR, LF, BS, TAB and NUL become control pictures")
    func cursorMovers() {
        #expect(Sanitizer.clean("a\rb\nc\u{08}d\te\u{0}f") == "a␍b␊c␈d␉e␀f")
        #expect(Sanitizer.clean("a\r\nb") == "a␍␊b", "CRLF is one Character in Swift but two controls")
    }

    @Test("DEL and C1 controls are replaced")
    func delAndC1() {
        #expect(Sanitizer.clean("a\u{7F}b") == "a␡b")
        #expect(Sanitizer.clean("a\u{9B}31mb\u{85}c") == "a\u{FFFD}31mb\u{FFFD}c")
    }

    @Test("bidi overrides and isolates show as U+FFFD; bidi marks are removed")
    func bidi() {
        let trojan = "invoice\u{202E}fdp.exe\u{202C} \u{2066}x\u{2069}"
        let clean = Sanitizer.clean(trojan)
        #expect(clean == "invoice\u{FFFD}fdp.exe\u{FFFD} \u{FFFD}x\u{FFFD}")
        #expect(Sanitizer.clean("دانا\u{200F} \u{200E}x\u{061C}") == "دانا x")
        #expect(Self.isSafe(clean))
    }

    @Test("line and paragraph separators are replaced")
    func separators() {
        #expect(Sanitizer.clean("a\u{2028}b\u{2029}c") == "a␤b␤c")
    }

    @Test("ordinary international text passes through unchanged")
    func untouched() {
        for text in ["Zoë Ångström", "漢字", "👩🏽‍💻 👍", "e\u{301}", "دانا", "Ελληνικά", "🇺🇸"] {
            #expect(Sanitizer.clean(text) == text)
        }
    }

    @Test("piles of combining marks are capped")
    func zalgo() {
        let zalgo = "Z" + String(repeating: "\u{301}", count: 200) + "a"
        let clean = Sanitizer.clean(zalgo)
        #expect(clean.unicodeScalars.count == 1 + Sanitizer.maximumCombiningMarks + 1)
        #expect(clean.count == 2)
    }

    @Test("clip keeps what fits and marks the cut with an ellipsis")
    func clip() {
        #expect(Sanitizer.clip("Customer", maxWidth: 8) == "Customer")
        #expect(Sanitizer.clip("Customers", maxWidth: 8) == "Custome…")
        #expect(Sanitizer.clip("ab漢字", maxWidth: 4) == "ab…", "never splits a wide character")
        #expect(Sanitizer.clip("漢字漢", maxWidth: 5) == "漢字…")
        #expect(Sanitizer.clip("abc", maxWidth: 1) == "…")
        #expect(Sanitizer.clip("abc", maxWidth: 0) == "")
        #expect(Sanitizer.clip("", maxWidth: 3) == "")
    }

    @Test("a 10,000-character hostile string fits the width and carries no control or bidi scalar")
    func huge() {
        let unit = "Ev\u{1B}[1;31mil\u{202E}\r\n\u{08}\t\u{0}\u{9B}漢👍\u{2066}"
        let hostile = String(repeating: unit, count: 10_000 / unit.count + 1)
        #expect(hostile.count >= 10_000)
        for width in [1, 2, 10, 39, 80] {
            let clean = Sanitizer.clean(hostile, maxWidth: width)
            #expect(DisplayWidth.of(clean) <= width)
            #expect(DisplayWidth.of(clean) >= width - 1, "uses the space it has")
            #expect(clean.hasSuffix("…"))
            #expect(Self.isSafe(clean))
        }
        #expect(Self.isSafe(Sanitizer.clean(hostile)))
    }

    @Test("isNeutralised covers exactly the policy's scalars")
    func neutralisedSet() {
        #expect(Sanitizer.isNeutralised("\u{1B}"))
        #expect(Sanitizer.isNeutralised("\u{85}"))
        #expect(Sanitizer.isNeutralised("\u{202E}"))
        #expect(Sanitizer.isNeutralised("\u{200F}"))
        #expect(!Sanitizer.isNeutralised("a"))
        #expect(!Sanitizer.isNeutralised("\u{200D}"), "ZWJ is needed for emoji sequences")
        #expect(!Sanitizer.isNeutralised("\u{A0}"))
    }
}
