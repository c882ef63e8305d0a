import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Copies text through a helper and says how it went. Never hangs: helpers get the text on
/// stdin and /dev/null as stdout/stderr (xclip forks a server that keeps inherited pipes open,
/// so capturing its output would wait until something else takes the clipboard), and a helper
/// that has not finished within `timeout` is killed and reported (see `HelperProcess`).
public struct Clipboard: Sendable {
    public var environment: [String: String]
    public var timeout: TimeInterval = 2
    /// Where OSC 52 is written: the controlling terminal, never stdout (which carries results).
    public var ttyPath = "/dev/tty"

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public enum Outcome: Equatable, Sendable {
        case copied(ClipboardHelper)
        case skipped
        case failed(String)

        /// One line for the status bar or stderr.
        public var summary: String {
            switch self {
            case .copied(.osc52): "copied via OSC 52 (terminal clipboard)"
            case .copied(let helper): "copied via \(helper.rawValue)"
            case .skipped: "not copied (--clipboard none)"
            case .failed(let why): "not copied: \(why)"
            }
        }
    }

    public func copy(_ text: String, using helper: ClipboardHelper) -> Outcome {
        switch helper {
        case .none: return .skipped
        case .auto:
            var failures: [String] = []
            for candidate in ClipboardHelper.autoOrder(environment: environment, available: isAvailable) {
                let outcome = copy(text, using: candidate)
                if case .failed(let why) = outcome { failures.append(why); continue }
                return outcome
            }
            return .failed(failures.joined(separator: "; "))
        case .osc52: return writeOSC52(text)
        default: return run(helper, text)
        }
    }

    public func isAvailable(_ program: String) -> Bool {
        (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
        }
    }

    private func run(_ helper: ClipboardHelper, _ text: String) -> Outcome {
        guard let command = helper.command, let program = command.first, isAvailable(program) else {
            return .failed("\(helper.rawValue) is not installed")
        }
        switch HelperProcess.run(command, input: text, environment: environment, timeout: timeout) {
        case .exited(0): return .copied(helper)
        case .exited(let status): return .failed("\(helper.rawValue) exited with status \(status)")
        case .timedOut: return .failed("\(helper.rawValue) did not finish within \(Int(timeout)) s")
        case .couldNotStart(let why): return .failed("\(helper.rawValue) could not start: \(why)")
        }
    }

    /// `ESC ] 52 ; c ; BASE64 BEL`: the terminal (or tmux with set-clipboard on) sets its clipboard.
    private func writeOSC52(_ text: String) -> Outcome {
        let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        let fd = open(ttyPath, O_WRONLY | O_NOCTTY)
        guard fd >= 0 else { return .failed("OSC 52 needs a terminal (\(ttyPath) can't be opened)") }
        defer { close(fd) }
        let bytes = Array(sequence.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        return written == bytes.count ? .copied(.osc52) : .failed("writing OSC 52 to \(ttyPath) failed")
    }
}
