import Foundation

/// A screen that a `Program` runs: keys and messages in, effects out, a frame on demand
/// (the Elm architecture; bubbletea's `Model`).
///
/// Nothing in a model touches the terminal, the store or the clock: it asks for effects, the
/// program runs them off the loop's thread, and their results come back as typed `Message`s
/// through `receive`. So a model is a value that tests can drive key by key, and the loop that
/// runs it is the same for every screen.
public protocol ProgramModel {
    /// What the model asks the world to do (store, clipboard, files).
    associatedtype Effect: Sendable
    /// What comes back: an effect's result, a clock tick, a change made by another process.
    associatedtype Message: Sendable
    /// What the program returns when it ends.
    associatedtype Outcome

    /// A key (`.resize` included), on a screen of `size`.
    mutating func handle(_ key: Key, size: ScreenSize) -> [Effect]
    mutating func receive(_ message: Message) -> [Effect]
    func render(into buffer: inout CellBuffer)
    /// Non-nil ends the program with this value.
    var outcome: Outcome? { get }
}

/// The one event loop of every screen (the Share pop-up and the console).
///
/// Single-threaded for ncurses' sake: the thread that calls `run()` is the only one that renders,
/// presents and reads keys. Each iteration it
/// 1. drains the inbox (effect results, messages from `messages`, a due clock tick) into
///    `model.receive`,
/// 2. presents a frame if anything changed,
/// 3. waits at most `pollMilliseconds` for a key and hands it to `model.handle`.
///
/// Every effect runs as its own task through the async `perform`, on threads of the program's
/// own (a task executor), so a slow or busy store never stops the keyboard and a busy shared
/// pool never stops the effects; each result is queued in the lock-protected inbox. Ticks come
/// from the loop's clock, not from idle keyboard timeouts, so a model that refreshes on ticks
/// refreshes however fast the user types.
///
/// Results come back in the order effects finish, not the order they were asked for: a model
/// that can have two of a kind in flight (two filter loads) drops the stale one itself.
public final class Program<Model: ProgramModel>: @unchecked Sendable {
    public typealias Perform = @Sendable (Model.Effect) async -> Model.Message

    /// A message delivered every `milliseconds`, whatever the keyboard does.
    public struct Tick {
        public var milliseconds: Int
        public var message: Model.Message
        public init(every milliseconds: Int, _ message: Model.Message) {
            self.milliseconds = milliseconds
            self.message = message
        }
    }

    /// The model as it is now (after `run` returned: as it ended).
    public private(set) var model: Model
    /// The longest wait for a key before the inbox is looked at again.
    public var pollMilliseconds = 25
    private let backend: any TerminalBackend
    private let perform: Perform
    private let messages: AsyncStream<Model.Message>?
    private let tick: Tick?
    private let startEffects: [Model.Effect]
    private let inbox = Inbox<Model.Message>()

    /// - Parameters:
    ///   - perform: runs one effect (off the loop's thread) and says how it went.
    ///   - messages: messages from outside (changes made by other processes); drained like
    ///     effect results.
    ///   - tick: a clock message, e.g. for a model that refreshes on a clock.
    ///   - effects: effects to start with (a load of what the first frame did not need), started
    ///     once that frame is presented: started before it, they took the cores it was drawn on.
    public init(model: Model, backend: any TerminalBackend, perform: @escaping Perform,
                messages: AsyncStream<Model.Message>? = nil, tick: Tick? = nil, effects: [Model.Effect] = []) {
        self.model = model
        self.backend = backend
        self.perform = perform
        self.messages = messages
        self.tick = tick
        self.startEffects = effects
    }

