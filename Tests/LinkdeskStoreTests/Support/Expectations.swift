import Foundation
import LinkdeskCore
import Testing

/// Expects `body` to be refused by a rule whose message equals (`exact`) or contains `text`.
func expectRefusal<T>(_ text: String, exact: Bool = false, sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: () throws -> T) {
    do {
        let value = try body()
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

/// Runs `body` on `count` threads that start together (each after its own `setup`), and returns
/// what each returned or threw, in thread order.
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
