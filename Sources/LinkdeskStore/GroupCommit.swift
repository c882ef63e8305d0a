import Foundation
import GRDB

/// Group commit: writes that arrive while a transaction is committing wait, then run together in
/// the next transaction, each in a savepoint of its own, so that one fsync makes them all durable.
/// With `synchronous = FULL` a commit costs an fsync (milliseconds), and the booking site's
/// concurrent bookings would otherwise queue one fsync each.
///
/// What each write keeps: it runs alone inside its savepoint, after every earlier write of the
/// batch, so its conditional updates and checks (one-time use left, member's time free) see
/// theirs exactly as if they had committed just before; a write that throws rolls back only its
/// own savepoint and gets its own error; and no write's caller hears of success before the
/// transaction holding it has committed (a commit that fails fails every write of the batch,
/// none of which was then stored). An SQLite error other than a constraint (disk full, I/O) may
/// have spoiled the transaction: it fails the whole batch.
final class GroupCommit: @unchecked Sendable {
    /// At most this many writes share one transaction (a batch holds the write lock for as long
    /// as its writes take).
    static let maxBatch = 64

    private struct Job {
        let run: (Database) throws -> Void
        let finish: (Error?) -> Void
    }

    private let lock = NSLock()
    private var pending: [Job] = []  // guarded by `lock`
    private var draining = false     // guarded by `lock`
    private let thread = DispatchQueue(label: "linkdesk group commit")

    /// Runs `body` in the next batch on `queue`; returns once that batch committed.
    func write<T: Sendable>(on queue: @escaping @Sendable () throws -> DatabaseQueue,
                            _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            var outcome: Result<T, Error>?
            let job = Job(run: { db in
                do {
                    var value: T?
                    try db.inSavepoint {
                        value = try body(db)
                        return .commit
                    }
                    outcome = value.map { .success($0) }
                } catch let error as DatabaseError where error.resultCode != .SQLITE_CONSTRAINT {
                    throw error  // the transaction may be spoiled: the batch fails
                } catch {
                    outcome = .failure(error)
                }
            }, finish: { commitError in
                if let commitError {
                    continuation.resume(throwing: commitError)
                } else if let outcome {
                    continuation.resume(with: outcome)
                } else {
                    continuation.resume(throwing: StoreCommitError.notRun)
                }
            })
            lock.lock()
            pending.append(job)
            let start = !draining
            draining = true
            lock.unlock()
            if start { thread.async { self.drain(queue) } }
        }
    }

    /// Under load — the last batch had more than one write — the next batch waits this long
    /// for more writers before it starts (PostgreSQL's `commit_delay`): the writers just answered
    /// come back with their next write within a millisecond or two, and would otherwise wait for
    /// a whole fsync behind a half-empty batch. A lone write never waits.
    static let commitDelay: TimeInterval = 0.002

    /// Runs batches until no write is waiting.
    private func drain(_ queue: () throws -> DatabaseQueue) {
        var lastBatch = 0
        while true {
            if lastBatch > 1 {
                let deadline = Date().addingTimeInterval(Self.commitDelay)
                while Date() < deadline {
                    lock.lock()
                    let waiting = pending.count
                    lock.unlock()
                    if waiting >= Self.maxBatch { break }
                    usleep(250)
                }
            }
            lock.lock()
            let batch = Array(pending.prefix(Self.maxBatch))
            pending.removeFirst(batch.count)
            if batch.isEmpty { draining = false }
            lock.unlock()
            if batch.isEmpty { return }
            lastBatch = batch.count
            var failure: Error?
            do {
                try queue().write { db in
                    for job in batch { try job.run(db) }
                }
            } catch {
                failure = error
            }
            for job in batch { job.finish(failure) }
        }
    }
}

/// A grouped write whose batch ended before reaching it (it cannot happen: every job of a
/// committed batch ran; kept so that no caller could ever wait forever).
enum StoreCommitError: Error {
    case notRun
}
