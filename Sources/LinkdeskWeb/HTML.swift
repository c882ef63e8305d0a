import Foundation

/// HTML built by appending: `text` escapes, `raw` is for the markup this module writes itself.
/// Every value that came from a person (names, emails, notes, page names) goes through `text`
/// or `attr`, so `<script>`, quotes, RTL marks and emoji arrive as characters, never as markup.
struct HTML {
    private(set) var output = ""

    init() { output.reserveCapacity(4096) }

    mutating func raw(_ markup: String) { output += markup }
    mutating func text(_ value: String) { output += HTML.escape(value) }

    /// `<tag attr="…">` helpers keep attribute values quoted and escaped.
    static func attr(_ value: String) -> String { "\"" + escape(value) + "\"" }

    /// Escapes `& < > " '` (OWASP's output-encoding rule for HTML body and quoted attributes).
    static func escape(_ value: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Percent-encoding for query values built into links (`href`s are built from encoded parts).
enum QueryEncoding {
    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `a=b&c=d` from pairs, values encoded.
    static func query(_ items: [(String, String)]) -> String {
        items.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Decodes one `application/x-www-form-urlencoded` component: `+` is a space, `%XX` a byte.
    static func decodeForm(_ component: Substring) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Form fields (keys lower-cased; a repeated key keeps its last value).
    static func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields[decodeForm(kv[0]).lowercased()] = kv.count > 1 ? decodeForm(kv[1]) : ""
        }
        return fields
    }

    /// Query parameters of a link: keys case-insensitive, `+` kept as `+` (SPEC: only `%20` is a
    /// space in a link's query), values percent-decoded.
    static func linkQuery(_ query: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(kv[0]).removingPercentEncoding ?? String(kv[0])
            let value = kv.count > 1 ? (String(kv[1]).removingPercentEncoding ?? String(kv[1])) : ""
            fields[key.lowercased()] = value
        }
        return fields
    }
}
