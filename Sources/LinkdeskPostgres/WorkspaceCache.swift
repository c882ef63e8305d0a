import LinkdeskCore
import LinkdeskService

/// The workspace this store read last, by the `workspace_version` (migration 4) it read it at.
typealias WorkspaceCache = VersionedCache<Int64, Workspace>
