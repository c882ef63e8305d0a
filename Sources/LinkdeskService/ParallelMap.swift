import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over the machine's cores, in order: the array is cut into one contiguous slice per
    /// core, each slice mapped on its own thread. For pure, CPU-bound transforms over large
    /// arrays (a batch hashes 100,000 tokens and builds as many URLs); small arrays map in place.
    public func parallelMap<T: Sendable>(minimumPerSlice: Int = 256, _ transform: @escaping @Sendable (Element) -> T) -> [T] {
        // Small arrays first: asking for the core count (ProcessInfo reads /proc and the
        // cgroup limits) cost more than mapping the six pages of the demo workspace.
        let most = count / Swift.max(1, minimumPerSlice)
        guard most > 1 else { return map(transform) }
        let slices = Swift.min(ProcessInfo.processInfo.activeProcessorCount, most)
        guard slices > 1 else { return map(transform) }
        let results = SliceResults<T>(count: slices)
        let source = self
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let lower = source.count * slice / slices, upper = source.count * (slice + 1) / slices
            results.pointer[slice] = source[lower..<upper].map(transform)  // each thread its own slot
        }
        return (0..<slices).flatMap { results.pointer[$0] }
    }
}

/// One slot per slice, written by that slice's thread only.
private final class SliceResults<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<[T]>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: [], count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}
