import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// With booking emails on, a booking's manage link is made from a secret kept outside the
/// database and a nonce kept with the booking: the sender can make it again days later for a
/// reminder, and the database alone (hash and nonce, no secret) cannot.
@Suite("manage links made from the secret")
struct ManageLinkSecretTests {
    typealias F = StoreFixture
    static let secret = [UInt8](repeating: 0x5A, count: 32)

    @Test("made from the secret, found by its hash, made again from the store, the same for a retried form (SQLite)")
    func secretLinks() async throws { try await secretLinks(kind: .sqlite) }

    @Test("made from the secret, found by its hash, made again from the store, the same for a retried form (PostgreSQL)", .postgres)
    func secretLinksOnPostgres() async throws { try await secretLinks(kind: .postgres) }

    @Test("made from the secret, found by its hash, made again from the store, the same for a retried form (in memory)")
    func secretLinksInMemory() async throws { try await secretLinks(kind: .memory) }

    func secretLinks(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let on = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now), notifications: try Notifications(secret: Self.secret))
        let key = on.newRequestKey()
        let request = CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting", start: F.tuesday(10), form: F.form)
        let made = try await on.bookOnline(request, requestKey: key)
        #expect(made.manageToken != Token.manageToken(forRequestKey: key), "the request key alone does not make the link")
        #expect(Token.isWellFormed(made.manageToken))
        #expect(try await on.managedBooking(token: made.manageToken).id == made.booking.id)
        let nonce = try #require(try await t.store.manageNonce(booking: made.booking.id))
        #expect(Token.manageToken(secret: Self.secret, nonce: nonce) == made.manageToken, "made again from the store and the secret")

        let again = try await on.bookOnline(request, requestKey: key)
        #expect(again.booking.id == made.booking.id && again.manageToken == made.manageToken, "a retried form: the same booking and link")
        #expect(try await on.bookedEarlier(requestKey: key)?.manageToken == made.manageToken)

        let otherSecret = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now),
                                   notifications: try Notifications(secret: [UInt8](repeating: 0x11, count: 32)))
        let guessed = try #require(try await otherSecret.bookedEarlier(requestKey: key)?.manageToken)
        #expect(guessed != made.manageToken)
        await expectRefusal("unknown link") { try await on.managedBooking(token: guessed) }
        let off = Linkdesk(store: t.store, base: .default, time: FixedTime(F.now))
        #expect(try await off.bookedEarlier(requestKey: key) == nil, "without the secret, the link can't be made here")

        #expect(throws: Refusal.self) { try Notifications(secret: [1, 2, 3]) }
    }
}
