import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// SPEC §1: changing a page's link kills the former link at once (no redirect); customers can no
/// longer change bookings made through it, staff can; one-time links are not tied to the slug.
@Suite("changing a page's link")
struct SlugChangeTests {
    typealias F = StoreFixture

    @Test("the former slug is refused with a clear message, the new one works (SQLite)")
    func formerSlugDead() async throws { try await formerSlugDead(kind: .sqlite) }

    @Test("the former slug is refused with a clear message, the new one works (PostgreSQL)", .postgres)
    func formerSlugDeadOnPostgres() async throws { try await formerSlugDead(kind: .postgres) }

    @Test("the former slug is refused with a clear message, the new one works (in memory)")
    func formerSlugDeadInMemory() async throws { try await formerSlugDead(kind: .memory) }

    func formerSlugDead(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        try await t.linkdesk().setSlug(page: 20, to: "sales-team")
        let former = "this page link was changed and no longer works"
        await expectRefusal(former) { try await t.linkdesk().resolve(Links.general("salescall")) }
        await expectRefusal(former) { try await t.book(Links.general("SalesCall", name: "A", email: "a@example.com"), at: F.tuesday(10)) }
        #expect(try await t.linkdesk().resolve(Links.general("sales-team")).page.id == 20)
        #expect(try await t.linkdesk().resolve(Links.general("SALES-TEAM")).page.id == 20)
        let booking = try await t.book(Links.general("sales-team"), at: F.tuesday(10))
        #expect(booking.pageID == 20)
        #expect(try await t.store.workspace().masterPages.first { $0.id == 20 }?.slug == "sales-team")
        await expectRefusal("no page at the link") { try await t.linkdesk().resolve(Links.general("never-existed")) }
        #expect(try await t.allBookings().count == 1)
    }

    @Test("bookings made through the former link: customer cancel/reschedule refused, staff allowed (SQLite)")
    func formerLinkBookings() async throws { try await formerLinkBookings(kind: .sqlite) }

    @Test("bookings made through the former link: customer cancel/reschedule refused, staff allowed (PostgreSQL)", .postgres)
    func formerLinkBookingsOnPostgres() async throws { try await formerLinkBookings(kind: .postgres) }

    @Test("bookings made through the former link: customer cancel/reschedule refused, staff allowed (in memory)")
    func formerLinkBookingsInMemory() async throws { try await formerLinkBookings(kind: .memory) }

    func formerLinkBookings(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let a = try await t.book(Links.general("salescall"), at: F.tuesday(10))
        let b = try await t.book(Links.general("salescall", name: "Pat", email: "pat@example.com"), at: F.tuesday(11))
        let oneTimeBooking = try await t.book(try await t.oneTime().link, at: F.tuesday(12))
        let direct = try await t.book(Links.general("ann"), at: F.tuesday(13))
        try await t.linkdesk().setSlug(page: 20, to: "sales-team")

        for booking in [a, b] {
            await expectRefusal(Refusal.Reason.formerLink.sentence, exact: true) {
                try await t.linkdesk().cancel(id: booking.id, actor: .customer, reason: "x")
            }
            await expectRefusal(Refusal.Reason.formerLink.sentence, exact: true) {
                try await t.linkdesk().reschedule(id: booking.id, actor: .customer, to: F.tuesday(15), reason: nil)
            }
            #expect(try await t.linkdesk().booking(id: booking.id).status == .scheduled)
        }
        let moved = try await t.linkdesk().reschedule(id: a.id, actor: .staff, to: F.tuesday(15), reason: nil)
        #expect(moved.start == F.tuesday(15))
        #expect(try await t.linkdesk().cancel(id: b.id, actor: .staff, reason: nil).status == .canceledByStaff)

        // Not made through the former link: customers keep their rights.
        #expect(try await t.linkdesk().cancel(id: oneTimeBooking.id, actor: .customer, reason: nil).status == .canceledByCustomer)
        #expect(try await t.linkdesk().reschedule(id: direct.id, actor: .customer, to: F.tuesday(16), reason: nil).status == .rescheduled)
    }

