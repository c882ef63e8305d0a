/// One column of the screen.
///
/// A wide character (漢, 👍) lives in two cells: the first holds the grapheme, the second is a
/// continuation with empty text, so every row always has exactly `width` cells and positions
/// are plain column numbers.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster (possibly with combining marks); "" for a continuation.
    public var text: String
    public var role: StyleRole
    /// Added on top of the role's style.
    public var attributes: TextAttributes

    public init(text: String = " ", role: StyleRole = .normal, attributes: TextAttributes = []) {
        self.text = text
        self.role = role
        self.attributes = attributes
    }

    /// A blank cell of the given role.
    public static func blank(_ role: StyleRole = .normal) -> Cell {
        Cell(text: " ", role: role)
    }

    /// The right half of a wide character.
    public static func continuation(_ role: StyleRole, _ attributes: TextAttributes = []) -> Cell {
        Cell(text: "", role: role, attributes: attributes)
    }

    public var isContinuation: Bool { text.isEmpty }
}

/// A column/row position; (0, 0) is the top-left corner.
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A rectangle of cells.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rectangle shrunk by `amount` on every side (never negative).
    public func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount,
             width: max(0, width - 2 * amount), height: max(0, height - 2 * amount))
    }

    /// A rectangle of the given size centred in this one (clamped to fit).
    public func centered(width: Int, height: Int) -> Rect {
        let w = min(width, self.width)
        let h = min(height, self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }
}
