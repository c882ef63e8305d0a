import Testing
@testable import LinkdeskTerminal

@Suite("Text field editing")
struct TextFieldTests {
    @Test("typing inserts at the cursor")
    func insert() {
        var field = TextField()
        for key: Key in [.char("a"), .char("c"), .left, .char("b")] { field.handle(key) }
        #expect(field.text == "abc")
        #expect(field.cursor == 2)
    }

    @Test("the cursor moves by grapheme over Unicode text")
    func unicodeCursor() {
        var field = TextField("e\u{301}漢👩🏽‍💻دانا")
        #expect(field.cursor == 7)
        field.moveHome()
        field.moveRight()
        #expect(field.cursor == 1)
        field.moveRight()
        field.moveRight()
        field.backspace()
        #expect(field.text == "e\u{301}漢دانا", "one backspace removes the whole ZWJ emoji")
        #expect(field.cursor == 2)
    }

    @Test("a combining mark typed after a letter joins it")
    func combiningInsert() {
        var field = TextField("caf")
        field.handle(.char("e"))
        field.handle(.char("\u{301}"))
        #expect(field.text == "cafe\u{301}")
        #expect(field.text.count == 4)
        #expect(field.cursor == 4)
        field.backspace()
        #expect(field.text == "caf")
    }

    @Test("backspace and delete at the ends do nothing")
    func ends() {
        var field = TextField("ab")
        field.deleteForward()
        #expect(field.text == "ab")
        field.moveHome()
        field.backspace()
        #expect(field.text == "ab")
        field.handle(.delete)
        #expect(field.text == "b")
        #expect(field.cursor == 0)
    }

    @Test("left, right, home and end stay in range")
    func movement() {
        var field = TextField("漢字")
        field.handle(.right)
        #expect(field.cursor == 2)
        field.handle(.home)
        field.handle(.left)
        #expect(field.cursor == 0)
        field.handle(.end)
        #expect(field.cursor == 2)
    }

    @Test("Ctrl-U clears the field (deletes up to the cursor)")
    func ctrlU() {
        var field = TextField("Dana Smith")
        field.handle(.ctrl("u"))
        #expect(field.text == "")
        #expect(field.cursor == 0)
        var middle = TextField("Dana Smith")
        for _ in 0..<5 { middle.moveLeft() }
        middle.handle(.ctrl("u"))
        #expect(middle.text == "Smith")
        #expect(middle.cursor == 0)
    }

    @Test("Ctrl-W deletes the word before the cursor and the spaces after it")
    func ctrlW() {
        var field = TextField("Dana 漢字 Smith  ")
        field.handle(.ctrl("w"))
        #expect(field.text == "Dana 漢字 ")
        field.handle(.ctrl("w"))
        #expect(field.text == "Dana ")
        field.handle(.ctrl("w"))
        #expect(field.text == "")
        field.handle(.ctrl("w"))
        #expect(field.text == "")
    }

    @Test("pasted or typed controls never enter the field")
    func controls() {
        var field = TextField("a\u{1B}[31m")
        field.insert("b\r\nc\u{202E}d")
        #expect(field.text == "a[31mbcd")
        #expect(field.cursor == 8)
    }

    @Test("keys a field does not use are left to the screen")
    func unhandled() {
        var field = TextField("x")
        let consumed = [Key.enter, .tab, .esc, .char("y")].map { field.handle($0) }
        #expect(consumed == [false, false, false, true])
        #expect(field.text == "xy")
    }
}

@Suite("Text field rendering")
struct TextFieldRenderTests {
    @Test("short text shows from the start with the cursor after it")
    func short() {
        let view = TextField("abc").viewport(width: 10)
        #expect(view.text == "abc")
        #expect(view.cursorColumn == 3)
    }

    @Test("long text scrolls so the cursor stays visible at the end")
    func scrollEnd() {
        let field = TextField("abcdefghijkl")
        let view = field.viewport(width: 5)
        #expect(view.text == "ijkl")
        #expect(view.cursorColumn == 4)
    }

    @Test("with the cursor at home the start is shown")
    func scrollHome() {
        var field = TextField("abcdefghijkl")
        field.moveHome()
        #expect(field.viewport(width: 5) == TextFieldViewport(text: "abcde", cursorColumn: 0))
    }

    @Test("scrolling is width-aware and never splits a wide character")
    func wideScroll() {
        var field = TextField("漢字漢字漢字")
        let atEnd = field.viewport(width: 5)
        #expect(atEnd.text == "漢字")
        #expect(atEnd.cursorColumn == 4)
        field.moveHome()
        field.moveRight()
        field.moveRight()
        field.moveRight()
        let middle = field.viewport(width: 5)
        #expect(DisplayWidth.of(middle.text) <= 5)
        #expect(middle.cursorColumn + 2 <= 5, "the wide character under the cursor is visible")
        #expect(middle.text.hasSuffix("字") || middle.text.contains("字"))
    }

    @Test("cursor visible for every position in a long mixed string")
    func everyPosition() {
        var field = TextField("ab漢字👍cd e\u{301}دانا 👩🏽‍💻 xyz")
        field.moveHome()
        for _ in 0...field.text.count {
            for width in [1, 3, 6, 10] {
                let view = field.viewport(width: width)
                #expect(view.cursorColumn < width)
                #expect(DisplayWidth.of(view.text) <= width)
            }
            field.moveRight()
        }
    }

    @Test("render fills the field, draws the visible text and places the cursor")
    func render() {
        var buffer = CellBuffer(width: 20, height: 1)
        let field = TextField("abcdefghijkl")
        field.render(into: &buffer, x: 2, y: 0, width: 6, role: .selection, focused: true)
        #expect(buffer.lines() == ["  hijkl"])
        #expect(buffer.cursor == Point(x: 7, y: 0))
        #expect(buffer.cell(x: 7, y: 0)?.role == .selection)
        #expect(buffer.cell(x: 8, y: 0)?.role == .normal)
    }

    @Test("an unfocused field leaves the cursor alone; an empty one shows its placeholder")
    func placeholder() {
        var buffer = CellBuffer(width: 20, height: 1)
        TextField().render(into: &buffer, x: 0, y: 0, width: 12, placeholder: "name@example.com")
        #expect(buffer.lines() == ["name@exampl…"])
        #expect(buffer.cursor == nil)
        #expect(buffer.cell(x: 0, y: 0)?.attributes == .dim)
    }
}
