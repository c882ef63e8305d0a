import Foundation
import LinkdeskCore

/// A workspace built in code for the store tests, with policies chosen so each rule can be
/// reached separately. Every page is in America/New_York (EST in late November 2026).
///
/// Event types: 15, 30, 60 minutes.
/// Booking pages:
///   - Ann  (`ann`,  id 10): Mon–Fri 09–17, 15/30/60; cancel up to 1 day (reason optional),
///                           reschedule up to 2 hours (reason not asked)
///   - Ben  (`ben`,  id 11): Mon–Fri 09–17, 15/30; cancel any time (reason mandatory),
///                           reschedule up to 1 day (reason optional)
///   - Cleo (`cleo`, id 12): Mon–Fri 12–20, 30; customers may never cancel or reschedule,
///                           reason mandatory for both
/// Master pages:
///   - Sales call (`salescall`, 20): rule-based, Dynamic: 15 → Ben, 30 → Ann
///   - Team       (`team`, 21):      rule-based, Static, members Ann then Cleo, 30 only
///   - Pool       (`pool`, 22):      pooled availability (rule type Dynamic on purpose)
enum StoreFixture {
    static let zone = "America/New_York"

    static let annPolicy = ChangePolicy(cancel: .upTo(minutes: 24 * 60), cancelReason: .optional,
                                        reschedule: .upTo(minutes: 120), rescheduleReason: .notAsked)
    static let benPolicy = ChangePolicy(cancel: .anyTime, cancelReason: .mandatory,
                                        reschedule: .upTo(minutes: 24 * 60), rescheduleReason: .optional)
    static let strictPolicy = ChangePolicy(cancel: .never, cancelReason: .mandatory,
                                           reschedule: .never, rescheduleReason: .mandatory)

    static let workspace = Workspace(
        eventTypes: [
            EventType(id: 1, name: "15-minute meeting", minutes: 15),
            EventType(id: 2, name: "30-minute meeting", minutes: 30),
            EventType(id: 3, name: "60-minute meeting", minutes: 60),
        ],
        bookingPages: [
            BookingPage(id: 10, name: "Ann", owner: "Ann Lee", slug: "ann", timeZone: zone,
                        availability: .weekdaysNineToFive, eventTypeIDs: [1, 2, 3], policy: annPolicy),
            BookingPage(id: 11, name: "Ben", owner: "Ben Ode", slug: "ben", timeZone: zone,
                        availability: .weekdaysNineToFive, eventTypeIDs: [1, 2], policy: benPolicy),
            BookingPage(id: 12, name: "Cleo", owner: "Cleo Park", slug: "cleo", timeZone: zone,
                        availability: WeeklyAvailability(days: [.monday, .tuesday, .wednesday, .thursday, .friday],
                                                         openMinute: 12 * 60, closeMinute: 20 * 60),
                        eventTypeIDs: [2], policy: strictPolicy),
        ],
        masterPages: [
            MasterPage(id: 20, name: "Sales call", slug: "salescall", scenario: .ruleBased, ruleType: .dynamic,
                       locale: "en", theme: "default", memberIDs: [11, 10], eventTypeIDs: [1, 2],
                       rules: [DynamicRule(eventTypeID: 1, primaryPageID: 11),
                               DynamicRule(eventTypeID: 2, primaryPageID: 10)]),
            MasterPage(id: 21, name: "Team", slug: "team", scenario: .ruleBased, ruleType: .static,
                       locale: "en", theme: "default", memberIDs: [10, 12], eventTypeIDs: [2], rules: []),
            MasterPage(id: 22, name: "Pool", slug: "pool", scenario: .pooled, ruleType: .dynamic,
                       locale: "en", theme: "default", memberIDs: [10, 11], eventTypeIDs: [2],
                       rules: [DynamicRule(eventTypeID: 2, primaryPageID: 10)]),
        ])

    /// The demo shipped in Assets/, decoded as the binary does.
    static func demoWorkspace() throws -> Workspace {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Assets/demo-workspace.json"))
        return try JSONDecoder().decode(Workspace.self, from: data)
    }

    /// Monday 23 November 2026, 07:00 in New York.
    static let now = ISO8601.date("2026-11-23T12:00:00Z")!

    /// A wall-clock time in New York.
    static func ny(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    /// Tuesday 24 November 2026 at `hour`:`minute` in New York.
    static func tuesday(_ hour: Int, _ minute: Int = 0) -> Date { ny(day: 24, hour, minute) }

    static func ny(day: Int, _ hour: Int, _ minute: Int = 0) -> Date { ny(2026, 11, day, hour, minute) }

    static let form = Personalization(name: "Form Filler", email: "form@example.com")

    static func hours(_ n: Double) -> TimeInterval { n * 3600 }
    static func days(_ n: Double) -> TimeInterval { n * 86_400 }
}

extension StoreFixture {
    /// A booking as the rules would hand it to the store (id 0: the store assigns it), for the
    /// tests that write through the store directly: 30 minutes with Ann through her own page.
    static func draft(_ name: String, _ email: String, at start: Date, member: PageID = 10,
                      status: BookingStatus = .scheduled, linkID: String? = nil) -> Booking {
        Booking(id: 0, pageID: member, slugUsed: linkID == nil ? workspace.page(id: member)?.slug : nil,
                teamMemberID: member, eventTypeID: 2, start: start, end: start + 30 * 60, status: status,
                customer: Customer(name: name, email: email), details: Personalization(name: name, email: email),
                linkKind: linkID == nil ? .general : .oneTime, linkID: linkID,
                policy: workspace.bookingPage(id: member)?.policy ?? annPolicy, createdAt: now)
    }
}
