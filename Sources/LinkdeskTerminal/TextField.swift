/// A single-line text input as a value: the text and a cursor counted in grapheme clusters,
/// so one press of ← or Backspace moves over or deletes what the user sees as one character
/// (é written as e + U+0301, 👩🏽‍💻, 漢).
public struct TextField: Hashable, Sendable {
    public private(set) var text: String
    /// Cursor position as a grapheme index, 0...text.count.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = TextField.typeable(text)
        self.cursor = self.text.count
    }

    // MARK: Editing

    /// Inserts text at the cursor. Controls are dropped (a pasted newline must not reach the
    /// field); a combining mark typed after a letter joins it, and the cursor stays after it.
    public mutating func insert(_ typed: String) {
        let clean = TextField.typeable(typed)
        guard !clean.isEmpty else { return }
        let index = stringIndex(cursor)
        let before = String(text[..<index]) + clean
        text = before + String(text[index...])
        cursor = before.count
    }

    /// Deletes the character before the cursor.
    public mutating func backspace() {
        guard cursor > 0 else { return }
        text.remove(at: stringIndex(cursor - 1))
        cursor -= 1
    }

    /// Deletes the character under the cursor.
    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: stringIndex(cursor))
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = text.count }

    /// Ctrl-U: deletes from the start of the line to the cursor, as readline and every shell
    /// do; with the cursor at the end (the usual case) that clears the field.
    public mutating func deleteToStart() {
        text.removeSubrange(text.startIndex..<stringIndex(cursor))
        cursor = 0
    }

    /// Empties the field.
    public mutating func clear() {
        text = ""
        cursor = 0
    }

    /// Ctrl-W: deletes the word before the cursor and the spaces after it (readline's
    /// unix-word-rubout: words are separated by whitespace).
    public mutating func deleteWordBackward() {
        let characters = Array(text)
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        text.removeSubrange(stringIndex(start)..<stringIndex(cursor))
        cursor = start
    }

    /// Applies an editing key; returns false for keys a text field does not use (Enter, Tab,
    /// Esc…) so the screen can handle them.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let character): insert(String(character))
        case .backspace, .ctrl("h"): backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .home, .ctrl("a"): moveHome()
        case .end, .ctrl("e"): moveEnd()
        case .ctrl("u"): deleteToStart()
        case .ctrl("w"): deleteWordBackward()
        default: return false
        }
        return true
    }

    // MARK: Helpers

    private func stringIndex(_ graphemeOffset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: graphemeOffset, limitedBy: text.endIndex) ?? text.endIndex
    }

    /// Typed or pasted text without controls or bidi controls (see `Sanitizer`), which have
    /// no business inside a one-line field.
    static func typeable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !Sanitizer.isNeutralised($0) }))
    }
}
