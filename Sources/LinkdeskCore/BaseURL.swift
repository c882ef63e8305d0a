/// The configured origin of every link, e.g. `http://localhost:8080` or `https://book.example.com/t`.
/// Normalised without a trailing slash so that `BASE/SLUG` never doubles it.
public struct BaseURL: Equatable, Sendable, CustomStringConvertible {
    public let text: String

    public static let `default` = BaseURL(unchecked: "http://localhost:8080")

    private init(unchecked: String) { text = unchecked }

    public init(_ raw: String) throws(Refusal) {
        var trimmed = Substring(raw)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw Refusal("base URL must start with http:// or https://, got \"\(raw)\"")
        }
        let afterScheme = trimmed.drop { $0 != ":" }.dropFirst(3)
        guard let host = afterScheme.split(separator: "/").first, !host.isEmpty,
              !trimmed.contains("?"), !trimmed.contains("#"),
              trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw Refusal("malformed base URL \"\(raw)\"")
        }
        text = String(trimmed)
    }

    public var description: String { text }
}
