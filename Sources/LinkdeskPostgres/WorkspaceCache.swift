import Foundation
import LinkdeskCore

/// The workspace a store read last, with the `workspace_version` it read it at. Equal versions
/// mean the same pages and event types (every write to them bumps the version in its own
/// transaction), so the cached one is used while the version stays; any other version reads
/// afresh. Shared by the store's tasks, hence the lock.
final class WorkspaceCache: @unchecked Sendable {
    private let lock = NSLock()
    private var version: Int64?        // guarded by `lock`
    private var kept: Workspace?       // guarded by `lock`

    func workspace(at version: Int64) -> Workspace? {
        lock.withLock { self.version == version ? kept : nil }
    }

    func keep(_ workspace: Workspace, at version: Int64) {
        lock.withLock {
            self.version = version
            kept = workspace
        }
    }
}
