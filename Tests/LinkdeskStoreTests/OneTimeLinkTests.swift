import Foundation
import LinkdeskCore
import LinkdeskStore
import Testing

/// SPEC §1 one-time links through the store: uses, expiry, revoke, where they are allowed, and
/// that a refused booking consumes nothing.
@Suite("one-time links in the store")
struct OneTimeLinkTests {
    typealias F = StoreFixture

    @Test("a link of 3 uses gives exactly 3 bookings, then 'one-time link already used'")
    func nUses() throws {
        let t = try TestStore()
        defer { t.remove() }
        let link = try t.oneTime(uses: 3)
        #expect(try t.link(link.linkID)?.usesAllowed == 3)
        for (i, hour) in [9, 10, 11].enumerated() {
            let booking = try t.book(link.link, at: F.tuesday(hour))
            #expect(booking.linkKind == .oneTime)
            #expect(booking.linkID == link.linkID)
            #expect(booking.slugUsed == nil, "one-time bookings are not tied to the slug")
            #expect(try t.link(link.linkID)?.usesLeft == 2 - i)
        }
        expectRefusal(RuleText.oneTimeUsed, exact: true) { try t.book(link.link, at: F.tuesday(12)) }
        #expect(try t.link(link.linkID)?.status(at: F.now) == .used)
        #expect(try t.allBookings().count == 3)
        expectRefusal("nothing to revoke") { try t.store.revoke(linkID: link.linkID, now: F.now) }
    }

    @Test("a link of 1 use (the default) is good for one booking only")
    func singleUse() throws {
        let t = try TestStore()
        defer { t.remove() }
        let link = try t.oneTime()
        #expect(try t.link(link.linkID)?.usesAllowed == 1)
        try t.book(link.link, at: F.tuesday(9))
        expectRefusal(RuleText.oneTimeUsed, exact: true) { try t.book(link.link, at: F.tuesday(10)) }
        // Also for a different event type going to another team member.
        expectRefusal(RuleText.oneTimeUsed, exact: true) {
            try t.book(link.link, event: "15-minute meeting", at: F.tuesday(10))
        }
    }

    @Test("unused links expire 90 days after creation")
    func defaultExpiry() throws {
        let t = try TestStore()
        defer { t.remove() }
        let link = try t.oneTime(uses: 2)
        let stored = try #require(try t.link(link.linkID))
        #expect(stored.expiresAt == F.now + F.days(90))
        let monday = F.ny(2027, 2, 22, 10)  // the first weekday slot after the expiry
        let justBefore = stored.expiresAt - 1
        #expect(try t.book(link.link, at: monday, now: justBefore).linkID == link.linkID)
        expectRefusal(RuleText.oneTimeExpired, exact: true) {
            try t.book(link.link, at: F.ny(2027, 2, 22, 11), now: stored.expiresAt)
        }
        #expect(try t.link(link.linkID, now: stored.expiresAt)?.usesLeft == 1)
    }

    @Test("a shorter expiry set per link is kept; longer than 90 days or in the past is refused")
    func customExpiry() throws {
        let t = try TestStore()
        defer { t.remove() }
        let expiry = F.now + F.days(7)
        let a = try t.oneTime(expiresAt: expiry)
        let b = try t.oneTime(expiresAt: expiry)
        #expect(try t.link(a.linkID)?.expiresAt == expiry)
        let nextMonday = F.ny(day: 30, 10)
        #expect(throws: Never.self) { try t.book(a.link, at: nextMonday, now: expiry - 60) }
        expectRefusal(RuleText.oneTimeExpired, exact: true) { try t.book(b.link, at: nextMonday, now: expiry) }
        #expect(try t.link(b.linkID, now: expiry)?.status(at: expiry) == .expired)

        expectRefusal("90 days") { try t.oneTime(expiresAt: F.now + F.days(90) + 1) }
        expectRefusal("in the future") { try t.oneTime(expiresAt: F.now) }
        expectRefusal("uses must be between") { try t.oneTime(uses: 0) }
        expectRefusal("uses must be between") { try t.oneTime(uses: OneTimeOptions.maxUses + 1) }
        #expect(try t.store.oneTimeLinks(now: F.now).count == 2)
    }

