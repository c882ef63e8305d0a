import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskTestSupport
import LinkdeskWeb
import Testing

/// The booking site as team mode runs it (SPEC §8): on a login of the site role alone, which
/// PostgreSQL lets read what pages show, book through links and change a booking only through
/// its manage token.
@Suite(.postgres) struct SiteLoginTests {
    @Test func theSiteLoginShowsPagesBooksThroughAOneTimeLinkAndCancelsThroughTheManageLinkOnly() async throws {
        try await bookAndCancelAsTheSite(notifications: nil)
    }

    /// With booking emails on, the same login writes the booking's notices inside its booking
    /// statement, and the customer's cancellation withdraws the reminder and queues its own: the
    /// site role's privileges on the outbox are enough, and no more is needed.
    @Test func withBookingEmailsTheSiteLoginWritesAndWithdrawsTheOutbox() async throws {
        try await bookAndCancelAsTheSite(notifications: try Notifications(secret: [UInt8](repeating: 0x5A, count: 32), reminders: [3_600]))
    }

    func bookAndCancelAsTheSite(notifications: Notifications?) async throws {
        let team = try await SiteLoginDatabase()
        defer { team.remove() }
        let admin = team.admin
        let salescall = try #require(try await admin.workspace().page(slug: "salescall"))
        let link = try await admin.makeLink(page: salescall, personalization: Personalization(), oneTime: OneTimeOptions())
        let earlier = try await admin.book(CustomerBooking(link: Link(target: .page(slug: "cactus-co-main")), eventName: "30-minute meeting",
                                                           start: try #require(ISO8601.date("2026-12-09T15:00:00Z")),
                                                           form: Personalization(name: "Grace", email: "grace@example.com")))

        let siteStore = try PostgresStore(url: team.siteURL, connections: 2)
        #expect(try await siteStore.privilegesBeyondSite() == nil, "the site's login holds the site role alone")
        let site = Linkdesk(store: siteStore, base: .default, time: FixedTime(WebFixture.now), notifications: notifications)
        let app = Application(router: buildRouter(linkdesk: site))
        try await app.test(.router) { client in
            try await client.execute(uri: "/salescall555", method: .get) { #expect($0.status == .ok) }
            let path = String(link.url.dropFirst("http://localhost:8080".count))
            let manage = try await ManageTests.book(client, path, slot: "2026-12-08T15:00:00Z")
            let done = try await ManageTests.post(client, manage + "/cancel", [("reason", "moved abroad")])
            #expect(done.status == .seeOther, "\(done.text)")
        }
        let bookings = try await admin.bookings(BookingQuery())
        #expect(bookings.first { $0.id != earlier.id }?.status == .canceledByCustomer, "booked and canceled through the site's login")
        #expect(bookings.first { $0.id == earlier.id }?.status == .scheduled)
        let booked = try #require(bookings.first { $0.id != earlier.id })
        let owed = try await admin.outbox(booking: booked.id, limit: 100).map { "\($0.notice.kind.rawValue):\($0.state.rawValue)" }
        // The demo pages have no owner: no staff notices.
        #expect(owed == (notifications == nil ? [] : ["confirmation:pending", "reminder:withdrawn", "cancelled:pending"]))
        // The same login, through SQL: no other booking changes, no page changes, no staff list.
        let url = team.siteURL
        #expect(throws: (any Error).self) {
            _ = try PostgresStore.execute("UPDATE booking SET status = 'Canceled by customer' WHERE id = \(earlier.id)", at: url)
        }
        #expect(throws: (any Error).self) { _ = try PostgresStore.execute("UPDATE page SET name = 'x'", at: url) }
        #expect(throws: (any Error).self) { _ = try PostgresStore.execute("SELECT count(*) FROM staff", at: url) }
        #expect(try await admin.booking(id: earlier.id).status == .scheduled)
    }
}

