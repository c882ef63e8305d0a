import Foundation
import LinkdeskCore

extension Linkdesk {
    /// One everyday edit (the console's Setup view): `edit` is applied to the workspace as the
    /// store holds it now — not to an older snapshot, so what others changed meanwhile stays —
    /// then checked and applied like `workspace apply` (one transaction, in the activity stream).
    /// A check that fails is refused with its first issue's sentence. Returns false when the edit
    /// changed nothing. The viewer's role must allow each thing the edit changes
    /// (`WorkspacePlan.staffActions`): a member may edit their own page's hours, dates off and
    /// policy here, and nothing else.
    @discardableResult
    public func applyEdit(_ edit: (Workspace) throws -> Workspace) async throws -> Bool {
        let proposed = try edit(try await workspace())
        let plan: WorkspacePlan
        do {
            plan = try await planWorkspace(proposed)
        } catch let invalid as WorkspaceInvalid {
            throw Refusal(invalid.issues.first?.message ?? "the change does not pass the workspace's checks")
        }
        guard !plan.isEmpty else { return false }
        let viewer = try await viewer()
        for action in plan.staffActions { try StaffRules.check(viewer, action) }
        try await apply(plan, by: viewer)
        return true
    }
}
