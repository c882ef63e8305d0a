import Foundation

/// Building and reading link URLs. `read(build(link)) == link` for every link whose
/// personalization passes `validated()`: the round-trip property tests hold this.
public enum LinkURL {
    public static func build(_ link: Link, base: BaseURL) -> String {
        var url = base.text + "/"
        switch link.target {
        case .page(let slug): url += slug
        case .oneTime(let token): url += "." + token
        }
        let query = queryItems(link.personalization)
        if !query.isEmpty { url += "?" + query.joined(separator: "&") }
        return url
    }

    private static func queryItems(_ p: Personalization) -> [String] {
        var items = Personalization.keys.compactMap { key in
            p[key].map { "\(key)=\(PercentEncoding.encode($0))" }
        }
        // skip=1 is the default when name and email are known, so it is left out (SPEC);
        // skip=0 is written whenever the form is asked for, which keeps the round trip exact.
        if p.showForm { items.append("skip=0") }
        return items
    }

    public static func read(_ text: String, base: BaseURL) throws(Refusal) -> Link {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.lowercased().hasPrefix(base.text.lowercased() + "/") else {
            if !(trimmed.lowercased().hasPrefix("http://") || trimmed.lowercased().hasPrefix("https://")) {
                throw Refusal("malformed URL \"\(trimmed.prefix(80))\": expected \(base.text)/PAGE")
            }
            throw Refusal("not a link of this workspace: expected it to start with \(base.text)/")
        }
        let rest = trimmed.dropFirst(base.text.count + 1)
        let withoutFragment = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let pathAndQuery = withoutFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let target = try readTarget(pathAndQuery[0])
        let personalization = pathAndQuery.count > 1 ? try readQuery(pathAndQuery[1]) : Personalization()
        return Link(target: target, personalization: personalization)
    }

    private static func readTarget(_ path: Substring) throws(Refusal) -> LinkTarget {
        var path = path
        if path.hasSuffix("/") { path = path.dropLast() }
        guard !path.isEmpty, !path.contains("/") else {
            throw Refusal("malformed URL: expected one path segment (a page link or /.TOKEN)")
        }
        if path.hasPrefix(".") {
            let token = String(path.dropFirst())
            guard Token.isWellFormed(token) else {
                throw Refusal("malformed one-time link: \".\(token.prefix(40))\" is not a one-time token")
            }
            return .oneTime(token: token)
        }
        let slug = try PercentEncoding.decode(path)
        guard Slug.isValid(slug) else { throw Refusal("malformed URL: \"\(slug.prefix(40))\" is not a page link") }
        return .page(slug: slug)
    }

    /// Keys are case-insensitive, values case-sensitive, unknown keys ignored; a repeated key
    /// takes its last value, as most web frameworks do.
    private static func readQuery(_ query: Substring) throws(Refusal) -> Personalization {
        var p = Personalization()
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try PercentEncoding.decode(kv[0]).lowercased()
            let value = kv.count > 1 ? try PercentEncoding.decode(kv[1]) : ""
            if key == "skip" {
                p.showForm = value == "0"
            } else if Personalization.keys.contains(key) {
                p[key] = value
            }
        }
        return p
    }
}
