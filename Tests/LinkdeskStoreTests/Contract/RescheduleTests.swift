import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// SPEC §1: a reschedule stays on the original booking page.
@Suite("reschedule stays on the original booking page")
struct RescheduleTests {
    typealias F = StoreFixture

    @Test("through a Static team page: the team member stays the same even when another member is free (SQLite)")
    func staysWithTeamMember() async throws { try await staysWithTeamMember(kind: .sqlite) }

    @Test("through a Static team page: the team member stays the same even when another member is free (PostgreSQL)", .postgres)
    func staysWithTeamMemberOnPostgres() async throws { try await staysWithTeamMember(kind: .postgres) }

    @Test("through a Static team page: the team member stays the same even when another member is free (in memory)")
    func staysWithTeamMemberInMemory() async throws { try await staysWithTeamMember(kind: .memory) }

    func staysWithTeamMember(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        // Team (Static): Ann first, then Cleo (Cleo works 12:00–20:00).
        let booking = try await t.book(Links.general("team"), at: F.tuesday(10))
        #expect(booking.teamMemberID == 10)
        try await t.book(Links.general("ann"), at: F.tuesday(14))  // Ann busy at 14:00, Cleo free

        await expectRefusal("that slot is already taken") {
            try await t.linkdesk().reschedule(id: booking.id, actor: .staff, to: F.tuesday(14), reason: nil)
        }
        // 19:00 is inside Cleo's hours but outside Ann's.
        await expectRefusal("not a slot inside \"Ann\"'s availability") {
            try await t.linkdesk().reschedule(id: booking.id, actor: .staff, to: F.tuesday(19), reason: nil)
        }
        await expectRefusal("not a slot inside") {
            try await t.linkdesk().reschedule(id: booking.id, actor: .staff, to: F.ny(day: 28, 10), reason: nil)
        }
        await expectRefusal("not a slot inside") {
            try await t.linkdesk().reschedule(id: booking.id, actor: .staff, to: F.tuesday(10, 10), reason: nil)
        }
        await expectRefusal("that time has passed") {
            try await t.linkdesk().reschedule(id: booking.id, actor: .staff, to: F.ny(day: 20, 10), reason: nil)
        }
        #expect(try await t.linkdesk().booking(id: booking.id) == booking, "refusals left the booking untouched")

        let moved = try await t.linkdesk().reschedule(id: booking.id, actor: .staff, to: F.tuesday(15), reason: nil)
        #expect(moved.teamMemberID == 10)
        #expect(moved.pageID == booking.pageID)
        #expect(moved.eventTypeID == booking.eventTypeID)
        #expect(moved.start == F.tuesday(15))
        #expect(moved.end == F.tuesday(15, 30))
        #expect(moved.status == .rescheduled)
        #expect(moved.customer == booking.customer)
        #expect(try await t.linkdesk().booking(id: booking.id) == moved)
        // The old slot is free again.
        #expect(try await t.book(Links.general("ann"), at: F.tuesday(10)).teamMemberID == 10)
        // Rescheduling again keeps the length and the member.
        let again = try await t.linkdesk().reschedule(id: booking.id, actor: .staff, to: F.ny(day: 25, 9), reason: nil)
        #expect(again.teamMemberID == 10)
        #expect(again.end.timeIntervalSince(again.start) == 30 * 60)
    }

    @Test("a reschedule may overlap the booking's own old time (SQLite)")
    func overlapsItself() async throws { try await overlapsItself(kind: .sqlite) }

    @Test("a reschedule may overlap the booking's own old time (PostgreSQL)", .postgres)
    func overlapsItselfOnPostgres() async throws { try await overlapsItself(kind: .postgres) }

    @Test("a reschedule may overlap the booking's own old time (in memory)")
    func overlapsItselfInMemory() async throws { try await overlapsItself(kind: .memory) }

    func overlapsItself(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let booking = try await t.book(Links.general("ann"), event: "60-minute meeting", at: F.tuesday(10))
        // A 60-minute meeting's slots are 09:00, 10:00, …; moving 10:00 → 09:00 overlaps only itself.
        let moved = try await t.linkdesk().reschedule(id: booking.id, actor: .customer, to: F.tuesday(9), reason: nil)
        #expect(moved.start == F.tuesday(9))
        #expect(moved.end == F.tuesday(10))
    }

    @Test("a canceled booking can't be rescheduled (SQLite)")
    func canceledCannotMove() async throws { try await canceledCannotMove(kind: .sqlite) }

    @Test("a canceled booking can't be rescheduled (PostgreSQL)", .postgres)
    func canceledCannotMoveOnPostgres() async throws { try await canceledCannotMove(kind: .postgres) }

    @Test("a canceled booking can't be rescheduled (in memory)")
    func canceledCannotMoveInMemory() async throws { try await canceledCannotMove(kind: .memory) }

    func canceledCannotMove(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let booking = try await t.book(Links.general("ann"), at: F.tuesday(10))
        _ = try await t.linkdesk().cancel(id: booking.id, actor: .staff, reason: nil)
        await expectRefusal("can't be rescheduled") {
            try await t.linkdesk().reschedule(id: booking.id, actor: .staff, to: F.tuesday(11), reason: nil)
        }
        // And its time is free for others.
        #expect(try await t.book(Links.general("ann"), at: F.tuesday(10)).status == .scheduled)
    }
}
