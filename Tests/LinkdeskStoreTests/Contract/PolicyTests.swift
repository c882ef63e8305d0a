import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// SPEC §1 cancel/reschedule policy, at fixed instants: each timeframe separately, the reason
/// rule, staff not bound by timeframes, and the policy in force at booking time.
@Suite("cancel/reschedule policy")
struct PolicyTests {
    typealias F = StoreFixture
    static let start = F.tuesday(10)

    @Test("cancel window (Ann: up to 1 day before): allowed up to the cutoff, refused after; staff allowed after (SQLite)")
    func cancelWindow() async throws { try await cancelWindow(kind: .sqlite) }

    @Test("cancel window (Ann: up to 1 day before): allowed up to the cutoff, refused after; staff allowed after (PostgreSQL)", .postgres)
    func cancelWindowOnPostgres() async throws { try await cancelWindow(kind: .postgres) }

    @Test("cancel window (Ann: up to 1 day before): allowed up to the cutoff, refused after; staff allowed after (in memory)")
    func cancelWindowInMemory() async throws { try await cancelWindow(kind: .memory) }

    func cancelWindow(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let a = try await t.book(Links.general("ann"), at: Self.start)
        let b = try await t.book(Links.general("ann"), at: F.tuesday(11))
        let c = try await t.book(Links.general("ann"), at: F.tuesday(12))

        let cutoff = Self.start - F.hours(24)
        #expect(try await t.linkdesk(cutoff).cancel(id: a.id, actor: .customer, reason: nil).status == .canceledByCustomer)
        await expectRefusal("only up to 1 day before") {
            try await t.linkdesk(F.tuesday(11) - F.hours(24) + 1).cancel(id: b.id, actor: .customer, reason: nil)
        }
        // Reschedule is a separate window (2 hours): at 23 hours before it is still open.
        let moved = try await t.linkdesk(F.tuesday(11) - F.hours(23)).reschedule(id: b.id, actor: .customer, to: F.tuesday(15), reason: nil)
        #expect(moved.status == .rescheduled)
        // Staff are not bound by the timeframe, even after the meeting started.
        #expect(try await t.linkdesk(F.tuesday(12) + 60).cancel(id: c.id, actor: .staff, reason: nil).status == .canceledByStaff)
        #expect(try await t.linkdesk().booking(id: b.id).status == .rescheduled)
    }

    @Test("reschedule window (Ben: up to 1 day before) while cancel stays open any time before the meeting (SQLite)")
    func rescheduleWindow() async throws { try await rescheduleWindow(kind: .sqlite) }

    @Test("reschedule window (Ben: up to 1 day before) while cancel stays open any time before the meeting (PostgreSQL)", .postgres)
    func rescheduleWindowOnPostgres() async throws { try await rescheduleWindow(kind: .postgres) }

    @Test("reschedule window (Ben: up to 1 day before) while cancel stays open any time before the meeting (in memory)")
    func rescheduleWindowInMemory() async throws { try await rescheduleWindow(kind: .memory) }

    func rescheduleWindow(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        // 15 minutes through the Dynamic master page go to Ben.
        let a = try await t.book(Links.general("salescall"), event: "15-minute meeting", at: Self.start)
        let b = try await t.book(Links.general("ben"), event: "15-minute meeting", at: F.tuesday(11))
        #expect(a.teamMemberID == 11)

        let late = Self.start - F.hours(3)
        await expectRefusal("only up to 1 day before") {
            try await t.linkdesk(late).reschedule(id: a.id, actor: .customer, to: F.tuesday(13), reason: nil)
        }
        #expect(try await t.linkdesk().booking(id: a.id).start == Self.start)
        let early = try await t.linkdesk(F.tuesday(11) - F.hours(24)).reschedule(id: b.id, actor: .customer, to: F.tuesday(13), reason: nil)
        #expect(early.start == F.tuesday(13))
        // Staff may reschedule inside the window.
        let byStaff = try await t.linkdesk(late).reschedule(id: a.id, actor: .staff, to: F.tuesday(14), reason: nil)
        #expect(byStaff.start == F.tuesday(14))
        // Cancel (any time before) is still open to the customer 1 minute before, but not once started.
        #expect(try await t.linkdesk(F.tuesday(14) - 60).cancel(id: a.id, actor: .customer, reason: "sick").status == .canceledByCustomer)
        await expectRefusal("has started") {
            try await t.linkdesk(F.tuesday(13)).cancel(id: b.id, actor: .customer, reason: "late")
        }
        #expect(try await t.linkdesk(F.tuesday(13)).cancel(id: b.id, actor: .staff, reason: "late").status == .canceledByStaff)
    }

    @Test("'never': customers can't cancel or reschedule at all; staff can (SQLite)")
    func never() async throws { try await never(kind: .sqlite) }

    @Test("'never': customers can't cancel or reschedule at all; staff can (PostgreSQL)", .postgres)
    func neverOnPostgres() async throws { try await never(kind: .postgres) }

