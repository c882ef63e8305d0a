import LinkdeskTerminal

/// The console's views, switched by number keys shown in the tab line.
public enum ViewID: Int, CaseIterable, Equatable, Sendable {
    case pages = 1, master, links, bookings, activity, reports, customer

    public var title: String {
        switch self {
        case .pages: "Pages"
        case .master: "Master page"
        case .links: "One-time links"
        case .bookings: "Bookings"
        case .activity: "Activity"
        case .reports: "Reports"
        case .customer: "Customer view"
        }
    }

    public var key: Key { .char(Character(String(rawValue))) }
}
