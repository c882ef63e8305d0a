import Foundation
import LinkdeskCore
import LinkdeskService
import Testing

/// Concurrent racers, each with its own store (its own connection) on one database: the
/// serialisation separate processes (and, later, separate web servers) rely on.
@Suite("separate connections racing on one database")
struct RaceTests {
    typealias F = StoreFixture
    static let racers = 8

    static func halfHour(_ i: Int) -> Date { F.tuesday(9 + i / 2, (i % 2) * 30) }

    /// Each racer's own use cases, over its own connection.
    static func racer(_ t: TestStore) async throws -> Linkdesk {
        Linkdesk(store: try await t.secondConnection(), base: .default, time: FixedTime(F.now))
    }

    @Test("8 connections booking through ONE one-time link: exactly one booking", arguments: StoreKind.allCases)
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
            #expect((error as? Refusal)?.message == RuleText.oneTimeUsed, "\(error)")
        }
        #expect(try await t.allBookings().map(\.id) == winners)
        #expect(try await t.linkdesk().oneTimeLinks().first?.usesLeft == 0)
        #expect(try await t.activityKinds().filter { $0 == .oneTimeUsed }.count == 1)
    }

    @Test("8 connections racing for ONE slot: exactly one booking", arguments: StoreKind.allCases)
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
            #expect((error as? Refusal)?.message == RuleText.slotTaken, "\(error)")
        }
        #expect(try await t.allBookings().count == 1)
        #expect(try await t.activityKinds().filter { $0 == .bookingScheduled }.count == 1)
    }

    @Test("8 connections rescheduling different bookings into the same free slot: only one gets it",
          arguments: StoreKind.allCases)
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
            #expect((error as? Refusal)?.message == RuleText.slotTaken, "\(error)")
        }
        #expect(try await t.allBookings().filter { $0.start == target }.count == 1)
        #expect(try await t.activityKinds().filter { $0 == .bookingRescheduled }.count == 1)
    }

    @Test("8 connections cancelling the SAME booking: one cancels it, the others are told it already is",
          arguments: StoreKind.allCases)
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
