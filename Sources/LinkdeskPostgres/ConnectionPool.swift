import Dispatch
import Foundation

/// A small pool of libpq connections, each owned by a serial `DispatchQueue` of its own.
///
/// libpq blocks the calling thread for every round trip. The store's protocol is `async`, and
/// a blocked thread of Swift's cooperative pool (one per core) stalls every task of the process,
/// so no libpq call ever runs there: `run` takes a free slot (or waits for one, suspended, never
/// blocking), hops onto that slot's queue with a continuation, runs the blocking work there (a
/// GCD thread, outside the cooperative pool) and resumes the caller with the result. One
/// connection is used by one queue at a time, which is all libpq asks.
///
/// Connections open lazily (a console needs one; a web server up to `size`) and are replaced
/// when found broken (the server restarted), so the store recovers by itself.
final class ConnectionPool: @unchecked Sendable {
    final class Slot: @unchecked Sendable {
        let queue: DispatchQueue
        /// Touched only on `queue`, or by the task holding the slot (`hold`) while `inUse`.
        var connection: PGConnection?
        /// Runs a holding task's jobs on `queue`, so that its round trips need no hand-off.
        let executor: SlotExecutor
        /// Set while a round trip of a holding task runs: two child tasks of one holding task
        /// never use the connection at once (the second takes another slot).
        private let entry = NSLock()
        private var inUse = false
        init(_ n: Int) {
            queue = DispatchQueue(label: "linkdesk.postgres.connection.\(n)")
            executor = SlotExecutor(queue: queue)
        }
        func tryEnter() -> Bool {
            entry.lock()
            defer { entry.unlock() }
            if inUse { return false }
            inUse = true
            return true
        }
        func exit() { entry.lock(); inUse = false; entry.unlock() }
    }

    /// The slot a task holds (`hold`), with the pool it came from.
    struct Held: Sendable {
        let pool: ConnectionPool
        let slot: Slot
    }
    @TaskLocal static var held: Held?

    let size: Int
    /// How long a caller waits for a free connection before the store answers "busy".
    let acquireTimeout: TimeInterval
    private let open: @Sendable () throws -> PGConnection

    private let lock = NSLock()
    private var idle: [Slot] = []        // guarded by `lock`
    private var made = 0                 // guarded by `lock`
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Slot, any Error>)] = []  // guarded by `lock`
    private var nextWaiter: UInt64 = 0   // guarded by `lock`

    init(size: Int, acquireTimeout: TimeInterval, open: @escaping @Sendable () throws -> PGConnection) {
        self.size = max(1, size)
        self.acquireTimeout = acquireTimeout
        self.open = open
    }

    /// Hands a connection that is ready for use (opened, or reopened when broken) to `body`,
    /// on the slot's own queue; inside `hold`, on the held slot, where the task already runs.
    func run<T: Sendable>(_ body: @escaping @Sendable (Slot, () throws -> PGConnection) throws -> T) async throws -> T {
        if let held = Self.held, held.pool === self, held.slot.tryEnter() {
            defer { held.slot.exit() }
            return try body(held.slot) { try self.ready(held.slot) }
        }
        let slot = try await acquire()
        return try await withCheckedThrowingContinuation { continuation in
            slot.queue.async {
                let result = Result { try body(slot) { try self.ready(slot) } }
                self.release(slot)
                continuation.resume(with: result)
            }
        }
    }

    /// Runs `body` holding one slot throughout, on that slot's queue: every round trip it makes
    /// (`run`) is made right there, where a free-standing one hops from Swift's pool to the
    /// slot's queue and back, two thread wake-ups per round trip, which on a busy server cost
    /// more CPU than the round trip itself. For a short unit of work with several round trips
    /// (a booking: its link, then its statement); the slot is nobody else's meanwhile.
    func hold<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if let held = Self.held, held.pool === self { return try await body() }
        let slot = try await acquire()
        defer { release(slot) }
        return try await Self.$held.withValue(Held(pool: self, slot: slot)) {
            try await withTaskExecutorPreference(slot.executor) { try await body() }
        }
    }

    /// The slot's connection, opened again when it was found broken (the server restarted).
    private func ready(_ slot: Slot) throws -> PGConnection {
        if let c = slot.connection, c.stillOpen { return c }
        slot.connection = nil
        let c = try open()
        slot.connection = c
        return c
    }

    /// Puts an open connection (the one the store set up with) in the pool.
    func adopt(_ connection: PGConnection) {
        lock.lock()
        defer { lock.unlock() }
        guard made < size else { return }
        made += 1
        let slot = Slot(made)
        slot.connection = connection
        idle.append(slot)
    }

    private func acquire() async throws -> Slot {
        if let slot = takeOrMake() { return slot }
        return try await withCheckedThrowingContinuation { wait(for: $0) }
    }

    /// A free slot, or a new one while the pool is below `size`.
    private func takeOrMake() -> Slot? {
        lock.lock()
        defer { lock.unlock() }
        if let slot = idle.popLast() { return slot }
        guard made < size else { return nil }
        made += 1
        return Slot(made)
    }

    /// Queues a caller until a slot is released, or fails it after `acquireTimeout`.
    private func wait(for continuation: CheckedContinuation<Slot, any Error>) {
        lock.lock()
        if let slot = idle.popLast() {  // released meanwhile
            lock.unlock()
            continuation.resume(returning: slot)
            return
        }
        nextWaiter += 1
        let id = nextWaiter
        waiters.append((id, continuation))
        lock.unlock()
        let timeout = acquireTimeout
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak self] in
            guard let self else { return }
            self.lock.lock()
            let index = self.waiters.firstIndex { $0.id == id }
            let waiter = index.map { self.waiters.remove(at: $0) }
            self.lock.unlock()
            waiter?.continuation.resume(throwing: PoolBusy(size: self.size, waited: timeout))
        }
    }

    private func release(_ slot: Slot) {
        lock.lock()
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            lock.unlock()
            waiter.continuation.resume(returning: slot)
            return
        }
        idle.append(slot)
        lock.unlock()
    }
}

/// A task executor on a slot's serial queue: a task that prefers it runs its jobs there, one
/// at a time, on the thread that also makes the slot's blocking libpq calls.
final class SlotExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue
    init(queue: DispatchQueue) { self.queue = queue }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// Every connection of the pool stayed busy for the whole wait.
struct PoolBusy: Error {
    let size: Int
    let waited: TimeInterval
}
