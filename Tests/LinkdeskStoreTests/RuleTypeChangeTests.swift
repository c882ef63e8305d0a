import Foundation
import LinkdeskCore
import LinkdeskStore
import Testing

/// SPEC §1: switching a master page from Dynamic to Static makes every one-time link generated
/// before unusable, for good; bookings made through them can be canceled but not rescheduled.
@Suite("Dynamic → Static rule change")
struct RuleTypeChangeTests {
    typealias F = StoreFixture
    static let salescall: PageID = 20

    @Test("earlier one-time links die for good; the count returned is the live ones; a link made after switching back works")
    func invalidatesForGood() throws {
        let t = try TestStore()
        defer { t.remove() }
        let now = F.now
        let used = try t.oneTime()
        let live = try t.oneTime(uses: 3)
        let revoked = try t.oneTime()
        let shortLived = try t.oneTime(expiresAt: now + F.days(1))
        let fresh = try t.oneTime()
        try t.book(used.link, at: F.tuesday(9))
        _ = try t.store.revoke(linkID: revoked.linkID, now: now)

        let switchAt = now + F.days(2)  // Wednesday 07:00: the short-lived link has expired by then
        let stopped = try t.store.setRuleType(master: Self.salescall, to: .static, now: switchAt)
        #expect(stopped == 2, "live links were `live` and `fresh` only")
        #expect(try t.store.workspace().masterPages.first { $0.id == Self.salescall }?.ruleType == .static)

        let thursday = F.ny(day: 26, 10)
        for dead in [live, fresh] {
            expectRefusal(RuleText.oneTimeInvalidated, exact: true) { try t.book(dead.link, at: thursday, now: switchAt) }
            #expect(try t.link(dead.linkID, now: switchAt)?.status(at: switchAt) == .invalidated)
        }
        expectRefusal(RuleText.oneTimeUsed, exact: true) { try t.book(used.link, at: thursday, now: switchAt) }
        expectRefusal(RuleText.oneTimeRevoked, exact: true) { try t.book(revoked.link, at: thursday, now: switchAt) }
        #expect(throws: Refusal.self) { try t.book(shortLived.link, at: thursday, now: switchAt) }
        // While Static, no new one-time link can be made.
        expectRefusal(RuleText.oneTimeOnlyDynamic, exact: true) { try t.oneTime(now: switchAt) }

        // Switching back to Dynamic revives nothing and stops nothing more.
        #expect(try t.store.setRuleType(master: Self.salescall, to: .dynamic, now: switchAt) == 0)
        for dead in [live, fresh] {
            expectRefusal(RuleText.oneTimeInvalidated, exact: true) { try t.book(dead.link, at: thursday, now: switchAt) }
        }
        #expect(try t.link(live.linkID, now: switchAt)?.usesLeft == 3, "refusals consumed no use")

        // A link created after switching back works …
        let after = try t.oneTime(now: switchAt)
        let booking = try t.book(after.link, at: thursday, now: switchAt)
        #expect(booking.linkID == after.linkID)
        // … and a second switch counts only what is live now (not the links already dead).
        let afterLive = try t.oneTime(now: switchAt)
        #expect(try t.store.setRuleType(master: Self.salescall, to: .static, now: switchAt) == 1)
        expectRefusal(RuleText.oneTimeInvalidated, exact: true) { try t.book(afterLive.link, at: F.ny(day: 27, 10), now: switchAt) }
        #expect(try t.store.bookings(BookingQuery()).count == 2)
    }

    @Test("a booking made through an invalidated link can be canceled but not rescheduled, by anyone, even after switching back")
    func bookingThroughInvalidatedLink() throws {
        let t = try TestStore()
        defer { t.remove() }
        let viaOneTime = try t.book(try t.oneTime().link, at: F.tuesday(10))
        let viaOneTime2 = try t.book(try t.oneTime().link, at: F.tuesday(11))
        let viaGeneral = try t.book(Links.general("salescall"), at: F.tuesday(12))
        #expect(viaOneTime.teamMemberID == 10, "Dynamic rule: 30 minutes → Ann")
        _ = try t.store.setRuleType(master: Self.salescall, to: .static, now: F.now)

        for actor in [Actor.staff, .customer] {
            expectRefusal(RuleText.rescheduleClosedStatic, exact: true) {
                try t.store.reschedule(id: viaOneTime.id, actor: actor, to: F.tuesday(14), reason: "move", now: F.now)
            }
        }
        _ = try t.store.setRuleType(master: Self.salescall, to: .dynamic, now: F.now)
        expectRefusal(RuleText.rescheduleClosedStatic, exact: true) {
            try t.store.reschedule(id: viaOneTime.id, actor: .staff, to: F.tuesday(14), reason: nil, now: F.now)
        }
        #expect(try t.store.booking(id: viaOneTime.id).start == F.tuesday(10), "refused reschedule left it in place")

        // Cancel: the customer (inside Ann's 1-day window) and staff both may.
        let byCustomer = try t.store.cancel(id: viaOneTime.id, actor: .customer, reason: nil, now: F.now)
        #expect(byCustomer.status == .canceledByCustomer)
        let byStaff = try t.store.cancel(id: viaOneTime2.id, actor: .staff, reason: "x", now: F.now)
        #expect(byStaff.status == .canceledByStaff)

        // A booking made through the general link is not affected.
        let moved = try t.store.reschedule(id: viaGeneral.id, actor: .staff, to: F.tuesday(15), reason: nil, now: F.now)
        #expect(moved.status == .rescheduled)
    }

    @Test("under Static rules the global tie applies: the first member offering the event takes it")
    func staticAssignment() throws {
        let t = try TestStore()
        defer { t.remove() }
        #expect(try t.book(Links.general("salescall"), at: F.tuesday(10)).teamMemberID == 10, "Dynamic: 30 minutes → Ann")
        _ = try t.store.setRuleType(master: Self.salescall, to: .static, now: F.now)
        #expect(try t.book(Links.general("salescall"), at: F.tuesday(11)).teamMemberID == 11, "Static: members Ben, Ann")
    }

    @Test("rule types belong to rule-based master pages only")
    func onlyRuleBasedMasters() throws {
        let t = try TestStore()
        defer { t.remove() }
        expectRefusal("master pages only") { try t.store.setRuleType(master: 10, to: .static, now: F.now) }
        expectRefusal("Rule-based assignment only") { try t.store.setRuleType(master: 22, to: .static, now: F.now) }
        #expect(try t.store.setRuleType(master: 21, to: .static, now: F.now) == 0, "already Static: nothing to do")
        #expect(try t.store.workspace() == F.workspace)
    }
}
