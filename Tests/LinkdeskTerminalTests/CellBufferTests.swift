import Testing
@testable import LinkdeskTerminal

@Suite("Cell buffer")
struct CellBufferTests {
    @Test("a new buffer is blank lines, one per row")
    func blank() {
        let buffer = CellBuffer(width: 5, height: 3)
        #expect(buffer.lines() == ["", "", ""])
    }

    @Test("writing text returns the columns used and trims trailing spaces in lines()")
    func writeASCII() {
        var buffer = CellBuffer(width: 10, height: 2)
        let used = buffer.write("hi there  ", x: 1, y: 0)
        #expect(used == 10 - 1)
        #expect(buffer.lines() == [" hi there", ""])
    }

    @Test("wide characters take a cell and a continuation")
    func wide() {
        var buffer = CellBuffer(width: 6, height: 1)
        #expect(buffer.write("漢a👍", x: 0, y: 0) == 5)
        #expect(buffer.cell(x: 0, y: 0)?.text == "漢")
        #expect(buffer.cell(x: 1, y: 0)?.isContinuation == true)
        #expect(buffer.cell(x: 2, y: 0)?.text == "a")
        #expect(buffer.cell(x: 3, y: 0)?.text == "👍")
        #expect(buffer.cell(x: 4, y: 0)?.isContinuation == true)
        #expect(buffer.lines() == ["漢a👍"])
    }

    @Test("a wide character that would cross the right edge is not drawn")
    func clipWideAtEdge() {
        var buffer = CellBuffer(width: 5, height: 1)
        let used = buffer.write("abc漢", x: 1, y: 0)
        #expect(used == 3)
        #expect(buffer.lines() == [" abc"])
        #expect(buffer.cell(x: 4, y: 0)?.text == " ")
    }

    @Test("maxWidth clips without splitting a wide character")
    func clipWideAtMaxWidth() {
        var buffer = CellBuffer(width: 20, height: 1)
        let used = buffer.write("字字字", x: 0, y: 0, maxWidth: 5)
        #expect(used == 4)
        #expect(buffer.lines() == ["字字"])
    }

    @Test("a combining mark joins the previous cell")
    func combining() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("e\u{301}x", x: 0, y: 0)
        #expect(buffer.cell(x: 0, y: 0)?.text == "e\u{301}")
        #expect(buffer.cell(x: 1, y: 0)?.text == "x")
        buffer.write("a", x: 2, y: 0)
        buffer.write("\u{301}\u{301}b", x: 3, y: 0)
        #expect(buffer.cell(x: 2, y: 0)?.text == "a", "a lone leading mark is dropped")
        #expect(buffer.cell(x: 3, y: 0)?.text == "b")
    }

    @Test("ZWJ emoji and Arabic are written whole")
    func clusters() {
        var buffer = CellBuffer(width: 10, height: 1)
        #expect(buffer.write("👩🏽‍💻دانا", x: 0, y: 0) == 6)
        #expect(buffer.lines() == ["👩🏽‍💻دانا"])
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("漢字", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.lines() == [" x字"])
        buffer.write("y", x: 2, y: 0)
        #expect(buffer.lines() == [" xy"])
        #expect(buffer.cell(x: 3, y: 0)?.isContinuation == false)
    }

    @Test("writes outside the buffer are ignored")
    func outside() {
        var buffer = CellBuffer(width: 4, height: 2)
        #expect(buffer.write("abc", x: 0, y: 5) == 0)
        #expect(buffer.write("abc", x: 0, y: -1) == 0)
        buffer.write("abcdef", x: -2, y: 0)
        #expect(buffer.lines() == ["cdef", ""])
        #expect(buffer.cell(x: 4, y: 0) == nil)
    }

    @Test("controls written directly are neutralised, never stored raw")
    func controlsNeutralised() {
        var buffer = CellBuffer(width: 20, height: 1)
        buffer.write("a\u{1B}[2Jb\r\n", x: 0, y: 0)
        let line = buffer.lines()[0]
        #expect(line == "a␛[2Jb␍␊")
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("writeClipped ends cut text with an ellipsis")
    func writeClipped() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.writeClipped("Customer name", x: 2, y: 0, maxWidth: 6)
        #expect(buffer.lines() == ["  Custo…"])
    }

    @Test("styles are kept per cell")
    func roles() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("ab", x: 0, y: 0, role: .error, attributes: .underline)
        #expect(buffer.cell(x: 0, y: 0)?.role == .error)
        #expect(buffer.cell(x: 1, y: 0)?.attributes == .underline)
        #expect(buffer.cell(x: 2, y: 0)?.role == .normal)
    }
}
