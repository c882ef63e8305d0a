import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import LinkdeskWeb
import Testing

/// A clock tests move.
final class TestClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    init(_ instant: Date) { self.instant = instant }
    func now() -> Date { lock.lock(); defer { lock.unlock() }; return instant }
    func set(_ date: Date) { lock.lock(); instant = date; lock.unlock() }
    func advance(minutes: Double) { lock.lock(); instant += minutes * 60; lock.unlock() }
}

/// A fresh SQLite workspace (the demo pages) behind the booking site's router.
struct WebFixture {
    /// Monday 7 December 2026, 07:00 in New York (the demo pages' zone).
    static let now = ISO8601.date("2026-12-07T12:00:00Z")!
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func demoWorkspace() throws -> Workspace {
        let data = try Data(contentsOf: repository.appendingPathComponent("Assets/demo-workspace.json"))
        return try JSONDecoder().decode(Workspace.self, from: data)
    }

    let directory: URL
    let path: String
    let store: SQLiteStore
    let clock: TestClock
    let linkdesk: Linkdesk

    init(workspace: Workspace? = nil, now: Date = WebFixture.now) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("web.sqlite").path
        let seed = try workspace ?? Self.demoWorkspace()
        store = try SQLiteStore(path: path, seed: { seed })
        clock = TestClock(now)
        linkdesk = Linkdesk(store: store, base: .default, time: clock)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Runs `body` against the router (HummingbirdTesting's `.router`), then removes the database.
    func test(configuration: WebConfiguration = WebConfiguration(rateLimitBurst: 1_000, rateLimitPerMinute: 1_000),
              removing: Bool = true, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        defer { if removing { remove() } }
        let app = Application(router: buildRouter(linkdesk: linkdesk, configuration: configuration))
        try await app.test(.router, body)
    }

    func page(_ slug: String) async throws -> Page {
        try #require(try await linkdesk.workspace().page(slug: slug))
    }

    /// A one-time link of the demo's Dynamic master page ("salescall"), as `linkdesk link` makes it.
    func oneTimeLink(_ personalization: Personalization = Personalization()) async throws -> (path: String, link: OneTimeLink) {
        let made = try await linkdesk.makeLink(page: try await page("salescall"), personalization: personalization,
                                               oneTime: OneTimeOptions())
        return (String(made.url.dropFirst(BaseURL.default.text.count)), try #require(made.oneTime))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// A form body, encoded as a browser does.
func formBody(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._*")
    let text = fields.map { key, value in
        key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(of: "%20", with: "+")
    }.joined(separator: "&")
    return ByteBuffer(string: text)
}

let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]

/// The manage path of a 303 after booking.
func managePath(_ response: TestResponse) throws -> String {
    let location = try #require(response.headers[.location])
    return String(location.split(separator: "?")[0])
}

let securityHeaderNames = ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Cache-Control"]

func expectSecurityHeaders(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    let h = response.headers
    #expect(h[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true, sourceLocation: sourceLocation)
    #expect(h[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true, sourceLocation: sourceLocation)
    #expect(h[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", sourceLocation: sourceLocation)
    #expect(h[HTTPField.Name("Referrer-Policy")!] == "same-origin", sourceLocation: sourceLocation)
    #expect(h[HTTPField.Name("X-Frame-Options")!] == "DENY", sourceLocation: sourceLocation)
}

/// A store whose every call fails, for the 500 page (any error) and the 503 (a `StoreError`:
/// the database unreachable or busy).
struct FailingStore: LinkStore {
    struct Broken: Error {}
    var error: any Error = Broken()
    func workspace() async throws -> Workspace { throw error }
    func oneTimeLinks() async throws -> [OneTimeLink] { throw error }
    func oneTimeLink(tokenHash: String) async throws -> OneTimeLink? { throw error }
    func oneTimeLink(id: String) async throws -> OneTimeLink? { throw error }
    func oneTimeLinks(expiredBy now: Date, limit: Int) async throws -> [OneTimeLink] { throw error }
    func isFormerSlug(_ slug: String) async throws -> Bool { throw error }
    func booking(id: BookingID) async throws -> Booking? { throw error }
    func bookings(_ query: BookingQuery) async throws -> [Booking] { throw error }
    func countBookings(_ query: BookingQuery) async throws -> Int { throw error }
    func activity(limit: Int) async throws -> [ActivityEvent] { throw error }
    func booking(manageTokenHash: String) async throws -> Booking? { throw error }
    func booking(requestKeyHash: String) async throws -> Booking? { throw error }
    func calendarMember(tokenHash: String) async throws -> PageID? { throw error }
    func changes() -> AsyncStream<StoreEvent> { AsyncStream { $0.finish() } }
    func insertOneTimeLinks(_ links: [NewOneTimeLink], at now: Date, relabel: @escaping @Sendable () -> String,
                            check: @escaping @Sendable (Page) throws -> Void,
                            event: @escaping @Sendable (OneTimeLink, Page) -> ActivityEvent) async throws -> [OneTimeLink] { throw error }
    func append(_ events: [ActivityEvent]) async throws { throw error }
    func insertBooking(_ new: NewBooking) async throws -> Booking { throw error }
    func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent],
                              manageTokenHash: String?, notices: [OutboxNotice], busyLogin: String?, dayCap: DayCap?) async throws { throw error }
    func outbox(booking: BookingID?, limit: Int) async throws -> [OutboxItem] { throw error }
    func manageNonce(booking: BookingID) async throws -> String? { throw error }
    func claimDue(at now: Date, limit: Int, lease: Double) async throws -> [OutboxItem] { throw error }
    func recordDeliveries(_ deliveries: [Delivery], at now: Date) async throws { throw error }
    func revokeOneTimeLink(id: String, at now: Date, events: [ActivityEvent]) async throws { throw error }
    func updatePage(_ change: PageChange) async throws -> Int { throw error }
    func setCalendarToken(member: PageID, tokenHash: String, at now: Date, events: [ActivityEvent]) async throws { throw error }
    func hasCalendarToken(member: PageID) async throws -> Bool { throw error }
    func login() async throws -> String { throw error }
    func staff() async throws -> [StaffMember] { throw error }
    func saveStaff(_ member: StaffMember, password: String?, events: [ActivityEvent]) async throws { throw error }
    func removeStaff(login: String, events: [ActivityEvent]) async throws -> Bool { throw error }
    func settings() async throws -> [String: String] { throw error }
    func resendMessage(id: Int64, at now: Date) async throws -> Bool { throw error }
    func saveSettings(_ changes: [String: String?], events: [ActivityEvent]) async throws { throw error }
    func workspaceUsage(at now: Date) async throws -> WorkspaceUsage { throw error }
    func replaceWorkspace(_ change: WorkspaceReplacement) async throws -> [PageID: Int] { throw error }
    func calendars() async throws -> [StaffCalendar] { throw error }
    func saveCalendar(_ calendar: StaffCalendar, events: [ActivityEvent]) async throws -> StaffCalendar { throw error }
    func removeCalendar(id: Int64, events: [ActivityEvent]) async throws -> Bool { throw error }
    func recordCalendarSync(id: Int64, reading: CalendarReading, at now: Date) async throws { throw error }
    func calendarBusy(from: Date, to: Date, staffLogins: [String]?) async throws -> [CalendarBusy] { throw error }
}
