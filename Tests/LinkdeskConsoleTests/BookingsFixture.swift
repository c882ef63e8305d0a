import Foundation
import Testing
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import LinkdeskTestSupport

/// Bookings made by hand on the demo workspace, a fixed clock, and the console on the Bookings
/// view, shared by the Bookings view's test files.
enum BookingsFixture {
    static let now = ISO8601.date("2026-11-23T12:00:00Z") ?? Date(timeIntervalSince1970: 0)
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let rows = ConsoleState.viewRows(height: 24)

    static func workspace() throws -> Workspace {
        let data = try Data(contentsOf: root.appendingPathComponent("Assets/demo-workspace.json"))
        return try JSONDecoder().decode(Workspace.self, from: data)
    }

    static func at(_ text: String) -> Date { ISO8601.date(text) ?? now }

    /// A booking on a demo booking page (10 Cactus Co Main, 11 Sales call, 12 Marketing call,
    /// 13 Support desk) with that page's policy, unless one is given.
    static func booking(_ id: BookingID, _ name: String, member: PageID = 10, via page: PageID? = nil, event: EventTypeID = 2,
                        start: String = "2026-11-24T14:00:00Z", status: BookingStatus = .scheduled, kind: Link.Kind = .general,
                        linkID: String? = nil, slug: String? = nil, reason: String? = nil, policy: ChangePolicy? = nil,
                        email: String? = nil) throws -> Booking {
        let ws = try workspace()
        let memberPage = try #require(ws.bookingPage(id: member))
        let minutes = try #require(ws.eventType(id: event)).minutes
        let begin = at(start)
        return Booking(id: id, pageID: page ?? member, slugUsed: kind == .oneTime ? nil : (slug ?? memberPage.slug),
                       teamMemberID: member, eventTypeID: event, start: begin,
                       end: begin.addingTimeInterval(TimeInterval(minutes * 60)), status: status,
                       customer: Customer(name: name, email: email ?? "customer\(id)@example.com"), details: Personalization(),
                       linkKind: kind, linkID: linkID, policy: policy ?? memberPage.policy,
                       createdAt: at("2026-11-20T14:03:00Z"), reason: reason)
    }

    static func data(_ bookings: [Booking], total: Int? = nil, offset: Int = 0, search: String = "") throws -> ConsoleData {
        ConsoleData(workspace: try workspace(), bookings: BookingWindow(search: search, offset: offset, rows: bookings,
                                                                          total: total ?? bookings.count),
                    now: now, base: .default)
    }

    /// The demo list: every page, link kind and status, in the store's order (start, id).
    static func demo() throws -> [Booking] {
        [
            try booking(8, "Maria García", member: 11, via: 20, event: 1, start: "2026-11-19T15:00:00Z", status: .noShow,
                        kind: .oneTime, linkID: "M4XR7TQ9"),
            try booking(6, "Li Wei 李伟", member: 13, start: "2026-11-20T15:00:00Z", status: .completed),
            try booking(3, "Jane Smythe", member: 11, via: 20, event: 1, start: "2026-11-24T14:00:00Z", kind: .oneTime,
                        linkID: "B6QK7HVE", email: "jane.smythe@example.com"),
            try booking(4, "Omar Haddad", member: 10, event: 3, start: "2026-11-24T16:00:00Z"),
            try booking(5, "Ana Lima", member: 12, start: "2026-11-25T15:30:00Z", status: .rescheduled, kind: .personalized),
            try booking(7, "Bob Okafor", member: 13, start: "2026-11-26T18:00:00Z", status: .canceledByCustomer,
                        reason: "Travel plans changed"),
            try booking(9, "Priya Natarajan-Subramanian", member: 10, start: "2026-11-27T14:30:00Z", slug: "cactus-old"),
            try booking(10, "Sam Lee", member: 11, event: 2, start: "2026-11-30T19:00:00Z", kind: .campaign),
        ]
    }

    /// `count` bookings with ids 1…count, a start every half hour, for paging.
    static func many(_ range: Range<Int>) throws -> [Booking] {
        let base = at("2026-12-01T14:00:00Z")
        let template = try booking(1, "x")
        return range.map { index in
            var b = template
            b.id = BookingID(index + 1)
            b.customer = Customer(name: "Customer \(index + 1)", email: "c\(index + 1)@example.com")
            b.start = base.addingTimeInterval(TimeInterval(index * 1800))
            b.end = b.start.addingTimeInterval(1800)
            return b
        }
    }

    static func console() -> ConsoleState {
        var state = ConsoleState(nextToken: "B6QK7HVEM2XRT")
        state.view = .bookings
        return state
    }

    static func buffer(_ state: ConsoleState, _ data: ConsoleData) -> CellBuffer {
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        return buffer
    }

    /// Compares with Screens/<name>.txt (re-record with LINKDESK_RECORD_SCREENS=1) and returns the rows.
    @discardableResult
    static func screen(_ state: ConsoleState, _ data: ConsoleData, _ name: String,
                       sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        GoldenScreens.expect(buffer(state, data), named: name, sourceLocation: sourceLocation)
    }
}

extension ConsoleState {
    /// Presses keys in order against one snapshot; returns every effect asked for.
    @discardableResult
    mutating func press(_ keys: Key..., data: ConsoleData) -> [ConsoleEffect] {
        keys.compactMap { handle($0, data: data, rows: BookingsFixture.rows) }
    }

    @discardableResult
    mutating func type(_ text: String, data: ConsoleData) -> [ConsoleEffect] {
        text.compactMap { handle(.char($0), data: data, rows: BookingsFixture.rows) }
    }
}
