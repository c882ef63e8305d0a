import Foundation
import LinkdeskCore

/// What the console shows, loaded from the store by the runner. Screens read it and never load
/// anything themselves; when the database changes, the runner replaces the snapshot and the
/// screens keep their cursors and half-typed fields (they live in `ConsoleState`, not here).
public struct ConsoleData: Sendable {
    public var workspace: Workspace
    public var links: [OneTimeLink]
    public var activity: [ActivityEvent]
    public var bookings: BookingWindow
    public var customer: CustomerSnapshot?
    /// Loaded only while the Reports view is shown (it reads every booking).
    public var report: ReportData?
    /// Free slots of one booking's own booking page (SPEC: a reschedule stays on it), loaded by
    /// `.loadRescheduleSlots` for the Bookings view's slot picker.
    public var reschedule: RescheduleSlots?
    /// The email-signature buttons gallery, read once by the runner (Assets/buttons/).
    public var buttons: ButtonShelf
    public var now: Date
    public var base: BaseURL
    /// How much of the page list `workspace` holds: `.top`, only the booking pages the first
    /// frame shows (SPEC §3), until the reload after that frame brings the rest.
    public var pageList: PageListExtent = .whole
    /// Who is using the console (SPEC §8): decides "Owned by you", the Bookings view's "mine",
    /// and which keys the role leaves unavailable. By default whoever runs a workspace with no
    /// staff: an administrator.
    public var viewer = Viewer(login: "", role: .administrator, isStaffMember: false)
    /// The staff list, for the Setup view (empty: no staff yet).
    public var staff: [StaffMember] = []
    /// Booking emails: nil while they are off (no mail server configured: the details say so);
    /// else the messages of the booking whose details are open, as last loaded.
    public var emails: BookingEmails?
    /// The staff calendars the viewer may see (a member: their own), for the page details.
    public var calendars: [StaffCalendar] = []

    /// Why the viewer's role refuses `action` (the rule's sentence); nil when it allows it.
    public func roleRefusal(_ action: StaffAction) -> String? {
        StaffRules.allows(viewer, action) ? nil : Refusal(.notAllowed(action, role: viewer.role)).message
    }

    /// The booking pages the viewer owns.
    public var ownPages: [PageID] { viewer.ownedPages(in: workspace) }

    public init(workspace: Workspace, links: [OneTimeLink] = [], activity: [ActivityEvent] = [],
                bookings: BookingWindow = BookingWindow(), customer: CustomerSnapshot? = nil, buttons: ButtonShelf = .unread, now: Date, base: BaseURL) {
        self.workspace = workspace
        self.links = links
        self.activity = activity
        self.bookings = bookings
        self.customer = customer
        self.buttons = buttons
        self.now = now
        self.base = base
    }

    public func url(of page: Page) -> String {
        LinkURL.build(Link(target: .page(slug: page.slug)), base: base)
    }
}

public enum PageListExtent: Equatable, Sendable { case whole, top }

/// The emails of one booking, for its details box: loaded when the box opens or follows the
/// cursor (`.loadMessages`), and again with every reload while it is open.
public struct BookingEmails: Equatable, Sendable {
    /// Whose messages `messages` are; nil before any was loaded.
    public var booking: BookingID?
    public var messages: [OutboxItem]

    public init(booking: BookingID? = nil, messages: [OutboxItem] = []) {
        self.booking = booking
        self.messages = messages
    }

    /// The first failed message of `booking`, the one `e` sends again.
    public func failed(of booking: BookingID) -> OutboxItem? {
        self.booking == booking ? messages.first { $0.state == .failed } : nil
    }
}

/// The visible part of the bookings list: the store pages it (100,000 bookings never load
/// whole), the view asks for another window when its filter or scroll position changes.
public struct BookingWindow: Equatable, Sendable {
    public var search: String
    public var offset: Int
    public var rows: [Booking]
    public var total: Int
    /// True when `total` stopped at the filter cap: there are more matches than listed.
    public var capped = false
    /// Only the bookings of the booking pages the viewer owns (the view's "mine").
    public var mine = false

    public init(search: String = "", offset: Int = 0, rows: [Booking] = [], total: Int = 0) {
        self.search = search
        self.offset = offset
        self.rows = rows
        self.total = total
    }
}

/// The breakdowns and one-time funnel of SPEC §1 reports.
public struct ReportData: Equatable, Sendable {
    public var rows: [ReportRow]
    public var funnel: OneTimeFunnel

    public init(rows: [ReportRow], funnel: OneTimeFunnel) {
        self.rows = rows
        self.funnel = funnel
    }

    /// All of it as CSV (the same shape as `linkdesk report --csv`).
    public var csv: String { Reports.csv(rows + funnel.rows) + "\n" }
}

public struct RescheduleSlots: Equatable, Sendable {
    public var bookingID: BookingID
    public var slots: [Date]
    public var timeZone: String

    public init(bookingID: BookingID, slots: [Date], timeZone: String) {
        self.bookingID = bookingID
        self.slots = slots
        self.timeZone = timeZone
    }
}

/// A link opened in the Customer view: what it leads to and what can be booked through it.
public struct CustomerSnapshot: Equatable, Sendable {
    public var url: String
    public var link: Link?
    public var page: Page?
    /// Why this link can't be used (malformed, used, expired, revoked, invalidated, unknown).
    public var refusal: Refusal?
    public var slots: [Slot]

    public init(url: String, link: Link?, page: Page?, refusal: Refusal?, slots: [Slot]) {
        self.url = url
        self.link = link
        self.page = page
        self.refusal = refusal
        self.slots = slots
    }
}
