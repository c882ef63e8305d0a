/// What a list of pages shows and a link needs from a page, without its configuration: the
/// Share pop-up's first frame is drawn from these. With a thousand pages, decoding every page's
/// configuration (availability, members, rules) was most of the work before that frame, and the
/// pop-up needs none of it until Copy & close, which reads its one page (`LinkStore.page(id:)`).
public struct PageSummary: Equatable, Sendable, PageNaming {
    public var id: PageID
    public var kind: Page.Kind
    public var name: String
    public var slug: String
    /// SPEC §1: only a master page with rule-based assignment and dynamic rules may have them.
    public var allowsOneTimeLinks: Bool

    public init(id: PageID, kind: Page.Kind, name: String, slug: String, allowsOneTimeLinks: Bool) {
        self.id = id
        self.kind = kind
        self.name = name
        self.slug = slug
        self.allowsOneTimeLinks = allowsOneTimeLinks
    }

    /// nil when one-time links are allowed; otherwise the sentence that says why not (the same
    /// as the full page's).
    public var oneTimeRefusal: Refusal? { Page.oneTimeRefusal(allowed: allowsOneTimeLinks) }
}

extension Page {
    public var summary: PageSummary {
        PageSummary(id: id, kind: kind, name: name, slug: slug, allowsOneTimeLinks: allowsOneTimeLinks)
    }

    public var allowsOneTimeLinks: Bool {
        if case .master(let m) = self { return m.allowsOneTimeLinks }
        return false
    }

    /// The one-time rule's refusal, for a page and for its summary alike.
    static func oneTimeRefusal(allowed: Bool) -> Refusal? {
        allowed ? nil : Refusal(.oneTimeOnlyDynamic)
    }
}
