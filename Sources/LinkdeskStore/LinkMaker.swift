import Foundation
import LinkdeskCore

/// Makes a link and records it: one code path for `linkdesk link`, the Share pop-up's
/// Copy & close and (later) batches, so every one of them keeps the same rules.
public struct LinkMaker {
    public let store: any LinkStore
    public let base: BaseURL
    public let random: any RandomSource
    public let now: Date

    public init(store: any LinkStore, base: BaseURL, random: any RandomSource, now: Date) {
        self.store = store
        self.base = base
        self.random = random
        self.now = now
    }

    public struct Made: Sendable {
        public let url: String
        public let kind: Link.Kind
        public let oneTime: OneTimeLink?
    }

    /// `token` lets a caller that previewed a URL (the pop-up) make exactly that token live;
    /// otherwise a fresh one is drawn. The one-time link is stored before the URL is returned,
    /// so a URL that reaches the user is always live.
    public func make(page: Page, personalization: Personalization, oneTime: OneTimeOptions?,
                     token: String? = nil) throws -> Made {
        guard let options = oneTime else {
            let link = Link(target: .page(slug: page.slug), personalization: personalization)
            try store.recordShare(page: page, kind: link.kind, detail: Self.who(personalization) ?? "", now: now)
            return Made(url: LinkURL.build(link, base: base), kind: link.kind, oneTime: nil)
        }
        if let refusal = page.oneTimeRefusal { throw refusal }
        let token = token ?? Token.generate(using: random)
        let stored = try store.createOneTimeLink(
            NewOneTimeLink(masterPageID: page.id, tokenHash: Token.hash(token), linkID: Token.linkID(using: random),
                           options: options, personalizedFor: Self.who(personalization)), now: now)
        let link = Link(target: .oneTime(token: token), personalization: personalization)
        return Made(url: LinkURL.build(link, base: base), kind: .oneTime, oneTime: stored)
    }

    /// "Jane Smythe <jane@example.com>" for listings; nil for an unpersonalized link.
    static func who(_ p: Personalization) -> String? {
        switch (p.name, p.email) {
        case let (name?, email?): return "\(name) <\(email)>"
        case let (name?, nil): return name
        case let (nil, email?): return email
        default: return nil
        }
    }
}