    /// Runs the loop on the calling thread until the model has an outcome. Throws what the
    /// backend throws (the terminal went away). Effects still running then finish unobserved.
    public func run() throws -> Model.Outcome {
        // Outside messages and the effects to start with begin once the first frame is up: its
        // cores go to drawing it, and the threads they run on are made then (a stream keeps
        // what comes meanwhile).
        var forwarding: Task<Void, Never>?
        defer { forwarding?.cancel() }
        var started = false
        let clock = ContinuousClock()
        var nextTick = tick.map { clock.now + .milliseconds($0.milliseconds) }
        var dirty = true
        while true {
            for message in inbox.drain() {
                start(model.receive(message))
                dirty = true
            }
            if let due = nextTick, let tick, clock.now >= due {
                nextTick = clock.now + .milliseconds(tick.milliseconds)
                start(model.receive(tick.message))
                dirty = true
            }
            if let outcome = model.outcome { return outcome }
            if dirty {
                let size = backend.size
                var buffer = CellBuffer(width: size.width, height: size.height)
                model.render(into: &buffer)
                backend.present(buffer)
                dirty = false
                if !started {
                    started = true
                    forwarding = messages.map { stream in
                        spawn { [inbox] in
                            for await message in stream { inbox.push(message) }
                        }
                    }
                    start(startEffects)
                }
            }
            var wait = pollMilliseconds
            if let due = nextTick {
                let left = clock.now.duration(to: due).components
                wait = max(0, min(wait, Int(left.seconds) * 1_000 + Int(left.attoseconds / 1_000_000_000_000_000)))
            }
            guard let key = try backend.readKey(timeoutMilliseconds: wait) else { continue }
            start(model.handle(key, size: backend.size))
            dirty = true
        }
    }

    /// `run()` on a thread of its own, for async callers (and tests): the loop blocks its
    /// thread, which must not be one of the few that run tasks, or effects would wait for it.
    public func runOnThread() async throws -> Model.Outcome where Model.Outcome: Sendable {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Model.Outcome, any Error>) in
            let thread = Thread { [self] in
                continuation.resume(with: Result { try self.run() })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func start(_ effects: [Model.Effect]) {
        for effect in effects {
            spawn { [inbox, perform] in inbox.push(await perform(effect)) }
        }
    }

    /// Threads of the program's own for effects (and for forwarding `messages`): a store call
    /// blocks the thread it runs on, and on a 2-core machine the shared pool has 2 threads, which
    /// anything else blocking (a test suite, a subprocess wait) would take from the effects.
    /// Made at the first spawn (after the first frame; never for a pop-up closed without one),
    /// which only the loop's thread does.
    private var threads: AnyObject?

    @discardableResult
    private func spawn(_ operation: sending @escaping () async -> Void) -> Task<Void, Never> {
        if #available(macOS 15.0, *) {
            let executor = threads as? EffectThreads ?? EffectThreads(count: 3)
            threads = executor
            return Task(executorPreference: executor, operation: operation)
        }
        return Task.detached(operation: operation)
    }

    deinit {
        if #available(macOS 15.0, *), let threads = threads as? EffectThreads { threads.stop() }
    }
}

/// A task executor over a few threads of its own, sharing one queue of jobs.
@available(macOS 15.0, *)
final class EffectThreads: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init(count: Int) {
        // Never freed: a task keeps its executor preference as an unowned reference, and an
        // effect that sleeps (a retry's pause) can be enqueued here after its program, and every
        // thread of this executor, are gone; the runtime would then call a freed object (a
        // crash seen once in CI). What stays is this small object; its threads end at `stop()`.
        _ = Unmanaged.passRetained(self)
        for index in 0..<count {
            let thread = Thread { [self] in work() }
            thread.name = "linkdesk effects \(index + 1)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else {
            // An effect still running when its program ended: finish it on a thread of its own.
            Thread { job.runSynchronously(on: self.asUnownedTaskExecutor()) }.start()
            return
        }
        jobs.append(job)
        condition.signal()
    }

    /// The threads end once the queue is empty.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            guard !jobs.isEmpty else {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Messages waiting for the loop; pushed from any thread.
final class Inbox<Message: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Message] = []

    func push(_ message: Message) {
        lock.lock()
        waiting.append(message)
        lock.unlock()
    }

    func drain() -> [Message] {
        lock.lock()
        defer { lock.unlock() }
        let all = waiting
        waiting = []
        return all
    }
}
