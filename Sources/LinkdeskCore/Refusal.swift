/// A rule said no. `reason` says which rule, with its details, and is what front ends decide on
/// (the site's status and page, the CLI's flag hints); `message`, the one line shown to the user,
/// is derived from it and names the rule, so that "why didn't that work?" is answered without
/// reading documentation. No code classifies a refusal by its text.
public struct Refusal: Error, Equatable, CustomStringConvertible, Sendable {
    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    /// A malformed or unknown value that every front end shows as it is and none tells apart
    /// (a bad slug, a page name that matches nothing, a duration out of range): the sentence is
    /// the whole reason. A rule that any front end answers differently gets a case of its own.
    public init(_ message: String) { reason = .input(message) }

    public var message: String { reason.sentence }
    public var description: String { message }

    /// True when the link itself leads nowhere now: the site answers all of these with one 404.
    public var isDeadLink: Bool {
        if case .deadLink = reason { return true }
        return false
    }
}

extension Refusal {
    /// Which rule refused, with what it needs to say why.
    public enum Reason: Equatable, Sendable {
        /// The link leads nowhere now (SPEC §5: one and the same 404 on the site).
        case deadLink(DeadLink)
        /// A one-time link was asked of a page that can't have one (SPEC §1).
        case oneTimeOnlyDynamic
        /// A booking needs a customer name and a valid email (the site answers 422).
        case formRequired
        case timePassed
        case slotTaken
        /// The time is busy in the staff member's own calendar (it may have become so after the
        /// page was shown: a sync ran meanwhile).
        case busyInCalendar
        /// The time is outside every candidate's availability.
        case notASlot
        /// The customer's change window or policy: the sentence says which.
        case changeClosed(String)
        case rescheduleClosedStatic
        case formerLink
        /// The slug is another page's (`by` its name, when the rule knew it; `slug` nil when only the store knew).
        case slugTaken(slug: String?, by: String?)
        /// The change policy asks for a reason (`verb`: "cancel" or "reschedule").
        case reasonRequired(verb: String)
        /// The page offers several event types and none was named.
        case eventTypeRequired(offered: [String])
        /// Uses or an expiry were given for a link that is not one-time.
        case oneTimeOptionsWithoutOneTime
        /// A day count for a slot query outside 1…366.
        case slotDays(Int)
        /// Someone else changed the same thing at the same moment; nothing was changed.
        case concurrentChange
        /// The same booking request (idempotency key) was made before.
        case repeatedRequest
        /// The viewer's role does not allow the action (`StaffRules`).
        case notAllowed(StaffAction, role: StaffRole)
        /// The login is not a staff member of a workspace that has staff (`Viewer.resolve`).
        case notStaff(login: String)
        /// A staff list with members but no administrator (`StaffRules.checkStaffList`).
        case staffWithoutAdministrator
        /// The first staff list does not name its maker as an administrator.
        case firstStaffWithoutYou(login: String)
        /// Booking emails are off: no mail server is configured.
        case notificationsOff
        /// The start is sooner than the page's minimum notice (`SchedulingControls`).
        case insideMinimumNotice(minutes: Int)
        /// The start is further out than the page's booking horizon.
        case beyondHorizon(days: Int)
        /// The member's day is full (the page's daily limit).
        case dailyLimitReached(limit: Int)
        /// The booking waits for the customer's confirmation by email (no reschedule before).
        case awaitingConfirmation
        /// The hold lapsed before the customer confirmed: the slot was freed.
        case holdLapsed
        /// The confirmation link's code is not this booking's.
        case confirmationInvalid
        /// Only a failed message can be sent again (`id`: the outbox row).
        case messageNotFailed(id: Int64)
        /// See `Refusal.init(_ message:)`.
        case input(String)

        /// Names as a sentence lists them: "A", "B".
        public static func quoted(_ names: [String]) -> String {
            names.map { "\"\($0)\"" }.joined(separator: ", ")
        }

