import Foundation
import LinkdeskCore

/// Links for many customers of one page, made in two steps so that a caller can overlap them:
/// `prepareMany` draws the tokens and builds the URLs (pure work, no store, any thread), and
/// `commit` stores the lot in ONE transaction. Nothing should reach anyone before `commit`
/// returns: if it throws, none of the prepared links exists.
public struct PreparedLinks: Sendable {
    let page: Page
    let options: OneTimeOptions?
    let kinds: [Link.Kind]
    let requests: [NewOneTimeLink]
    let who: [String?]
    /// The URLs, in order: live only once `commit` has returned.
    public let urls: [String]
    public var count: Int { urls.count }
}

extension LinkMaker {
    /// `make` for many: the same rules and rows, one commit for the lot.
    public func makeMany(page: Page, personalizations: [Personalization], oneTime: OneTimeOptions?) throws -> [Made] {
        try commit(prepareMany(page: page, personalizations: personalizations, oneTime: oneTime))
    }

    public func prepareMany(page: Page, personalizations: [Personalization], oneTime: OneTimeOptions?) throws -> PreparedLinks {
        let origin = base
        let who = personalizations.map(Self.who)
        guard let options = oneTime else {
            let links = personalizations.map { Link(target: .page(slug: page.slug), personalization: $0) }
            return PreparedLinks(page: page, options: nil, kinds: links.map(\.kind), requests: [], who: who,
                                 urls: links.parallelMap { LinkURL.build($0, base: origin) })
        }
        if let refusal = page.oneTimeRefusal { throw refusal }
        _ = try options.expiry(from: now)
        let tokens = personalizations.map { _ in Token.generate(using: random) }
        let hashes = tokens.parallelMap(Token.hash)  // the costly pure parts run on every core
        let requests = zip(hashes, who).map { hash, who in
            NewOneTimeLink(masterPageID: page.id, tokenHash: hash, linkID: Token.linkID(using: random),
                           options: options, personalizedFor: who)
        }
        let urls = Array(zip(tokens, personalizations)).parallelMap { token, personalization in
            LinkURL.build(Link(target: .oneTime(token: token), personalization: personalization), base: origin)
        }
        return PreparedLinks(page: page, options: options, kinds: [], requests: requests, who: who, urls: urls)
    }

    /// Stores prepared links in one transaction; their URLs are live when this returns.
    public func commit(_ prepared: PreparedLinks) throws -> [Made] {
        guard prepared.options != nil else {
            try store.recordShares(page: prepared.page, zip(prepared.kinds, prepared.who).map { ($0, $1 ?? "") }, now: now)
            return zip(prepared.urls, prepared.kinds).map { Made(url: $0, kind: $1, oneTime: nil) }
        }
        let stored = try store.createOneTimeLinks(prepared.requests, now: now, relabel: { Token.linkID(using: random) })
        return zip(stored, prepared.urls).map { Made(url: $1, kind: .oneTime, oneTime: $0) }
    }
}
