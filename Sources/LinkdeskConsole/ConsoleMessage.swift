import Foundation
import LinkdeskCore

/// How an effect went, or what happened outside: typed results that come back through
/// `ConsoleProgram.receive` (bubbletea's `Msg`). Each effect has its own answer, so nothing has
/// to find out from a bag of optional fields which effect a result belongs to.
public enum ConsoleMessage: Sendable {
    /// Another process changed the store (the runner's watcher says so), or the store is back
    /// after `changeCheckFailed`: reload.
    case storeChanged
    /// The store can't be reached (its changes can't be checked): the status line says so until
    /// the next `storeChanged`.
    case changeCheckFailed(String)
    /// `.reload`: a fresh snapshot.
    case reloaded(ConsoleData)
    /// `.share`: the link is made (live, for one-time); `copied` says where it went (the clipboard
    /// report's words); `nextToken` is for the next Share pop-up, as this one's token is used now.
    case linkShared(url: String, copied: String, nextToken: String)
    case revoked(linkID: String)
    case rulesChanged(RuleType, stoppedLinks: Int)
    /// `.setSlug`: the page's new link.
    case slugChanged(url: String)
    case bookingCanceled(Booking)
    case bookingMoved(Booking)
    case bookingMarked(Booking, BookingStatus)
    /// `.book`, from the Customer view.
    case booked(Booking)
    case rescheduleSlotsLoaded(RescheduleSlots)
    /// `.loadMessages`: one booking's emails.
    case messagesLoaded(booking: BookingID, [OutboxItem])
    /// `.resendMessage`: the message is pending again.
    case messageResent(OutboxItem)
    case bookingsLoaded(BookingWindow)
    /// `.openCustomerLink`: what the link leads to, or why it can't be used.
    case customerLinkOpened(CustomerSnapshot)
    /// `.exportReport`: the file written.
    case reportExported(path: String)
    /// `.copyText`: `copied` is the clipboard report, `label` what was copied.
    case textCopied(label: String, copied: String)
    /// `.applySetup`: applied; `summary` says what changed ("nothing changed" when the edit was
    /// already so).
    case setupApplied(summary: String)
    /// The effect failed (a refusal, a store error); `reason` is for the user.
    case failed(ConsoleEffect, reason: String)
}
