import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// SPEC §1: switching a master page from Dynamic to Static makes every one-time link generated
/// before unusable, for good; bookings made through them can be canceled but not rescheduled.
@Suite("Dynamic → Static rule change")
struct RuleTypeChangeTests {
    typealias F = StoreFixture
    static let salescall: PageID = 20

    @Test("earlier one-time links die for good; the count returned is the live ones; a link made after switching back works (SQLite)")
    func invalidatesForGood() async throws { try await invalidatesForGood(kind: .sqlite) }

    @Test("earlier one-time links die for good; the count returned is the live ones; a link made after switching back works (PostgreSQL)", .postgres)
    func invalidatesForGoodOnPostgres() async throws { try await invalidatesForGood(kind: .postgres) }

    @Test("earlier one-time links die for good; the count returned is the live ones; a link made after switching back works (in memory)")
    func invalidatesForGoodInMemory() async throws { try await invalidatesForGood(kind: .memory) }

    func invalidatesForGood(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let now = F.now
        let used = try await t.oneTime()
        let live = try await t.oneTime(uses: 3)
        let revoked = try await t.oneTime()
        let shortLived = try await t.oneTime(expiresAt: now + F.days(1))
        let fresh = try await t.oneTime()
        try await t.book(used.link, at: F.tuesday(9))
        _ = try await t.linkdesk().revoke(linkID: revoked.linkID)

        let switchAt = now + F.days(2)  // Wednesday 07:00: the short-lived link has expired by then
        let stopped = try await t.linkdesk(switchAt).setRuleType(master: Self.salescall, to: .static)
        #expect(stopped == 2, "live links were `live` and `fresh` only")
        #expect(try await t.store.workspace().masterPages.first { $0.id == Self.salescall }?.ruleType == .static)

        let thursday = F.ny(day: 26, 10)
        for dead in [live, fresh] {
            await expectRefusal(Refusal.DeadLink.invalidated.sentence, exact: true) { try await t.book(dead.link, at: thursday, now: switchAt) }
            #expect(try await t.link(dead.linkID)?.status(at: switchAt) == .invalidated)
        }
        await expectRefusal(Refusal.DeadLink.used.sentence, exact: true) { try await t.book(used.link, at: thursday, now: switchAt) }
        await expectRefusal(Refusal.DeadLink.revoked.sentence, exact: true) { try await t.book(revoked.link, at: thursday, now: switchAt) }
        await #expect(throws: Refusal.self) { try await t.book(shortLived.link, at: thursday, now: switchAt) }
        // While Static, no new one-time link can be made.
        await expectRefusal(Refusal.Reason.oneTimeOnlyDynamic.sentence, exact: true) { try await t.oneTime(now: switchAt) }

        // Switching back to Dynamic revives nothing and stops nothing more.
        #expect(try await t.linkdesk(switchAt).setRuleType(master: Self.salescall, to: .dynamic) == 0)
        for dead in [live, fresh] {
            await expectRefusal(Refusal.DeadLink.invalidated.sentence, exact: true) { try await t.book(dead.link, at: thursday, now: switchAt) }
        }
        #expect(try await t.link(live.linkID)?.usesLeft == 3, "refusals consumed no use")

        // A link created after switching back works …
        let after = try await t.oneTime(now: switchAt)
        let booking = try await t.book(after.link, at: thursday, now: switchAt)
        #expect(booking.linkID == after.linkID)
        // … and a second switch counts only what is live now (not the links already dead).
        let afterLive = try await t.oneTime(now: switchAt)
        #expect(try await t.linkdesk(switchAt).setRuleType(master: Self.salescall, to: .static) == 1)
        await expectRefusal(Refusal.DeadLink.invalidated.sentence, exact: true) { try await t.book(afterLive.link, at: F.ny(day: 27, 10), now: switchAt) }
        #expect(try await t.linkdesk().bookings(BookingQuery()).count == 2)
    }

    @Test("a booking made through an invalidated link can be canceled but not rescheduled, by anyone, even after switching back (SQLite)")
    func bookingThroughInvalidatedLink() async throws { try await bookingThroughInvalidatedLink(kind: .sqlite) }

    @Test("a booking made through an invalidated link can be canceled but not rescheduled, by anyone, even after switching back (PostgreSQL)", .postgres)
    func bookingThroughInvalidatedLinkOnPostgres() async throws { try await bookingThroughInvalidatedLink(kind: .postgres) }

