import LinkdeskCore
import LinkdeskTerminal

/// The Master page overview (SPEC §2.3, the seeds' Figure 1): Share & Publish with the public
/// link and "Generate a one-time link", scenario, rule type, locale, theme, included team members
/// and the event types offered (with each Dynamic rule's primary team member).
///
/// Shows `pageID` (set by Pages' "Master page overview"); when that is nil or not a master page,
/// the first master page. ←/→ step through the master pages; `/` narrows them by name or link.
public struct MasterScreen: ConsoleScreen {
    public var filter = ""
    public var pageID: PageID?
    var warning: ChangeLinkWarning?

    public init() {}

    /// The page whose change-link warning is shown (nil: none).
    public var linkWarningPage: PageID? { warning?.pageID }

    public var capturesTyping: Bool { warning != nil }

    /// The master pages ←/→ step through: all of them, or those matching the filter.
    func masters(_ data: ConsoleData) -> [MasterPage] {
        data.workspace.masterPages.filter {
            filter.isEmpty || $0.name.localizedCaseInsensitiveContains(filter) || $0.slug.localizedCaseInsensitiveContains(filter)
        }
    }

    /// The page on screen: `pageID` if it names a master page, otherwise the first one listed.
    func shown(_ data: ConsoleData) -> MasterPage? {
        if let pageID, let master = data.workspace.masterPages.first(where: { $0.id == pageID }) { return master }
        return masters(data).first ?? data.workspace.masterPages.first
    }

    public func selectedPage(_ data: ConsoleData) -> PageID? { shown(data)?.id }

    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        if let warning, data.workspace.page(id: warning.pageID) != nil { return ChangeLinkWarning.bindings }
        guard let master = shown(data) else { return [] }
        let target = RuleSwitch.target(of: master)
        let single = masters(data).count < 2 ? "there is no other master page" : nil
        return [
            KeyBinding([.char("o"), .char("g")], hint: "one-time", help: PageAction.oneTime.help, action: .oneTimeSelected,
                       disabledReason: Page.master(master).oneTimeRefusal?.message ?? data.roleRefusal(.share), priority: 6),
            KeyBinding(.char("r"), hint: "to \(target == .static ? "Static" : "Dynamic")",
                       help: "Switch to \(target.title) (asks first\(target == .static ? ": one-time links stop working" : ""))",
                       action: .toggleRules, disabledReason: data.roleRefusal(.switchRuleType) ?? RuleSwitch.refusal(master), priority: 5),
            KeyBinding(.char("c"), hint: "change link", help: PageAction.changeLink.help, action: .changeLink,
                       disabledReason: data.roleRefusal(.changeMasterPage), priority: 4),
            KeyBinding([.left, .char("[")], hint: "previous", help: "Show the previous master page", action: .previousMaster,
                       disabledReason: single, priority: 1, showsInHintBar: false),
            KeyBinding([.right, .char("]")], hint: "next", help: "Show the next master page", action: .nextMaster,
                       disabledReason: single, priority: 1),
        ]
    }

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows: Int) -> ConsoleCommand? {
        if let current = warning {
            warning = nil
            return current.perform(action, data: data)
        }
        guard let master = shown(data) else { return nil }
        switch action {
        case .oneTimeSelected:
            if let refusal = Page.master(master).oneTimeRefusal { return .message(refusal.message) }
            return .openShare(page: master.id, oneTime: true)
        case .toggleRules:
            if let refusal = RuleSwitch.refusal(master) { return .message(refusal) }
            return .confirm(RuleSwitch.confirmation(master, data: data))
        case .changeLink: warning = ChangeLinkWarning(pageID: master.id)
        case .previousMaster: step(by: -1, from: master, data: data)
        case .nextMaster: step(by: 1, from: master, data: data)
        default: break
        }
        return nil
    }

    /// Moves to the neighbouring master page in the (filtered) list, wrapping around.
    private mutating func step(by offset: Int, from master: MasterPage, data: ConsoleData) {
        let list = masters(data)
        guard !list.isEmpty else { return }
        let index = list.firstIndex { $0.id == master.id } ?? (offset > 0 ? -1 : 0)
        pageID = list[(index + offset + list.count) % list.count].id
    }

    /// Typing a filter shows the first master page that matches it (the shown one if it still does).
    public mutating func filterChanged(data: ConsoleData) -> ConsoleCommand? {
        let list = masters(data)
        if let shown = shown(data), list.contains(where: { $0.id == shown.id }) { return nil }
        if let first = list.first { pageID = first.id }
        return nil
    }
}
