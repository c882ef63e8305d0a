import Foundation
import LinkdeskCore

/// The system's secure random source read 4 KiB at a time. A batch of 100,000 one-time links
/// draws about two million 64-bit values; one getrandom(2) call each (what
/// `SystemRandomNumberGenerator` does) spends most of a second on system calls alone. The bytes
/// come from the same kernel source, /dev/urandom, falling back to the standard generator.
final class BufferedSecureRandom: RandomSource, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = [UInt64](repeating: 0, count: 512)
    private var index = 512
    private let fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)

    deinit { if fd >= 0 { close(fd) } }

    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        if index == buffer.count {
            refill()
            index = 0
        }
        index += 1
        return buffer[index - 1]
    }

    private func refill() {
        let filled = buffer.withUnsafeMutableBytes { raw -> Bool in
            guard fd >= 0 else { return false }
            var offset = 0
            while offset < raw.count {
                let n = read(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
        if !filled {
            var generator = SystemRandomNumberGenerator()
            for i in buffer.indices { buffer[i] = generator.next() }
        }
    }
}

/// A progress bar for long batches, drawn on /dev/tty (never stdout, which carries the CSV) and
/// only when stderr is a terminal too: piped or redirected runs, cron and CI see nothing. It
/// appears after the batch has run for half a second, redraws at most ten times a second, and
/// erases itself at the end (also when a second Ctrl-C ends the process at once).
final class BatchProgress {
    private let total: Int
    private let tty: Int32
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private var finished = false

    init?(total: Int) {
        guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        let fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.total = total
        tty = fd
        progressTTY = fd
    }

    func update(done: Int) {
        let now = Date()
        guard now.timeIntervalSince(started) >= 0.5, now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        var size = winsize()
        let columns = ioctl(tty, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        let counts = " \(done)/\(total) links"
        let barWidth = max(10, min(40, columns - counts.count - 8))
        let filled = total == 0 ? barWidth : barWidth * done / total
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "]"
            + String(format: " %3d%%", total == 0 ? 100 : 100 * done / total) + counts + "\u{1B}[K"
        put(line)
        drawn = true
    }

    /// Erases the bar (until the next update), so that a note can be written on stderr.
    func clear() {
        guard drawn, !finished else { return }
        put("\r\u{1B}[K")
        drawn = false
    }

    func finish() {
        guard !finished else { return }
        finished = true
        if drawn { put("\r\u{1B}[K") }
        progressTTY = -1
        close(tty)
    }

    private func put(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(tty, $0.baseAddress, $0.count) }
    }
}

/// Ctrl-C, SIGTERM or SIGHUP during a batch: the first one lets the chunk being committed be
/// printed, then the batch stops (its output ends on a whole row, and no committed link goes
/// unprinted); a second one ends the process at once, as the default action would.
enum BatchInterrupt {
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    static func install() {
        interruptSignal = 0
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals {
            signal(sig, onInterrupt)
            sigaddset(&set, sig)
        }
        // A parent may hand its blocked-signal mask down (a test runner does): these are handled.
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func remove() {
        for sig in signals { signal(sig, SIG_DFL) }
    }

    /// The signal that asked the batch to stop, or 0.
    static var requested: Int32 { interruptSignal }
}

/// Written by the signal handler, read by the batch between chunks.
nonisolated(unsafe) private var interruptSignal: Int32 = 0
/// The progress bar's terminal, for the handler to erase the bar (-1: none).
nonisolated(unsafe) private var progressTTY: Int32 = -1

/// Only async-signal-safe calls here: write(2), signal(2), raise(3).
private func onInterrupt(_ sig: Int32) {
    guard interruptSignal != 0 else {
        interruptSignal = sig
        return
    }
    if progressTTY >= 0 {
        let erase: StaticString = "\r\u{1B}[K"
        _ = write(progressTTY, erase.utf8Start, erase.utf8CodeUnitCount)
    }
    signal(sig, SIG_DFL)
    raise(sig)
}
