import Foundation

/// Staff's changes to pages and links (SPEC §1), as pure checks over what the store loaded, so
/// that every store and every front end refuses them with the same sentence.
public enum PageRules {
    /// The page with its new slug, or why it can't have it. A slug names one page, of either kind.
    public static func renamed(_ page: Page, to rawSlug: String, in workspace: Workspace) throws(Refusal) -> Page {
        let slug = try Slug.validate(rawSlug)
        if let other = workspace.page(slug: slug) {
            if other.id == page.id, other.slug == slug { throw Refusal("\"\(page.name)\" already uses the link \(slug)") }
            if other.id != page.id { throw Refusal(.slugTaken(slug: slug, by: other.name)) }
        }
        switch page {
        case .booking(var p): p.slug = slug; return .booking(p)
        case .master(var p): p.slug = slug; return .master(p)
        }
    }

    /// The master page with its new rule type; nil when it already has it.
    public static func switched(_ page: Page?, to ruleType: RuleType) throws(Refusal) -> MasterPage? {
        guard case .master(var master)? = page else { throw Refusal("rule types belong to master pages only") }
        guard master.scenario == .ruleBased else {
            throw Refusal("\"\(master.name)\" uses \(master.scenario.title): rule types apply to Rule-based assignment only")
        }
        guard master.ruleType != ruleType else { return nil }
        master.ruleType = ruleType
        return master
    }

    /// Only a live link can be revoked; the sentence says what it is instead.
    public static func checkRevocable(_ link: OneTimeLink, now: Date) throws(Refusal) {
        switch link.status(at: now) {
        case .live: return
        case .revoked: throw Refusal("one-time link \(link.linkID) is already revoked")
        case let other: throw Refusal("one-time link \(link.linkID) is \(other.rawValue): there is nothing to revoke")
        }
    }
}

extension PageRules {
    /// The activity of a slug change, whether made by `page set-link` or a workspace file.
    public static func slugChangedEvent(page name: String, from former: String, to slug: String, at now: Date) -> ActivityEvent {
        ActivityEvent(at: now, actor: .staff, kind: .pageLinkChanged, subject: name, detail: "\(former) → \(slug)")
    }

    /// The activity of a rule switch; `stopped` (live one-time links that stopped working) when
    /// the switch invalidates them.
    public static func ruleSwitchEvents(page name: String, from: RuleType, to: RuleType, at now: Date, stopped: Int?) -> [ActivityEvent] {
        var events = [ActivityEvent(at: now, actor: .staff, kind: .ruleTypeChanged, subject: name,
                                    detail: "\(from.title) → \(to.title)")]
        if let stopped { events.append(invalidatedEvent(page: name, stopped: stopped, at: now)) }
        return events
    }

    public static func invalidatedEvent(page name: String, stopped: Int, at now: Date) -> ActivityEvent {
        ActivityEvent(at: now, actor: .staff, kind: .oneTimeInvalidated, subject: name,
                      detail: "\(stopped) live one-time link\(stopped == 1 ? "" : "s") stopped working")
    }
}
