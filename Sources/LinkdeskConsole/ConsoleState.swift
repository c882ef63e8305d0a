import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

/// What is open over the current view.
public enum Modal: Equatable, Sendable {
    case share(ShareState)
    case confirm(Confirmation)
    case prompt(PromptState)
    case help
}

/// The whole console as a value: the current view, every view's own state (so switching away
/// and back keeps cursors and inputs), what is open over it, and the status line.
public struct ConsoleState: Equatable, Sendable {
    public var view: ViewID = .pages
    public var history: [ViewID] = []
    public var pages = PagesScreen()
    public var master = MasterScreen()
    public var links = LinksScreen()
    public var bookings = BookingsScreen()
    public var activity = ActivityScreen()
    public var reports = ReportsScreen()
    public var customer = CustomerScreen()
    public var buttons = ButtonsScreen()
    public var setup = SetupScreen()
    public var modal: Modal?
    /// True while `/` is collecting filter text for the current view.
    public var filtering = false
    public var status: String?
    public var statusFailed = false
    /// Why the store can't be reached (its change stream said so), until the stream says it is
    /// back: shown on the status line whenever no other status is, so that a key press (which
    /// clears the status) does not hide an outage that is still going on.
    public var storeProblem: String?
    /// URLs made in this session (tokens are not stored, so only here can they be offered again).
    public var recentURLs: [String] = []
    /// The token the next Share pop-up previews; the runner draws a fresh one after each use.
    public var nextToken: String

    public static let minimum = ScreenSize(width: 80, height: 24)

    public init(nextToken: String) {
        self.nextToken = nextToken
    }

    /// The current view as the protocol, for the code that treats every view alike.
    var screen: any ConsoleScreen {
        switch view {
        case .pages: pages
        case .master: master
        case .links: links
        case .bookings: bookings
        case .activity: activity
        case .reports: reports
        case .customer: customer
        case .buttons: buttons
        case .setup: setup
        }
    }

    /// Runs `body` on the current view's state and stores the result back.
    mutating func withScreen<T>(_ body: (inout any ConsoleScreen) -> T) -> T {
        var current = screen
        let result = body(&current)
        switch view {
        case .pages: if let s = current as? PagesScreen { pages = s }
        case .master: if let s = current as? MasterScreen { master = s }
        case .links: if let s = current as? LinksScreen { links = s }
        case .bookings: if let s = current as? BookingsScreen { bookings = s }
        case .activity: if let s = current as? ActivityScreen { activity = s }
        case .reports: if let s = current as? ReportsScreen { reports = s }
        case .customer: if let s = current as? CustomerScreen { customer = s }
        case .buttons: if let s = current as? ButtonsScreen { buttons = s }
        case .setup: if let s = current as? SetupScreen { setup = s }
        }
        return result
    }
}
