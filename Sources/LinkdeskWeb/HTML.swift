import Foundation

/// A piece of a page that escapes by construction: in `"<h1>\(title)</h1>"` the literal
/// segments are markup (only a literal written in this module can be one: `StaticString`) and
/// every interpolated `String` or other value is escaped, so a name, email, note or page name
/// arrives as characters (`<script>`, quotes, RTL marks, emoji), never as markup. An
/// interpolated `Markup` goes in as it is: it was built the same way, so it is never escaped
/// twice. There is no way to make one from a dynamic `String` outside this file.
///
/// Decision (pages were ~110 `raw`/`text` calls, safe only if each picked the right one): typed
/// Swift markup, not a template engine. A template engine would move the markup into strings
/// checked only at run time and add a dependency to the server's build; typed Swift markup
/// keeps the compiler checking every page and escapes by default.
struct Markup: ExpressibleByStringInterpolation, Hashable, Sendable {
    typealias StringLiteralType = StaticString

    /// The markup as it is sent.
    let html: String

    /// Only for text already escaped or built from `Markup` in this file.
    fileprivate init(trusted html: String) { self.html = html }

    init(stringLiteral literal: StaticString) { html = literal.description }

    init(stringInterpolation: StringInterpolation) { html = stringInterpolation.html }

    struct StringInterpolation: StringInterpolationProtocol {
        typealias StringLiteralType = StaticString

        fileprivate var html = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            html.reserveCapacity(literalCapacity + 24 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) { html += literal.description }

        mutating func appendInterpolation(_ markup: Markup) { html += markup.html }

        mutating func appendInterpolation(_ text: String) { html += HTML.escape(text) }

        /// Numbers and other values are text too: escaped like a `String`.
        mutating func appendInterpolation<Value: CustomStringConvertible>(_ value: Value) {
            html += HTML.escape(value.description)
        }

        /// `href=\(attr: url)`: the same as `Markup.attr(url)`.
        mutating func appendInterpolation(attr value: String) { html += Markup.attr(value).html }
    }

    /// An attribute's value, quoted and escaped: `<tag name=\(Markup.attr(value))>`. A link's
    /// `&` between query items is written `&amp;`, as HTML wants it in an attribute.
    static func attr(_ value: String) -> Markup { Markup(trusted: "\"" + HTML.escape(value) + "\"") }

    static let empty: Markup = ""
}

extension Sequence where Element == Markup {
    /// The pieces one after another (each was escaped where it was made).
    func joined(separator: Markup = .empty) -> Markup {
        Markup(trusted: map(\.html).joined(separator: separator.html))
    }
}

/// A page built by appending `Markup` in order; there is no append of a `String`, so what goes
/// in was escaped (or was a literal) where it was written.
struct HTML {
    /// The document as sent.
    private(set) var output = ""

    init() { output.reserveCapacity(4096) }

    mutating func append(_ markup: Markup) { output += markup.html }

    /// What was built, to place inside a larger piece (a page's `main` in its layout).
    var markup: Markup { Markup(trusted: output) }

    /// Escapes `& < > " '` (OWASP's output-encoding rule for HTML body and quoted attributes);
    /// `Markup` calls it for every interpolated value.
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
