import Foundation

/// Counts for reports (SPEC §1), computed from plain values so they can be tested without a store.
public enum ReportDimension: String, CaseIterable, Codable, Sendable {
    case page, master, event, linkKind = "link-kind", status
    /// The staff member who owns the booking's team member page (SPEC §8), by login.
    case staff

    /// The dimensions a report shows unless one is asked for (`--by`): the console's tabs and
    /// `linkdesk report`'s default. By staff member only when asked, since a workspace with no
    /// staff has nothing to say there.
    public static let standard: [ReportDimension] = [.page, .master, .event, .linkKind, .status]

    public var title: String {
        switch self {
        case .page: "Booking page"
        case .master: "Master page"
        case .event: "Event type"
        case .linkKind: "Link kind"
        case .status: "Status"
        case .staff: "Staff member"
        }
    }
}

public struct ReportRow: Codable, Equatable, Sendable {
    public var dimension: String
    public var key: String
    public var count: Int

    public init(dimension: String, key: String, count: Int) {
        self.dimension = dimension
        self.key = key
        self.count = count
    }
}

public struct OneTimeFunnel: Codable, Equatable, Sendable {
    public var created = 0, live = 0, used = 0, expired = 0, revoked = 0, invalidated = 0

    /// The funnel as report rows of dimension "one-time", in funnel order.
    public var rows: [ReportRow] {
        [("created", created), ("live", live), ("used", used), ("expired", expired), ("revoked", revoked),
         ("invalidated", invalidated)].map { ReportRow(dimension: "one-time", key: $0.0, count: $0.1) }
    }
}

public enum Reports {
    /// Bookings whose start lies in `[from, to)` grouped by `dimension`, largest first.
    /// The master-page dimension groups by the page a booking came through when that is a master
    /// page, and "(direct)" when it was booked on the team member's own page.
    public static func breakdown(_ bookings: [Booking], by dimension: ReportDimension, workspace: Workspace,
                                 from: Date? = nil, to: Date? = nil) -> [ReportRow] {
        var counts: [String: Int] = [:]
        for booking in bookings where inRange(booking.start, from, to) {
            counts[key(of: booking, dimension, workspace), default: 0] += 1
        }
        return counts.map { ReportRow(dimension: dimension.rawValue, key: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.key) > ($1.count, $0.key) }
    }

    public static func funnel(_ links: [OneTimeLink], now: Date) -> OneTimeFunnel {
        var f = OneTimeFunnel()
        f.created = links.count
        for link in links {
            switch link.status(at: now) {
            case .live: f.live += 1
            case .used: f.used += 1
            case .expired: f.expired += 1
            case .revoked: f.revoked += 1
            case .invalidated: f.invalidated += 1
            }
        }
        return f
    }

    /// `dimension,key,count` CSV, the export format of both the CLI and the console.
    public static func csv(_ rows: [ReportRow]) -> String {
        ([CSV.line(["dimension", "key", "count"])] + rows.map { CSV.line([$0.dimension, $0.key, "\($0.count)"]) })
            .joined(separator: "\n")
    }

    private static func inRange(_ date: Date, _ from: Date?, _ to: Date?) -> Bool {
        (from.map { date >= $0 } ?? true) && (to.map { date < $0 } ?? true)
    }

    private static func key(of booking: Booking, _ dimension: ReportDimension, _ workspace: Workspace) -> String {
        switch dimension {
        case .page: return workspace.page(id: booking.teamMemberID)?.name ?? "#\(booking.teamMemberID)"
        case .master:
            if case .master(let m) = workspace.page(id: booking.pageID) { return m.name }
            return "(direct)"
        case .event: return workspace.eventType(id: booking.eventTypeID)?.name ?? "#\(booking.eventTypeID)"
        case .linkKind: return booking.linkKind.rawValue
        case .status: return booking.status.rawValue
        case .staff: return workspace.bookingPage(id: booking.teamMemberID)?.ownerLogin ?? "(no staff member)"
        }
    }
}

/// CSV as RFC 4180 writes it: fields with commas, quotes or line breaks are quoted, quotes doubled.
/// A leading `=`, `+`, `-` or `@` is prefixed with `'` so that spreadsheet apps don't run a
/// customer's name as a formula.
public enum CSV {
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    static func field(_ raw: String) -> String {
        var value = raw
        // Scalars, not Characters: "=" + a combining mark and "\r\n" are single Characters.
        if let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { value = "'" + value }
        if value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
