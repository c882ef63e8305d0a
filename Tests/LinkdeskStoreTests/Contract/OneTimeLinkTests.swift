import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// SPEC §1 one-time links through the store: uses, expiry, revoke, where they are allowed, and
/// that a refused booking consumes nothing.
@Suite("one-time links in the store")
struct OneTimeLinkTests {
    typealias F = StoreFixture

    @Test("a link of 3 uses gives exactly 3 bookings, then 'one-time link already used' (SQLite)")
    func nUses() async throws { try await nUses(kind: .sqlite) }

    @Test("a link of 3 uses gives exactly 3 bookings, then 'one-time link already used' (PostgreSQL)", .postgres)
    func nUsesOnPostgres() async throws { try await nUses(kind: .postgres) }

    @Test("a link of 3 uses gives exactly 3 bookings, then 'one-time link already used' (in memory)")
    func nUsesInMemory() async throws { try await nUses(kind: .memory) }

    func nUses(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = try await t.oneTime(uses: 3)
        #expect(try await t.link(link.linkID)?.usesAllowed == 3)
        for (i, hour) in [9, 10, 11].enumerated() {
            let booking = try await t.book(link.link, at: F.tuesday(hour))
            #expect(booking.linkKind == .oneTime)
            #expect(booking.linkID == link.linkID)
            #expect(booking.slugUsed == nil, "one-time bookings are not tied to the slug")
            #expect(try await t.link(link.linkID)?.usesLeft == 2 - i)
        }
        await expectRefusal(Refusal.DeadLink.used.sentence, exact: true) { try await t.book(link.link, at: F.tuesday(12)) }
        #expect(try await t.link(link.linkID)?.status(at: F.now) == .used)
        #expect(try await t.allBookings().count == 3)
        await expectRefusal("nothing to revoke") { try await t.linkdesk().revoke(linkID: link.linkID) }
    }

    @Test("a link of 1 use (the default) is good for one booking only (SQLite)")
    func singleUse() async throws { try await singleUse(kind: .sqlite) }

    @Test("a link of 1 use (the default) is good for one booking only (PostgreSQL)", .postgres)
    func singleUseOnPostgres() async throws { try await singleUse(kind: .postgres) }

    @Test("a link of 1 use (the default) is good for one booking only (in memory)")
    func singleUseInMemory() async throws { try await singleUse(kind: .memory) }

    func singleUse(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = try await t.oneTime()
        #expect(try await t.link(link.linkID)?.usesAllowed == 1)
        try await t.book(link.link, at: F.tuesday(9))
        await expectRefusal(Refusal.DeadLink.used.sentence, exact: true) { try await t.book(link.link, at: F.tuesday(10)) }
        // Also for a different event type going to another team member.
        await expectRefusal(Refusal.DeadLink.used.sentence, exact: true) {
            try await t.book(link.link, event: "15-minute meeting", at: F.tuesday(10))
        }
    }

    @Test("unused links expire 90 days after creation (SQLite)")
    func defaultExpiry() async throws { try await defaultExpiry(kind: .sqlite) }

    @Test("unused links expire 90 days after creation (PostgreSQL)", .postgres)
    func defaultExpiryOnPostgres() async throws { try await defaultExpiry(kind: .postgres) }

    @Test("unused links expire 90 days after creation (in memory)")
    func defaultExpiryInMemory() async throws { try await defaultExpiry(kind: .memory) }

    func defaultExpiry(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = try await t.oneTime(uses: 2)
        let stored = try #require(try await t.link(link.linkID))
        #expect(stored.expiresAt == F.now + F.days(90))
        let monday = F.ny(2027, 2, 22, 10)  // the first weekday slot after the expiry
        let justBefore = stored.expiresAt - 1
        #expect(try await t.book(link.link, at: monday, now: justBefore).linkID == link.linkID)
        await expectRefusal(Refusal.DeadLink.expired.sentence, exact: true) {
            try await t.book(link.link, at: F.ny(2027, 2, 22, 11), now: stored.expiresAt)
        }
        #expect(try await t.link(link.linkID)?.usesLeft == 1)
    }

    @Test("a shorter expiry set per link is kept; longer than 90 days or in the past is refused (SQLite)")
    func customExpiry() async throws { try await customExpiry(kind: .sqlite) }

