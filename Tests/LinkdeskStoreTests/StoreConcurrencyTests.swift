import Foundation
import LinkdeskCore
import LinkdeskStore
import Testing

/// Threads, each with its own `SQLiteStore` (its own connection), on one database file: the
/// same serialisation the processes of the CLI rely on.
@Suite("separate connections racing on one file")
struct StoreConcurrencyTests {
    typealias F = StoreFixture
    static let racers = 8

    static func halfHour(_ i: Int) -> Date { F.tuesday(9 + i / 2, (i % 2) * 30) }

    @Test("8 connections booking through ONE one-time link: exactly one booking")
    func oneTimeLink() throws {
        let t = try TestStore()
        defer { t.remove() }
        let link = try t.oneTime().link
        let path = t.path
        let results = runTogether(Self.racers, setup: { _ in try SQLiteStore(path: path) }) { i, store in
            try store.book(CustomerBooking(link: link, eventName: "30-minute meeting", start: Self.halfHour(i),
                                           form: Personalization(name: "Racer \(i)", email: "racer\(i)@example.com")),
                           now: F.now).id
        }
        let winners = results.compactMap { try? $0.get() }
        #expect(winners.count == 1, "\(results)")
        for case .failure(let error) in results {
            #expect((error as? Refusal)?.message == RuleText.oneTimeUsed, "\(error)")
        }
        #expect(try t.allBookings().map(\.id) == winners)
        #expect(try t.store.oneTimeLinks(now: F.now).first?.usesLeft == 0)
        #expect(try t.activityKinds().filter { $0 == .oneTimeUsed }.count == 1)
    }

    @Test("8 connections racing for ONE slot: exactly one booking")
    func oneSlot() throws {
        let t = try TestStore()
        defer { t.remove() }
        let path = t.path
        let results = runTogether(Self.racers, setup: { _ in try SQLiteStore(path: path) }) { i, store in
            try store.book(CustomerBooking(link: Links.general("salescall"), eventName: "30-minute meeting",
                                           start: F.tuesday(10),
                                           form: Personalization(name: "Racer \(i)", email: "racer\(i)@example.com")),
                           now: F.now).id
        }
        #expect(results.filter { (try? $0.get()) != nil }.count == 1, "\(results)")
        for case .failure(let error) in results {
            #expect((error as? Refusal)?.message == "that slot is already taken", "\(error)")
        }
        #expect(try t.allBookings().count == 1)
    }

    @Test("8 connections rescheduling different bookings into the same free slot: only one gets it")
    func rescheduleRace() throws {
        let t = try TestStore()
        defer { t.remove() }
        let ids = try (0..<Self.racers).map { try t.book(Links.general("ann"), at: Self.halfHour($0)).id }
        let target = F.tuesday(16)
        let path = t.path
        let results = runTogether(Self.racers, setup: { _ in try SQLiteStore(path: path) }) { i, store in
            try store.reschedule(id: ids[i], actor: .staff, to: target, reason: nil, now: F.now).id
        }
        #expect(results.filter { (try? $0.get()) != nil }.count == 1, "\(results)")
        #expect(try t.allBookings().filter { $0.start == target }.count == 1)
    }

    @Test("8 connections opening a brand-new database at once: all succeed, seeded once")
    func firstOpen() throws {
        for round in 0..<4 {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-open-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("new.sqlite").path
            let results = runTogether(Self.racers, setup: { _ in () }) { _, _ in
                try SQLiteStore(path: path, seed: { F.workspace }).workspace()
            }
            for result in results {
                switch result {
                case .success(let workspace): #expect(workspace == F.workspace, "round \(round)")
                case .failure(let error): Issue.record("round \(round): opening a new database failed: \(error)")
                }
            }
            #expect(try SQLiteStore(path: path).workspace() == F.workspace)
        }
    }
}
