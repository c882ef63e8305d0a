import LinkdeskService
import Testing

/// The cache both stores keep their workspace in: a hit only at the version it was read at.
@Suite("versioned cache")
struct VersionedCacheTests {
    @Test("nothing kept: a miss; kept: a hit at its version only; kept again: the new one")
    func versions() {
        let cache = VersionedCache<Int64, String>()
        #expect(cache.value(at: 1) == nil)
        cache.keep("one", at: 1)
        #expect(cache.value(at: 1) == "one")
        #expect(cache.value(at: 2) == nil)
        cache.keep("two", at: 2)
        #expect(cache.value(at: 2) == "two")
        #expect(cache.value(at: 1) == nil, "one version kept at a time")
    }

    @Test("shared by concurrent tasks: every read is a value kept at the version asked for")
    func concurrent() async {
        let cache = VersionedCache<Int, String>()
        await withTaskGroup(of: Void.self) { group in
            for version in 0..<200 {
                group.addTask {
                    cache.keep("v\(version)", at: version)
                    if let value = cache.value(at: version) { #expect(value == "v\(version)") }
                }
            }
        }
    }
}
