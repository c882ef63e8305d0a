import Foundation
import LinkdeskTerminal
import Testing

/// The shared loop, driven through `TestBackend` with a tiny model: keys in, effects run by an
/// async performer, typed messages back, frames out.
@Suite("Program: the one loop")
struct ProgramTests {
    /// Counts keys; `s` asks for a slow effect, `f` for a fast one; `q` quits with the count.
    struct Counter: ProgramModel {
        enum Effect: Sendable { case slow, fast }
        enum Message: Sendable { case done(String), tick, outside(String) }
        var keys = 0
        var ticks = 0
        var log: [String] = []
        var outcome: Int?

        mutating func handle(_ key: Key, size: ScreenSize) -> [Effect] {
            switch key {
            case .char("q"): outcome = keys
            case .char("s"): return [.slow]
            case .char("f"): return [.fast]
            case .resize: log.append("resize \(size.width)x\(size.height)")
            default: keys += 1
            }
            return []
        }

        mutating func receive(_ message: Message) -> [Effect] {
            switch message {
            case .done(let what): log.append(what)
            case .tick: ticks += 1
            case .outside(let what): log.append("outside: " + what)
            }
            return []
        }

        func render(into buffer: inout CellBuffer) {
            buffer.write("keys \(keys)", x: 0, y: 0)
            for (row, line) in log.suffix(buffer.height - 1).enumerated() { buffer.write(line, x: 0, y: row + 1) }
        }
    }

    static let perform: @Sendable (Counter.Effect) async -> Counter.Message = { effect in
        switch effect {
        case .slow:
            try? await Task.sleep(for: .milliseconds(800))
            return .done("slow done")
        case .fast: return .done("fast done")
        }
    }

    @Test("keys go in, an effect's message comes back through receive, frames come out")
    func roundTrip() async throws {
        let backend = TestBackend(size: ScreenSize(width: 20, height: 5),
                                  script: [.key(.char("a")), .key(.char("f")), .waitFor(text: "fast done"), .key(.char("q"))])
        let program = Program(model: Counter(), backend: backend, perform: Self.perform)
        let keys = try await program.runOnThread()
        #expect(keys == 1)
        #expect(backend.frames.first?.lines().first == "keys 0", "a first frame before any key")
        #expect(backend.screen.prefix(2) == ["keys 1", "fast done"])
    }

    @Test("the effects to start with start once the first frame is presented, not before it")
    func startEffectsAfterFirstFrame() async throws {
        let backend = TestBackend(size: ScreenSize(width: 30, height: 5),
                                  script: [.waitFor(text: "frames when started: 1"), .key(.char("q"))])
        // The effect says how many frames had been presented when it started.
        let perform: @Sendable (Counter.Effect) async -> Counter.Message = { _ in .done("frames when started: \(backend.frames.count)") }
        let program = Program(model: Counter(), backend: backend, perform: perform, effects: [.fast])
        _ = try await program.runOnThread()
        #expect(backend.frames.first?.lines().first == "keys 0")
    }

    @Test("a slow effect does not hold up the keys typed after it")
    func slowEffectDoesNotBlockKeys() async throws {
        let backend = TestBackend(size: ScreenSize(width: 20, height: 5),
                                  script: [.key(.char("s"))] + TestBackend.type("abcde") + [.waitFor(text: "slow done"), .key(.char("q"))])
        let program = Program(model: Counter(), backend: backend, perform: Self.perform)
        #expect(try await program.runOnThread() == 5)
        let typed = try #require(backend.firstFrame { $0.first == "keys 5" })
        let done = try #require(backend.firstFrame { $0.contains("slow done") })
        #expect(typed.at < done.at, "the five keys were handled while the effect ran")
        #expect(typed.at - backend.keyTimes[0] < .milliseconds(400), "the keys did not wait for the 800 ms effect")
        #expect(!typed.lines.contains("slow done"))
    }

    @Test("ticks come on the clock while keys keep coming")
    func ticksWhileTyping() async throws {
        // A key every 30 ms for 600 ms: the keyboard is never idle for a 100 ms tick.
        let typing = (0..<20).flatMap { _ in [TestBackend.Step.key(.char("x")), .pause(milliseconds: 30)] }
        let backend = TestBackend(script: typing + [.key(.char("q"))])
        let program = Program(model: Counter(), backend: backend, perform: Self.perform, tick: .init(every: 100, .tick))
        #expect(try await program.runOnThread() == 20)
        #expect(program.model.ticks >= 3, "\(program.model.ticks) ticks in about 600 ms of typing")
    }

    @Test("messages from outside are delivered like effect results")
    func outsideMessages() async throws {
        let (stream, continuation) = AsyncStream<Counter.Message>.makeStream()
        let backend = TestBackend(size: ScreenSize(width: 30, height: 5),
                                  script: [.key(.char("a")), .run { continuation.yield(.outside("changed")) },
                                           .waitFor(text: "outside: changed"), .key(.char("q"))])
        let program = Program(model: Counter(), backend: backend, perform: Self.perform, messages: stream)
        #expect(try await program.runOnThread() == 1)
    }

    @Test("a resize is a key; the next frame has the new size")
    func resize() async throws {
        let backend = TestBackend(size: ScreenSize(width: 20, height: 5),
                                  script: [.resize(ScreenSize(width: 30, height: 6)), .waitFor(text: "resize 30x6"), .key(.char("q"))])
        let program = Program(model: Counter(), backend: backend, perform: Self.perform)
        _ = try await program.runOnThread()
        #expect(backend.frames.last?.width == 30 && backend.frames.last?.height == 6)
    }

    @Test("the end of the script closes the input: the loop throws instead of hanging")
    func scriptEnds() async throws {
        let program = Program(model: Counter(), backend: TestBackend(script: [.key(.char("a"))]), perform: Self.perform)
        await #expect(throws: TerminalError.self) { try await program.runOnThread() }
    }
}
