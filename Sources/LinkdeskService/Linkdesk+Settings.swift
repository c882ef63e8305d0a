import Foundation
import LinkdeskCore

/// The workspace's own settings (`WorkspaceSettings`): read by everyone (the sender needs the
/// sender address), changed by an administrator.
extension Linkdesk {
    public func settings() async throws -> WorkspaceSettings {
        try WorkspaceSettings(values: try await store.settings())
    }

    /// Refuses a settings change before anything else is applied (`workspace apply`).
    public func checkSettingsChange() async throws {
        try await authorize(.changeSettings)
    }

    /// Stores `proposed` (set values replaced, unset ones removed) in one transaction, recorded
    /// in the activity; nothing is written when nothing changes. An administrator's action.
    public func saveSettings(_ proposed: WorkspaceSettings) async throws {
        try await authorize(.changeSettings)
        let current = try await settings()
        let lines = current.changes(to: proposed)
        guard !lines.isEmpty else { return }
        var changes: [String: String?] = [:]
        for name in WorkspaceSettings.Name.allCases where current.values[name] != proposed.values[name] {
            changes[name.rawValue] = .some(proposed.values[name])
        }
        try await store.saveSettings(changes, events: lines.map {
            ActivityEvent(at: now, actor: .staff, kind: .workspaceChanged, subject: "settings", detail: $0)
        })
    }
}
