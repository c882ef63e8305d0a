import Foundation
import LinkdeskCore
import Testing

@Suite("One-time tokens")
struct TokenTests {
    @Test("the alphabet is upper-case alphanumeric without 0 O 1 I L")
    func alphabet() {
        let alphabet = Set(Token.alphabet)
        #expect(alphabet.count == Token.alphabet.count, "no repeated symbol")
        for ambiguous in "0O1IL" { #expect(!alphabet.contains(ambiguous)) }
        #expect(Token.alphabet.allSatisfy { ("A"..."Z").contains($0) || ("2"..."9").contains($0) })
        #expect(alphabet == Set("23456789ABCDEFGHJKMNPQRSTUVWXYZ"))
    }

    @Test("length 13 and at least 60 bits")
    func strength() {
        #expect(Token.length == 13)
        #expect(Token.bits >= 60)
        #expect(abs(Token.bits - 13 * log2(31.0)) < 1e-9)
    }

    @Test("generated tokens are well formed and 100,000 of them are all different")
    func systemTokensUnique() {
        let source = SystemRandomSource()
        var seen = Set<String>()
        var symbolCounts: [Character: Int] = [:]
        var malformed: [String] = []
        for _ in 0..<100_000 {
            let token = Token.generate(using: source)
            if token.count != Token.length || !Token.isWellFormed(token) { malformed.append(token) }
            seen.insert(token)
            for c in token { symbolCounts[c, default: 0] += 1 }
        }
        #expect(malformed.isEmpty)
        #expect(seen.count == 100_000)
        // Every symbol is used, about equally (expected ≈ 41,935 each; σ ≈ 200).
        #expect(Set(symbolCounts.keys) == Set(Token.alphabet))
        let expected = Double(100_000 * Token.length) / Double(Token.alphabet.count)
        for (symbol, count) in symbolCounts {
            #expect(abs(Double(count) - expected) < expected * 0.05, "symbol \(symbol) appears \(count) times")
        }
    }

    /// Tokens are built from bytes now; a link made before must read the same, so the draws and
    /// symbols must be exactly those of the `Character`-based construction.
    @Test("for 500 seeds, the same token as the Character-based construction")
    func sameAsCharacters() {
        struct Draws: RandomNumberGenerator {
            let source: SeededSource
            mutating func next() -> UInt64 { source.next() }
        }
        for seed in UInt64(0)..<500 {
            var draws = Draws(source: SeededSource(seed: seed))
            let expected = String((0..<Token.length).map { _ in
                Token.alphabet[Int.random(in: 0..<Token.alphabet.count, using: &draws)]
            })
            #expect(Token.generate(using: SeededSource(seed: seed)) == expected)
        }
    }

    @Test("a seeded source gives the same token twice, another seed another token")
    func seeded() {
        let a = Token.generate(using: SeededSource(seed: 42))
        let b = Token.generate(using: SeededSource(seed: 42))
        let c = Token.generate(using: SeededSource(seed: 43))
        #expect(a == b)
        #expect(a != c)
        #expect(Token.isWellFormed(a))
        #expect(Token.linkID(using: SeededSource(seed: 7)) == Token.linkID(using: SeededSource(seed: 7)))
        // Consecutive tokens from one source differ.
        let source = SeededSource(seed: 42)
        #expect(Token.generate(using: source) != Token.generate(using: source))
    }

    @Test("isWellFormed", arguments: [
        ("ABCDEFGHJKMNP", true), ("23456789ABCDE", true), ("ZZZZZZZZZZZZZ", true),
        ("ABCDEFGHJKMN", false), ("ABCDEFGHJKMNPQ", false), ("", false),
        ("abcdefghjkmnp", false), ("ABCDEFGHJKMN0", false), ("ABCDEFGHJKMNO", false),
        ("ABCDEFGHJKMN1", false), ("ABCDEFGHJKMNI", false), ("ABCDEFGHJKMNL", false),
        ("ABCDEFGHJKMN-", false), ("ABCDEFGHJKMN ", false), ("ABCDEFGHJKMNÉ", false),
    ])
    func wellFormed(token: String, expected: Bool) {
        #expect(Token.isWellFormed(token) == expected)
    }

    @Test("hash is lower-case hex SHA-256 of the token, deterministic, different per token")
    func hash() {
        let h = Token.hash("ABCDEFGHJKMNP")
        #expect(h == "19232357cf033a2b0734194272a79e92ab96bb2ec4302be8d1626b3be7531a4c")
        #expect(Token.hash("23456789ABCDE") == "c6a76f15010e5445a56a0932dfbe6b4443d54814196f14d186d4670fe314face")
        #expect(h.count == 64)
        #expect(h.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) })
        #expect(Token.hash("ABCDEFGHJKMNP") == h)
        #expect(Token.hash("ABCDEFGHJKMNQ") != h)
        #expect(!h.contains("ABCDEFGHJKMNP"))
        let source = SeededSource(seed: 1)
        let hashes = Set((0..<1000).map { _ in Token.hash(Token.generate(using: source)) })
        #expect(hashes.count == 1000)
        #expect(hashes.allSatisfy { $0.count == 64 })
    }

    @Test("link ids are ot- plus 6 lower-case symbols and never pass as a token")
    func linkIDs() {
        let source = SystemRandomSource()
        let symbols = Set("23456789abcdefghjkmnpqrstuvwxyz")
        for _ in 0..<2000 {
            let id = Token.linkID(using: source)
            #expect(id.hasPrefix("ot-"))
            #expect(id.count == 9)
            #expect(id.dropFirst(3).allSatisfy { symbols.contains($0) })
            #expect(!Token.isWellFormed(id))
            #expect(!Token.isWellFormed(id.uppercased()))
            #expect(!Token.isWellFormed(String(id.dropFirst(3))))
        }
    }
}
