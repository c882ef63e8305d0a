import CLibpq
import Foundation
import LinkdeskService

extension PostgresStore {
    /// Every statement that writes a row sends `NOTIFY linkdesk` (triggers, `PostgresSchema`), which
    /// the server delivers when the transaction commits, to every session listening, on any
    /// machine. One listener per store (its own connection and thread) fans out to the streams.
    ///
    /// The first `changes()` of a store blocks its caller until `LISTEN` is in place (one round
    /// trip, bounded by `connect_timeout`, as the SQLite store's first read of `data_version`
    /// is), so a commit made right after it returns is not missed. When the listening connection
    /// drops, notifications sent meanwhile are lost: the streams get `.unavailable` once, and
    /// `.changed` when the listener is back, so that the caller reloads.
    public func changes() -> AsyncStream<StoreEvent> {
        listener.subscribe()
    }
}

/// The thread that listens on its own connection and tells every subscribed stream.
final class ChangeListener: @unchecked Sendable {
    static let channel = "linkdesk"
    /// How long a failed listener waits before connecting again.
    static let retryInterval: TimeInterval = 0.5

    private let url: String
    private let open: @Sendable () throws -> PGConnection
    private let lock = NSLock()
    private var subscribers: [UInt64: AsyncStream<StoreEvent>.Continuation] = [:]  // guarded by `lock`
    private var nextID: UInt64 = 0   // guarded by `lock`
    private var running = false      // guarded by `lock`

    init(url: String, open: @escaping @Sendable () throws -> PGConnection) {
        self.url = url
        self.open = open
    }

    func subscribe() -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream<StoreEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        lock.lock()
        nextID += 1
        let id = nextID
        subscribers[id] = continuation
        let start = !running
        running = true
        lock.unlock()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.lock()
            self.subscribers[id] = nil
            self.lock.unlock()
        }
        if start {
            let ready = DispatchSemaphore(value: 0)
            let thread = Thread { [self] in self.listen(ready: ready) }
            thread.name = "linkdesk.postgres.listen"
            thread.start()
            ready.wait()
        }
        return stream
    }

    private func broadcast(_ event: StoreEvent) {
        lock.lock()
        let targets = Array(subscribers.values)
        lock.unlock()
        targets.forEach { $0.yield(event) }
    }

    /// Runs until no stream is left (checked every poll, under the lock that `subscribe` takes,
    /// so a new stream either sees this thread running or starts another).
    private func listen(ready: DispatchSemaphore) {
        var connection: PGConnection?
        var signalled = false
        var down = false
        func signal() { if !signalled { signalled = true; ready.signal() } }
        defer { signal() }
        while true {
            lock.lock()
            if subscribers.isEmpty {
                running = false
                lock.unlock()
                return
            }
            lock.unlock()

            if connection == nil {
                do {
                    let c = try open()
                    try c.script("LISTEN \(Self.channel)")
                    connection = c
                    if down { broadcast(.changed) }  // what was missed meanwhile
                    down = false
                } catch {
                    let message = (error as? StoreError)?.message
                        ?? (error as? PostgresError).map { "lost the connection to PostgreSQL: \($0.message)" } ?? "\(error)"
                    if !down { broadcast(.unavailable(message)) }
                    down = true
                    signal()
                    Thread.sleep(forTimeInterval: Self.retryInterval)
                    continue
                }
                signal()
            }
            guard let c = connection else { continue }
            var poller = pollfd(fd: pq.PQsocket(c.raw), events: Int16(POLLIN), revents: 0)
            let polled = poll(&poller, 1, 200)
            if polled < 0 && errno == EINTR { continue }
            if polled > 0 || !c.isOK {
                if pq.PQconsumeInput(c.raw) == 0 || !c.isOK {
                    let reason = PGConnection.reason(pq.PQerrorMessage(c.raw))
                    connection = nil
                    down = true
                    broadcast(.unavailable("lost the connection to PostgreSQL at \(c.place): \(reason)"))
                    continue
                }
            }
            var notified = false
            while let notice = pq.PQnotifies(c.raw) {
                notified = true
                pq.PQfreemem(notice)
            }
            if notified { broadcast(.changed) }
        }
    }
}
