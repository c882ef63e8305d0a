import LinkdeskCore

/// Every key action of the console. One enum for all views keeps key bindings one type, so the
/// tab line, hint bar and `?` overlay are generated the same way everywhere.
public enum ConsoleAction: Equatable, Sendable {
    // Global
    case switchTo(ViewID), share, help, quit, back, filter
    /// A number key: the view it stands for on the tab line (`ViewID(key:)`).
    case switchByNumber
    // Lists
    case up, down, pageUp, pageDown, top, bottom, open
    // Pages and master page overview
    case shareSelected, oneTimeSelected, changeLink, toggleRules
    /// Pages: open a master page's overview; overview: show the previous / next master page.
    case openOverview, previousMaster, nextMaster
    // One-time links
    case revoke
    // Bookings
    case cancelBooking, rescheduleBooking, markCompleted, markNoShow
    /// Bookings, details open: send the booking's failed email again.
    case resendEmail
    /// Bookings: "mine / all" (the bookings of the viewer's own booking pages, or every one).
    case toggleMine
    /// Esc while a view's own panel (details, slot picker) is open: closes it instead of going back.
    case closePanel
    // Reports
    case exportCSV, nextDimension
    // Customer view
    case enterLink, useRecentLink, book
    /// Customer view: Esc goes back one step of the booking flow; start over after a booking.
    case stepBack, startOver
    // Buttons
    /// Buttons: link the snippet to the previous / next page; copy the selected button's HTML.
    case previousPage, nextPage, copyButton
    // Setup
    /// Setup: open an editor; in an editor: save, switch a toggle row, pick a choice row's value.
    case setupEdit(SetupEdit), saveSetup, toggleRow, nextChoice, previousChoice
}

/// What a view asks the console to do after a key.
public enum ConsoleCommand: Equatable, Sendable {
    case effect(ConsoleEffect)
    /// Open the Share pop-up preset to a page (nil: the first page), One-time on or off.
    case openShare(page: PageID?, oneTime: Bool)
    case confirm(Confirmation)
    case prompt(PromptState)
    case switchTo(ViewID)
    case openMaster(PageID)
    case message(String)
}

/// A yes/no question before something that can't be undone (SPEC §2.3: switching rules kills
/// one-time links; changing a link kills the former one).
public struct Confirmation: Equatable, Sendable {
    public var title: String
    public var lines: [String]
    public var confirmLabel: String
    public var effect: ConsoleEffect

    public init(title: String, lines: [String], confirmLabel: String, effect: ConsoleEffect) {
        self.title = title
        self.lines = lines
        self.confirmLabel = confirmLabel
        self.effect = effect
    }
}
