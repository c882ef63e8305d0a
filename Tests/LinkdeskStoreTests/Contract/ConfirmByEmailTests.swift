import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Confirm by email on every store: a site booking of a page that asks for it holds its slot,
/// awaiting confirmation; only the emailed code confirms it (and then its confirmation, staff
/// notice and reminders are queued); an unconfirmed hold lapses and frees the slot.
@Suite("confirm by email")
struct ConfirmByEmailTests {
    typealias F = StoreFixture

    @Test("hold, confirm, lapse (SQLite)") func sqlite() async throws { try await holds(.sqlite) }
    @Test("hold, confirm, lapse (PostgreSQL)", .postgres) func postgres() async throws { try await holds(.postgres) }
    @Test("hold, confirm, lapse (in memory)") func memory() async throws { try await holds(.memory) }

    static let secret = [UInt8](repeating: 0x5A, count: 32)

    func holds(_ kind: StoreKind) async throws {
        var workspace = F.workspace
        workspace.bookingPages[0].policy.confirmWithin = 30  // Ann's page
        let t = try await TestStore(kind, seed: workspace)
        defer { t.remove() }
        let emails = try Notifications(secret: Self.secret, reminders: [3_600])
        func desk(_ minutesLater: Double) -> Linkdesk {
            Linkdesk(store: t.store, base: .default, time: FixedTime(F.now.addingTimeInterval(minutesLater * 60)), notifications: emails)
        }
        func book(_ hour: Int, _ at: Double = 0) async throws -> WebBooking {
            try await desk(at).bookOnline(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting",
                                                          start: F.tuesday(hour), form: F.form))
        }
        func refusal(_ body: () async throws -> Void) async -> Refusal.Reason? {
            do { try await body(); return nil } catch let refusal as Refusal { return refusal.reason } catch { return nil }
        }

        let held = try await book(10)
        #expect(held.booking.status == .awaitingConfirmation)
        #expect(try await t.store.outbox(booking: held.booking.id, limit: 10).map(\.notice.kind) == [.confirmRequest],
                "only the request to confirm until confirmed")
        #expect(await refusal { _ = try await book(10) } == .slotTaken, "the held slot is taken")
        #expect(await refusal { _ = try await desk(1).reschedule(manageToken: held.manageToken, to: F.tuesday(12), reason: nil) }
                == .awaitingConfirmation)

        // The manage link alone does not confirm; the code made from the secret and the booking's nonce does.
        #expect(await refusal { _ = try await desk(1).confirm(manageToken: held.manageToken, code: held.manageToken) } == .confirmationInvalid)
        let nonce = try #require(try await t.store.manageNonce(booking: held.booking.id))
        let code = Token.confirmationCode(secret: Self.secret, nonce: nonce)
        let confirmed = try await desk(5).confirm(manageToken: held.manageToken, code: code)
        #expect(confirmed.status == .scheduled)
        #expect(try await desk(6).confirm(manageToken: held.manageToken, code: code).status == .scheduled, "confirming twice is harmless")
        #expect(try await t.store.outbox(booking: held.booking.id, limit: 10).map(\.notice.kind) == [.confirmRequest, .confirmation, .reminder])

        // Unconfirmed: the hold lapses after its 30 minutes (not before), and the slot is free again.
        let lapsing = try await book(11)
        #expect(try await desk(29).lapseHolds() == 0)
        #expect(try await desk(31).lapseHolds() == 1)
        #expect(try await t.store.booking(id: lapsing.booking.id)?.status == .expired)
        let lapsedCode = Token.confirmationCode(secret: Self.secret, nonce: try #require(try await t.store.manageNonce(booking: lapsing.booking.id)))
        #expect(await refusal { _ = try await desk(32).confirm(manageToken: lapsing.manageToken, code: lapsedCode) } == .holdLapsed)
        let again = try await book(11, 33)
        #expect(again.booking.status == .awaitingConfirmation, "the freed slot books again")

        // A page that does not ask, and bookings made by staff, are booked at once.
        let bens = try await desk(0).bookOnline(CustomerBooking(link: Links.general("ben"), eventName: "30-minute meeting",
                                                                start: F.tuesday(10), form: F.form))
        #expect(bens.booking.status == .scheduled)
        let byStaff = try await desk(0).book(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting",
                                                             start: F.tuesday(14), form: F.form))
        #expect(byStaff.status == .scheduled)
    }
}
