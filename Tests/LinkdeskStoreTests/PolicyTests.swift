import Foundation
import GRDB
import LinkdeskCore
import LinkdeskStore
import Testing

/// SPEC §1 cancel/reschedule policy, at fixed instants: each timeframe separately, the reason
/// rule, staff not bound by timeframes, and the policy in force at booking time.
@Suite("cancel/reschedule policy")
struct PolicyTests {
    typealias F = StoreFixture
    static let start = F.tuesday(10)

    @Test("cancel window (Ann: up to 1 day before): allowed up to the cutoff, refused after; staff allowed after")
    func cancelWindow() throws {
        let t = try TestStore()
        defer { t.remove() }
        let a = try t.book(Links.general("ann"), at: Self.start)
        let b = try t.book(Links.general("ann"), at: F.tuesday(11))
        let c = try t.book(Links.general("ann"), at: F.tuesday(12))

        let cutoff = Self.start - F.hours(24)
        #expect(try t.store.cancel(id: a.id, actor: .customer, reason: nil, now: cutoff).status == .canceledByCustomer)
        expectRefusal("only up to 1 day before") {
            try t.store.cancel(id: b.id, actor: .customer, reason: nil, now: F.tuesday(11) - F.hours(24) + 1)
        }
        // Reschedule is a separate window (2 hours): at 23 hours before it is still open.
        let moved = try t.store.reschedule(id: b.id, actor: .customer, to: F.tuesday(15), reason: nil,
                                           now: F.tuesday(11) - F.hours(23))
        #expect(moved.status == .rescheduled)
        // Staff are not bound by the timeframe, even after the meeting started.
        #expect(try t.store.cancel(id: c.id, actor: .staff, reason: nil, now: F.tuesday(12) + 60).status == .canceledByStaff)
        #expect(try t.store.booking(id: b.id).status == .rescheduled)
    }

    @Test("reschedule window (Ben: up to 1 day before) while cancel stays open any time before the meeting")
    func rescheduleWindow() throws {
        let t = try TestStore()
        defer { t.remove() }
        // 15 minutes through the Dynamic master page go to Ben.
        let a = try t.book(Links.general("salescall"), event: "15-minute meeting", at: Self.start)
        let b = try t.book(Links.general("ben"), event: "15-minute meeting", at: F.tuesday(11))
        #expect(a.teamMemberID == 11)

        let late = Self.start - F.hours(3)
        expectRefusal("only up to 1 day before") {
            try t.store.reschedule(id: a.id, actor: .customer, to: F.tuesday(13), reason: nil, now: late)
        }
        #expect(try t.store.booking(id: a.id).start == Self.start)
        let early = try t.store.reschedule(id: b.id, actor: .customer, to: F.tuesday(13), reason: nil,
                                           now: F.tuesday(11) - F.hours(24))
        #expect(early.start == F.tuesday(13))
        // Staff may reschedule inside the window.
        let byStaff = try t.store.reschedule(id: a.id, actor: .staff, to: F.tuesday(14), reason: nil, now: late)
        #expect(byStaff.start == F.tuesday(14))
        // Cancel (any time before) is still open to the customer 1 minute before, but not once started.
        #expect(try t.store.cancel(id: a.id, actor: .customer, reason: "sick", now: F.tuesday(14) - 60).status == .canceledByCustomer)
        expectRefusal("has started") {
            try t.store.cancel(id: b.id, actor: .customer, reason: "late", now: F.tuesday(13))
        }
        #expect(try t.store.cancel(id: b.id, actor: .staff, reason: "late", now: F.tuesday(13)).status == .canceledByStaff)
    }

    @Test("'never': customers can't cancel or reschedule at all; staff can")
    func never() throws {
        let t = try TestStore()
        defer { t.remove() }
        let booking = try t.book(Links.general("cleo"), at: F.tuesday(13))
        expectRefusal("does not let customers cancel") {
            try t.store.cancel(id: booking.id, actor: .customer, reason: "x", now: F.now)
        }
        expectRefusal("does not let customers reschedule") {
            try t.store.reschedule(id: booking.id, actor: .customer, to: F.tuesday(14), reason: "x", now: F.now)
        }
        #expect(try t.store.reschedule(id: booking.id, actor: .staff, to: F.tuesday(14), reason: "x", now: F.now).status == .rescheduled)
        #expect(try t.store.cancel(id: booking.id, actor: .staff, reason: "x", now: F.now).status == .canceledByStaff)
    }

    @Test("a mandatory reason is required (blank is no reason) and kept trimmed; optional may be left out")
    func mandatoryReason() throws {
        let t = try TestStore()
        defer { t.remove() }
        let cleo = try t.book(Links.general("cleo"), at: F.tuesday(13))
        let ben = try t.book(Links.general("ben"), at: F.tuesday(10))
        let ann = try t.book(Links.general("ann"), at: F.tuesday(10))
        expectRefusal("requires a reason to reschedule") {
            try t.store.reschedule(id: cleo.id, actor: .staff, to: F.tuesday(14), reason: nil, now: F.now)
        }
        for reason in [nil, "", "   ", "\n\t"] as [String?] {
            expectRefusal("requires a reason to cancel") {
                try t.store.cancel(id: cleo.id, actor: .staff, reason: reason, now: F.now)
            }
            expectRefusal("requires a reason to cancel") {
                try t.store.cancel(id: ben.id, actor: .customer, reason: reason, now: F.now)
            }
        }
        #expect(try t.store.booking(id: cleo.id).status == .scheduled)
        let canceled = try t.store.cancel(id: ben.id, actor: .customer, reason: "  car broke down \n", now: F.now)
        #expect(canceled.reason == "car broke down")
        #expect(try t.store.booking(id: ben.id).reason == "car broke down")
        // Ann: reason optional for cancel.
        let optional = try t.store.cancel(id: ann.id, actor: .customer, reason: nil, now: F.now)
        #expect(optional.status == .canceledByCustomer)
        #expect(optional.reason == nil)
    }

    /// There is no API to edit a page's policy yet, so the page's stored configuration is edited
    /// directly, as a future policy editor would: bookings keep the policy they were made under.
    @Test("the policy in force when the booking was made applies, not today's")
    func policyAtBookingTime() throws {
        let t = try TestStore()
        defer { t.remove() }
        let before = try t.book(Links.general("ann"), at: F.tuesday(10))
        #expect(before.policy == F.annPolicy)

        var ann = try #require(F.workspace.bookingPages.first { $0.id == 10 })
        ann.policy = ChangePolicy(cancel: .never, cancelReason: .mandatory, reschedule: .never, rescheduleReason: .mandatory)
        let config = String(decoding: try JSONEncoder().encode(ann), as: UTF8.self)
        let raw = try DatabaseQueue(path: t.path)
        try raw.write { try $0.execute(sql: "UPDATE page SET config = ? WHERE id = 10", arguments: [config]) }
        try raw.close()
        #expect(try t.store.workspace().bookingPage(id: 10)?.policy == ann.policy)

        let after = try t.book(Links.general("ann"), at: F.tuesday(11))
        #expect(after.policy == ann.policy)
        #expect(try t.store.booking(id: before.id).policy == F.annPolicy)
        // The earlier booking: the old, lenient-enough policy (no reason, 1 day) still applies.
        #expect(try t.store.cancel(id: before.id, actor: .customer, reason: nil, now: F.now).status == .canceledByCustomer)
        // The later booking: today's policy.
        expectRefusal("does not let customers cancel") {
            try t.store.cancel(id: after.id, actor: .customer, reason: "x", now: F.now)
        }
    }
}
