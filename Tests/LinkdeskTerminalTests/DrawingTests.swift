import Testing
@testable import LinkdeskTerminal

@Suite("Drawing helpers")
struct DrawingTests {
    @Test("box with a title")
    func box() {
        var buffer = CellBuffer(width: 14, height: 4)
        buffer.drawBox(Rect(x: 1, y: 0, width: 12, height: 4), title: "Share")
        #expect(buffer.lines() == [
            " ┌─ Share ──┐",
            " │          │",
            " │          │",
            " └──────────┘",
        ])
        #expect(buffer.cell(x: 1, y: 0)?.role == .border)
        #expect(buffer.cell(x: 5, y: 0)?.role == .title)
    }

    @Test("a long title is clipped with an ellipsis inside the border")
    func longTitle() {
        var buffer = CellBuffer(width: 10, height: 3)
        buffer.drawBox(buffer.bounds, title: "Share a booking link")
        #expect(buffer.lines()[0] == "┌─ Shar…─┐")
    }

    @Test("box divider and horizontal rule")
    func divider() {
        var buffer = CellBuffer(width: 6, height: 4)
        buffer.drawBox(buffer.bounds)
        buffer.drawBoxDivider(buffer.bounds, y: 2)
        #expect(buffer.lines() == ["┌────┐", "│    │", "├────┤", "└────┘"])
        var rule = CellBuffer(width: 5, height: 1)
        rule.horizontalRule(y: 0, x: 1)
        #expect(rule.lines() == [" ────"])
    }

    @Test("centred text, with wide characters, and clipped when too wide")
    func centered() {
        var buffer = CellBuffer(width: 10, height: 3)
        buffer.writeCentered("ab", y: 0)
        buffer.writeCentered("漢字", y: 1)
        buffer.writeCentered("far too long text", y: 2)
        #expect(buffer.lines() == ["    ab", "   漢字", "far too l…"])
    }

    @Test("fill paints a role over a clipped rectangle")
    func fill() {
        var buffer = CellBuffer(width: 4, height: 2)
        buffer.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: "#", role: .selection)
        #expect(buffer.lines() == ["", "  ##"])
        #expect(buffer.cell(x: 3, y: 1)?.role == .selection)
    }

    @Test("rect helpers")
    func rects() {
        let rect = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(rect.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(rect.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(rect.centered(width: 100, height: 30) == rect)
    }
}

@Suite("Terminal too small")
struct TooSmallNoticeTests {
    @Test("message names needed and actual sizes")
    func message() {
        let text = TooSmallNotice.message(minimum: ScreenSize(width: 60, height: 20), actual: ScreenSize(width: 40, height: 10))
        #expect(text == "Terminal too small: need 60×20, have 40×10")
    }

    @Test("the notice is centred in the buffer")
    func centred() {
        var buffer = CellBuffer(width: 50, height: 5)
        TooSmallNotice.render(into: &buffer, minimum: ScreenSize(width: 80, height: 24))
        #expect(buffer.lines() == ["", "", "    Terminal too small: need 80×24, have 50×5", "", ""])
        #expect(buffer.cell(x: 4, y: 2)?.role == .error)
    }

    @Test("on a very narrow terminal the notice breaks into three rows")
    func narrow() {
        var buffer = CellBuffer(width: 20, height: 3)
        TooSmallNotice.render(into: &buffer, minimum: ScreenSize(width: 80, height: 24))
        #expect(buffer.lines() == [" Terminal too small", "     need 80×24", "     have 20×3"])
    }

    @Test("fits compares both dimensions")
    func fits() {
        #expect(ScreenSize.standard.fits(ScreenSize(width: 80, height: 24)))
        #expect(!ScreenSize(width: 100, height: 23).fits(.standard))
        #expect(!ScreenSize(width: 79, height: 50).fits(.standard))
    }
}
