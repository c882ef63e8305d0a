import Testing
@testable import LinkdeskTerminal

/// The pure parts of the ncurses backend.
@Suite("Backend helpers")
struct BackendHelperTests {
    /// glibc-like widths: wide CJK and emoji, zero for marks and joiners.
    static func libcWidth(_ value: UInt32) -> Int {
        guard let scalar = Unicode.Scalar(value) else { return -1 }
        if value < 0x20 { return -1 }
        return DisplayWidth.of(scalar)
    }

    @Test("a plain cell is its scalars")
    func plain() {
        #expect(NcursesGlyph.scalars(for: Cell(text: "a"), systemWidth: Self.libcWidth) == [0x61])
        #expect(NcursesGlyph.scalars(for: Cell(text: "漢"), systemWidth: Self.libcWidth) == [0x6F22])
        #expect(NcursesGlyph.scalars(for: .continuation(.normal), systemWidth: Self.libcWidth) == [])
    }

    @Test("combining marks travel with their base")
    func combining() {
        #expect(NcursesGlyph.scalars(for: Cell(text: "e\u{301}"), systemWidth: Self.libcWidth) == [0x65, 0x301])
    }

    @Test("a ZWJ sequence is reduced to its first emoji, a flag to its first half")
    func sequences() {
        #expect(NcursesGlyph.scalars(for: Cell(text: "👩🏽‍💻"), systemWidth: Self.libcWidth) == [0x1F469])
        #expect(NcursesGlyph.scalars(for: Cell(text: "🇺🇸"), systemWidth: Self.libcWidth) == [0x1F1FA])
    }

    @Test("what libc cannot print becomes ?, a libc-wide narrow cell becomes U+FFFD")
    func fallbacks() {
        #expect(NcursesGlyph.scalars(for: Cell(text: "é"), systemWidth: { $0 < 0x80 ? 1 : -1 }) == [0x3F])
        #expect(NcursesGlyph.scalars(for: Cell(text: "☺"), systemWidth: { _ in 2 }) == [0xFFFD])
    }

    @Test("terminfo padding is stripped from the reset sequence")
    func padding() {
        #expect(TerminfoPadding.strip("\u{1B}[?1049l$<5>\u{1B}[m") == "\u{1B}[?1049l\u{1B}[m")
        #expect(TerminfoPadding.strip("a$<100/*>b$<2>") == "ab")
        #expect(TerminfoPadding.strip("no padding") == "no padding")
        #expect(TerminfoPadding.strip("broken $<5") == "broken $<5")
    }

    @Test("the fallback reset leaves the alternate screen, shows the cursor and resets attributes")
    func fallbackReset() {
        let reset = SignalRestore.fallbackReset
        #expect(reset.contains("\u{1B}[?1049l"))
        #expect(reset.contains("\u{1B}[?25h"))
        #expect(reset.contains("\u{1B}[0m"))
    }

    @Test("error messages are one line and say what is missing")
    func errors() {
        #expect(TerminalError.noTerminal.description == "no terminal: linkdesk needs an interactive terminal (/dev/tty)")
        #expect(TerminalError.unknownTerminalType("bogus").description.contains("'bogus'"))
        #expect(TerminalError.noCursorAddressing("dumb").description.contains("'dumb'"))
        let all: [TerminalError] = [.noTerminal, .terminalTypeUnset, .unknownTerminalType("x"), .noCursorAddressing("y"), .inputClosed]
        #expect(all.allSatisfy { !$0.description.contains("\n") })
    }
}
