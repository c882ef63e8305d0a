/// A JSON value as the `--json` commands print it.
///
/// linkdesk writes its own JSON instead of going through `JSONEncoder`: the encoder's generic,
/// cast-driven machinery made up 13 % of a `linkdesk pages --json` run (and its first casts each
/// scan all of the binary's protocol conformances), while the output shapes are a handful of flat
/// objects. The text is byte for byte what `JSONEncoder` wrote with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` (`JSONTextTests` compares with Foundation's writer), so no script
/// sees a change.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in any order: they are written sorted by key, as `.sortedKeys` did.
    case object([JSONMember])

    /// `nil` is written as `null` (the shapes where README documents an explicit null).
    public static func string(orNull text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}

public struct JSONMember: Sendable, Equatable {
    public let key: String
    public let value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// Members whose value is absent are left out (as `encodeIfPresent` did).
public extension Array where Element == JSONMember {
    mutating func append(_ key: String, ifPresent text: String?) {
        if let text { append(JSONMember(key, .string(text))) }
    }

    mutating func append(_ key: String, ifPresent number: Int?) {
        if let number { append(JSONMember(key, .int(number))) }
    }
}

public enum JSONText {
    /// Pretty-printed UTF-8 text without a trailing newline: two spaces per level, `"key" : value`,
    /// an empty array or object as the bracket pair around a blank line.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 14)
        write(value, depth: 0, into: &out)
        return out
    }

    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    private static func write(_ value: JSONValue, depth: Int, into out: inout [UInt8]) {
        switch value {
        case .string(let text): write(text, into: &out)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            writeItems(items.count, depth: depth, into: &out) { index, out in
                write(items[index], depth: depth + 1, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            let sorted = members.sorted { $0.key < $1.key }
            out.append(UInt8(ascii: "{"))
            writeItems(sorted.count, depth: depth, into: &out) { index, out in
                write(sorted[index].key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(sorted[index].value, depth: depth + 1, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The part between the brackets: each item on its own line one level in, commas between,
    /// the closing bracket back at this level (a blank line when there are no items).
    private static func writeItems(_ count: Int, depth: Int, into out: inout [UInt8],
                                   item: (Int, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "\n"))
        if count == 0 { out.append(UInt8(ascii: "\n")) }
        for index in 0..<count {
            indent(depth + 1, into: &out)
            item(index, &out)
            if index < count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
        }
        indent(depth, into: &out)
    }

    private static func indent(_ depth: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Quotes and backslashes escaped, the five short control escapes, every other control
    /// character as `\u00XX`; `/`, DEL and all non-ASCII text as they are (UTF-8 passes through
    /// byte by byte, since no byte of a multi-byte sequence is below 0x80).
    private static func write(_ text: String, into out: inout [UInt8]) {
        func escaped(_ byte: UInt8) {
            out.append(UInt8(ascii: "\\"))
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): escaped(byte)
            case 0x08: escaped(UInt8(ascii: "b"))
            case 0x09: escaped(UInt8(ascii: "t"))
            case 0x0A: escaped(UInt8(ascii: "n"))
            case 0x0C: escaped(UInt8(ascii: "f"))
            case 0x0D: escaped(UInt8(ascii: "r"))
            case 0..<0x20:
                escaped(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
