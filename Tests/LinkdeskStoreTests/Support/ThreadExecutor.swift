import Foundation

/// A task executor with a thread of its own, for tests that time a deadline.
///
/// A full suite runs on two cores, and many of its tests wait for child processes or for tmux
/// synchronously, each holding one of the two threads of Swift's cooperative pool for seconds;
/// a task queued there may then not run for minutes (CI saw a task start 120 s late). Jobs of a
/// task that prefers this executor (`withTaskExecutorPreference`, `Task(executorPreference:)`)
/// run here instead, so what the test times is the store's deadline, not the queue.
final class ThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []    // guarded by `condition`

    init(name: String) {
        let thread = Thread { self.loop() }  // the thread keeps its executor alive
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs jobs for the life of the process (a test's executor lives that long: a few of them).
    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
