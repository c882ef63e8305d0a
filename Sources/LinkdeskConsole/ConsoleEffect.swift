import Foundation
import LinkdeskCore

/// What the console asks the runner to do: everything that touches the store, the clipboard or
/// the file system. The runner's performer answers each with a `ConsoleMessage`, which comes back
/// through `ConsoleProgram.receive`.
public enum ConsoleEffect: Equatable, Sendable {
    /// Never reaches the performer: `ConsoleProgram` ends the program on it.
    case quit
    /// Load a fresh snapshot (after a writing effect, when another process changed the store,
    /// on entering Reports); answered by `.reloaded`.
    case reload(ConsoleReload)
    /// Share pop-up's Copy & close: make the link (live for one-time), copy it.
    /// `campaignURL` is the previewed campaign link (merge fields stay literal), nil otherwise.
    case share(page: PageID, personalization: Personalization, oneTime: Bool, token: String, campaignURL: String? = nil)
    case revoke(linkID: String)
    case setRules(master: PageID, ruleType: RuleType)
    case setSlug(page: PageID, slug: String)
    case cancel(booking: BookingID, reason: String?)
    case reschedule(booking: BookingID, start: Date)
    /// Free slots for moving this booking (next 14 days of its own booking page).
    case loadRescheduleSlots(booking: BookingID)
    /// The booking's emails, for its details box; answered by `.messagesLoaded`.
    case loadMessages(booking: BookingID)
    /// Send a failed email again (pending, due now); answered by `.messageResent`.
    case resendMessage(OutboxItem)
    case mark(booking: BookingID, status: BookingStatus)
    /// Load another window of bookings (filter typed, scrolled).
    case loadBookings(search: String, offset: Int, mine: Bool = false)
    /// Customer view: resolve a link and list its slots.
    case openCustomerLink(url: String)
    case book(url: String, event: String, start: Date, form: Personalization)
    case exportReport(path: String)
    /// Copy text that is already made (the Buttons view's HTML snippet); `label` says what it is
    /// in the status line.
    case copyText(String, label: String)
    /// Setup's save: apply the editor's change to the workspace as the store holds it now, check
    /// it and apply it in one transaction (as `workspace apply`); answered by `.setupApplied`.
    case applySetup(SetupForm)
}

extension ConsoleEffect {
    /// Effects that only load data for a view: no reload follows them (nothing in the store
    /// changed), which keeps filter keystrokes fast.
    public var onlyLoads: Bool {
        switch self {
        case .loadBookings, .loadRescheduleSlots, .loadMessages, .openCustomerLink, .copyText, .reload, .quit: true
        default: false
        }
    }
}

/// What a reload loads besides the parts every view shares (workspace, links, activity): the
/// views' own windows, as they are when the reload is asked for.
public struct ConsoleReload: Equatable, Sendable {
    /// The Bookings view's window.
    public var bookingsSearch: String
    public var bookingsOffset: Int
    /// The Bookings view shows only the viewer's own pages' bookings ("mine").
    public var bookingsMine: Bool
    /// Only while Reports is shown (it reads every booking).
    public var report: Bool
    /// The link open in the Customer view.
    public var customerURL: String?
    /// The booking whose free slots the slot picker shows.
    public var rescheduleBooking: BookingID?
    /// The buttons gallery, until it has been read once (`ButtonShelf.isRead`).
    public var buttons: Bool
    /// The booking whose emails the details box shows.
    public var messagesOf: BookingID?

    public init(bookingsSearch: String = "", bookingsOffset: Int = 0, bookingsMine: Bool = false, report: Bool = false,
                customerURL: String? = nil, rescheduleBooking: BookingID? = nil, buttons: Bool = false, messagesOf: BookingID? = nil) {
        self.messagesOf = messagesOf
        self.bookingsSearch = bookingsSearch
        self.bookingsMine = bookingsMine
        self.bookingsOffset = bookingsOffset
        self.report = report
        self.customerURL = customerURL
        self.rescheduleBooking = rescheduleBooking
        self.buttons = buttons
    }
}
