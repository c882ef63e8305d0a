import Foundation
import LinkdeskCore

/// A small workspace built in code, shared by the core tests.
///
/// Event types: 15, 30 and 60 minutes.
/// Booking pages (all America/New_York, Mon–Fri 09:00–17:00):
///   - Dana Haddad (`dana`):          15, 30, 60 — strict policy (cancel up to 1 day, reason mandatory)
///   - Jane Smythe (`jane`):          15, 30     — lenient policy
///   - Onboarding (`omar`):           30, 60     — lenient policy (shares its name with a master page)
/// Master pages:
///   - Sales call (`salescall`):      rule-based, Dynamic: 15 → Jane, 30 → Dana, 60 → Dana
///   - Support team (`support`):      rule-based, Static, members Dana, Jane, Omar
///   - Pooled demo (`pooled`):        pooled availability (rule type left Dynamic on purpose)
///   - Onboarding (`onboarding-team`): rule-based, Static, members Omar, Dana
enum Fixtures {
    static let zone = "America/New_York"

    static let fifteen = EventType(id: 1, name: "15-minute meeting", minutes: 15)
    static let thirty = EventType(id: 2, name: "30-minute meeting", minutes: 30)
    static let sixty = EventType(id: 3, name: "60-minute meeting", minutes: 60)

    static let strictPolicy = ChangePolicy(
        cancel: .upTo(minutes: 24 * 60), cancelReason: .mandatory,
        reschedule: .upTo(minutes: 120), rescheduleReason: .optional)

    static let dana = BookingPage(
        id: 10, name: "Dana Haddad", owner: "Dana", slug: "dana", timeZone: zone,
        availability: .weekdaysNineToFive, eventTypeIDs: [1, 2, 3], policy: strictPolicy)
    static let jane = BookingPage(
        id: 11, name: "Jane Smythe", owner: "Jane", slug: "jane", timeZone: zone,
        availability: .weekdaysNineToFive, eventTypeIDs: [1, 2], policy: .lenient)
    static let omar = BookingPage(
        id: 12, name: "Onboarding", owner: "Omar", slug: "omar", timeZone: zone,
        availability: .weekdaysNineToFive, eventTypeIDs: [2, 3], policy: .lenient)

    static let salesCall = MasterPage(
        id: 20, name: "Sales call", slug: "salescall", scenario: .ruleBased, ruleType: .dynamic,
        locale: "en", theme: "default", memberIDs: [10, 11], eventTypeIDs: [1, 2, 3],
        rules: [DynamicRule(eventTypeID: 1, primaryPageID: 11),
                DynamicRule(eventTypeID: 2, primaryPageID: 10),
                DynamicRule(eventTypeID: 3, primaryPageID: 10)])
    static let support = MasterPage(
        id: 21, name: "Support team", slug: "support", scenario: .ruleBased, ruleType: .static,
        locale: "en", theme: "default", memberIDs: [10, 11, 12], eventTypeIDs: [1, 2, 3], rules: [])
    static let pooled = MasterPage(
        id: 22, name: "Pooled demo", slug: "pooled", scenario: .pooled, ruleType: .dynamic,
        locale: "en", theme: "default", memberIDs: [10, 11], eventTypeIDs: [2],
        rules: [DynamicRule(eventTypeID: 2, primaryPageID: 11)])
    static let onboardingTeam = MasterPage(
        id: 23, name: "Onboarding", slug: "onboarding-team", scenario: .ruleBased, ruleType: .static,
        locale: "en", theme: "default", memberIDs: [12, 10], eventTypeIDs: [2, 3], rules: [])

    static let workspace = Workspace(
        eventTypes: [fifteen, thirty, sixty],
        bookingPages: [dana, jane, omar],
        masterPages: [salesCall, support, pooled, onboardingTeam])

    static let base = BaseURL.default

    /// A wall-clock time in `zone` (default New York).
    static func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0,
                      zone: String = Fixtures.zone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        return calendar.date(from: components)!
    }

    /// (hour, minute) of `date` read in `zone`.
    static func clock(_ date: Date, zone: String = Fixtures.zone) -> (hour: Int, minute: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return (c.hour!, c.minute!)
    }

    /// Monday 2 June 2025 (EDT, no DST change nearby).
    static let monday = local(2025, 6, 2)
    static let saturday = local(2025, 6, 7)

    static func booking(id: BookingID = 1, page: PageID = 10, slugUsed: String? = "dana", teamMember: PageID = 10,
                        event: EventType = thirty, start: Date = local(2025, 6, 2, 14, 0),
                        status: BookingStatus = .scheduled, linkKind: Link.Kind = .general,
                        linkID: String? = nil, policy: ChangePolicy = strictPolicy,
                        createdAt: Date = local(2025, 5, 1, 12, 0)) -> Booking {
        Booking(id: id, pageID: page, slugUsed: slugUsed, teamMemberID: teamMember, eventTypeID: event.id,
                start: start, end: start.addingTimeInterval(TimeInterval(event.minutes * 60)), status: status,
                customer: Customer(name: "Jane Smythe", email: "jane.smythe@example.com"),
                details: Personalization(name: "Jane Smythe", email: "jane.smythe@example.com"),
                linkKind: linkKind, linkID: linkID, policy: policy, createdAt: createdAt)
    }
}

/// A deterministic `RandomSource` (SplitMix64) for reproducible tokens.
final class SeededSource: RandomSource, @unchecked Sendable {
    private var state: UInt64
    private let lock = NSLock()

    init(seed: UInt64) { state = seed }

    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Exact comparison of every field, scalar by scalar: `String ==` treats canonically
/// equivalent text (é vs e + U+0301) as equal, which would hide a normalising round trip.
func sameScalars(_ a: Personalization, _ b: Personalization) -> Bool {
    guard a.showForm == b.showForm else { return false }
    return Personalization.keys.allSatisfy { key in
        switch (a[key], b[key]) {
        case (nil, nil): return true
        case let (x?, y?): return Array(x.unicodeScalars) == Array(y.unicodeScalars)
        default: return false
        }
    }
}

func sameScalars(_ a: LinkTarget, _ b: LinkTarget) -> Bool {
    switch (a, b) {
    case let (.page(x), .page(y)): return Array(x.unicodeScalars) == Array(y.unicodeScalars)
    case let (.oneTime(x), .oneTime(y)): return Array(x.unicodeScalars) == Array(y.unicodeScalars)
    default: return false
    }
}

/// The message of the refusal `body` throws, or nil when it does not throw.
func refusalMessage<T>(_ body: () throws(Refusal) -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.message
    }
}