    @Test("revoke: the link is refused afterwards; revoking twice is refused")
    func revoke() throws {
        let t = try TestStore()
        defer { t.remove() }
        let link = try t.oneTime(uses: 2)
        let other = try t.oneTime()
        let revoked = try t.store.revoke(linkID: link.linkID, now: F.now)
        #expect(revoked.revokedAt == F.now)
        #expect(try t.link(link.linkID)?.status(at: F.now) == .revoked)
        expectRefusal(RuleText.oneTimeRevoked, exact: true) { try t.book(link.link, at: F.tuesday(10)) }
        expectRefusal("already revoked") { try t.store.revoke(linkID: link.linkID, now: F.now) }
        expectRefusal("unknown one-time link id") { try t.store.revoke(linkID: "ot-nosuch", now: F.now) }
        // Only that one link.
        #expect(try t.link(other.linkID)?.status(at: F.now) == .live)
        try t.book(other.link, at: F.tuesday(10))
    }

    @Test("one-time links are refused on a booking page, a Static master page and a pooled one",
          arguments: ["ann", "team", "pool"])
    func onlyDynamicMasters(slug: String) throws {
        let t = try TestStore()
        defer { t.remove() }
        expectRefusal(RuleText.oneTimeOnlyDynamic, exact: true) { try t.oneTime(slug) }
        let page = try t.store.workspace().resolvePage(slug)
        expectRefusal(RuleText.oneTimeOnlyDynamic, exact: true) {
            try t.store.createOneTimeLink(NewOneTimeLink(masterPageID: page.id, tokenHash: Token.hash("ABCDEFGHJKMNP"),
                                                         linkID: "ot-abcdef", options: OneTimeOptions(), personalizedFor: nil),
                                          now: F.now)
        }
        #expect(try t.store.oneTimeLinks(now: F.now).isEmpty)
        #expect(try t.store.activity(limit: 100).isEmpty)
    }

    @Test("the store keeps the token's hash and a link id, never the token")
    func storedAsHash() throws {
        let t = try TestStore()
        defer { t.remove() }
        let made = try t.oneTime(personalization: Personalization(name: "Jane Smythe", email: "jane@example.com"))
        guard case .oneTime(let token) = made.link.target else { Issue.record("not a one-time URL: \(made.url)"); return }
        #expect(Token.isWellFormed(token))
        let stored = try #require(try t.link(made.linkID))
        #expect(stored.tokenHash == Token.hash(token))
        #expect(stored.tokenHash != token)
        #expect(!stored.linkID.contains(token))
        #expect(stored.personalizedFor == "Jane Smythe <jane@example.com>")
        // A token differing in one symbol is unknown.
        let other = String(token.dropLast()) + (token.last == "Z" ? "Y" : "Z")
        expectRefusal("unknown one-time link") { try t.store.resolve(Link(target: .oneTime(token: other)), now: F.now) }
    }

    @Test("a refused booking consumes nothing: uses left, bookings and activity unchanged")
    func refusedBookingConsumesNothing() throws {
        let t = try TestStore()
        defer { t.remove() }
        let link = try t.oneTime()
        try t.book(Links.general("ann"), at: F.tuesday(14))  // takes Ann's 14:00
        let activityBefore = try t.store.activity(limit: 1_000)
        let bookingsBefore = try t.allBookings()

        expectRefusal("not a slot inside") { try t.book(link.link, at: F.tuesday(18)) }
        expectRefusal("not a slot inside") { try t.book(link.link, at: F.ny(day: 28, 10)) }  // Saturday
        expectRefusal("that time has passed") { try t.book(link.link, at: F.ny(day: 20, 10)) }
        expectRefusal("that slot is already taken") { try t.book(link.link, at: F.tuesday(14)) }
        expectRefusal("does not offer") { try t.book(link.link, event: "60-minute meeting", at: F.tuesday(10)) }
        expectRefusal(RuleText.formRequired, exact: true) { try t.book(link.link, at: F.tuesday(10), form: Personalization()) }

        #expect(try t.link(link.linkID)?.usesLeft == 1)
        #expect(try t.link(link.linkID)?.status(at: F.now) == .live)
        #expect(try t.allBookings() == bookingsBefore)
        #expect(try t.store.activity(limit: 1_000) == activityBefore)
        // Still good for its one booking.
        try t.book(link.link, at: F.tuesday(10))
        #expect(try t.link(link.linkID)?.usesLeft == 0)
    }
}
