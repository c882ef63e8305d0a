import Foundation
import LinkdeskCore
import LinkdeskStore
import Testing

/// SPEC §1: changing a page's link kills the former link at once (no redirect); customers can no
/// longer change bookings made through it, staff can; one-time links are not tied to the slug.
@Suite("changing a page's link")
struct SlugChangeTests {
    typealias F = StoreFixture

    @Test("the former slug is refused with a clear message, the new one works")
    func formerSlugDead() throws {
        let t = try TestStore()
        defer { t.remove() }
        try t.store.setSlug(page: 20, to: "sales-team", now: F.now)
        let former = "this page link was changed and no longer works"
        expectRefusal(former) { try t.store.resolve(Links.general("salescall"), now: F.now) }
        expectRefusal(former) { try t.book(Links.general("SalesCall", name: "A", email: "a@example.com"), at: F.tuesday(10)) }
        #expect(try t.store.resolve(Links.general("sales-team"), now: F.now).page.id == 20)
        #expect(try t.store.resolve(Links.general("SALES-TEAM"), now: F.now).page.id == 20)
        let booking = try t.book(Links.general("sales-team"), at: F.tuesday(10))
        #expect(booking.pageID == 20)
        #expect(try t.store.workspace().masterPages.first { $0.id == 20 }?.slug == "sales-team")
        expectRefusal("no page at the link") { try t.store.resolve(Links.general("never-existed"), now: F.now) }
        #expect(try t.allBookings().count == 1)
    }

    @Test("bookings made through the former link: customer cancel/reschedule refused, staff allowed")
    func formerLinkBookings() throws {
        let t = try TestStore()
        defer { t.remove() }
        let a = try t.book(Links.general("salescall"), at: F.tuesday(10))
        let b = try t.book(Links.general("salescall", name: "Pat", email: "pat@example.com"), at: F.tuesday(11))
        let oneTimeBooking = try t.book(try t.oneTime().link, at: F.tuesday(12))
        let direct = try t.book(Links.general("ann"), at: F.tuesday(13))
        try t.store.setSlug(page: 20, to: "sales-team", now: F.now)

        for booking in [a, b] {
            expectRefusal(RuleText.formerLink, exact: true) {
                try t.store.cancel(id: booking.id, actor: .customer, reason: "x", now: F.now)
            }
            expectRefusal(RuleText.formerLink, exact: true) {
                try t.store.reschedule(id: booking.id, actor: .customer, to: F.tuesday(15), reason: nil, now: F.now)
            }
            #expect(try t.store.booking(id: booking.id).status == .scheduled)
        }
        let moved = try t.store.reschedule(id: a.id, actor: .staff, to: F.tuesday(15), reason: nil, now: F.now)
        #expect(moved.start == F.tuesday(15))
        #expect(try t.store.cancel(id: b.id, actor: .staff, reason: nil, now: F.now).status == .canceledByStaff)

        // Not made through the former link: customers keep their rights.
        #expect(try t.store.cancel(id: oneTimeBooking.id, actor: .customer, reason: nil, now: F.now).status == .canceledByCustomer)
        #expect(try t.store.reschedule(id: direct.id, actor: .customer, to: F.tuesday(16), reason: nil, now: F.now).status == .rescheduled)
    }

    @Test("changing the team member's own page link does not touch bookings made through the master page")
    func memberSlugChange() throws {
        let t = try TestStore()
        defer { t.remove() }
        let viaMaster = try t.book(Links.general("salescall"), at: F.tuesday(10))
        let viaAnn = try t.book(Links.general("ann"), at: F.tuesday(11))
        try t.store.setSlug(page: 10, to: "ann-lee", now: F.now)
        #expect(try t.store.cancel(id: viaMaster.id, actor: .customer, reason: nil, now: F.now).status == .canceledByCustomer)
        expectRefusal(RuleText.formerLink, exact: true) {
            try t.store.cancel(id: viaAnn.id, actor: .customer, reason: nil, now: F.now)
        }
        // Booking through the master page still reaches Ann.
        #expect(try t.book(Links.general("salescall"), at: F.tuesday(12)).teamMemberID == 10)
    }

    @Test("one-time links keep working after the slug change")
    func oneTimeSurvives() throws {
        let t = try TestStore()
        defer { t.remove() }
        let link = try t.oneTime(uses: 2)
        try t.store.setSlug(page: 20, to: "sales-team", now: F.now)
        try t.store.setSlug(page: 20, to: "sales-2027", now: F.now)
        let booking = try t.book(link.link, at: F.tuesday(10))
        #expect(booking.linkID == link.linkID)
        #expect(booking.pageID == 20)
        #expect(try t.link(link.linkID)?.usesLeft == 1)
        // Both former slugs are dead.
        expectRefusal("no longer works") { try t.store.resolve(Links.general("salescall"), now: F.now) }
        expectRefusal("no longer works") { try t.store.resolve(Links.general("sales-team"), now: F.now) }
    }

    @Test("invalid, taken or unchanged slugs are refused and change nothing")
    func refusedSlugs() throws {
        let t = try TestStore()
        defer { t.remove() }
        expectRefusal("invalid page link") { try t.store.setSlug(page: 20, to: "has space", now: F.now) }
        expectRefusal("invalid page link") { try t.store.setSlug(page: 20, to: "x", now: F.now) }
        expectRefusal("invalid page link") { try t.store.setSlug(page: 20, to: ".ABCDEFGHJKMNP", now: F.now) }
        expectRefusal("taken by \"Ann\"") { try t.store.setSlug(page: 20, to: "ann", now: F.now) }
        expectRefusal("taken by \"Ann\"") { try t.store.setSlug(page: 20, to: "ANN", now: F.now) }
        expectRefusal("already uses") { try t.store.setSlug(page: 20, to: "salescall", now: F.now) }
        expectRefusal("unknown page") { try t.store.setSlug(page: 99, to: "new-page", now: F.now) }
        #expect(try t.store.workspace() == F.workspace)
        #expect(try t.store.activity(limit: 100).isEmpty)
    }
}
