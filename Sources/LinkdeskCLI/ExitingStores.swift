import Foundation
import LinkdeskService
import LinkdeskStore

/// The stores this process opened, held until it exits. A command ends by closing their
/// connections just before `exit` (the SQLite writer's close still checkpoints the WAL) instead
/// of releasing them: GRDB's deinitialisers unregister notification observers, which set up
/// NotificationCenter only to tear it down — a tenth of `linkdesk pages --json` (issue 8).
enum ExitingStores {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var stores: [any LinkStore] = []

    static func keep(_ store: any LinkStore) {
        lock.withLock { stores.append(store) }
    }

    /// Closes every SQLite store's connections; PostgreSQL's close with the process.
    static func close() {
        lock.withLock {
            for case let store as SQLiteStore in stores { store.closeForExit() }
        }
    }
}
