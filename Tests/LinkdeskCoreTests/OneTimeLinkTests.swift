import Foundation
import LinkdeskCore
import Testing

@Suite("One-time link status and options")
struct OneTimeLinkTests {
    static let created = Fixtures.local(2025, 6, 2, 12, 0)
    static let expires = created.addingTimeInterval(30 * 86_400)
    static let now = created.addingTimeInterval(86_400)

    static func link(usesLeft: Int = 1, usesAllowed: Int = 1, revoked: Bool = false,
                     invalidated: Bool = false) -> OneTimeLink {
        OneTimeLink(linkID: "ot-abc234", tokenHash: Token.hash("ABCDEFGHJKMNP"), masterPageID: 20,
                    createdAt: created, expiresAt: expires, usesAllowed: usesAllowed, usesLeft: usesLeft,
                    revokedAt: revoked ? now : nil, invalidatedAt: invalidated ? now : nil)
    }

    /// Precedence as committed in 0ca70b2: revoked > used > invalidated > expired > live. A link
    /// that was used up keeps "used" even after a Dynamic → Static switch marked it invalidated.
    /// (The test brief asked for invalidated > used; see the report.)
    @Test("status precedence: revoked > used > invalidated > expired > live")
    func precedence() {
        let late = Self.expires.addingTimeInterval(1)
        #expect(Self.link(usesLeft: 0, revoked: true, invalidated: true).status(at: late) == .revoked)
        #expect(Self.link(usesLeft: 1, revoked: true).status(at: Self.now) == .revoked)
        #expect(Self.link(usesLeft: 1, revoked: true, invalidated: true).status(at: late) == .revoked)
        #expect(Self.link(usesLeft: 0, invalidated: true).status(at: late) == .used)
        #expect(Self.link(usesLeft: 0, invalidated: true).status(at: Self.now) == .used)
        #expect(Self.link(usesLeft: 1, invalidated: true).status(at: late) == .invalidated)
        #expect(Self.link(usesLeft: 1, invalidated: true).status(at: Self.now) == .invalidated)
        #expect(Self.link(usesLeft: 0).status(at: late) == .used)
        #expect(Self.link(usesLeft: 0).status(at: Self.now) == .used)
        #expect(Self.link(usesLeft: 1).status(at: late) == .expired)
        #expect(Self.link(usesLeft: 1).status(at: Self.now) == .live)
        #expect(Self.link(usesLeft: 2, usesAllowed: 3).status(at: Self.now) == .live)
    }

    @Test("expiry is at expiresAt, not a second later")
    func expiryInstant() {
        #expect(Self.link().status(at: Self.expires.addingTimeInterval(-1)) == .live)
        #expect(Self.link().status(at: Self.expires) == .expired)
    }

    @Test("refusal messages are the rule sentences")
    func refusals() {
        let late = Self.expires.addingTimeInterval(1)
        #expect(Self.link().refusal(at: Self.now) == nil)
        #expect(Self.link(usesLeft: 0).refusal(at: Self.now)?.message == Refusal.DeadLink.used.sentence)
        #expect(Self.link().refusal(at: late)?.message == Refusal.DeadLink.expired.sentence)
        #expect(Self.link(revoked: true).refusal(at: Self.now)?.message == Refusal.DeadLink.revoked.sentence)
        #expect(Self.link(invalidated: true).refusal(at: Self.now)?.message == Refusal.DeadLink.invalidated.sentence)
    }

    @Test("default expiry is exactly 90 days")
    func defaultExpiry() throws {
        let now = Self.created
        #expect(try OneTimeOptions().expiry(from: now) == now.addingTimeInterval(90 * 24 * 3600))
        #expect(OneTimeOptions.defaultExpiryDays == 90)
        #expect(OneTimeOptions().uses == 1)
    }

    @Test("a shorter expiry is kept; exactly 90 days is accepted")
    func shorterExpiry() throws {
        let now = Self.created
        let inAWeek = now.addingTimeInterval(7 * 86_400)
        #expect(try OneTimeOptions(expiresAt: inAWeek).expiry(from: now) == inAWeek)
        let oneSecond = now.addingTimeInterval(1)
        #expect(try OneTimeOptions(expiresAt: oneSecond).expiry(from: now) == oneSecond)
        let ninety = now.addingTimeInterval(90 * 86_400)
        #expect(try OneTimeOptions(expiresAt: ninety).expiry(from: now) == ninety)
    }

    @Test("longer than 90 days, past, now, and zero or too many uses are refused")
    func refusedOptions() {
        let now = Self.created
        #expect(throws: Refusal.self) { try OneTimeOptions(expiresAt: now.addingTimeInterval(90 * 86_400 + 1)).expiry(from: now) }
        #expect(throws: Refusal.self) { try OneTimeOptions(expiresAt: now.addingTimeInterval(365 * 86_400)).expiry(from: now) }
        #expect(throws: Refusal.self) { try OneTimeOptions(expiresAt: now.addingTimeInterval(-1)).expiry(from: now) }
        #expect(throws: Refusal.self) { try OneTimeOptions(expiresAt: now).expiry(from: now) }
        #expect(throws: Refusal.self) { try OneTimeOptions(uses: 0).expiry(from: now) }
        #expect(throws: Refusal.self) { try OneTimeOptions(uses: -1).expiry(from: now) }
        #expect(throws: Refusal.self) { try OneTimeOptions(uses: OneTimeOptions.maxUses + 1).expiry(from: now) }
        #expect((try? OneTimeOptions(uses: 5).expiry(from: now)) != nil)
    }
}
