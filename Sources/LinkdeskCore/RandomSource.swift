/// Where tokens get their randomness. Production uses the system's secure source
/// (`SystemRandomNumberGenerator` reads getrandom(2) on Linux); tests pass a seeded one.
public protocol RandomSource: Sendable {
    func next() -> UInt64
}

public struct SystemRandomSource: RandomSource {
    public init() {}
    public func next() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }
}

/// Adapts a `RandomSource` to the standard library so `Int.random(in:using:)` does the
/// unbiased range reduction.
struct RandomSourceGenerator: RandomNumberGenerator {
    let source: any RandomSource
    mutating func next() -> UInt64 { source.next() }
}
