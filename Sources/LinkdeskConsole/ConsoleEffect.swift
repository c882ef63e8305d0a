import Foundation
import LinkdeskCore

/// What the console asks the runner to do: everything that touches the store, the clipboard or
/// the file system. The runner answers with `EffectResult` and a fresh `ConsoleData`.
public enum ConsoleEffect: Equatable, Sendable {
    case quit
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
    case mark(booking: BookingID, status: BookingStatus)
    /// Load another window of bookings (filter typed, scrolled).
    case loadBookings(search: String, offset: Int)
    /// Customer view: resolve a link and list its slots.
    case openCustomerLink(url: String)
    case book(url: String, event: String, start: Date, form: Personalization)
    case exportReport(path: String)
    /// Copy text that is already made (the Buttons view's HTML snippet); `label` says what it is
    /// in the status line.
    case copyText(String, label: String)
}

extension ConsoleEffect {
    /// Effects that only load data for a view: the runner skips its full reload after them
    /// (nothing in the store changed), which keeps filter keystrokes fast.
    public var onlyLoads: Bool {
        switch self {
        case .loadBookings, .loadRescheduleSlots, .openCustomerLink, .copyText: true
        default: false
        }
    }
}

/// How an effect went, for the status line (and, for Share, the URL made).
public struct EffectResult: Equatable, Sendable {
    public var message: String
    public var failed: Bool
    /// The URL made by a `.share` effect; the Customer view offers it.
    public var url: String?
    /// The booking made by a `.book` effect.
    public var booking: Booking?

    public init(message: String, failed: Bool = false, url: String? = nil, booking: Booking? = nil) {
        self.message = message
        self.failed = failed
        self.url = url
        self.booking = booking
    }
}
