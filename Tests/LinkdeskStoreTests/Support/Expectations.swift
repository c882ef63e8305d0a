import Foundation
import LinkdeskCore
import LinkdeskService
import Testing

/// Expects `body` to be refused by a rule whose message equals (`exact`) or contains `text`.
func expectRefusal<T>(_ text: String, exact: Bool = false, sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: () async throws -> T) async {
    do {
        let value = try await body()
        Issue.record("expected the refusal \"\(text)\", but it went through: \(value)", sourceLocation: sourceLocation)
    } catch let refusal as Refusal {
        if exact {
            #expect(refusal.message == text, sourceLocation: sourceLocation)
        } else {
            #expect(refusal.message.contains(text), "expected \"\(text)\" in \"\(refusal.message)\"",
                    sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a Refusal \"\(text)\", got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
}

/// Expects `body` to be refused by the store itself with `conflict`.
func expectConflict<T>(_ conflict: StoreConflict, sourceLocation: SourceLocation = #_sourceLocation,
                       _ body: () async throws -> T) async {
    do {
        let value = try await body()
        Issue.record("expected the store conflict .\(conflict), but it went through: \(value)", sourceLocation: sourceLocation)
    } catch let error as StoreConflict {
        #expect(error == conflict, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected StoreConflict.\(conflict), got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
}

/// Runs `body` `count` times concurrently, each racer with what its own `setup` made (its own
/// store, i.e. its own connection), all set up before any starts; returns what each returned or
/// threw, in racer order.
func race<Setup: Sendable, Output: Sendable>(
    _ count: Int, setup: (Int) async throws -> Setup,
    _ body: @escaping @Sendable (Int, Setup) async throws -> Output
) async throws -> [Result<Output, any Error>] {
    var prepared: [Setup] = []
    for i in 0..<count { prepared.append(try await setup(i)) }
    let gate = StartGate(count)
    return try await withThrowingTaskGroup(of: (Int, Result<Output, any Error>).self) { group in
        for (i, value) in prepared.enumerated() {
            group.addTask {
                await gate.arrive()
                do { return (i, .success(try await body(i, value))) } catch { return (i, .failure(error)) }
            }
        }
        var results: [Int: Result<Output, any Error>] = [:]
        for try await (i, result) in group { results[i] = result }
        return (0..<count).map { results[$0]! }
    }
}

/// Holds every racer until all of them have arrived, so that they start together.
actor StartGate {
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let count: Int
    init(_ count: Int) { self.count = count }

    func arrive() async {
        if waiting.count + 1 == count {
            waiting.forEach { $0.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// True when `stream` yields within `limit`, false when it does not (or ends first).
func yields(_ stream: AsyncStream<StoreEvent>, within limit: Duration) async -> Bool {
    await withTaskGroup(of: Bool.self) { group in
        group.addTask {
            for await event in stream where event == .changed { return true }
            return false
        }
        group.addTask {
            try? await Task.sleep(for: limit)
            return false
        }
        let first = await group.next() ?? false
        group.cancelAll()
        return first
    }
}

/// Runs `body` on `count` threads that start together (each after its own `setup`), and returns
/// what each returned or threw, in thread order. For synchronous work only (opening a SQLite
/// file); everything async races with `race`.
func runTogether<Setup, Output: Sendable>(
    _ count: Int, setup: @escaping @Sendable (Int) throws -> Setup,
    _ body: @escaping @Sendable (Int, Setup) throws -> Output
) -> [Result<Output, any Error>] {
    let box = ResultBox<Output>()
    let ready = DispatchSemaphore(value: 0)
    let go = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for i in 0..<count {
        done.enter()
        Thread.detachNewThread {
            let prepared = Result { try setup(i) }
            ready.signal()
            go.wait()
            box.put(i, prepared.flatMap { value in Result { try body(i, value) } })
            done.leave()
        }
    }
    for _ in 0..<count { ready.wait() }
    for _ in 0..<count { go.signal() }
    done.wait()
    return (0..<count).map { box.results[$0]! }
}

/// Results collected from several threads.
final class ResultBox<Output>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [Int: Result<Output, any Error>] = [:]
    func put(_ i: Int, _ r: Result<Output, any Error>) { lock.lock(); results[i] = r; lock.unlock() }
}

/// `store.changes()`, once the stream had time to take its bearings (`settle`): what commits
/// after this returns must make it yield.
func subscribed(_ store: any LinkStore, settle: Duration = .milliseconds(400)) async -> AsyncStream<StoreEvent> {
    let stream = store.changes()
    try? await Task.sleep(for: settle)
    return stream
}
