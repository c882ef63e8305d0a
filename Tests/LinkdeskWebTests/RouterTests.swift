import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkdeskCore
import LinkdeskService
import LinkdeskWeb
import Testing

/// Every route and refusal of the booking site, at the router (HummingbirdTesting `.router`).
@Suite struct LinkOpeningTests {
    @Test func aBookingPagesGeneralLinkOffersItsEventTypesThenItsCalendarAndTimes() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/salescall555", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("15-minute meeting"))
                #expect(response.text.contains("30-minute meeting"))
            }
            try await client.execute(uri: "/salescall555?event=1", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<table class=\"month\""))
                #expect(html.contains("<th scope=\"col\">Mon</th>"))
                // Monday 7 December 2026 at 07:00 in New York: the first free time is 09:00 that day.
                #expect(html.contains("aria-label=\"Monday 7 December 2026, 32 times free\""))
                #expect(html.contains("aria-live=\"polite\""))
                #expect(html.contains("value=\"2026-12-07T14:00:00Z\""))
                #expect(html.contains("> 09:00</label>"))
                #expect(html.contains("<label for=\"name\">Name</label>"))
                #expect(html.contains("href=\"/salescall555?event=1&amp;tz=America%2FNew_York&amp;month=2027-01\""))
            }
        }
    }

    @Test func timesAreShownInTheCustomersZone() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/salescall555?event=1&tz=Asia/Tokyo", method: .get) { response in
                let html = response.text
                // 09:00 in New York on Monday 7 December is 23:00 that day in Tokyo.
                #expect(html.contains("value=\"2026-12-07T14:00:00Z\""))
                #expect(html.contains("> 23:00</label>"))
                #expect(html.contains("(Asia/Tokyo)"))
                #expect(html.contains("<option value=\"Asia/Tokyo\" selected>"))
            }
        }
    }

    @Test func aDynamicMasterPageShowsTheTeamMemberOfEachEventType() async throws {
        let fixture = try WebFixture()
        let workspace = try await fixture.linkdesk.workspace()
        let owner11 = try #require(workspace.bookingPage(id: 11)).owner
        try await fixture.test { client in
            try await client.execute(uri: "/salescall", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("15-minute meeting <span class=\"muted\">with \(HTMLText.escape(owner11))</span>"))
            }
        }
    }

    @Test func aPersonalizedLinkPrefillsTheFormWithKeysInAnyCaseAndPlusKept() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/salescall555?event=1&NAME=Ada%20Lovelace&Email=ada+x@example.com&skip=0", method: .get) { r in
                #expect(r.text.contains("id=\"name\" name=\"name\" value=\"Ada Lovelace\""))
                #expect(r.text.contains("value=\"ada+x@example.com\""))
                // The booking form posts back to the link itself, personalization included.
                #expect(r.text.contains("action=\"/salescall555?name=Ada%20Lovelace&amp;email=ada%2Bx@example.com&amp;skip=0\""))
            }
        }
    }

    @Test func theFormIsSkippedOnlyWithANameAndAValidEmail() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/salescall555?event=1&name=Ada&email=ada@example.com", method: .get) { r in
                #expect(r.text.contains("Booking for <strong dir=\"auto\">Ada</strong>"))
                #expect(!r.text.contains("id=\"name\""))
            }
            try await client.execute(uri: "/salescall555?event=1&name=Ada&email=not-an-email", method: .get) { r in
                #expect(r.text.contains("name=\"name\" value=\"Ada\""))
            }
            try await client.execute(uri: "/salescall555?event=1&name=Ada&email=ada@example.com&skip=0", method: .get) { r in
                #expect(r.text.contains("name=\"name\" value=\"Ada\""))
            }
        }
    }

    @Test func aCampaignLinkWhoseMergeFieldsWereNotReplacedIsUnpersonalized() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/salescall555?event=1&name=*%7CFNAME%7C*%20*%7CLNAME%7C*&email=*%7CEMAIL%7C*", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("id=\"name\" name=\"name\" value=\"\""))
                #expect(!r.text.contains("FNAME"))
            }
            try await client.execute(uri: "/salescall555?event=1&name={{%20contact.firstname%20}}&email={{%20contact.email%20}}", method: .get) { r in
                #expect(r.status == .ok)
                #expect(!r.text.contains("contact.firstname"))
            }
        }
    }

    @Test func aOneTimeLinkOpensAnyNumberOfTimesByGetAndHeadWithoutBeingUsedUp() async throws {
        let fixture = try WebFixture()
        let (path, made) = try await fixture.oneTimeLink(Personalization(name: "Ada", email: "ada@example.com"))
        try await fixture.test { client in
            for _ in 0..<3 {
                try await client.execute(uri: path + "&event=1", method: .get) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.cacheControl] == "no-store")
                }
                try await client.execute(uri: path, method: .head) { r in #expect(r.status == .ok) }
            }
            let link = try #require(try await fixture.linkdesk.oneTimeLinks().first { $0.linkID == made.linkID })
            #expect(link.usesLeft == 1)
        }
    }
}