    @Test("a shorter expiry set per link is kept; longer than 90 days or in the past is refused (PostgreSQL)", .postgres)
    func customExpiryOnPostgres() async throws { try await customExpiry(kind: .postgres) }

    @Test("a shorter expiry set per link is kept; longer than 90 days or in the past is refused (in memory)")
    func customExpiryInMemory() async throws { try await customExpiry(kind: .memory) }

    func customExpiry(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let expiry = F.now + F.days(7)
        let a = try await t.oneTime(expiresAt: expiry)
        let b = try await t.oneTime(expiresAt: expiry)
        #expect(try await t.link(a.linkID)?.expiresAt == expiry)
        let nextMonday = F.ny(day: 30, 10)
        await #expect(throws: Never.self) { try await t.book(a.link, at: nextMonday, now: expiry - 60) }
        await expectRefusal(Refusal.DeadLink.expired.sentence, exact: true) { try await t.book(b.link, at: nextMonday, now: expiry) }
        #expect(try await t.link(b.linkID)?.status(at: expiry) == .expired)

        await expectRefusal("90 days") { try await t.oneTime(expiresAt: F.now + F.days(90) + 1) }
        await expectRefusal("in the future") { try await t.oneTime(expiresAt: F.now) }
        await expectRefusal("uses must be between") { try await t.oneTime(uses: 0) }
        await expectRefusal("uses must be between") { try await t.oneTime(uses: OneTimeOptions.maxUses + 1) }
        #expect(try await t.linkdesk().oneTimeLinks().count == 2)
    }

    @Test("revoke: the link is refused afterwards; revoking twice is refused (SQLite)")
    func revoke() async throws { try await revoke(kind: .sqlite) }

    @Test("revoke: the link is refused afterwards; revoking twice is refused (PostgreSQL)", .postgres)
    func revokeOnPostgres() async throws { try await revoke(kind: .postgres) }

    @Test("revoke: the link is refused afterwards; revoking twice is refused (in memory)")
    func revokeInMemory() async throws { try await revoke(kind: .memory) }

    func revoke(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = try await t.oneTime(uses: 2)
        let other = try await t.oneTime()
        let revoked = try await t.linkdesk().revoke(linkID: link.linkID)
        #expect(revoked.revokedAt == F.now)
        #expect(try await t.link(link.linkID)?.status(at: F.now) == .revoked)
        await expectRefusal(Refusal.DeadLink.revoked.sentence, exact: true) { try await t.book(link.link, at: F.tuesday(10)) }
        await expectRefusal("already revoked") { try await t.linkdesk().revoke(linkID: link.linkID) }
        await expectRefusal("unknown one-time link id") { try await t.linkdesk().revoke(linkID: "ot-nosuch") }
        // Only that one link.
        #expect(try await t.link(other.linkID)?.status(at: F.now) == .live)
        try await t.book(other.link, at: F.tuesday(10))
    }

    /// The rule is the use case's (`Linkdesk.prepareLinks`), and the store runs the same check
    /// on the page as it is inside its transaction: either refuses, and nothing is stored.
    @Test("one-time links are refused on a booking page, a Static master page and a pooled one (SQLite)", arguments: ["ann", "team", "pool"])
    func onlyDynamicMasters(slug: String) async throws { try await onlyDynamicMasters(kind: .sqlite, slug: slug) }

    @Test("one-time links are refused on a booking page, a Static master page and a pooled one (PostgreSQL)", .postgres, arguments: ["ann", "team", "pool"])
    func onlyDynamicMastersOnPostgres(slug: String) async throws { try await onlyDynamicMasters(kind: .postgres, slug: slug) }

    @Test("one-time links are refused on a booking page, a Static master page and a pooled one (in memory)", arguments: ["ann", "team", "pool"])
    func onlyDynamicMastersInMemory(slug: String) async throws { try await onlyDynamicMasters(kind: .memory, slug: slug) }

