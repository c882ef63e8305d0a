import Foundation
import LinkdeskCore
import Testing

/// `JSONText` replaced `JSONEncoder` for `--json` output, promising the same bytes: every case is
/// compared with Foundation's writer under the options linkdesk used.
@Suite("JSON text")
struct JSONTextTests {
    static func foundation(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// Every control character, DEL, C1 controls, line/paragraph separators, a BOM, bidi
    /// overrides, quotes, backslashes, slashes, accents and an emoji.
    static let hostile: String = {
        var text = ""
        for byte in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
        return text + "\u{7F}\u{80}\u{9F}\u{2028}\u{2029}\u{FEFF}\u{202E}/\"\\ é 😀 </script> \\u0041"
    }()

    @Test("strings: escapes as Foundation's writer does", arguments: [
        "", "plain", hostile, "\"", "\\", "/", "a\nb", "tab\there", "\u{1}", "\u{1F}", "https://x.example/a?b=c&d=e",
    ])
    func strings(text: String) throws {
        #expect(JSONText.string(.array([.string(text)])) == (try Self.foundation([text])))
    }

    @Test("an array of objects with nested objects, empty arrays and objects, null, numbers and booleans")
    func nested() throws {
        let ours = JSONValue.array([
            .object([
                JSONMember("name", .string(Self.hostile)),
                JSONMember("id", .int(-42)),
                JSONMember("big", .int(Int.max)),
                JSONMember("ok", .bool(true)),
                JSONMember("no", .bool(false)),
                JSONMember("none", .null),
                JSONMember("empty", .array([])),
                JSONMember("nothing", .object([])),
                JSONMember("customer", .object([JSONMember("name", .string("Jane")), JSONMember("email", .string("j@x.example"))])),
                JSONMember("list", .array([.string("a"), .int(0), .array([.null])])),
            ]),
            .object([]),
            .array([]),
        ])
        let theirs: [Any] = [
            [
                "name": Self.hostile, "id": -42, "big": Int.max, "ok": true, "no": false, "none": NSNull(),
                "empty": [Any](), "nothing": [String: Any](),
                "customer": ["name": "Jane", "email": "j@x.example"],
                "list": ["a", 0, [NSNull()]] as [Any],
            ] as [String: Any],
            [String: Any](),
            [Any](),
        ]
        #expect(JSONText.string(ours) == (try Self.foundation(theirs)))
    }

    /// `JSONEncoder` sorts keys by code point ("Z" < "a10" < "a9" < "é"); `JSONSerialization`
    /// sorts them as Finder does ("a9" < "a10", "Z" last), so this one is checked against the encoder.
    @Test("members are sorted by key the way JSONEncoder's .sortedKeys sorted them, whatever order they are given in")
    func sortedKeys() throws {
        let keys = ["linkKind", "linkId", "Z", "a10", "a9", "aB", "ab", "é", "e", "createdAt", "customer", "id", ""]
        let ours = JSONValue.object(keys.enumerated().map { JSONMember($0.element, .int($0.offset)) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let theirs = try encoder.encode(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) }))
        #expect(JSONText.string(ours) == String(decoding: theirs, as: UTF8.self))
    }

    @Test("absent optionals are left out; string(orNull:) writes null")
    func optionals() {
        var members = [JSONMember("a", .string(orNull: nil))]
        members.append("b", ifPresent: nil as String?)
        members.append("c", ifPresent: nil as Int?)
        members.append("d", ifPresent: 3)
        members.append("e", ifPresent: "x")
        #expect(JSONText.string(.object(members)) == "{\n  \"a\" : null,\n  \"d\" : 3,\n  \"e\" : \"x\"\n}")
    }
}
