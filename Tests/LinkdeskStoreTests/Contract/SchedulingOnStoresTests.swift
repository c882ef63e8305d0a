import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Scheduling controls on every store, through the use cases: a customer on the site is bound by
/// the page's minimum notice and daily limit (the day's bookings as the store holds them); staff
/// booking for a customer are not, and are told.
@Suite("scheduling controls on the stores")
struct SchedulingOnStoresTests {
    typealias F = StoreFixture

    @Test("minimum notice and daily limit (SQLite)") func sqlite() async throws { try await controls(.sqlite) }
    @Test("minimum notice and daily limit (PostgreSQL)", .postgres) func postgres() async throws { try await controls(.postgres) }
    @Test("minimum notice and daily limit (in memory)") func memory() async throws { try await controls(.memory) }

    func controls(_ kind: StoreKind) async throws {
        var workspace = F.workspace
        // Ann's page: a day's notice (it is Monday 07:00 in New York), one booking a day.
        workspace.bookingPages[0].scheduling = SchedulingControls(minimumNotice: 24 * 60, dailyLimit: 1)
        let t = try await TestStore(kind, seed: workspace)
        defer { t.remove() }
        let desk = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now))
        func online(_ start: Date) async throws -> Booking {
            try await desk.bookOnline(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting", start: start, form: F.form)).booking
        }
        func refusal(_ body: () async throws -> Void) async -> Refusal.Reason? {
            do { try await body(); return nil } catch let refusal as Refusal { return refusal.reason } catch { return nil }
        }
        #expect(await refusal { _ = try await online(F.ny(day: 23, 15)) } == .insideMinimumNotice(minutes: 24 * 60))
        let first = try await online(F.tuesday(10))
        #expect(try await desk.schedulingNotes(for: first).isEmpty, "nothing to tell of a booking the controls allowed")
        #expect(await refusal { _ = try await online(F.tuesday(14)) } == .dailyLimitReached(limit: 1), "Tuesday is full")
        #expect(try await online(F.ny(day: 25, 10)).status == .scheduled, "Wednesday is not")
        // Staff are told, not stopped.
        let byStaff = try await desk.book(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting",
                                                          start: F.tuesday(15), form: F.form))
        #expect(try await desk.schedulingNotes(for: byStaff) == [Refusal(.dailyLimitReached(limit: 1)).message])
        let offered = try await desk.offer(Links.general("ann"), days: 3).slots.map(\.start)
        #expect(!offered.contains { $0 < F.ny(day: 25, 0) }, "nothing offered on Monday (notice) or Tuesday (full)")
    }
}
