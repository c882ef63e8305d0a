import Foundation
#if canImport(Glibc)
import Glibc
#endif
/// Where tokens get their randomness. Production uses the system's secure source
/// (`SystemRandomWords`); tests pass a seeded one.
public protocol RandomSource: Sendable {
    func next() -> UInt64
}

public struct SystemRandomSource: RandomSource {
    public init() {}
    public func next() -> UInt64 { SystemRandomWords.shared.next() }
}

/// The system's cryptographic generator (/dev/urandom on Linux), drawn 256 words at a time:
/// a token takes 13 words and a booking form's request key 26, and one system call per word
/// was a tenth of the booking site's cost of a page. The words are as good as the
/// generator's; none is handed out twice.
final class SystemRandomWords: @unchecked Sendable {
    static let shared = SystemRandomWords()
    private let lock = NSLock()
    private var words: [UInt64] = []   // guarded by `lock`; the unused ones

    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        if words.isEmpty { words = Self.draw(256) }
        return words.removeLast()
    }

    private static func draw(_ count: Int) -> [UInt64] {
        var fresh = [UInt64](repeating: 0, count: count)
        #if canImport(Glibc)
        // /dev/urandom is getrandom(2)'s pool (Glibc's module does not export getrandom).
        let fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        let complete = fd >= 0 && fresh.withUnsafeMutableBytes { raw -> Bool in
            defer { close(fd) }
            guard let base = raw.baseAddress else { return false }
            var filled = 0
            while filled < raw.count {
                let n = read(fd, base + filled, raw.count - filled)
                if n > 0 { filled += n } else if n == 0 || errno != EINTR { return false }
            }
            return true
        }
        if complete { return fresh }
        #endif
        var generator = SystemRandomNumberGenerator()
        for i in fresh.indices { fresh[i] = generator.next() }
        return fresh
    }
}

/// Adapts a `RandomSource` to the standard library so `Int.random(in:using:)` does the
/// unbiased range reduction.
struct RandomSourceGenerator: RandomNumberGenerator {
    let source: any RandomSource
    mutating func next() -> UInt64 { source.next() }
}
