import Foundation

/// An in-memory `TerminalBackend` for tests (ratatui's `TestBackend`): it plays a script of keys,
/// pauses, resizes and waits, and keeps every frame presented to it. No ncurses.
///
/// `readKey` returns the script's next key at once; a `.pause` or a `.waitFor` makes it time out
/// (return nil) as a quiet keyboard would, so the loop goes on delivering effect results and
/// ticks meanwhile. When the script is over the input is closed (`TerminalError.inputClosed`),
/// so a test that forgets to quit ends instead of hanging.
///
/// Used from the loop's thread only; read `frames` after the program returned.
public final class TestBackend: TerminalBackend, @unchecked Sendable {
    public enum Step {
        case key(Key)
        /// No key for this long.
        case pause(milliseconds: Int)
        /// The terminal becomes this size; the program gets `.resize`.
        case resize(ScreenSize)
        /// No key until the last frame satisfies the condition (or `waitLimit` passes, which throws
        /// `TestBackend.TimedOut` out of the loop with the screen it was looking at).
        case waitFor(String, @Sendable ([String]) -> Bool)
        /// Runs code on the loop's thread between keys (push a message, change a fake store).
        case run(@Sendable () -> Void)
    }

    /// `waitFor` gave up: what it waited for and the last screen.
    public struct TimedOut: Error, CustomStringConvertible {
        public var waitingFor: String
        public var screen: [String]
        public var description: String { "timed out waiting for \(waitingFor); screen:\n" + screen.joined(separator: "\n") }
    }

    public private(set) var size: ScreenSize
    /// Every frame presented, oldest first.
    public private(set) var frames: [CellBuffer] = []
    /// When each frame was presented (`frames[i]` at `frameTimes[i]`).
    public private(set) var frameTimes: [ContinuousClock.Instant] = []
    /// When each scripted key was handed to the program, in order.
    public private(set) var keyTimes: [ContinuousClock.Instant] = []
    public var waitLimit: Duration = .seconds(10)
    private var script: [Step]
    private var deadline: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    public init(size: ScreenSize = .standard, script: [Step]) {
        self.size = size
        self.script = script
    }

    /// Keys typed one after the other.
    public static func type(_ text: String) -> [Step] { text.map { .key(.char($0)) } }

    /// The last frame as text rows (the golden-file format); empty before the first frame.
    public var screen: [String] { frames.last?.lines() ?? [] }

    /// The first frame whose text satisfies `condition`, with when it was presented.
    public func firstFrame(where condition: ([String]) -> Bool) -> (lines: [String], at: ContinuousClock.Instant)? {
        guard let index = frames.firstIndex(where: { condition($0.lines()) }) else { return nil }
        return (frames[index].lines(), frameTimes[index])
    }

    public func present(_ buffer: CellBuffer) {
        frames.append(buffer)
        frameTimes.append(clock.now)
    }

    public func readKey(timeoutMilliseconds: Int?) throws -> Key? {
        let budget = Duration.milliseconds(timeoutMilliseconds ?? 1_000)
        while let step = script.first {
            switch step {
            case .key(let key):
                script.removeFirst()
                keyTimes.append(clock.now)
                return key
            case .resize(let new):
                script.removeFirst()
                size = new
                return .resize
            case .run(let body):
                script.removeFirst()
                body()
            case .pause(let milliseconds):
                let end = deadline ?? clock.now + .milliseconds(milliseconds)
                if clock.now >= end {
                    deadline = nil
                    script.removeFirst()
                    continue
                }
                deadline = end
                pause(min(budget, end - clock.now))
                return nil
            case let .waitFor(what, condition):
                if condition(screen) {
                    deadline = nil
                    script.removeFirst()
                    continue
                }
                let end = deadline ?? clock.now + waitLimit
                if clock.now >= end { throw TimedOut(waitingFor: what, screen: screen) }
                deadline = end
                pause(min(budget, .milliseconds(5)))
                return nil
            }
        }
        throw TerminalError.inputClosed
    }

    private func pause(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }
}

extension TestBackend.Step {
    /// Waits until the screen shows every one of `texts` (anywhere on it).
    public static func waitFor(text texts: String...) -> TestBackend.Step {
        let wanted = texts
        return .waitFor(texts.joined(separator: ", ")) { screen in
            let all = screen.joined(separator: "\n")
            return wanted.allSatisfy(all.contains)
        }
    }
}
