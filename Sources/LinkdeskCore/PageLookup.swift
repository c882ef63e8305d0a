import Foundation

/// What resolving a page from the command line needs: full pages and summaries resolve alike.
public protocol PageNaming {
    var id: PageID { get }
    var kind: Page.Kind { get }
    var name: String { get }
    var slug: String { get }
}

extension Page: PageNaming {}

public enum PageLookup {
    /// How many candidates a refusal names.
    public static let candidateLimit = 10

    /// A page by slug, then by name (case-insensitive); `master:` or `booking:` in front limits
    /// the kind. An unknown or ambiguous query is refused with the candidates.
    public static func resolve<P: PageNaming>(_ rawQuery: String, in pages: [P]) throws(Refusal) -> P {
        var all = pages
        var query = rawQuery
        for kind in [Page.Kind.master, .booking] where rawQuery.lowercased().hasPrefix(kind.rawValue + ":") {
            all = all.filter { $0.kind == kind }
            query = String(rawQuery.dropFirst(kind.rawValue.count + 1))
        }
        if let bySlug = all.first(where: { $0.slug.caseInsensitiveCompare(query) == .orderedSame }) {
            return bySlug
        }
        let byName = all.filter { $0.name.caseInsensitiveCompare(query) == .orderedSame }
        if byName.count == 1, let only = byName.first { return only }
        if byName.count > 1 {
            throw Refusal("ambiguous page \"\(query)\": use a slug or a kind prefix: "
                + byName.map { "\($0.slug) or \($0.kind.rawValue):\($0.name)" }.joined(separator: ", "))
        }
        let near = all.filter { $0.name.localizedCaseInsensitiveContains(query) || $0.slug.localizedCaseInsensitiveContains(query) }
        let candidates = near.isEmpty ? all : near
        // A thousand pages made a 30,000-character line: the first few, and where the rest are.
        var listed = candidates.prefix(candidateLimit).map { "\"\($0.name)\" (\($0.slug))" }
        if candidates.count > candidateLimit {
            listed.append("and \(candidates.count - candidateLimit) more (linkdesk pages lists them)")
        }
        throw Refusal("unknown page \"\(query)\"; pages: " + listed.joined(separator: ", "))
    }
}