        /// The one line shown to the user, with no front end's vocabulary (no flags, no keys).
        public var sentence: String {
            switch self {
            case .deadLink(let dead): dead.sentence
            case .oneTimeOnlyDynamic: "Only a Master page using Rule-based assignment with Dynamic rules can have one-time links."
            case .formRequired: "the booking form needs a customer name and a valid email"
            case .timePassed: "that time has passed: pick a future slot"
            case .slotTaken: "that slot is already taken"
            case .busyInCalendar: "that time is no longer free: it is busy in the staff member's calendar, pick another slot"
            case .notASlot: "that time is not a slot inside the page's availability"
            case .changeClosed(let sentence): sentence
            case .rescheduleClosedStatic: "rescheduling is closed: the master page now uses Static rules"
            case .formerLink: "this booking was made through a former page link: only staff can change it"
            case .slugTaken(let slug, let name):
                (slug.map { "the link \($0)" } ?? "that link") + " is taken by " + (name.map { "\"\($0)\"" } ?? "another page")
            case .reasonRequired(let verb): "the policy requires a reason to \(verb)"
            case .eventTypeRequired(let offered): "choose an event type: " + Self.quoted(offered)
            case .oneTimeOptionsWithoutOneTime: "uses and an expiry apply to one-time links only"
            case .slotDays(let days):
                "a slot query covers \(SlotFinder.dayRange.lowerBound) to \(SlotFinder.dayRange.upperBound) days, not \(days)"
            case .concurrentChange: "someone else changed this at the same moment: nothing was changed, try again"
            case .repeatedRequest: "this booking request was already made: nothing was booked twice"
            case .notAllowed(let action, let role): action.refusal(for: role)
            case .staffWithoutAdministrator: "the staff list must keep an administrator"
            case .firstStaffWithoutYou(let login):
                "add yourself (\"\(login)\") as an administrator first: once there is staff, only staff members can use this workspace"
            case .notStaff(let login):
                "\"\(login)\" is not a staff member of this workspace: an administrator can add them"
            case .notificationsOff: "booking emails are off: no mail server is configured (LINKDESK_SMTP_URL)"
            case .insideMinimumNotice(let minutes):
                "that time is too soon: this page takes bookings at least \(DurationText.describe(minutes: minutes)) ahead"
            case .beyondHorizon(let days): "that time is too far ahead: this page takes bookings up to \(days) days ahead"
            case .dailyLimitReached(let limit): "that day is full: this page takes at most \(limit) booking\(limit == 1 ? "" : "s") a day"
            case .awaitingConfirmation: "this booking waits for its confirmation by email: confirm it first"
            case .holdLapsed: "this booking was not confirmed in time, and its time was freed: please book again"
            case .confirmationInvalid: "this confirmation link is not this booking's: use the link from the email"
            case .messageNotFailed(let id): "message \(id) has not failed: only a failed message can be sent again"
            case .input(let sentence): sentence
            }
        }
    }

    /// Why a link leads nowhere.
    public enum DeadLink: Equatable, Sendable {
        case used, expired, revoked, invalidated
        /// The page's slug changed; this is a former one.
        case formerSlug
        /// No one-time link with this token was ever made here.
        case unknownOneTime
        /// No page has this slug.
        case unknownPage(slug: String)
        /// The one-time link's master page was deleted.
        case masterGone
        /// A manage or calendar token that matches nothing.
        case unknownToken

        public var sentence: String {
            switch self {
            case .used: "one-time link already used"
            case .expired: "one-time link expired"
            case .revoked: "one-time link revoked"
            case .invalidated: "one-time link no longer works: the master page switched from Dynamic to Static rules"
            case .formerSlug: "this page link was changed and no longer works: ask for the new link"
            case .unknownOneTime: "unknown one-time link: it was never generated here (or mistyped)"
            case .unknownPage(let slug): "no page at the link \"\(slug)\""
            case .masterGone: "the master page of this one-time link no longer exists"
            case .unknownToken: "unknown link: it was never made here (or mistyped)"
            }
        }

        /// True for a link that worked once and stopped (the console says "can no longer be used").
        public var died: Bool {
            switch self {
            case .used, .expired, .revoked, .invalidated, .formerSlug: true
            case .unknownOneTime, .unknownPage, .masterGone, .unknownToken: false
            }
        }
    }
}
