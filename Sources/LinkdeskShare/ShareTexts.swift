import LinkdeskCore

/// The words of the pop-up, from the seeds' dialog, kept together so screens and tests agree.
public enum ShareTexts {
    public static let title = "Share a booking link"
    public static let selectPage = "Select a Booking page"
    public static let personalize = "Personalize link"
    public static let oneTime = "One-time link"
    public static let customerName = "Customer name"
    public static let customerEmail = "Customer email"
    public static let showForm = "Show booking form"
    public static let cancel = "Cancel"
    public static let copy = "Copy & close"
    public static let campaign = "Campaign"
    public static let campaignNone = "None"
    public static let campaignOneTime = "One link for every recipient: the first to book uses it up."

    public static let personalizeInfo = """
        Adds the customer's name and email to the link. With both known, the customer skips the \
        booking form and only picks a time; turn on "Show booking form" to show it prefilled (skip=0).
        """
    public static let oneTimeInfo = """
        Good for one booking only: once used, the link stops working, so it can't be booked twice \
        or passed on. Unused links expire after 90 days. \(Refusal.Reason.oneTimeOnlyDynamic.sentence)
        """
}