/// Confirm by email as team mode runs it: the site's login holds a booking, confirms it through
/// the emailed code, and lets an unconfirmed hold lapse — each a change the database allows it
/// only through the booking's manage token.
@Suite(.postgres) struct SiteLoginHoldTests {
    @Test func theSiteLoginHoldsConfirmsAndLetsAHoldLapse() async throws {
        var workspace = try WebFixture.demoWorkspace()
        for index in workspace.bookingPages.indices { workspace.bookingPages[index].policy.confirmWithin = 30 }
        let team = try await SiteLoginDatabase(seed: workspace)
        defer { team.remove() }
        let admin = team.admin
        let siteStore = try PostgresStore(url: team.siteURL, connections: 2)
        let emails = try Notifications(secret: [UInt8](repeating: 0x5A, count: 32))
        func site(_ minutesLater: Double) -> Linkdesk {
            Linkdesk(store: siteStore, base: .default, time: FixedTime(WebFixture.now.addingTimeInterval(minutesLater * 60)), notifications: emails)
        }
        func book(_ start: String) async throws -> WebBooking {
            try await site(0).bookOnline(CustomerBooking(link: Link(target: .page(slug: "cactus-co-main")), eventName: "30-minute meeting",
                                                         start: try #require(ISO8601.date(start)),
                                                         form: Personalization(name: "Grace", email: "grace@example.com")))
        }
        let confirming = try await book("2026-12-09T15:00:00Z")
        let lapsing = try await book("2026-12-09T16:00:00Z")
        #expect(confirming.booking.status == .awaitingConfirmation && lapsing.booking.status == .awaitingConfirmation)
        let nonce = try #require(try await siteStore.manageNonce(booking: confirming.booking.id))
        let confirmed = try await site(5).confirm(manageToken: confirming.manageToken,
                                                  code: Token.confirmationCode(secret: emails.secret, nonce: nonce))
        #expect(confirmed.status == .scheduled)
        #expect(try await site(40).lapseHolds() == 1)
        let stored = try await admin.bookings(BookingQuery())
        #expect(stored.first { $0.id == confirming.booking.id }?.status == .scheduled)
        #expect(stored.first { $0.id == lapsing.booking.id }?.status == .expired)
        #expect(try await admin.outbox(booking: confirming.booking.id, limit: 10).map(\.notice.kind).contains(.confirmation))
    }
}

/// A database of its own with an administrator (the tests' login) and a login of the site role
/// alone; `remove()` drops the database, the login and the database's group roles.
struct SiteLoginDatabase {
    let database: PostgresDatabase
    let siteLogin = "site_" + String(UUID().uuidString.prefix(8)).lowercased()
    let admin: Linkdesk
    /// The database's URL as the site's login.
    let siteURL: String

    init(seed: Workspace? = nil) async throws {
        database = try PostgresDatabase(seed: seed)
        admin = database.linkdesk(base: "http://localhost:8080")
        var parts = try #require(URLComponents(string: database.url))
        parts.user = siteLogin
        parts.password = nil
        siteURL = try #require(parts.string)
        do {
            try await admin.saveStaff(StaffMember(login: try await database.store.login(), name: "Pat Admin", email: "pat@example.com",
                                                  role: .administrator))
            try await admin.saveStaff(StaffMember(login: siteLogin, name: "Booking site", email: "site@example.com", role: .site))
        } catch {
            remove()
            throw error
        }
    }

    func remove() {
        let groups = ((try? PostgresStore.execute("SELECT string_agg(quote_ident(value), ',') FROM meta WHERE key LIKE 'role:%'",
                                                  at: database.url))?.first?.first ?? nil) ?? ""
        database.remove()
        _ = try? PostgresStore.execute("DROP ROLE IF EXISTS \(siteLogin)", at: database.server)
        if !groups.isEmpty { _ = try? PostgresStore.execute("DROP ROLE IF EXISTS \(groups)", at: database.server) }
    }
}
