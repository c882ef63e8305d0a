import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// The reads a first frame makes instead of the whole workspace: page summaries (the Share
/// pop-up), one page (its Copy & close), the top of the page list (the console's Pages view;
/// SQLite and the in-memory store read it, a store that can't answers nil). Each must say
/// exactly what the whole workspace says, fresh after a change.
@Suite("reading less than the whole workspace")
struct PageReadTests {
    @Test("summaries, one page and the top of the list agree with the whole workspace (SQLite)")
    func agree() async throws { try await agree(kind: .sqlite) }

    @Test("summaries, one page and the top of the list agree with the whole workspace (PostgreSQL)", .postgres)
    func agreeOnPostgres() async throws { try await agree(kind: .postgres) }

    @Test("summaries, one page and the top of the list agree with the whole workspace (in memory)")
    func agreeInMemory() async throws { try await agree(kind: .memory) }

    func agree(kind: StoreKind) async throws {
        // Booking pages whose ids interleave with the master pages' (the list still puts every
        // booking page first), and all three kinds of master page (only Dynamic rule-based ones
        // may have one-time links).
        var fixture = StoreFixture.workspace
        fixture.bookingPages += (0..<5).map { n in
            BookingPage(id: 30 + PageID(n), name: "Member \(n)", owner: "Owner \(n)", slug: "member-\(n)", timeZone: StoreFixture.zone,
                        availability: .weekdaysNineToFive, eventTypeIDs: [2], policy: StoreFixture.annPolicy)
        }
        let t = try await TestStore(kind, seed: fixture)
        defer { t.remove() }
        try await expectAgreement(t.store, readsTop: kind.readsTopOfPageList)
        let summaries = try await t.store.pageSummaries()
        #expect(summaries.map(\.slug) == ["ann", "ben", "cleo", "member-0", "member-1", "member-2", "member-3", "member-4",
                                          "salescall", "team", "pool"])
        #expect(summaries.filter(\.allowsOneTimeLinks).map(\.slug) == ["salescall"])
        #expect(try await t.store.page(id: 999) == nil)

        // Fresh after a change, also when the whole workspace was read (and kept) before it.
        _ = try await t.linkdesk().setSlug(page: 20, to: "sales-team")
        _ = try await t.linkdesk().setRuleType(master: 20, to: .static)
        try await expectAgreement(t.store, readsTop: kind.readsTopOfPageList)
        let changed = try await t.store.pageSummaries()
        #expect(changed.first { $0.id == 20 }?.slug == "sales-team")
        #expect(changed.first { $0.id == 20 }?.allowsOneTimeLinks == false, "Static rules now")
        // Another connection (another process) reads the same.
        try await expectAgreement(try await t.secondConnection(), readsTop: kind.readsTopOfPageList)
    }

    private func expectAgreement(_ store: any LinkStore, readsTop: Bool) async throws {
        let whole = try await store.workspace()
        #expect(try await store.pageSummaries() == whole.pages.map(\.summary))
        for page in whole.pages { #expect(try await store.page(id: page.id) == page) }
        for limit in [0, 1, 3, whole.bookingPages.count, whole.bookingPages.count + 4] {
            let top = try await store.workspace(bookingPagesUpTo: limit)
            #expect((top != nil) == readsTop)
            guard let top else { continue }
            #expect(top == Workspace(eventTypes: whole.eventTypes, bookingPages: Array(whole.bookingPages.prefix(limit)), masterPages: []),
                    "top \(limit) of the list")
        }
    }
}