    @Test("'never': customers can't cancel or reschedule at all; staff can (in memory)")
    func neverInMemory() async throws { try await never(kind: .memory) }

    func never(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let booking = try await t.book(Links.general("cleo"), at: F.tuesday(13))
        await expectRefusal("does not let customers cancel") {
            try await t.linkdesk().cancel(id: booking.id, actor: .customer, reason: "x")
        }
        await expectRefusal("does not let customers reschedule") {
            try await t.linkdesk().reschedule(id: booking.id, actor: .customer, to: F.tuesday(14), reason: "x")
        }
        #expect(try await t.linkdesk().reschedule(id: booking.id, actor: .staff, to: F.tuesday(14), reason: "x").status == .rescheduled)
        #expect(try await t.linkdesk().cancel(id: booking.id, actor: .staff, reason: "x").status == .canceledByStaff)
    }

    @Test("a mandatory reason is required (blank is no reason) and kept trimmed; optional may be left out (SQLite)")
    func mandatoryReason() async throws { try await mandatoryReason(kind: .sqlite) }

    @Test("a mandatory reason is required (blank is no reason) and kept trimmed; optional may be left out (PostgreSQL)", .postgres)
    func mandatoryReasonOnPostgres() async throws { try await mandatoryReason(kind: .postgres) }

    @Test("a mandatory reason is required (blank is no reason) and kept trimmed; optional may be left out (in memory)")
    func mandatoryReasonInMemory() async throws { try await mandatoryReason(kind: .memory) }

    func mandatoryReason(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let cleo = try await t.book(Links.general("cleo"), at: F.tuesday(13))
        let ben = try await t.book(Links.general("ben"), at: F.tuesday(10))
        let ann = try await t.book(Links.general("ann"), at: F.tuesday(10))
        await expectRefusal("requires a reason to reschedule") {
            try await t.linkdesk().reschedule(id: cleo.id, actor: .staff, to: F.tuesday(14), reason: nil)
        }
        for reason in [nil, "", "   ", "\n\t"] as [String?] {
            await expectRefusal("requires a reason to cancel") {
                try await t.linkdesk().cancel(id: cleo.id, actor: .staff, reason: reason)
            }
            await expectRefusal("requires a reason to cancel") {
                try await t.linkdesk().cancel(id: ben.id, actor: .customer, reason: reason)
            }
        }
        #expect(try await t.linkdesk().booking(id: cleo.id).status == .scheduled)
        let canceled = try await t.linkdesk().cancel(id: ben.id, actor: .customer, reason: "  car broke down \n")
        #expect(canceled.reason == "car broke down")
        #expect(try await t.linkdesk().booking(id: ben.id).reason == "car broke down")
        // Ann: reason optional for cancel.
        let optional = try await t.linkdesk().cancel(id: ann.id, actor: .customer, reason: nil)
        #expect(optional.status == .canceledByCustomer)
        #expect(optional.reason == nil)
    }

    /// There is no use case to edit a page's policy yet, so the page's configuration is replaced
    /// through the store directly, as a future policy editor would: bookings keep the policy they
    /// were made under.
    @Test("the policy in force when the booking was made applies, not today's (SQLite)")
    func policyAtBookingTime() async throws { try await policyAtBookingTime(kind: .sqlite) }

    @Test("the policy in force when the booking was made applies, not today's (PostgreSQL)", .postgres)
    func policyAtBookingTimeOnPostgres() async throws { try await policyAtBookingTime(kind: .postgres) }

    @Test("the policy in force when the booking was made applies, not today's (in memory)")
    func policyAtBookingTimeInMemory() async throws { try await policyAtBookingTime(kind: .memory) }

    func policyAtBookingTime(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let before = try await t.book(Links.general("ann"), at: F.tuesday(10))
        #expect(before.policy == F.annPolicy)

        var ann = try #require(F.workspace.bookingPages.first { $0.id == 10 })
        ann.policy = ChangePolicy(cancel: .never, cancelReason: .mandatory, reschedule: .never, rescheduleReason: .mandatory)
        let editor = try await t.secondConnection()  // another process, say
        let previous = try #require(try await editor.workspace().page(id: 10))
        let stopped = try await editor.updatePage(PageChange(page: .booking(ann), previous: previous, at: F.now) { _ in [] })
        #expect(stopped == 0)
        #expect(try await t.store.workspace().bookingPage(id: 10)?.policy == ann.policy)

        let after = try await t.book(Links.general("ann"), at: F.tuesday(11))
        #expect(after.policy == ann.policy)
        #expect(try await t.linkdesk().booking(id: before.id).policy == F.annPolicy)
        // The earlier booking: the old, lenient-enough policy (no reason, 1 day) still applies.
        #expect(try await t.linkdesk().cancel(id: before.id, actor: .customer, reason: nil).status == .canceledByCustomer)
        // The later booking: today's policy.
        await expectRefusal("does not let customers cancel") {
            try await t.linkdesk().cancel(id: after.id, actor: .customer, reason: "x")
        }
    }
}
