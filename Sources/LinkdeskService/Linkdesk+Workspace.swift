import Foundation
import LinkdeskCore

/// A proposed workspace has problems (`WorkspaceCheck`); nothing was applied. Each issue carries
/// its place in the model so a file layer can report line and column.
public struct WorkspaceInvalid: Error, Equatable, Sendable, CustomStringConvertible {
    public let issues: [WorkspaceIssue]
    public init(_ issues: [WorkspaceIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

extension Linkdesk {
    /// The plan that turns today's workspace into `proposed`: checks it whole (throws
    /// `WorkspaceInvalid` listing every issue), numbers new things (ids ≤ 0: see
    /// `Workspace.assigningIDs`), and counts what the change touches (live bookings of removed
    /// pages, one-time links a rule switch kills). Writes nothing.
    /// A booking page proposed without an id (the Setup view's new page, a file's entry without
    /// `id:`) and with no minimum notice of its own gets the workspace's `new-page-minimum-notice`
    /// (a new workspace's 4 hours): a hand-written file applies the same way each time, and the
    /// Setup view's edits of existing pages, which carry their ids, never add it.
    /// `settings`: the settings the same change makes (a file's `site:`), when it makes any.
    public func planWorkspace(_ proposed: Workspace, settings given: WorkspaceSettings? = nil) async throws -> WorkspacePlan {
        let current = try await store.workspace()
        let issues = WorkspaceCheck.issues(in: proposed, against: current)
        guard issues.isEmpty else { throw WorkspaceInvalid(issues) }
        let settings: WorkspaceSettings
        if let given { settings = given } else { settings = try await self.settings() }
        let numbered = settings.withNewPageDefaults(proposed).withoutStaleEventScheduling().assigningIDs(after: current)
        return WorkspacePlan(base: current, proposed: numbered, usage: try await store.workspaceUsage(at: now))
    }

    /// Applies a plan in one transaction. Refuses a plan with blockers (each one's sentence), and
    /// one made against a workspace that changed since (someone else applied or edited first:
    /// plan again). Returns how many live one-time links stopped working, by master page.
    /// Applying a workspace file is an administrator's action (SPEC §8).
    @discardableResult
    public func applyWorkspace(_ plan: WorkspacePlan) async throws -> [PageID: Int] {
        return try await apply(plan, by: try await authorize(.applyWorkspace))
    }

    /// `applyWorkspace` once `viewer`'s role was checked.
    func apply(_ plan: WorkspacePlan, by viewer: Viewer) async throws -> [PageID: Int] {
        if let blocker = plan.blockers.first { throw Refusal(blocker.message) }
        guard !plan.isEmpty else { return [:] }
        let now = self.now
        if let (page, previous) = plan.singleBookingPageChange, viewer.role != .administrator {
            // A member's edit of their own page (the Setup view): the page's own compare-and-set,
            // which locks that row alone — a member's login may not lock the configuration tables
            // as a whole replacement does (`PostgresRoles`). What others changed meanwhile on
            // other pages does not concern it; an administrator's plan is still refused whole.
            do {
                _ = try await store.updatePage(PageChange(page: page, previous: previous, at: now,
                                                          keepsFormerSlug: page.slug != previous.slug) { _ in
                    plan.events(at: now, stopped: [:])
                })
                return [:]
            } catch StoreConflict.stale {
                throw Refusal("the workspace changed since this plan was made (someone else applied or edited it): nothing was changed, plan again")
            } catch StoreConflict.slugTaken {
                throw Refusal("a link in this plan was taken meanwhile: nothing was changed, plan again")
            }
        }
        let change = WorkspaceReplacement(
            base: plan.base, workspace: plan.proposed, at: now,
            formerSlugs: plan.formerSlugs.map { FormerSlugNote(pageID: $0.page, slug: $0.slug) },
            invalidatesOneTimeLinks: plan.invalidatesOneTimeLinks,
            events: { stopped in plan.events(at: now, stopped: stopped) })
        do {
            return try await store.replaceWorkspace(change)
        } catch StoreConflict.stale {
            throw Refusal("the workspace changed since this plan was made (someone else applied or edited it): nothing was changed, plan again")
        } catch StoreConflict.slugTaken {
            throw Refusal("a link in this plan was taken meanwhile: nothing was changed, plan again")
        }
    }
}
