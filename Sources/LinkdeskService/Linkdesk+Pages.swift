import Foundation
import LinkdeskCore

extension Linkdesk {
    /// SPEC §1: the former link dies at once, with no redirect; it is remembered only so that a
    /// customer who follows it is told why, and so bookings made through it can be recognised.
    /// Returns the page with its new link.
    @discardableResult
    public func setSlug(page id: PageID, to slug: String) async throws -> Page {
        try await deciding({
            let now = self.now
            let workspace = try await store.workspace()
            guard let page = workspace.page(id: id) else { throw Refusal("unknown page #\(id)") }
            // A master page has no owner: its link is an administrator's, as the rest of it is.
            try await authorize(page.kind == .master ? .changeMasterPage : .changeSlug(ownerLogin: workspace.bookingPage(id: id)?.ownerLogin))
            let renamed = try PageRules.renamed(page, to: slug, in: workspace)
            let (former, name) = (page.slug, page.name)
            _ = try await store.updatePage(PageChange(page: renamed, previous: page, at: now, keepsFormerSlug: true) { _ in
                [PageRules.slugChangedEvent(page: name, from: former, to: renamed.slug, at: now)]
            })
            return renamed
        }, reason: { conflict in
            conflict == .slugTaken ? .slugTaken(slug: slug, by: nil) : Self.reason(conflict)
        })
    }

    /// SPEC §1: Dynamic → Static makes every one-time link generated before unusable, for good
    /// (switching back does not revive them). Returns how many live links stopped working.
    public func setRuleType(master id: PageID, to ruleType: RuleType) async throws -> Int {
        try await authorize(.switchRuleType)
        return try await deciding {
            let now = self.now
            let page = try await store.workspace().page(id: id)
            // `switched` refuses a missing page or a booking page; nil: it has that rule type already.
            guard let switched = try PageRules.switched(page, to: ruleType), let previous = page,
                  let from = previous.ruleType else { return 0 }
            let name = switched.name
            return try await store.updatePage(PageChange(
                page: .master(switched), previous: previous, at: now, invalidatesOneTimeLinks: from == .dynamic) { stopped in
                PageRules.ruleSwitchEvents(page: name, from: from, to: ruleType, at: now, stopped: from == .dynamic ? stopped : nil)
            })
        }
    }
}