enum HTMLText {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

@Suite struct DeadLinkTests {
    /// Unknown page, former slug, unknown/malformed/used/expired/revoked/invalidated tokens, and
    /// unknown manage and calendar tokens: one status, one set of headers, one body.
    @Test func everyDeadLinkGetsTheSame404() async throws {
        let fixture = try WebFixture()
        let linkdesk = fixture.linkdesk
        let (used, _) = try await fixture.oneTimeLink()
        let expiring = try await linkdesk.makeLink(page: try await fixture.page("salescall"), personalization: Personalization(),
                                                   oneTime: OneTimeOptions(uses: 1, expiresAt: WebFixture.now.addingTimeInterval(3_600)))
        let expired = String(expiring.url.dropFirst(BaseURL.default.text.count))
        let (revoked, revokedLink) = try await fixture.oneTimeLink()
        _ = try await linkdesk.revoke(linkID: revokedLink.linkID)
        // Use one up through the site itself.
        try await fixture.test(removing: false) { client in
            try await client.execute(uri: used, method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("slot", "2026-12-07T14:00:00Z"), ("name", "Ada"), ("email", "ada@example.com"),
            ])) { r in #expect(r.status == .seeOther) }
        }
        let fixture2 = fixture  // same database, a fresh router (and rate limiter) per phase
        let master = try await fixture.page("salescall")
        _ = try await linkdesk.setSlug(page: try await fixture.page("salescall555").id, to: "salescall556")
        let (invalidated, _) = try await fixture.oneTimeLink()
        _ = try await linkdesk.setRuleType(master: master.id, to: .static)
        fixture.clock.advance(minutes: 120)  // the expiring link is past its hour
        let app = Application(router: buildRouter(linkdesk: linkdesk,
                                                  configuration: WebConfiguration(rateLimitBurst: 1_000, rateLimitPerMinute: 1_000)))
        defer { fixture2.remove() }
        try await app.test(.router) { client in
            let reference = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(reference.status == .notFound)
            expectSecurityHeaders(reference)
            for path in ["/salescall555", "/.23456789ABCDE", "/.not-a-token", "/.0OIL", used, expired, revoked, invalidated,
                         "/manage/23456789ABCDE", "/manage/x", "/manage/23456789ABCDE/cancel", "/calendar/23456789ABCDE.ics",
                         "/a/b/c", "/"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.body == reference.body, "\(path)")
                #expect(Dictionary(response.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { a, _ in a })
                        == Dictionary(reference.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { a, _ in a }),
                        "\(path)")
            }
            // The new slug works.
            try await client.execute(uri: "/salescall556", method: .get) { r in #expect(r.status == .ok) }
        }
    }

    @Test func failedLookupsAreRateLimitedPerClientAndGoodOnesNever() async throws {
        let fixture = try WebFixture()
        let (good, _) = try await fixture.oneTimeLink()
        try await fixture.test(configuration: WebConfiguration(rateLimitBurst: 5, rateLimitPerMinute: 1)) { client in
            for _ in 0..<20 {
                try await client.execute(uri: good, method: .get) { r in #expect(r.status == .ok) }
            }
            for _ in 0..<5 {
                try await client.execute(uri: "/.23456789ABCDE", method: .get) { r in #expect(r.status == .notFound) }
            }
            try await client.execute(uri: "/.23456789ABCDF", method: .get) { r in
                #expect(r.status == .tooManyRequests)
                #expect(Int(r.headers[.retryAfter] ?? "") ?? 0 >= 1)
                expectSecurityHeaders(r)
            }
            try await client.execute(uri: "/manage/23456789ABCDE", method: .get) { r in #expect(r.status == .tooManyRequests) }
        }
    }
}

@Suite struct BookingFlowTests {
    static let slot = "2026-12-08T15:00:00Z"  // Tuesday 10:00 in New York

    @Test func aPostBooksAnd303sToAConfirmationWithIcsGoogleLinkAndManageLink() async throws {
        let fixture = try WebFixture()
        let linkdesk = fixture.linkdesk
        try await fixture.test { client in
            let response = try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("tz", "Asia/Tokyo"), ("slot", Self.slot), ("name", "Ada Lovelace"), ("email", "ada@example.com"),
                ("note", "bring the engine"),
            ]))
            #expect(response.status == .seeOther)
            expectSecurityHeaders(response)
            let location = try #require(response.headers[.location])
            #expect(location.hasPrefix("/manage/") && location.hasSuffix("?booked=1&tz=Asia%2FTokyo"))
            let manage = try managePath(response)
            try await client.execute(uri: location, method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.cacheControl] == "no-store")
                let html = r.text
                #expect(html.contains("You are booked"))
                #expect(html.contains("15-minute meeting"))
                // 10:00 in New York is 00:00 the next day in Tokyo, and the zone is named.
                #expect(html.contains("Wednesday 9 December 2026, 00:00–00:15 (Asia/Tokyo)"))
                #expect(html.contains("href=\"\(manage)/booking.ics\""))
                #expect(html.contains("https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text="))
                #expect(html.contains("dates=20261208T150000Z%2F20261208T151500Z"))
                #expect(html.contains("http://localhost:8080\(manage)"))
            }
            try await client.execute(uri: manage + "/booking.ics", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/calendar; charset=utf-8")
                let ics = r.text
                #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
                #expect(ics.contains("DTSTART:20261208T150000Z\r\n"))
                #expect(ics.contains("DTEND:20261208T151500Z\r\n"))
                #expect(ics.contains("METHOD:PUBLISH\r\n"))
                #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
                for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
            }
            // Opening the manage link again changes nothing.
            for _ in 0..<3 { try await client.execute(uri: manage, method: .get) { r in #expect(r.status == .ok) } }
        }
        let bookings = try await linkdesk.bookings(BookingQuery())
        let booking = try #require(bookings.first)
        #expect(bookings.count == 1)
        #expect(booking.customer == Customer(name: "Ada Lovelace", email: "ada@example.com"))
        #expect(booking.details.note == "bring the engine")
        #expect(booking.linkKind == .general)
        let activity = try await linkdesk.activity(limit: 10)
        #expect(activity.contains { $0.kind == .bookingScheduled && $0.actor == .customer && $0.detail.hasSuffix("via the web") })
    }

    @Test func aOneTimeLinkBooksOnceThenGivesThe404() async throws {
        let fixture = try WebFixture()
        let (path, made) = try await fixture.oneTimeLink(Personalization(name: "Grace", email: "grace@example.com"))
        try await fixture.test { client in
            try await client.execute(uri: path, method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("slot", Self.slot),
            ])) { r in #expect(r.status == .seeOther) }
            try await client.execute(uri: path, method: .get) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: path, method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("slot", "2026-12-08T16:00:00Z"),
            ])) { r in #expect(r.status == .notFound) }
        }
        let bookings = try await fixture.linkdesk.bookings(BookingQuery())
        #expect(bookings.count == 1)
        #expect(bookings.first?.linkID == made.linkID)
        #expect(bookings.first?.customer.name == "Grace")
    }

    @Test func refusalsReRenderTheFormWithTheRulesSentence() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("slot", Self.slot), ("name", "Ada"), ("email", "nope"),
            ])) { r in
                #expect(r.status == .unprocessableContent)
                #expect(r.text.contains("The booking form needs a customer name and a valid email."))
                #expect(r.text.contains("value=\"Ada\""))
            }
            try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("name", "Ada"), ("email", "ada@example.com"),
            ])) { r in #expect(r.status == .unprocessableContent) }
            try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("slot", Self.slot), ("name", "Ada"), ("email", "ada@example.com"),
            ])) { r in #expect(r.status == .seeOther) }
            try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("slot", Self.slot), ("name", "Bob"), ("email", "bob@example.com"),
            ])) { r in
                #expect(r.status == .conflict)
                #expect(r.text.contains("That slot is already taken."))
            }
        }
    }

    @Test func hostileNamesAreEscapedEverywhere() async throws {
        let fixture = try WebFixture()
        let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)> \u{202E}مرحبا 👩‍💻"
        try await fixture.test { client in
            try await client.execute(uri: "/salescall555?event=1&skip=0&name=" + QueryEncodingForTests.encode(hostile), method: .get) { r in
                #expect(!r.text.contains("<script>alert"))
                #expect(!r.text.contains("<img src=x"))
                #expect(r.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img"))
            }
            let response = try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("slot", Self.slot), ("name", hostile), ("email", "ada@example.com"),
            ]))
            #expect(response.status == .seeOther)
            try await client.execute(uri: try #require(response.headers[.location]), method: .get) { r in
                #expect(r.status == .ok)
                #expect(!r.text.contains("<script>alert"))
                #expect(r.text.contains("&lt;script&gt;"))
                #expect(r.text.contains("مرحبا 👩‍💻"))
            }
        }
    }

    @Test func aCrossSitePostIsRefusedAndBooksNothing() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let fields = formBody([("event", "1"), ("slot", Self.slot), ("name", "Ada"), ("email", "ada@example.com")])
            for headers: HTTPFields in [
                [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
                [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "same-site"],
                [.contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example"],
                [.contentType: "application/x-www-form-urlencoded", .origin: "null"],
            ] {
                try await client.execute(uri: "/salescall555", method: .post, headers: headers, body: fields) { r in
                    #expect(r.status == .forbidden)
                    expectSecurityHeaders(r)
                }
            }
            #expect(try await fixture.linkdesk.bookings(BookingQuery()).isEmpty)
            try await client.execute(uri: "/salescall555", method: .post, headers: [
                .contentType: "application/x-www-form-urlencoded", .origin: "http://localhost:8080",
            ], body: fields) { r in #expect(r.status == .seeOther) }
        }
    }

    @Test func securityHeadersOn200_303_404_429And500() async throws {
        let fixture = try WebFixture()
        try await fixture.test(configuration: WebConfiguration(rateLimitBurst: 1, rateLimitPerMinute: 1)) { client in
            try await client.execute(uri: "/salescall555", method: .get) { r in #expect(r.status == .ok); expectSecurityHeaders(r) }
            try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders, body: formBody([
                ("event", "1"), ("slot", Self.slot), ("name", "Ada"), ("email", "ada@example.com"),
            ])) { r in #expect(r.status == .seeOther); expectSecurityHeaders(r) }
            try await client.execute(uri: "/nope", method: .get) { r in #expect(r.status == .notFound); expectSecurityHeaders(r) }
            try await client.execute(uri: "/nope", method: .get) { r in #expect(r.status == .tooManyRequests); expectSecurityHeaders(r) }
            try await client.execute(uri: "/style.css", method: .get) { r in #expect(r.status == .ok); expectSecurityHeaders(r) }
        }
        let broken = Application(router: buildRouter(linkdesk: Linkdesk(store: FailingStore(), base: .default)))
        try await broken.test(.router) { client in
            try await client.execute(uri: "/salescall555", method: .get) { r in
                #expect(r.status == .internalServerError)
                #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                #expect(r.text.contains("Something went wrong"))
                expectSecurityHeaders(r)
            }
        }
    }

    @Test func requestBodiesAreBounded() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let big = ByteBuffer(string: "name=" + String(repeating: "a", count: 64 * 1024))
            try await client.execute(uri: "/salescall555", method: .post, headers: formHeaders, body: big) { r in
                #expect(r.status == .contentTooLarge)
                expectSecurityHeaders(r)
            }
        }
    }
}

enum QueryEncodingForTests {
    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")) ?? ""
    }
}
