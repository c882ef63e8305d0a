import Foundation
import LinkdeskCore
import LinkdeskService
import Testing

/// The batch rules both stores run (`OneTimeLinkBatch`), over an `insert` that stands for a
/// table whose listing ids may be taken.
@Suite("one-time link batch")
struct OneTimeLinkBatchTests {
    typealias F = StoreFixture

    static func request(_ linkID: String, master: PageID = 20) -> NewOneTimeLink {
        NewOneTimeLink(masterPageID: master, tokenHash: "hash-" + linkID, linkID: linkID, options: OneTimeOptions(uses: 3),
                       expiresAt: F.now + F.days(30), personalizedFor: nil)
    }

    static let salescall = F.workspace.page(id: 20)!

    /// Fresh ids "ot-r1", "ot-r2"… in the order asked for.
    final class Relabels {
        var drawn = 0
        func next() -> String {
            drawn += 1
            return "ot-r\(drawn)"
        }
    }

    @Test("an empty batch stores nothing; a batch of two pages is refused; a missing page is named")
    func preamble() throws {
        #expect(try OneTimeLinkBatch.masterPage(of: []) == nil)
        #expect(try OneTimeLinkBatch.masterPage(of: [Self.request("ot-a"), Self.request("ot-b")]) == 20)
        #expect(throws: Refusal("a batch of one-time links belongs to one master page")) {
            try OneTimeLinkBatch.masterPage(of: [Self.request("ot-a"), Self.request("ot-b", master: 21)])
        }
        #expect(OneTimeLinkBatch.unknownPage(20).message == "unknown page #20")
    }

    @Test("the links as stored: the page's id, made now, every use left, by whom")
    func links() {
        let made = OneTimeLinkBatch.links([Self.request("ot-a")], on: Self.salescall, at: F.now, madeBy: "ann")
        #expect(made == [OneTimeLink(linkID: "ot-a", tokenHash: "hash-ot-a", masterPageID: 20, createdAt: F.now,
                                     expiresAt: F.now + F.days(30), usesAllowed: 3, usesLeft: 3, madeBy: "ann")])
    }

    @Test("a taken id is drawn again and only that link goes again, in order")
    func relabel() throws {
        var table: Set<String> = ["ot-b", "ot-r1"]
        var rounds: [[String]] = []
        let relabels = Relabels()
        let links = OneTimeLinkBatch.links(["ot-a", "ot-b", "ot-c", "ot-c"].map { Self.request($0) }, on: Self.salescall, at: F.now, madeBy: "ann")
        let stored = try OneTimeLinkBatch.store(links, relabel: relabels.next) { batch in
            rounds.append(batch.map(\.linkID))
            return batch.map { table.insert($0.linkID).inserted }
        }
        // ot-b taken; the second ot-c meets the first; ot-r1 taken, so ot-b's next draw is ot-r3.
        #expect(rounds == [["ot-a", "ot-b", "ot-c", "ot-c"], ["ot-r1", "ot-r2"], ["ot-r3"]])
        #expect(stored.map(\.linkID) == ["ot-a", "ot-r3", "ot-c", "ot-r2"])
        #expect(stored.map(\.tokenHash) == links.map(\.tokenHash), "the batch's order is kept")
    }

    @Test("a link whose every id is taken fails the batch after 32 tries")
    func tries() {
        var rounds = 0
        let relabels = Relabels()
        #expect(throws: StoreError.self) {
            let links = OneTimeLinkBatch.links([Self.request("ot-a"), Self.request("ot-b")], on: Self.salescall, at: F.now, madeBy: "ann")
            return try OneTimeLinkBatch.store(links, relabel: relabels.next) { batch in
                rounds += 1
                return batch.map { $0.linkID == "ot-a" }  // only the first id is ever free
            }
        }
        #expect(rounds == OneTimeLinkBatch.tries)
        #expect(relabels.drawn == OneTimeLinkBatch.tries - 1, "no id drawn that is never tried")
    }
}
