import Foundation

/// The last value a store read, kept with the version it was read at and handed out again only
/// for that same version. Both stores keep their workspace this way: decoding every page's
/// configuration is most of what a workspace read costs, and the database bumps a version
/// (`workspace_version`, by triggers in the same transaction) on every change to a page or an
/// event type, whoever makes it. Equal versions mean the same value; any other version misses.
///
/// Shared by a store's concurrent tasks, hence the lock; `Mutex` would need macOS 15.
public final class VersionedCache<Version: Equatable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var version: Version?  // guarded by `lock`
    private var kept: Value?       // guarded by `lock`

    public init() {}

    /// The value kept at `version`; nil when none is, or when it was read at another version.
    public func value(at version: Version) -> Value? {
        lock.withLock { self.version == version ? kept : nil }
    }

    /// Keeps `value`, read at `version`, in place of whatever was kept.
    public func keep(_ value: Value, at version: Version) {
        lock.withLock {
            self.version = version
            kept = value
        }
    }
}
