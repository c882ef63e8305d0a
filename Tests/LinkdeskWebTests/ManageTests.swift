import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkdeskCore
import LinkdeskService
import LinkdeskWeb
import Testing

/// The manage link: cancel and reschedule within and outside each rule, and the calendar feed.
@Suite struct ManageTests {
    /// Books `slot` through `path` and returns the manage path.
    static func book(_ client: any TestClientProtocol, _ path: String, event: String = "1", slot: String,
                     name: String = "Ada", email: String = "ada@example.com") async throws -> String {
        let response = try await client.execute(uri: path, method: .post, headers: formHeaders, body: formBody([
            ("event", event), ("slot", slot), ("name", name), ("email", email),
        ]))
        #expect(response.status == .seeOther, "\(response.text)")
        return try managePath(response)
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: formHeaders, body: formBody(fields))
    }

    @Test func cancelAskingTheReasonThePolicyRequires() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let manage = try await Self.book(client, "/salescall555", slot: "2026-12-08T15:00:00Z")
            try await client.execute(uri: manage + "/cancel", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("<textarea id=\"reason\" name=\"reason\" rows=\"3\" dir=\"auto\" required>"))
                #expect(r.headers[.cacheControl] == "no-store")
            }
            let refused = try await Self.post(client, manage + "/cancel", [("reason", " ")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("The policy requires a reason to cancel."))
            let done = try await Self.post(client, manage + "/cancel", [("reason", "moved abroad")])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == manage + "?done=canceled")
            try await client.execute(uri: manage, method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Canceled by customer"))
            }
        }
        let booking = try #require(try await fixture.linkdesk.bookings(BookingQuery()).first)
        #expect(booking.status == .canceledByCustomer)
        #expect(booking.reason == "moved abroad")
        let activity = try await fixture.linkdesk.activity(limit: 5)
        #expect(activity.contains { $0.kind == .bookingCanceled && $0.actor == .customer && $0.detail == "moved abroad, via the web" })
    }

    @Test func cancelOutsideThePolicysTimeframeIsRefusedWithItsSentence() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            // cactus-co-main: customers cancel up to a day before; this meeting is 3 hours away.
            let manage = try await Self.book(client, "/cactus-co-main", slot: "2026-12-07T15:00:00Z")
            try await client.execute(uri: manage, method: .get) { r in
                #expect(r.text.contains("Canceling: The policy lets customers cancel only up to"))
                #expect(!r.text.contains("/cancel?"))
            }
            let refused = try await Self.post(client, manage + "/cancel", [])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("The policy lets customers cancel only up to"))
        }
        #expect(try await fixture.linkdesk.bookings(BookingQuery()).first?.status == .scheduled)
    }

    @Test func rescheduleWithinThenOutsideItsTimeframe() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            // salescall555: reschedule up to 2 hours before.
            let manage = try await Self.book(client, "/salescall555", slot: "2026-12-08T15:00:00Z")
            try await client.execute(uri: manage + "/reschedule?date=2026-12-08", method: .get) { r in
                #expect(r.status == .ok)
                // Its own time counts as free.
                #expect(r.text.contains("value=\"2026-12-08T15:00:00Z\""))
                #expect(r.text.contains("value=\"2026-12-08T16:00:00Z\""))
            }
            let moved = try await Self.post(client, manage + "/reschedule", [("slot", "2026-12-08T16:00:00Z")])
            #expect(moved.status == .seeOther)
            fixture.clock.set(ISO8601.date("2026-12-08T15:30:00Z")!)
            let refused = try await Self.post(client, manage + "/reschedule", [("slot", "2026-12-08T19:00:00Z")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("The policy lets customers reschedule only up to 2 hours before the meeting."))
        }
        let booking = try #require(try await fixture.linkdesk.bookings(BookingQuery()).first)
        #expect(booking.status == .rescheduled)
        #expect(booking.start == ISO8601.date("2026-12-08T16:00:00Z"))
    }

    @Test func aNeverPolicyRefusesTheCustomer() async throws {
        var workspace = try WebFixture.demoWorkspace()
        let index = try #require(workspace.bookingPages.firstIndex { $0.slug == "support-lee" })
        workspace.bookingPages[index].policy = ChangePolicy(cancel: .never, cancelReason: .notAsked, reschedule: .never,
                                                            rescheduleReason: .notAsked)
        let fixture = try WebFixture(workspace: workspace)
        try await fixture.test { client in
            let manage = try await Self.book(client, "/support-lee", event: "2", slot: "2026-12-09T15:00:00Z")
            let refused = try await Self.post(client, manage + "/reschedule", [("slot", "2026-12-09T16:00:00Z")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("The cancel/reschedule policy does not let customers reschedule."))
            let cancel = try await Self.post(client, manage + "/cancel", [])
            #expect(cancel.status == .conflict)
            #expect(cancel.text.contains("does not let customers cancel"))
        }
    }

    @Test func theFormerLinkRuleAndTheDynamicToStaticRule() async throws {
        let fixture = try WebFixture()
        let linkdesk = fixture.linkdesk
        let (oneTime, _) = try await fixture.oneTimeLink()
        try await fixture.test { client in
            let viaSlug = try await Self.book(client, "/salescall555", slot: "2026-12-08T15:00:00Z")
            let viaOneTime = try await Self.book(client, oneTime, slot: "2026-12-08T16:00:00Z")
            _ = try await linkdesk.setSlug(page: try await fixture.page("salescall555").id, to: "salescall777")
            _ = try await linkdesk.setRuleType(master: try await fixture.page("salescall").id, to: .static)
            let former = try await Self.post(client, viaSlug + "/cancel", [("reason", "x")])
            #expect(former.status == .conflict)
            #expect(former.text.contains(HTMLText.escape("This booking was made through a former page link: only staff can change it.")))
            try await client.execute(uri: viaOneTime, method: .get) { r in #expect(r.status == .ok) }
            let closed = try await Self.post(client, viaOneTime + "/reschedule", [("slot", "2026-12-08T18:00:00Z")])
            #expect(closed.status == .conflict)
            #expect(closed.text.contains("Rescheduling is closed: the master page now uses Static rules."))
        }
    }

    @Test func theCalendarFeedServesAMembersLiveBookingsAndRotates() async throws {
        let fixture = try WebFixture()
        let linkdesk = fixture.linkdesk
        let first = try await linkdesk.makeCalendarURL(member: "salescall555", rotate: false)
        #expect(first.url.hasPrefix("http://localhost:8080/calendar/") && first.url.hasSuffix(".ics"))
        await #expect(throws: Refusal.self) { try await linkdesk.makeCalendarURL(member: "salescall555", rotate: false) }
        await #expect(throws: Refusal.self) { try await linkdesk.makeCalendarURL(member: "salescall", rotate: false) }
        let path = String(first.url.dropFirst(BaseURL.default.text.count))
        try await fixture.test { client in
            _ = try await Self.book(client, "/salescall555", slot: "2026-12-08T15:00:00Z", name: "Ada; Lovelace, Countess")
            try await client.execute(uri: path, method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(r.text.contains("SUMMARY:15-minute meeting: Ada\\; Lovelace\\, Countess\r\n"))
                #expect(r.text.contains("DTSTART:20261208T150000Z"))
            }
            let second = try await linkdesk.makeCalendarURL(member: "salescall555", rotate: true)
            #expect(second.replaced)
            try await client.execute(uri: path, method: .get) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: String(second.url.dropFirst(BaseURL.default.text.count)), method: .get) { r in
                #expect(r.status == .ok)
            }
        }
    }
}
