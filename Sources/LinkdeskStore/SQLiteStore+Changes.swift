import Foundation
import GRDB
import LinkdeskService

extension SQLiteStore {
    /// SQLite has no notifications across processes: `PRAGMA data_version` on one connection of
    /// our own changes whenever any other connection (another process, or this process's writer)
    /// commits, so polling it every `changePollInterval` is cheap and never misses a change.
    public func changes() -> AsyncStream<Void> {
        let path = self.path
        return AsyncStream { continuation in
            let task = Task {
                guard let probe = try? DatabaseQueue(path: path, configuration: Self.configuration(readOnly: true)),
                      var seen = try? await probe.read({ try Int64.fetchOne($0, sql: "PRAGMA data_version") }) else {
                    continuation.finish()
                    return
                }
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.changePollInterval)
                    guard let now = try? await probe.read({ try Int64.fetchOne($0, sql: "PRAGMA data_version") }) else { continue }
                    if now != seen {
                        seen = now
                        continuation.yield()
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
