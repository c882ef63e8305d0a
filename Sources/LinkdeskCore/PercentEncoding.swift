/// RFC 3986 percent-encoding over UTF-8 bytes. Written out rather than taken from Foundation
/// because the round trip must be exact byte for byte (Foundation's query helpers treat `+`
/// and `;` differently across platforms).
public enum PercentEncoding {
    /// Bytes that stay literal in a query value. `@` stays readable in emails; every other
    /// reserved character, including `+`, is encoded so that it can't be misread.
    private static func isLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isLiteral(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes; `+` stays a plus (RFC 3986, not HTML forms), so a hand-typed
    /// `a+b@example.com` keeps its plus. Malformed escapes or invalid UTF-8 are refused.
    public static func decode(_ text: Substring) throws(Refusal) -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let hi = iterator.next().flatMap(hexValue), let lo = iterator.next().flatMap(hexValue) else {
                throw Refusal("malformed URL: broken %-escape in \"\(text.prefix(40))\"")
            }
            bytes.append(hi << 4 | lo)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw Refusal("malformed URL: a parameter is not valid UTF-8")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