    @Test("a booking made through an invalidated link can be canceled but not rescheduled, by anyone, even after switching back (in memory)")
    func bookingThroughInvalidatedLinkInMemory() async throws { try await bookingThroughInvalidatedLink(kind: .memory) }

    func bookingThroughInvalidatedLink(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let viaOneTime = try await t.book(try await t.oneTime().link, at: F.tuesday(10))
        let viaOneTime2 = try await t.book(try await t.oneTime().link, at: F.tuesday(11))
        let viaGeneral = try await t.book(Links.general("salescall"), at: F.tuesday(12))
        #expect(viaOneTime.teamMemberID == 10, "Dynamic rule: 30 minutes → Ann")
        _ = try await t.linkdesk().setRuleType(master: Self.salescall, to: .static)

        for actor in [Actor.staff, .customer] {
            await expectRefusal(Refusal.Reason.rescheduleClosedStatic.sentence, exact: true) {
                try await t.linkdesk().reschedule(id: viaOneTime.id, actor: actor, to: F.tuesday(14), reason: "move")
            }
        }
        _ = try await t.linkdesk().setRuleType(master: Self.salescall, to: .dynamic)
        await expectRefusal(Refusal.Reason.rescheduleClosedStatic.sentence, exact: true) {
            try await t.linkdesk().reschedule(id: viaOneTime.id, actor: .staff, to: F.tuesday(14), reason: nil)
        }
        #expect(try await t.linkdesk().booking(id: viaOneTime.id).start == F.tuesday(10), "refused reschedule left it in place")

        // Cancel: the customer (inside Ann's 1-day window) and staff both may.
        let byCustomer = try await t.linkdesk().cancel(id: viaOneTime.id, actor: .customer, reason: nil)
        #expect(byCustomer.status == .canceledByCustomer)
        let byStaff = try await t.linkdesk().cancel(id: viaOneTime2.id, actor: .staff, reason: "x")
        #expect(byStaff.status == .canceledByStaff)

        // A booking made through the general link is not affected.
        let moved = try await t.linkdesk().reschedule(id: viaGeneral.id, actor: .staff, to: F.tuesday(15), reason: nil)
        #expect(moved.status == .rescheduled)
    }

    @Test("under Static rules the global tie applies: the first member offering the event takes it (SQLite)")
    func staticAssignment() async throws { try await staticAssignment(kind: .sqlite) }

    @Test("under Static rules the global tie applies: the first member offering the event takes it (PostgreSQL)", .postgres)
    func staticAssignmentOnPostgres() async throws { try await staticAssignment(kind: .postgres) }

    @Test("under Static rules the global tie applies: the first member offering the event takes it (in memory)")
    func staticAssignmentInMemory() async throws { try await staticAssignment(kind: .memory) }

    func staticAssignment(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        #expect(try await t.book(Links.general("salescall"), at: F.tuesday(10)).teamMemberID == 10, "Dynamic: 30 minutes → Ann")
        _ = try await t.linkdesk().setRuleType(master: Self.salescall, to: .static)
        #expect(try await t.book(Links.general("salescall"), at: F.tuesday(11)).teamMemberID == 11, "Static: members Ben, Ann")
    }

    @Test("rule types belong to rule-based master pages only (SQLite)")
    func onlyRuleBasedMasters() async throws { try await onlyRuleBasedMasters(kind: .sqlite) }

    @Test("rule types belong to rule-based master pages only (PostgreSQL)", .postgres)
    func onlyRuleBasedMastersOnPostgres() async throws { try await onlyRuleBasedMasters(kind: .postgres) }

    @Test("rule types belong to rule-based master pages only (in memory)")
    func onlyRuleBasedMastersInMemory() async throws { try await onlyRuleBasedMasters(kind: .memory) }

    func onlyRuleBasedMasters(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        await expectRefusal("master pages only") { try await t.linkdesk().setRuleType(master: 10, to: .static) }
        await expectRefusal("master pages only") { try await t.linkdesk().setRuleType(master: 9_999, to: .static) }
        await expectRefusal("Rule-based assignment only") { try await t.linkdesk().setRuleType(master: 22, to: .static) }
        #expect(try await t.linkdesk().setRuleType(master: 21, to: .static) == 0, "already Static: nothing to do")
        #expect(try await t.store.workspace() == F.workspace)
    }
}
