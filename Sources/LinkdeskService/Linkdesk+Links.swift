import Foundation
import LinkdeskCore

/// A link made and recorded: the URL is live once this exists.
public struct MadeLink: Sendable {
    public let url: String
    public let kind: Link.Kind
    public let oneTime: OneTimeLink?
}

/// Links for many customers of one page, made in two steps so that a caller can overlap them:
/// `prepareLinks` draws the tokens and builds the URLs (pure work, no store, any thread), and
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

extension Linkdesk {
    /// One code path for `linkdesk link`, the Share pop-up's Copy & close and batches, so every
    /// one of them keeps the same rules. `token` lets a caller that previewed a URL (the pop-up)
    /// make exactly that token live. The one-time link is stored before the URL is returned, so
    /// a URL that reaches the user is always live.
    public func makeLink(page: Page, personalization: Personalization, oneTime: OneTimeOptions?,
                         token: String? = nil) async throws -> MadeLink {
        let prepared = try prepareLinks(page: page, personalizations: [personalization], oneTime: oneTime,
                                        tokens: token.map { [$0] })
        guard let made = try await commit(prepared).first else { throw StoreError("the link was not stored") }
        return made
    }

    public func makeLinks(page: Page, personalizations: [Personalization], oneTime: OneTimeOptions?) async throws -> [MadeLink] {
        try await commit(prepareLinks(page: page, personalizations: personalizations, oneTime: oneTime))
    }

    /// A campaign link for a mass email: its merge fields stay literal for the email tool. With
    /// `oneTime` it is still one link, allowing `uses` bookings in all.
    public func makeCampaignLink(page: Page, format: CampaignFormat, fixed: Personalization,
                                 oneTime: OneTimeOptions?, token: String? = nil) async throws -> MadeLink {
        let fixed = try fixed.validated()
        guard let oneTime else {
            try await recordShare(page: page, kind: .campaign, detail: format.title)
            return MadeLink(url: CampaignLink.build(.page(slug: page.slug), format: format, base: base, fixed: fixed),
                            kind: .campaign, oneTime: nil)
        }
        let token = token ?? Token.generate(using: random)
        let made = try await makeLink(page: page, personalization: Personalization(), oneTime: oneTime, token: token)
        return MadeLink(url: CampaignLink.build(.oneTime(token: token), format: format, base: base, fixed: fixed),
                        kind: .campaign, oneTime: made.oneTime)
    }

    public func recordShare(page: Page, kind: Link.Kind, detail: String) async throws {
        try await authorize(.share)
        try await store.append([Self.shareEvent(page: page, kind: kind, detail: detail, at: now)])
    }

    public func prepareLinks(page: Page, personalizations: [Personalization], oneTime: OneTimeOptions?,
                             tokens given: [String]? = nil) throws -> PreparedLinks {
        // Every front end's personalization is checked here, once: no URL a customer can't use is made.
        let personalizations = try personalizations.map { p throws(Refusal) in try p.validated() }
        let origin = base
        let who = personalizations.map(Self.who)
        guard let options = oneTime else {
            let links = personalizations.map { Link(target: .page(slug: page.slug), personalization: $0) }
            return PreparedLinks(page: page, options: nil, kinds: links.map(\.kind), requests: [], who: who,
                                 urls: links.parallelMap { LinkURL.build($0, base: origin) })
        }
        if let refusal = page.oneTimeRefusal { throw refusal }
        let expiresAt = try options.expiry(from: now)
        let tokens = given ?? personalizations.map { _ in Token.generate(using: random) }
        let hashes = tokens.parallelMap(Token.hash)  // the costly pure parts run on every core
        let requests = zip(hashes, who).map { hash, who in
            NewOneTimeLink(masterPageID: page.id, tokenHash: hash, linkID: Token.linkID(using: random),
                           options: options, expiresAt: expiresAt, personalizedFor: who)
        }
        let urls = Array(zip(tokens, personalizations)).parallelMap { token, personalization in
            LinkURL.build(Link(target: .oneTime(token: token), personalization: personalization), base: origin)
        }
        return PreparedLinks(page: page, options: options, kinds: [], requests: requests, who: who, urls: urls)
    }

    /// Stores prepared links in one transaction; their URLs are live when this returns. The page
    /// is checked again inside the transaction: a rule switch since `prepareLinks` refuses.
    public func commit(_ prepared: PreparedLinks) async throws -> [MadeLink] {
        try await authorize(.share)
        let at = now
        guard prepared.options != nil else {
            try await store.append(zip(prepared.kinds, prepared.who).map {
                Self.shareEvent(page: prepared.page, kind: $0, detail: $1 ?? "", at: at)
            })
            return zip(prepared.urls, prepared.kinds).map { MadeLink(url: $0, kind: $1, oneTime: nil) }
        }
        let random = self.random
        let stored = try await store.insertOneTimeLinks(
            prepared.requests, at: at, relabel: { Token.linkID(using: random) },
            check: { page in if let refusal = page.oneTimeRefusal { throw refusal } },
            event: { link, page in
                ActivityEvent(at: at, actor: .staff, kind: .oneTimeCreated, subject: page.name,
                              detail: link.linkID + (link.personalizedFor.map { " for \($0)" } ?? "")
                                  + (link.usesAllowed > 1 ? ", \(link.usesAllowed) uses" : ""))
            })
        return zip(stored, prepared.urls).map { MadeLink(url: $1, kind: .oneTime, oneTime: $0) }
    }

    /// Every one-time link, newest first, as stored (status is computed at the time shown).
    public func oneTimeLinks() async throws -> [OneTimeLink] { try await store.oneTimeLinks() }

    public func revoke(linkID: String) async throws -> OneTimeLink {
        try await deciding {
            let now = self.now
            guard var link = try await store.oneTimeLink(id: linkID) else {
                throw Refusal("unknown one-time link id \"\(linkID)\" (see `linkdesk links`)")
            }
            try await authorize(.revokeLink(madeBy: link.madeBy))
            try PageRules.checkRevocable(link, now: now)
            let name = try await store.workspace().page(id: link.masterPageID)?.name ?? ""
            try await store.revokeOneTimeLink(id: linkID, at: now, events: [
                ActivityEvent(at: now, actor: .staff, kind: .oneTimeRevoked, subject: name, detail: linkID),
            ])
            link.revokedAt = now
            return link
        }
    }

    static func shareEvent(page: Page, kind: Link.Kind, detail: String, at: Date) -> ActivityEvent {
        ActivityEvent(at: at, actor: .staff, kind: .linkShared, subject: page.name,
                      detail: detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)")
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
