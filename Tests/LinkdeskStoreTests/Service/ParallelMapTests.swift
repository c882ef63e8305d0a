import LinkdeskService
import Testing

/// `parallelMap` decodes every page of a workspace before a first frame and every row of a
/// batch: it must give exactly `map`'s answer, in order, for any size around its slice limits.
@Suite("parallelMap")
struct ParallelMapTests {
    @Test("the same elements in the same order as map, for sizes around the slice limits", arguments: [0, 1, 63, 64, 127, 128, 129, 1_000, 10_007])
    func sameAsMap(count: Int) {
        let numbers = Array(0..<count)
        #expect(numbers.parallelMap(minimumPerSlice: 64) { $0 * 3 + 1 } == numbers.map { $0 * 3 + 1 })
    }

    @Test("reference-counted results (heap strings) come back whole, none lost or shared")
    func heapValues() {
        let words = (0..<5_000).map { "a string long enough to live on the heap, number \($0)" }
        let mapped = words.parallelMap(minimumPerSlice: 16) { $0 + "!" }
        #expect(mapped.count == words.count)
        #expect(mapped == words.map { $0 + "!" })
    }
}
