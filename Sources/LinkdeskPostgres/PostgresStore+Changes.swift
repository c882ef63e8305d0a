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

    /// The change stamp, pushed rather than read: a counter of the notifications this store's
    /// listener received (every committed write of any program sends one) and of its own
    /// commits, so that the booking site's cached page costs no round trip. A page rendered
    /// before a commit is served again only until the commit's notification arrives (on the
    /// same machine or LAN, well under a millisecond); this store's own commits count at once,
    /// so a customer who books or cancels never sees the page as it was. nil while the listener
    /// is not connected (notifications may be missed): the site then renders every page afresh.
    /// The first call starts listening, and waits (one round trip) until `LISTEN` is in place.
    public func changeStamp() async throws -> String? {
        listener.stamp()
    }
}

/// The thread that listens on its own connection and tells every subscribed stream.
final class ChangeListener: @unchecked Sendable {
    static let channel = "linkdesk"
    /// The payload of the notification a change to pages or event types sends besides the plain one.
    static let workspacePayload = "workspace"
    /// How long a failed listener waits before connecting again.
    static let retryInterval: TimeInterval = 0.5

    private let url: String
    private let open: @Sendable () throws -> PGConnection
    private let lock = NSLock()
    private var subscribers: [UInt64: AsyncStream<StoreEvent>.Continuation] = [:]  // guarded by `lock`
    private var nextID: UInt64 = 0   // guarded by `lock`
    private var running = false      // guarded by `lock`
    /// Notifications received and own commits counted; bumped under `lock`.
    private var generation: UInt64 = 0
    /// The same for the pages and event types alone: notifications whose payload is
    /// `workspace` (sent by `linkdesk_workspace_changed`, migration 7) and own commits that
    /// wrote them; bumped under `lock`. A booking does not move it, so the workspace a store
    /// keeps outlives bookings without a round trip per use (`PostgresStore.workspace()`).
    private var workspaceGeneration: UInt64 = 0
    /// True while `LISTEN` is in place on a live connection (guarded by `lock`).
    private var listening = false
    /// Set by the first `stamp()`: the listener then runs with no stream too, until `stop()`.
    private var stamping = false     // guarded by `lock`

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
        if start { startThread() }
        return stream
    }

    /// Starts the listening thread and waits until `LISTEN` is in place (or the first attempt failed).
    private func startThread() {
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in self.listen(ready: ready) }
        thread.name = "linkdesk.postgres.listen"
        thread.start()
        ready.wait()
    }

    /// Ends the listening that `stamp()` started (the store is going away); streams still
    /// subscribed keep it running.
    func stop() {
        lock.withLock { stamping = false }
    }

    /// See `PostgresStore.changeStamp()`.
    func stamp() -> String? {
        lock.lock()
        stamping = true
        let start = !running
        running = true
        lock.unlock()
        if start { startThread() }
        return lock.withLock { listening ? String(generation) : nil }
    }

    /// The workspace's stamp: nil unless `LISTEN` is in place (this never starts the listener:
    /// a one-shot command reads the version row instead, and a server or console has started it).
    func workspaceStamp() -> UInt64? {
        lock.withLock { listening ? workspaceGeneration : nil }
    }

    /// A write of this store's own committed: what it changed is visible to every read from now
    /// on. `workspace`: it may have written pages or event types.
    func committed(workspace: Bool) {
        lock.withLock {
            generation &+= 1
            if workspace { workspaceGeneration &+= 1 }
        }
    }

    private func setListening(_ on: Bool) {
        lock.withLock {
            listening = on
            generation &+= 1
            workspaceGeneration &+= 1
        }
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
            if subscribers.isEmpty && !stamping {
                running = false
                listening = false
                lock.unlock()
                return
            }
            lock.unlock()

            if connection == nil {
                do {
                    let c = try open()
                    try c.script("LISTEN \(Self.channel)")
                    connection = c
                    setListening(true)
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
                    setListening(false)
                    down = true
                    broadcast(.unavailable("lost the connection to PostgreSQL at \(c.place): \(reason)"))
                    continue
                }
            }
            var notified = false, workspace = false
            while let notice = pq.PQnotifies(c.raw) {
                notified = true
                if let payload = notice.pointee.extra, String(cString: payload) == Self.workspacePayload { workspace = true }
                pq.PQfreemem(notice)
            }
            if notified {
                committed(workspace: workspace)  // another program's commit (or ours, counted twice: harmless)
                broadcast(.changed)
            }
        }
    }
}
