import Foundation
import LinkdeskCore

/// How a store stores a batch of one-time links (`LinkStore.insertOneTimeLinks`), decided once for
/// every store; each store only supplies its SQL.
///
/// Listing ids are short (31^6 ≈ 8.9e8), so a batch of 100,000 beside as many existing links
/// meets a taken one now and then: the store stores what it can, each link whose id was taken
/// gets a fresh one (`relabel`) and goes again, up to `tries` times in all.
public enum OneTimeLinkBatch {
    /// How many listing ids one link is tried with before the batch fails.
    public static let tries = 32

    /// The master page of a batch; nil for an empty one, which stores nothing. A batch is of one
    /// page, so that one read of it (and one `check`) covers every link.
    public static func masterPage(of requests: [NewOneTimeLink]) throws -> PageID? {
        guard let first = requests.first else { return nil }
        guard requests.allSatisfy({ $0.masterPageID == first.masterPageID }) else {
            throw Refusal("a batch of one-time links belongs to one master page")
        }
        return first.masterPageID
    }

    /// The refusal when the batch's page is not in the store (removed meanwhile).
    public static func unknownPage(_ id: PageID) -> Refusal {
        Refusal("unknown page #\(id)")
    }

    /// The links to store, made at `now` on `page`, with every use left.
    public static func links(_ requests: [NewOneTimeLink], on page: Page, at now: Date, madeBy login: String) -> [OneTimeLink] {
        requests.map { request in
            OneTimeLink(linkID: request.linkID, tokenHash: request.tokenHash, masterPageID: page.id,
                        createdAt: now, expiresAt: request.expiresAt, usesAllowed: request.options.uses,
                        usesLeft: request.options.uses, personalizedFor: request.personalizedFor, madeBy: login)
        }
    }

    /// Stores `links` in rounds and returns them as stored (with the ids they got). Each round,
    /// `insert` is handed the links still to store and answers, for each, whether it went in
    /// (false: its listing id was taken, and nothing was written for it); those get a fresh id
    /// and make the next round.
    public static func store(_ links: [OneTimeLink], relabel: () -> String,
                             insert: ([OneTimeLink]) throws -> [Bool]) throws -> [OneTimeLink] {
        var links = links
        var pending = Array(links.indices)
        var round = 0
        while !pending.isEmpty {
            round += 1
            // The first round hands over the array itself rather than a copy of every link.
            let stored = try insert(pending.count == links.count ? links : pending.map { links[$0] })
            precondition(stored.count == pending.count, "insert answers once for each link it is handed")
            pending = zip(pending, stored).filter { !$0.1 }.map { $0.0 }
            guard pending.isEmpty || round < tries else { throw StoreError("could not find a free one-time link id") }
            for position in pending { links[position].linkID = relabel() }
        }
        return links
    }
}
