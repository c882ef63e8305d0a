import Testing
@testable import LinkdeskTerminal

@Suite("Display width")
struct DisplayWidthTests {
    @Test("ASCII is one column per character")
    func ascii() {
        #expect(DisplayWidth.of("linkdesk 80x24") == 14)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test("CJK ideographs and fullwidth forms take two columns")
    func cjk() {
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.of("ｶﾅ") == 2, "halfwidth katakana stay narrow")
        #expect(DisplayWidth.of("한국어") == 6)
    }

    @Test("emoji take two columns, including skin tones, ZWJ sequences, flags and VS16")
    func emoji() {
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("👩🏽‍💻") == 2)
        #expect(DisplayWidth.of("👨‍👩‍👧‍👦") == 2)
        #expect(DisplayWidth.of("🇺🇸") == 2)
        #expect(DisplayWidth.of("☺\u{FE0F}") == 2)
        #expect(DisplayWidth.of("☺") == 1, "text-presentation emoji stay narrow")
        #expect(DisplayWidth.of("1\u{FE0F}\u{20E3}") == 2, "keycap")
    }

    @Test("combining marks add no width")
    func combining() {
        let composed = "e\u{301}"
        #expect(composed.count == 1)
        #expect(DisplayWidth.of(composed) == 1)
        #expect(DisplayWidth.of("\u{301}") == 0, "a lone mark is zero columns")
        #expect(DisplayWidth.of("a\u{200B}b") == 2, "zero-width space")
    }

    @Test("Arabic letters are one column each")
    func arabic() {
        #expect(DisplayWidth.of("دانا") == 4)
    }

    @Test("ambiguous-width characters count as narrow")
    func ambiguous() {
        #expect(DisplayWidth.of("…") == 1)
        #expect(DisplayWidth.of("─│┌") == 3)
        #expect(DisplayWidth.of("\u{FFFD}") == 1)
    }

    @Test("scalar widths")
    func scalars() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x4E00)!) == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1F600)!) == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x41)!) == 1)
        #expect(DisplayWidth.isWide(Unicode.Scalar(0x3000)!), "ideographic space")
        #expect(!DisplayWidth.isWide(Unicode.Scalar(0x10FF)!))
    }
}
