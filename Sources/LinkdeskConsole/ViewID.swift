import LinkdeskTerminal

/// The console's views, switched by number keys shown in the tab line.
public enum ViewID: Int, CaseIterable, Equatable, Sendable {
    case pages = 1, master, links, bookings, activity, reports, customer, buttons, setup

    public var title: String {
        switch self {
        case .pages: "Pages"
        case .master: "Master page"
        case .links: "One-time links"
        case .bookings: "Bookings"
        case .activity: "Activity"
        case .reports: "Reports"
        case .customer: "Customer view"
        case .buttons: "Buttons for an email signature"
        case .setup: "Setup: event types, booking pages, master pages"
        }
    }

    public var key: Key { .char(Character(String(rawValue))) }

    /// The view a number key stands for.
    public init?(key: Key) {
        guard let view = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = view
    }
}
