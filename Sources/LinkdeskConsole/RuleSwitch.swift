import LinkdeskCore

/// The confirmation before a master page's rule type changes (SPEC §1, §2.3).
///
/// Dynamic → Static kills every one-time link generated before, for good, so it says exactly how
/// many live links will stop working (counted from the loaded links at `data.now`) and that
/// switching back does not revive them. Static → Dynamic kills nothing and says so, but names the
/// event types that no rule covers yet: customers can't book those until a rule names a primary
/// team member.
enum RuleSwitch {
    /// nil when the page can switch; otherwise why not (the store would refuse the same way).
    static func refusal(_ master: MasterPage) -> String? {
        guard master.scenario != .ruleBased else { return nil }
        return "\(PageText.name(master.name)) uses \(master.scenario.title): rule types apply to Rule-based assignment only"
    }

    static func target(of master: MasterPage) -> RuleType { master.ruleType == .dynamic ? .static : .dynamic }

    static func confirmation(_ master: MasterPage, data: ConsoleData) -> Confirmation {
        let target = target(of: master)
        let lines = target == .static ? toStatic(master, data: data) : toDynamic(master, data: data)
        return Confirmation(title: "Switch \(PageText.name(master.name)) to \(target.title)?", lines: lines,
                           confirmLabel: "switch to \(target.title)", effect: .setRules(master: master.id, ruleType: target))
    }

    private static func toStatic(_ master: MasterPage, data: ConsoleData) -> [String] {
        let live = PageText.liveLinks(of: master.id, data: data)
        return [
            PageText.count(live, "live one-time link") + (live == 1 ? " stops" : " stop") + " working, for good:"
                + " switching back to Dynamic rules does not bring \(live == 1 ? "it" : "them") back.",
            "Bookings already made through one-time links can still be cancelled, but no longer rescheduled.",
            "Customers are assigned by the global tie between event types and booking pages.",
        ]
    }

    private static func toDynamic(_ master: MasterPage, data: ConsoleData) -> [String] {
        var lines = [
            "Nothing stops working: the public link and existing bookings stay as they are.",
            "Each event type is booked with its rule's primary team member, and one-time links become available."
                + " Links stopped by an earlier switch stay unusable.",
        ]
        let uncovered = master.eventTypeIDs.filter { id in !master.rules.contains { $0.eventTypeID == id } }
        if !uncovered.isEmpty {
            let names = PageText.eventNames(uncovered, data: data).map(PageText.name).joined(separator: ", ")
            lines.append("No rule yet for \(names): customers can't book \(uncovered.count == 1 ? "it" : "them")"
                + " until a rule names a primary team member.")
        }
        return lines
    }
}
