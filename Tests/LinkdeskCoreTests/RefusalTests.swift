import Foundation
import LinkdeskCore
import Testing

/// Refusals are values: front ends decide on `reason`, never on the sentence.
@Suite("Refusals as typed reasons")
struct RefusalTests {
    @Test("a one-time link that stopped working refuses with a dead-link reason naming why")
    func deadOneTimeLinks() {
        let created = Fixtures.local(2025, 6, 2, 9)
        let now = created.addingTimeInterval(86_400)
        func link(usesLeft: Int = 1, revoked: Bool = false, invalidated: Bool = false, expires: TimeInterval = 30 * 86_400) -> OneTimeLink {
            OneTimeLink(linkID: "ot-abc234", tokenHash: Token.hash("ABCDEFGHJKMNP"), masterPageID: 20,
                        createdAt: created, expiresAt: created.addingTimeInterval(expires), usesAllowed: 1, usesLeft: usesLeft,
                        revokedAt: revoked ? now : nil, invalidatedAt: invalidated ? now : nil)
        }
        #expect(link().refusal(at: now) == nil)
        #expect(link(usesLeft: 0).refusal(at: now)?.reason == .deadLink(.used))
        #expect(link(revoked: true).refusal(at: now)?.reason == .deadLink(.revoked))
        #expect(link(invalidated: true).refusal(at: now)?.reason == .deadLink(.invalidated))
        #expect(link(expires: 3600).refusal(at: now)?.reason == .deadLink(.expired))
        #expect(link(usesLeft: 0).refusal(at: now)?.isDeadLink == true)
    }

    @Test("links that worked once 'died'; links never made here did not")
    func diedOrNever() {
        for dead: Refusal.DeadLink in [.used, .expired, .revoked, .invalidated, .formerSlug] { #expect(dead.died, "\(dead)") }
        for never: Refusal.DeadLink in [.unknownOneTime, .unknownPage(slug: "x"), .masterGone, .unknownToken] {
            #expect(!never.died, "\(never)")
        }
    }

    @Test("no sentence carries a front end's vocabulary: flags are the CLI's to add")
    func sentencesNameNoFlags() {
        let reasons: [Refusal.Reason] = [
            .reasonRequired(verb: "cancel"), .eventTypeRequired(offered: ["A", "B"]), .oneTimeOptionsWithoutOneTime,
            .slotDays(0), .formRequired, .slotTaken, .notASlot, .timePassed, .concurrentChange, .repeatedRequest,
            .slugTaken(slug: "x", by: nil), .slugTaken(slug: nil, by: nil), .oneTimeOnlyDynamic,
        ]
        for reason in reasons {
            #expect(!reason.sentence.contains("--") && !reason.sentence.isEmpty, "\(reason): \(reason.sentence)")
        }
        #expect(Refusal.Reason.slugTaken(slug: "dana", by: "Dana Haddad").sentence == "the link dana is taken by \"Dana Haddad\"")
        #expect(Refusal.Reason.slugTaken(slug: nil, by: nil).sentence == "that link is taken by another page")
    }

    @Test("uses and an expiry go with one-time links only, decided in one place")
    func oneTimeOptionsRule() throws {
        let later = Date(timeIntervalSince1970: 2_000_000_000)
        #expect(try OneTimeOptions.requested(oneTime: false, uses: nil, expiresAt: nil) == nil)
        #expect(try OneTimeOptions.requested(oneTime: true, uses: nil, expiresAt: nil) == OneTimeOptions())
        #expect(try OneTimeOptions.requested(oneTime: true, uses: 3, expiresAt: later) == OneTimeOptions(uses: 3, expiresAt: later))
        for (uses, expiry) in [(Optional(2), Optional<Date>.none), (nil, later), (2, later)] {
            #expect(throws: Refusal(.oneTimeOptionsWithoutOneTime)) {
                try OneTimeOptions.requested(oneTime: false, uses: uses, expiresAt: expiry)
            }
        }
    }

    @Test("a slot query looks 1 to 366 days ahead")
    func slotDays() throws {
        try SlotFinder.checkDays(1)
        try SlotFinder.checkDays(366)
        #expect(throws: Refusal(.slotDays(0))) { try SlotFinder.checkDays(0) }
        #expect(throws: Refusal(.slotDays(367))) { try SlotFinder.checkDays(367) }
    }

    @Test("the form's check (mayCancel) is every rule of cancel but the reason")
    func mayCancelLeavesTheReasonToTheForm() throws {
        let start = Fixtures.local(2025, 6, 2, 14, 0)
        let booking = Fixtures.booking(slugUsed: "dana", start: start, status: .scheduled, policy: Fixtures.strictPolicy)
        let early = ChangeContext(actor: .customer, now: start.addingTimeInterval(-3 * 86_400), currentSlug: "dana", linkInvalidated: false)
        try ChangeRules.mayCancel(booking, context: early)
        #expect(throws: Refusal(.reasonRequired(verb: "cancel"))) { try ChangeRules.cancel(booking, reason: nil, context: early) }
        let late = ChangeContext(actor: .customer, now: start.addingTimeInterval(-3600), currentSlug: "dana", linkInvalidated: false)
        #expect(throws: Refusal.self) { try ChangeRules.mayCancel(booking, context: late) }
        let renamed = ChangeContext(actor: .customer, now: early.now, currentSlug: "dana-h", linkInvalidated: false)
        #expect(throws: Refusal(.formerLink)) { try ChangeRules.mayCancel(booking, context: renamed) }
        let closed = ChangeContext(actor: .customer, now: early.now, currentSlug: "dana", linkInvalidated: true)
        #expect(throws: Refusal(.rescheduleClosedStatic)) { try ChangeRules.mayReschedule(booking, context: closed) }
    }
}
