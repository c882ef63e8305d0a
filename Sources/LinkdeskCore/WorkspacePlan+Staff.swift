/// What a workspace change asks of the role of whoever applies it (SPEC §8), so that the
/// console's Setup view lets a member change their own page's hours, dates off and policy —
/// and nothing else — through the same plan an administrator's edits go through.
extension WorkspacePlan {
    /// Every action the plan takes, once each, in the order found: event types and pages
    /// added or removed, and any other change than these, ask `.applyWorkspace`; a booking
    /// page's hours, dates off or policy `.editPage` of its owner; its link `.changeSlug`; a
    /// master page's rule type alone `.switchRuleType`, anything else of it `.changeMasterPage`.
    public var staffActions: [StaffAction] {
        var actions: [StaffAction] = []
        func add(_ action: StaffAction) { if !actions.contains(action) { actions.append(action) } }
        if base.eventTypes != proposed.eventTypes { add(.applyWorkspace) }
        for page in proposed.pages {
            guard let old = base.page(id: page.id) else { add(.applyWorkspace); continue }
            guard old != page else { continue }
            switch (old, page) {
            case (.booking(let was), .booking(let now)):
                if was.slug != now.slug { add(.changeSlug(ownerLogin: was.ownerLogin)) }
                if was.availability != now.availability || was.policy != now.policy { add(.editPage(ownerLogin: was.ownerLogin)) }
                var rest = was
                rest.slug = now.slug
                rest.availability = now.availability
                rest.policy = now.policy
                if rest != now { add(.applyWorkspace) }  // name, owner, time zone, event types
            case (.master(let was), .master(let now)):
                var rest = was
                rest.ruleType = now.ruleType
                add(rest == now ? .switchRuleType : .changeMasterPage)
            default:
                add(.applyWorkspace)
            }
        }
        if base.pages.contains(where: { proposed.page(id: $0.id) == nil }) { add(.applyWorkspace) }
        return actions
    }
}

extension WorkspacePlan {
    /// The one booking page the plan changes, when that is all it does (same event types, same
    /// pages, no rule switch): it can be applied as that page's own change.
    public var singleBookingPageChange: (page: Page, previous: Page)? {
        guard base.eventTypes == proposed.eventTypes, base.pages.map(\.id) == proposed.pages.map(\.id) else { return nil }
        let changed = proposed.pages.filter { base.page(id: $0.id) != $0 }
        guard changed.count == 1, let page = changed.first, case .booking = page,
              let previous = base.page(id: page.id), case .booking = previous else { return nil }
        return (page, previous)
    }
}
