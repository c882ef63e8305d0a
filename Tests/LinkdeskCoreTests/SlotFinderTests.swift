import Foundation
import LinkdeskCore
import Testing

@Suite("Slots a customer sees")
struct SlotFinderTests {
    let ws = Fixtures.workspace
    static let now = Fixtures.local(2025, 6, 2, 10, 5)  // Monday
    static let eleven = Fixtures.local(2025, 6, 2, 11, 0)

    @Test("dynamic rules show the primary member's free slots only")
    func dynamic() throws {
        let busy: (PageID) -> [Booking] = { id in id == 10 ? [Fixtures.booking(start: Self.eleven)] : [] }
        let slots = try SlotFinder.slots(page: .master(Fixtures.salesCall), events: [Fixtures.thirty], workspace: ws,
                                         now: Self.now, days: 1, busy: busy)
        #expect(slots.count == 12)  // 10:30 … 16:30 without 11:00
        #expect(slots.allSatisfy { $0.teamMember.id == 10 && $0.event == Fixtures.thirty })
        #expect(!slots.contains { $0.start == Self.eleven })
        #expect(slots.first?.start == Fixtures.local(2025, 6, 2, 10, 30))
        #expect(zip(slots, slots.dropFirst()).allSatisfy { $0.start < $1.start })
    }

    @Test("static rules give a taken slot to the next free member")
    func staticRules() throws {
        let busy: (PageID) -> [Booking] = { id in id == 10 ? [Fixtures.booking(start: Self.eleven)] : [] }
        let slots = try SlotFinder.slots(page: .master(Fixtures.support), events: [Fixtures.thirty], workspace: ws,
                                         now: Self.now, days: 1, busy: busy)
        #expect(slots.count == 13)
        #expect(slots.first { $0.start == Self.eleven }?.teamMember.id == 11)
        #expect(slots.filter { $0.start != Self.eleven }.allSatisfy { $0.teamMember.id == 10 })
    }

    @Test("canceled bookings free their slot; several events are merged by start")
    func canceledAndMerged() throws {
        let busy: (PageID) -> [Booking] = { _ in [Fixtures.booking(start: Self.eleven, status: .canceledByStaff)] }
        let slots = try SlotFinder.slots(page: .booking(Fixtures.dana), events: [Fixtures.sixty, Fixtures.thirty],
                                         workspace: ws, now: Self.now, days: 1, busy: busy)
        #expect(slots.count == 13 + 6)  // 30-minute: 10:30…16:30; 60-minute: 11:00…16:00
        #expect(slots.contains { $0.start == Self.eleven && $0.event == Fixtures.thirty })
        #expect(zip(slots, slots.dropFirst()).allSatisfy {
            ($0.start, $0.event.minutes) < ($1.start, $1.event.minutes)
        })
    }

    @Test("an event the page does not offer is refused")
    func notOffered() {
        #expect(throws: Refusal.self) {
            try SlotFinder.slots(page: .booking(Fixtures.jane), events: [Fixtures.sixty], workspace: ws,
                                 now: Self.now, days: 1) { _ in [BusyTime]() }
        }
    }
}

@Suite("ISO 8601 text")
struct ISO8601Tests {
    @Test("dates are written in UTC with Z and whole seconds")
    func write() {
        #expect(ISO8601.string(Fixtures.local(2025, 6, 2, 9, 0)) == "2025-06-02T13:00:00Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: 0.75)) == "1970-01-01T00:00:00Z")
    }

    @Test("offsets and fractional seconds are read; garbage is not")
    func read() {
        let nine = Fixtures.local(2025, 6, 2, 9, 0)
        #expect(ISO8601.date("2025-06-02T13:00:00Z") == nine)
        #expect(ISO8601.date("2025-06-02T15:00:00+02:00") == nine)
        #expect(ISO8601.date("2025-06-02T13:00:00.500Z") == nine.addingTimeInterval(0.5))
        #expect(ISO8601.date("2025-06-02") == nil)
        #expect(ISO8601.date("next monday") == nil)
        #expect(ISO8601.date(ISO8601.string(nine)) == nine)
    }
}
