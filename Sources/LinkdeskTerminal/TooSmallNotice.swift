/// A terminal size in columns and rows.
public struct ScreenSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Every screen works at 80×24 (SPEC §2).
    public static let standard = ScreenSize(width: 80, height: 24)

    /// True when this size is at least `minimum` in both directions.
    public func fits(_ minimum: ScreenSize) -> Bool {
        width >= minimum.width && height >= minimum.height
    }
}

/// What a screen draws instead of itself below its minimum size.
public enum TooSmallNotice {
    /// "Terminal too small: need 60×20, have 40×10".
    public static func message(minimum: ScreenSize, actual: ScreenSize) -> String {
        "Terminal too small: need \(minimum.width)×\(minimum.height), have \(actual.width)×\(actual.height)"
    }

    /// Clears the buffer and centres the notice in it. When the line is wider than the
    /// buffer it is broken into "Terminal too small" / "need …" / "have …" rows (each clipped
    /// with "…" if even that is too wide), so a tiny terminal still says what is wrong.
    public static func render(into buffer: inout CellBuffer, minimum: ScreenSize) {
        let actual = ScreenSize(width: buffer.width, height: buffer.height)
        let full = message(minimum: minimum, actual: actual)
        let rows = DisplayWidth.of(full) <= buffer.width ? [full] : [
            "Terminal too small",
            "need \(minimum.width)×\(minimum.height)",
            "have \(actual.width)×\(actual.height)",
        ]
        buffer.clear()
        let top = max(0, (buffer.height - rows.count) / 2)
        for (offset, row) in rows.enumerated() {
            buffer.writeCentered(row, y: top + offset, role: offset == 0 ? .error : .normal)
        }
    }
}
