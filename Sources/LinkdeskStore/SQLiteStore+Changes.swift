import Foundation
import GRDB
import LinkdeskService

extension SQLiteStore {
    /// SQLite has no notifications across processes: `PRAGMA data_version` on one connection of
    /// our own changes whenever any other connection (another process, or this process's writer)
    /// commits, so polling it every `changePollInterval` is cheap and never misses a change. The
    /// first reading is taken before this returns, so a change made right after counts.
    public func changes() -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream<StoreEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let path = self.path
        let probe = try? DatabaseQueue(path: path, configuration: Self.configuration(readOnly: true))
        let first = try? probe?.read { try Int64.fetchOne($0, sql: "PRAGMA data_version") }
        let task = Task.detached {
            var seen = first
            var failing = false
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.changePollInterval)
                do {
                    guard let probe else { throw StoreError("cannot watch \(path) for changes") }
                    let now = try await probe.read { try Int64.fetchOne($0, sql: "PRAGMA data_version") }
                    if failing || now != seen { continuation.yield(.changed) }
                    seen = now
                    failing = false
                } catch {
                    if !failing {
                        let message = (error as? DatabaseError).map { Self.storeError($0, path: path).message }
                            ?? (error as? StoreError)?.message ?? "\(error)"
                        continuation.yield(.unavailable(message))
                    }
                    failing = true
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
