import Foundation
import GRDB
import LinkdeskService

extension SQLiteStore {
    /// SQLite has no notifications across processes: `PRAGMA data_version` on one connection of
    /// our own changes whenever any other connection (another process, or this process's writer)
    /// commits, so polling it every `changePollInterval` is cheap and never misses a change. The
    /// first reading is taken before this returns, so a change made right after counts.
    ///
    /// The poll runs on a thread of its own, not as a task: on a 2-core machine the shared pool
    /// has two threads, and anything blocking them (a busy test suite, a synchronous store call)
    /// would otherwise delay the news past the second it is promised within.
    public func changes() -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream<StoreEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let path = self.path
        let probe = ChangeProbe(path: path, configuration: Self.configuration(readOnly: true))
        let version: @Sendable () throws -> Int64? = { try probe.dataVersion() }
        let first = try? version()
        let stop = ChangePollStop()
        let interval = TimeInterval(Self.changePollInterval.components.attoseconds) / 1e18
            + TimeInterval(Self.changePollInterval.components.seconds)
        let thread = Thread {
            var seen = first
            var failing = false
            while !stop.requested {
                Thread.sleep(forTimeInterval: interval)
                if stop.requested { break }
                do {
                    let now = try version()
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
        thread.name = "linkdesk store changes"
        thread.start()
        continuation.onTermination = { _ in stop.request() }
        return stream
    }
}

/// Tells a change-poll thread to end (its stream's consumer went away).
final class ChangePollStop: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var requested: Bool { lock.lock(); defer { lock.unlock() }; return flag }
    func request() { lock.lock(); flag = true; lock.unlock() }
}

/// The change poll's own read-only connection, opened again on the next poll when opening failed
/// (the file was gone or locked for a moment): a console whose first open failed would otherwise
/// say "store unavailable" until it was restarted.
final class ChangeProbe: @unchecked Sendable {
    private let path: String
    private let configuration: Configuration
    private let lock = NSLock()
    private var queue: DatabaseQueue?  // guarded by `lock`

    init(path: String, configuration: Configuration) {
        self.path = path
        self.configuration = configuration
    }

    func dataVersion() throws -> Int64? {
        lock.lock()
        defer { lock.unlock() }
        if queue == nil {
            guard let opened = try? DatabaseQueue(path: path, configuration: configuration) else {
                throw StoreError("cannot watch \(path) for changes")
            }
            queue = opened
        }
        return try queue?.read { try Int64.fetchOne($0, sql: "PRAGMA data_version") }
    }
}
