import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Concurrent racers, each with its own store (its own connection) on one database: the
/// serialisation separate processes (and, later, separate web servers) rely on.
/// In memory the racers share the one store (it has no other connection): what they race for
/// there is its lock.
@Suite("separate connections racing on one database")
struct RaceTests {
    typealias F = StoreFixture
    static let racers = 8

    static func halfHour(_ i: Int) -> Date { F.tuesday(9 + i / 2, (i % 2) * 30) }

    /// Each racer's own use cases, over its own connection.
    static func racer(_ t: TestStore) async throws -> Linkdesk {
        Linkdesk(store: try await t.secondConnection(), base: .default, time: FixedTime(F.now))
    }

    @Test("8 connections booking through ONE one-time link: exactly one booking (SQLite)")
    func oneTimeLink() async throws { try await oneTimeLink(kind: .sqlite) }

    @Test("8 connections booking through ONE one-time link: exactly one booking (PostgreSQL)", .postgres)
    func oneTimeLinkOnPostgres() async throws { try await oneTimeLink(kind: .postgres) }

    @Test("8 connections booking through ONE one-time link: exactly one booking (in memory)")
    func oneTimeLinkInMemory() async throws { try await oneTimeLink(kind: .memory) }

    func oneTimeLink(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = try await t.oneTime().link
        let results = try await race(Self.racers, setup: { _ in try await Self.racer(t) }) { i, desk in
            try await desk.book(CustomerBooking(link: link, eventName: "30-minute meeting", start: Self.halfHour(i),
                                                form: Personalization(name: "Racer \(i)", email: "racer\(i)@example.com"))).id
        }
        let winners = results.compactMap { try? $0.get() }
        #expect(winners.count == 1, "\(results)")
        for case .failure(let error) in results {
            #expect((error as? Refusal)?.message == Refusal.DeadLink.used.sentence, "\(error)")
        }
        #expect(try await t.allBookings().map(\.id) == winners)
        #expect(try await t.linkdesk().oneTimeLinks().first?.usesLeft == 0)
        #expect(try await t.activityKinds().filter { $0 == .oneTimeUsed }.count == 1)
    }

    @Test("8 connections racing for ONE slot: exactly one booking (SQLite)")
    func oneSlot() async throws { try await oneSlot(kind: .sqlite) }

    @Test("8 connections racing for ONE slot: exactly one booking (PostgreSQL)", .postgres)
    func oneSlotOnPostgres() async throws { try await oneSlot(kind: .postgres) }

    @Test("8 connections racing for ONE slot: exactly one booking (in memory)")
    func oneSlotInMemory() async throws { try await oneSlot(kind: .memory) }

    func oneSlot(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let results = try await race(Self.racers, setup: { _ in try await Self.racer(t) }) { i, desk in
            try await desk.book(CustomerBooking(link: Links.general("salescall"), eventName: "30-minute meeting",
                                                start: F.tuesday(10),
                                                form: Personalization(name: "Racer \(i)", email: "racer\(i)@example.com"))).id
        }
        #expect(results.filter { (try? $0.get()) != nil }.count == 1, "\(results)")
        for case .failure(let error) in results {
            #expect((error as? Refusal)?.message == Refusal.Reason.slotTaken.sentence, "\(error)")
        }
        #expect(try await t.allBookings().count == 1)
        #expect(try await t.activityKinds().filter { $0 == .bookingScheduled }.count == 1)
    }

    @Test("8 connections rescheduling different bookings into the same free slot: only one gets it (SQLite)")
    func rescheduleRace() async throws { try await rescheduleRace(kind: .sqlite) }

    @Test("8 connections rescheduling different bookings into the same free slot: only one gets it (PostgreSQL)", .postgres)
    func rescheduleRaceOnPostgres() async throws { try await rescheduleRace(kind: .postgres) }

    @Test("8 connections rescheduling different bookings into the same free slot: only one gets it (in memory)")
    func rescheduleRaceInMemory() async throws { try await rescheduleRace(kind: .memory) }

    func rescheduleRace(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        var ids: [BookingID] = []
        for i in 0..<Self.racers { ids.append(try await t.book(Links.general("ann"), at: Self.halfHour(i)).id) }
        let target = F.tuesday(16)
        let results = try await race(Self.racers, setup: { _ in try await Self.racer(t) }) { [ids] i, desk in
            try await desk.reschedule(id: ids[i], actor: .staff, to: target, reason: nil).id
        }
        #expect(results.filter { (try? $0.get()) != nil }.count == 1, "\(results)")
        for case .failure(let error) in results {
            #expect((error as? Refusal)?.message == Refusal.Reason.slotTaken.sentence, "\(error)")
        }
        #expect(try await t.allBookings().filter { $0.start == target }.count == 1)
        #expect(try await t.activityKinds().filter { $0 == .bookingRescheduled }.count == 1)
    }

    @Test("8 connections cancelling the SAME booking: one cancels it, the others are told it already is (SQLite)")
    func cancelRace() async throws { try await cancelRace(kind: .sqlite) }

    @Test("8 connections cancelling the SAME booking: one cancels it, the others are told it already is (PostgreSQL)", .postgres)
    func cancelRaceOnPostgres() async throws { try await cancelRace(kind: .postgres) }

    @Test("8 connections cancelling the SAME booking: one cancels it, the others are told it already is (in memory)")
    func cancelRaceInMemory() async throws { try await cancelRace(kind: .memory) }

    func cancelRace(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let booking = try await t.book(Links.general("ben"), at: F.tuesday(10))
        let results = try await race(Self.racers, setup: { _ in try await Self.racer(t) }) { i, desk in
            try await desk.cancel(id: booking.id, actor: .staff, reason: "racer \(i)").status
        }
        #expect(results.filter { (try? $0.get()) != nil }.count == 1, "\(results)")
        for case .failure(let error) in results {
            #expect(error is Refusal, "a lost race is a refusal, not a store failure: \(error)")
        }
        #expect(try await t.activityKinds().filter { $0 == .bookingCanceled }.count == 1)
        #expect(try await t.linkdesk().booking(id: booking.id).status == .canceledByStaff)
    }
}
