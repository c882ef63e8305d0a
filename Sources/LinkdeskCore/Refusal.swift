/// A rule said no. `message` is the one line shown to the user; it names the rule so that
/// "why didn't that work?" is answered without reading documentation.
public struct Refusal: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The sentences of SPEC §1, kept in one place so the CLI, the pop-up and tests agree on them.
public enum RuleText {
    public static let oneTimeOnlyDynamic =
        "Only a Master page using Rule-based assignment with Dynamic rules can have one-time links."
    public static let oneTimeUsed = "one-time link already used"
    public static let oneTimeExpired = "one-time link expired"
    public static let oneTimeRevoked = "one-time link revoked"
    public static let oneTimeInvalidated =
        "one-time link no longer works: the master page switched from Dynamic to Static rules"
    public static let rescheduleClosedStatic =
        "rescheduling is closed: the master page now uses Static rules"
    public static let formerLink =
        "this booking was made through a former page link: only staff can change it"
    public static let formRequired =
        "the booking form needs a customer name and a valid email"
}
