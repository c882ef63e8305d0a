import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Each database store spells "live" once in SQL (SQLite: `LinkRows.live`, PostgreSQL:
/// `PostgresRows.live`), and Core once in Swift (`OneTimeLink.status(at:)`, which the in-memory
/// store asks). With a link in every status, each statement that asks must agree with Core: the counts (a workspace plan's usage, a rule switch's "stopped
/// working"), the expiries the activity shows, and the writes that need a live link (revoking,
/// spending a use). Checked at a link's very expiry, where `>` and `>=` part.
@Suite("live one-time links: each store's SQL agrees with OneTimeLink.status")
struct LiveLinkTests {
    typealias F = StoreFixture

    /// When it is all checked: the expiry of the link made to expire.
    static let at = F.now + F.hours(1)

    @Test("a link in each status: counts, expiries and writes agree with OneTimeLink.status (SQLite)")
    func agree() async throws { try await agree(kind: .sqlite) }

    @Test("a link in each status: counts, expiries and writes agree with OneTimeLink.status (PostgreSQL)", .postgres)
    func agreeOnPostgres() async throws { try await agree(kind: .postgres) }

    @Test("a link in each status: counts, expiries and writes agree with OneTimeLink.status (in memory)")
    func agreeInMemory() async throws { try await agree(kind: .memory) }

    func agree(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let store = t.store
        // One link in each status, all of the Sales call page (20), made through the use cases.
        let invalidated = try await t.oneTime()
        _ = try await t.linkdesk().setRuleType(master: 20, to: .static)
        _ = try await t.linkdesk().setRuleType(master: 20, to: .dynamic)
        let used = try await t.oneTime()
        try await t.book(used.link, at: F.tuesday(9))
        let revoked = try await t.oneTime()
        _ = try await t.linkdesk().revoke(linkID: revoked.linkID)
        let expired = try await t.oneTime(expiresAt: Self.at)
        let live = try await t.oneTime(uses: 2)
        let made: [String: OneTimeLink.Status] = [invalidated.linkID: .invalidated, used.linkID: .used, revoked.linkID: .revoked,
                                                  expired.linkID: .expired, live.linkID: .live]
        #expect(try await Self.statuses(store) == made)
        try await Self.expectAgreement(store)

        // The writes that need a live link refuse every other one, and write nothing…
        let before = try await StoreGuaranteeTests.Snapshot(store)
        for id in [invalidated.linkID, used.linkID, revoked.linkID, expired.linkID] {
            await expectConflict(.stale) { try await store.revokeOneTimeLink(id: id, at: Self.at, events: []) }
            await expectConflict(.linkSpent) { try await store.insertBooking(Self.spending(id, start: F.tuesday(10))) }
        }
        #expect(try await StoreGuaranteeTests.Snapshot(store) == before, "a refused write wrote nothing")
        // …and take the live one.
        _ = try await store.insertBooking(Self.spending(live.linkID, start: F.tuesday(11)))
        #expect(try await store.oneTimeLink(id: live.linkID)?.usesLeft == 1)
        try await Self.expectAgreement(store)

        // A workspace replacement counts as stopped the links Core calls live.
        let workspace = try await store.workspace()
        let stopped = try await store.replaceWorkspace(WorkspaceReplacement(
            base: workspace, workspace: workspace, at: Self.at, formerSlugs: [], invalidatesOneTimeLinks: [20], events: { _ in [] }))
        #expect(stopped == [20: 1])
        #expect(try await Self.statuses(store)[live.linkID] == .invalidated)
        try await Self.expectAgreement(store)

        // So does a page change, for a link made since; and a live link can be revoked.
        let fresh = try await t.oneTime()
        let page = try #require(try await store.page(id: 20))
        let stoppedByChange = try await store.updatePage(PageChange(page: page, previous: page, at: Self.at,
                                                                    invalidatesOneTimeLinks: true, events: { _ in [] }))
        #expect(stoppedByChange == 1)
        #expect(try await Self.statuses(store)[fresh.linkID] == .invalidated)
        let another = try await t.oneTime()
        try await store.revokeOneTimeLink(id: another.linkID, at: Self.at, events: [])
        #expect(try await Self.statuses(store)[another.linkID] == .revoked)
        try await Self.expectAgreement(store)
    }

    /// Every link's status at `at`, by listing id.
    static func statuses(_ store: any LinkStore) async throws -> [String: OneTimeLink.Status] {
        Dictionary(uniqueKeysWithValues: try await store.oneTimeLinks().map { ($0.linkID, $0.status(at: at)) })
    }

    /// The store's reads against Core, a second before the expiry and at it.
    static func expectAgreement(_ store: any LinkStore, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let links = try await store.oneTimeLinks()
        for now in [at - 1, at] {
            let live = links.filter { $0.status(at: now) == .live }.count
            let usage = try await store.workspaceUsage(at: now)
            #expect(usage.oneTimeLinks[20] == WorkspaceUsage.Count(live: live, total: links.count),
                    "live at \(now)", sourceLocation: sourceLocation)
            let expired = links.filter { $0.status(at: now) == .expired }.map(\.linkID).sorted()
            let listed = try await store.oneTimeLinks(expiredBy: now, limit: 100).map(\.linkID).sorted()
            #expect(listed == expired, "expired by \(now)", sourceLocation: sourceLocation)
        }
    }

    /// A booking with Ann that spends a use of `linkID`, made at `at`.
    static func spending(_ linkID: String, start: Date) -> NewBooking {
        var draft = F.draft("Sam", "sam@example.com", at: start, linkID: linkID)
        draft.createdAt = at
        return NewBooking(booking: draft, consumes: linkID, requiresSlug: nil, events: { _ in [] })
    }
}
