import Foundation

/// Which team member (booking page) gets a booking made through a page (SPEC §1).
public enum Assignment {
    /// The booking pages that could take `event` through `page`, in preference order.
    /// - Dynamic rules: only the rule's primary team member.
    /// - Static rules and pooled availability: every member offering the event (the global tie
    ///   between event types and booking pages), in the master page's member order.
    public static func candidates(for page: Page, event: EventTypeID, in workspace: Workspace) throws(Refusal) -> [BookingPage] {
        switch page {
        case .booking(let booking):
            guard booking.eventTypeIDs.contains(event) else {
                throw Refusal("\"\(booking.name)\" does not offer that event type")
            }
            return [booking]
        case .master(let master):
            guard master.eventTypeIDs.contains(event) else {
                throw Refusal("\"\(master.name)\" does not offer that event type")
            }
            if master.scenario == .ruleBased && master.ruleType == .dynamic {
                guard let rule = master.rules.first(where: { $0.eventTypeID == event }),
                      let primary = workspace.bookingPage(id: rule.primaryPageID) else {
                    throw Refusal("dynamic rules of \"\(master.name)\" name no primary team member for that event type")
                }
                return [primary]
            }
            let members = master.memberIDs.compactMap(workspace.bookingPage(id:)).filter { $0.eventTypeIDs.contains(event) }
            guard !members.isEmpty else {
                throw Refusal("no team member of \"\(master.name)\" offers that event type")
            }
            return members
        }
    }
}