    func onlyDynamicMasters(kind: StoreKind, slug: String) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        await expectRefusal(Refusal.Reason.oneTimeOnlyDynamic.sentence, exact: true) { try await t.oneTime(slug) }
        let page = try await t.store.workspace().resolvePage(slug)
        await expectRefusal(Refusal.Reason.oneTimeOnlyDynamic.sentence, exact: true) {
            try await t.store.insertOneTimeLinks(
                [NewOneTimeLink(masterPageID: page.id, tokenHash: Token.hash("ABCDEFGHJKMNP"), linkID: "ot-abcdef",
                                options: OneTimeOptions(), expiresAt: F.now + F.days(90), personalizedFor: nil)],
                at: F.now, relabel: { "ot-bcdefg" },
                check: { page in if let refusal = page.oneTimeRefusal { throw refusal } },
                event: { link, page in ActivityEvent(at: F.now, actor: .staff, kind: .oneTimeCreated, subject: page.name,
                                                     detail: link.linkID) })
        }
        #expect(try await t.linkdesk().oneTimeLinks().isEmpty)
        #expect(try await t.linkdesk().activity(limit: 100).isEmpty)
    }

    @Test("the store keeps the token's hash and a link id, never the token (SQLite)")
    func storedAsHash() async throws { try await storedAsHash(kind: .sqlite) }

    @Test("the store keeps the token's hash and a link id, never the token (PostgreSQL)", .postgres)
    func storedAsHashOnPostgres() async throws { try await storedAsHash(kind: .postgres) }

    @Test("the store keeps the token's hash and a link id, never the token (in memory)")
    func storedAsHashInMemory() async throws { try await storedAsHash(kind: .memory) }

    func storedAsHash(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let made = try await t.oneTime(personalization: Personalization(name: "Jane Smythe", email: "jane@example.com"))
        guard case .oneTime(let token) = made.link.target else { Issue.record("not a one-time URL: \(made.url)"); return }
        #expect(Token.isWellFormed(token))
        let stored = try #require(try await t.link(made.linkID))
        #expect(stored.tokenHash == Token.hash(token))
        #expect(stored.tokenHash != token)
        #expect(!stored.linkID.contains(token))
        #expect(stored.personalizedFor == "Jane Smythe <jane@example.com>")
        // A token differing in one symbol is unknown.
        let other = String(token.dropLast()) + (token.last == "Z" ? "Y" : "Z")
        await expectRefusal("unknown one-time link") { try await t.linkdesk().resolve(Link(target: .oneTime(token: other))) }
    }

    @Test("a refused booking consumes nothing: uses left, bookings and activity unchanged (SQLite)")
    func refusedBookingConsumesNothing() async throws { try await refusedBookingConsumesNothing(kind: .sqlite) }

    @Test("a refused booking consumes nothing: uses left, bookings and activity unchanged (PostgreSQL)", .postgres)
    func refusedBookingConsumesNothingOnPostgres() async throws { try await refusedBookingConsumesNothing(kind: .postgres) }

    @Test("a refused booking consumes nothing: uses left, bookings and activity unchanged (in memory)")
    func refusedBookingConsumesNothingInMemory() async throws { try await refusedBookingConsumesNothing(kind: .memory) }

    func refusedBookingConsumesNothing(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = try await t.oneTime()
        try await t.book(Links.general("ann"), at: F.tuesday(14))  // takes Ann's 14:00
        let activityBefore = try await t.linkdesk().activity(limit: 1_000)
        let bookingsBefore = try await t.allBookings()

        await expectRefusal("not a slot inside") { try await t.book(link.link, at: F.tuesday(18)) }
        await expectRefusal("not a slot inside") { try await t.book(link.link, at: F.ny(day: 28, 10)) }  // Saturday
        await expectRefusal("that time has passed") { try await t.book(link.link, at: F.ny(day: 20, 10)) }
        await expectRefusal("that slot is already taken") { try await t.book(link.link, at: F.tuesday(14)) }
        await expectRefusal("does not offer") { try await t.book(link.link, event: "60-minute meeting", at: F.tuesday(10)) }
        await expectRefusal(Refusal.Reason.formRequired.sentence, exact: true) { try await t.book(link.link, at: F.tuesday(10), form: Personalization()) }

        #expect(try await t.link(link.linkID)?.usesLeft == 1)
        #expect(try await t.link(link.linkID)?.status(at: F.now) == .live)
        #expect(try await t.allBookings() == bookingsBefore)
        #expect(try await t.linkdesk().activity(limit: 1_000) == activityBefore)
        // Still good for its one booking.
        try await t.book(link.link, at: F.tuesday(10))
        #expect(try await t.link(link.linkID)?.usesLeft == 0)
    }
}
