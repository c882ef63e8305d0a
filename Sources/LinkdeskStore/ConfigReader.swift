import LinkdeskCore

/// A strict, allocation-light reader for the JSON columns that every first frame reads
/// (page configurations, a booking's policy and details). `JSONDecoder` costs ~180,000
/// instructions per page configuration (decoder set-up, keyed containers, dynamic casts), which
/// was most of a first frame over a thousand pages.
///
/// It reads exactly the shape the synthesized `Codable` conformances write (keys in any order,
/// any whitespace) and gives up — `nil` — on anything else: an unknown, missing or repeated key, a
/// `null`, a number that is not a plain integer, an unknown enum value. The caller then decodes
/// with `JSONDecoder`, so that every error message and every lenient case stays JSONDecoder's own.
/// `ConfigReaderTests` checks that both give the same values.
///
/// It is SQLite's decoder only, in front of the one both stores share (`PageConfigCodec`,
/// `StoredJSON`): the format is the codec's, and so is every document this reader gives up on.
/// It stays because SQLite is the store a console's frame over a thousand pages reads, and the
/// StartupDecisions article measured it there (1,000 configurations in 10.4 M instructions, against
/// some 180 M through `JSONDecoder`). Without that reason — a reload of 1,000 pages measured within
/// budget through the codec alone — this file and its tests can go, and nothing else changes.
struct ConfigReader {
    struct Mismatch: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Runs `body` over the whole text; nil unless it reads all of it.
    static func read<T>(_ text: String, _ body: (inout ConfigReader) throws(Mismatch) -> T) -> T? {
        var text = text
        return text.withUTF8 { read($0, body) }
    }

    /// The same over UTF-8 bytes (invalid sequences in strings are repaired, as in `String(decoding:)`).
    static func read<T>(_ utf8: [UInt8], _ body: (inout ConfigReader) throws(Mismatch) -> T) -> T? {
        utf8.withUnsafeBufferPointer { read($0, body) }
    }

    private static func read<T>(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (inout ConfigReader) throws(Mismatch) -> T) -> T? {
        var reader = ConfigReader(buffer)
        do {
            let value = try body(&reader)
            reader.skipSpace()
            return reader.at == buffer.count ? value : nil
        } catch {
            return nil
        }
    }

    // MARK: JSON

    // The helpers below run for every byte or key of a thousand configurations: inlined, a
    // key that does not match a `case` is rejected by its length alone, without a call.

    @inline(__always)
    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D: at += 1
            default: return
            }
        }
    }

    @inline(__always)
    private mutating func next() throws(Mismatch) -> UInt8 {
        skipSpace()
        guard at < bytes.count else { throw Mismatch() }
        return bytes[at]
    }

    @inline(__always)
    private mutating func expect(_ byte: UInt8) throws(Mismatch) {
        guard try next() == byte else { throw Mismatch() }
        at += 1
    }

    /// An object's key as the bytes between its quotes, matched against literals (`case "id":`)
    /// without making a String: a thousand page configurations have some 20,000 keys. A key with
    /// an escape gives up (linkdesk never writes one), and JSONDecoder reads the document.
    struct Key {
        let bytes: UnsafeBufferPointer<UInt8>

        var text: String { String(decoding: bytes, as: UTF8.self) }

        @inline(__always)
        static func ~= (pattern: StaticString, key: Key) -> Bool {
            guard pattern.utf8CodeUnitCount == key.bytes.count else { return false }
            let literal = pattern.utf8Start
            for index in 0..<key.bytes.count where literal[index] != key.bytes[index] { return false }
            return true
        }

        static func == (key: Key, literal: StaticString) -> Bool { literal ~= key }
    }

    private mutating func key() throws(Mismatch) -> Key {
        try expect(UInt8(ascii: "\""))
        guard let base = bytes.baseAddress else { throw Mismatch() }
        let start = at, end = bytes.count
        var index = start
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                at = index + 1
                return Key(bytes: UnsafeBufferPointer(start: base + start, count: index - start))
            }
            guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { throw Mismatch() }
            index += 1
        }
        throw Mismatch()
    }

    /// `{ "key": value, … }`; `member` reads each value.
    mutating func object(_ member: (inout ConfigReader, Key) throws(Mismatch) -> Void) throws(Mismatch) {
        try expect(UInt8(ascii: "{"))
        if try next() == UInt8(ascii: "}") { at += 1; return }
        while true {
            let key = try key()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            let byte = try next()
            at += 1
            if byte == UInt8(ascii: "}") { return }
            guard byte == UInt8(ascii: ",") else { throw Mismatch() }
        }
    }

    mutating func array(_ element: (inout ConfigReader) throws(Mismatch) -> Void) throws(Mismatch) {
        try expect(UInt8(ascii: "["))
        if try next() == UInt8(ascii: "]") { at += 1; return }
        while true {
            try element(&self)
            let byte = try next()
            at += 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw Mismatch() }
        }
    }

    mutating func int64s() throws(Mismatch) -> [Int64] {
        var list: [Int64] = []
        list.reserveCapacity(4)
        try array { (r: inout ConfigReader) throws(Mismatch) in list.append(try r.int64()) }
        return list
    }

    mutating func int() throws(Mismatch) -> Int { Int(try int64()) }

    /// A plain integer (`-?digits`); fractions, exponents and overflow give up.
    mutating func int64() throws(Mismatch) -> Int64 {
        _ = try next()
        var negative = false
        if bytes[at] == UInt8(ascii: "-") { negative = true; at += 1 }
        let start = at
        var value: Int64 = 0
        while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
            let digit = Int64(bytes[at] - UInt8(ascii: "0"))
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw Mismatch() }
            value = sum
            at += 1
        }
        guard at > start, at - start == 1 || bytes[start] != UInt8(ascii: "0") else { throw Mismatch() }
        if at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw Mismatch()
            default: break
            }
        }
        return value
    }

    mutating func bool() throws(Mismatch) -> Bool {
        _ = try next()
        if literal("true") { return true }
        if literal("false") { return false }
        throw Mismatch()
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - at >= count else { return false }
        for k in 0..<count where bytes[at + k] != word.utf8Start[k] { return false }
        at += count
        return true
    }

    /// A string; escapes are decoded, control characters give up.
    mutating func string() throws(Mismatch) -> String {
        try expect(UInt8(ascii: "\""))
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw Mismatch() }
            at += 1
        }
        throw Mismatch()
    }

    private mutating func escapedString(from start: Int) throws(Mismatch) -> String {
        var utf8 = Array(bytes[start..<at])
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard at < bytes.count else { throw Mismatch() }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A surrogate pair; a lone half gives up (JSONDecoder's business).
                        guard literal("\\u") else { throw Mismatch() }
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw Mismatch() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw Mismatch()
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Mismatch() }
                    UTF8.encode(unicode) { utf8.append($0) }
                default: throw Mismatch()
                }
            default:
                guard byte >= 0x20 else { throw Mismatch() }
                utf8.append(byte)
            }
        }
        throw Mismatch()
    }

    private mutating func hex4() throws(Mismatch) -> UInt32 {
        guard bytes.count - at >= 4 else { throw Mismatch() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[at]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Mismatch()
            }
            value = value << 4 | UInt32(digit)
            at += 1
        }
        return value
    }
}