    @Test("changing the team member's own page link does not touch bookings made through the master page (SQLite)")
    func memberSlugChange() async throws { try await memberSlugChange(kind: .sqlite) }

    @Test("changing the team member's own page link does not touch bookings made through the master page (PostgreSQL)", .postgres)
    func memberSlugChangeOnPostgres() async throws { try await memberSlugChange(kind: .postgres) }

    @Test("changing the team member's own page link does not touch bookings made through the master page (in memory)")
    func memberSlugChangeInMemory() async throws { try await memberSlugChange(kind: .memory) }

    func memberSlugChange(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let viaMaster = try await t.book(Links.general("salescall"), at: F.tuesday(10))
        let viaAnn = try await t.book(Links.general("ann"), at: F.tuesday(11))
        try await t.linkdesk().setSlug(page: 10, to: "ann-lee")
        #expect(try await t.linkdesk().cancel(id: viaMaster.id, actor: .customer, reason: nil).status == .canceledByCustomer)
        await expectRefusal(Refusal.Reason.formerLink.sentence, exact: true) {
            try await t.linkdesk().cancel(id: viaAnn.id, actor: .customer, reason: nil)
        }
        // Booking through the master page still reaches Ann.
        #expect(try await t.book(Links.general("salescall"), at: F.tuesday(12)).teamMemberID == 10)
    }

    @Test("one-time links keep working after the slug change (SQLite)")
    func oneTimeSurvives() async throws { try await oneTimeSurvives(kind: .sqlite) }

    @Test("one-time links keep working after the slug change (PostgreSQL)", .postgres)
    func oneTimeSurvivesOnPostgres() async throws { try await oneTimeSurvives(kind: .postgres) }

    @Test("one-time links keep working after the slug change (in memory)")
    func oneTimeSurvivesInMemory() async throws { try await oneTimeSurvives(kind: .memory) }

    func oneTimeSurvives(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = try await t.oneTime(uses: 2)
        try await t.linkdesk().setSlug(page: 20, to: "sales-team")
        try await t.linkdesk().setSlug(page: 20, to: "sales-2027")
        let booking = try await t.book(link.link, at: F.tuesday(10))
        #expect(booking.linkID == link.linkID)
        #expect(booking.pageID == 20)
        #expect(try await t.link(link.linkID)?.usesLeft == 1)
        // Both former slugs are dead.
        await expectRefusal("no longer works") { try await t.linkdesk().resolve(Links.general("salescall")) }
        await expectRefusal("no longer works") { try await t.linkdesk().resolve(Links.general("sales-team")) }
    }

    @Test("invalid, taken or unchanged slugs are refused and change nothing (SQLite)")
    func refusedSlugs() async throws { try await refusedSlugs(kind: .sqlite) }

    @Test("invalid, taken or unchanged slugs are refused and change nothing (PostgreSQL)", .postgres)
    func refusedSlugsOnPostgres() async throws { try await refusedSlugs(kind: .postgres) }

    @Test("invalid, taken or unchanged slugs are refused and change nothing (in memory)")
    func refusedSlugsInMemory() async throws { try await refusedSlugs(kind: .memory) }

    func refusedSlugs(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        await expectRefusal("invalid page link") { try await t.linkdesk().setSlug(page: 20, to: "has space") }
        await expectRefusal("invalid page link") { try await t.linkdesk().setSlug(page: 20, to: "x") }
        await expectRefusal("invalid page link") { try await t.linkdesk().setSlug(page: 20, to: ".ABCDEFGHJKMNP") }
        await expectRefusal("taken by \"Ann\"") { try await t.linkdesk().setSlug(page: 20, to: "ann") }
        await expectRefusal("taken by \"Ann\"") { try await t.linkdesk().setSlug(page: 20, to: "ANN") }
        await expectRefusal("already uses") { try await t.linkdesk().setSlug(page: 20, to: "salescall") }
        await expectRefusal("unknown page") { try await t.linkdesk().setSlug(page: 99, to: "new-page") }
        #expect(try await t.store.workspace() == F.workspace)
        #expect(try await t.linkdesk().activity(limit: 100).isEmpty)
    }
}
