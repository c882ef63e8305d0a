import CQRencode
import Foundation

/// A QR Code symbol: a square of dark and light modules, encoded by libqrencode.
public struct QRCode: Equatable, Sendable {
    /// Error correction: how much of the symbol may be damaged and still read (L 7%, M 15%,
    /// Q 25%, H 30%). More correction makes a larger symbol for the same text.
    public enum Level: String, CaseIterable, Sendable {
        case low = "L", medium = "M", quartile = "Q", high = "H"

        var c: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// Modules per side, without the quiet zone (21 for version 1 … 177 for version 40).
    public let size: Int
    /// 1 … 40.
    public let version: Int
    public let level: Level
    /// Row-major, `true` for a dark module.
    public let modules: [Bool]

    public subscript(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }

    /// Encodes `text` as UTF-8, in the smallest version that holds it at `level` (libqrencode
    /// picks numeric, alphanumeric and byte segments to keep it small).
    public init(_ text: String, level: Level = .medium) throws(QRError) {
        guard !text.isEmpty else { throw QRError("nothing to encode") }
        guard !text.utf8.contains(0) else { throw QRError("text with a NUL character cannot be encoded") }
        errno = 0
        guard let symbol = QRcode_encodeString(text, 0, level.c, QR_MODE_8, 1) else {
            throw errno == ERANGE
                ? QRError("too long for a QR code: \(text.utf8.count) bytes (at most about 2,300 at error correction M)")
                : QRError("libqrencode could not encode the text (errno \(errno))")
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        let data = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
        size = width
        version = Int(symbol.pointee.version)
        self.level = level
        modules = data.map { $0 & 1 == 1 }  // bit 0: dark; the other bits say which pattern
    }

    /// A symbol from modules, for tests that read a rendering back.
    public init(size: Int, modules: [Bool], version: Int = 0, level: Level = .medium) {
        precondition(modules.count == size * size)
        self.size = size
        self.modules = modules
        self.version = version
        self.level = level
    }
}

public struct QRError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
