import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back when the process dies by a signal while the UI is open.
///
/// Without this a `kill`, a closed terminal window, or a Swift trap (a force unwrap ends the
/// process by SIGILL/SIGTRAP without `endwin`) leaves the shell in raw mode on the alternate
/// screen with the cursor hidden. The handler may only call async-signal-safe functions, so
/// everything it needs is prepared at install time: the reset bytes, the tty descriptor, the
/// termios saved before ncurses changed it, and the previous actions. It writes the bytes with
/// write(2), restores termios with tcsetattr(3), puts the previous action back and re-raises,
/// so the process still ends the way it would have (exit status, core dump, Swift backtrace).
enum SignalRestore {
    /// Termination and crash signals. SIGWINCH and SIGTSTP are left to ncurses.
    static let signals: [Int32] = [
        SIGTERM, SIGHUP, SIGINT, SIGQUIT,
        SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGTRAP,
    ]

    /// Used when terminfo gives nothing better: attributes off, cursor visible, keypad off,
    /// leave the alternate screen.
    static let fallbackReset = "\u{1b}[0m\u{1b}[?25h\u{1b}[?1l\u{1b}>\u{1b}[?1049l"

    /// The current actions, indexed by signal number. Taken before `newterm`, which installs
    /// ncurses' own SIGINT/SIGTERM handlers (they clean up with non-async-signal-safe calls and
    /// exit(1)); chaining to the actions from before keeps the real exit status (143 for
    /// SIGTERM) and the Swift runtime's crash backtrace.
    static func currentActions() -> [sigaction] {
        var actions = Array(repeating: sigaction(), count: RestoreState.slots)
        for signal in signals {
            _ = linkdesk_current_signal_action(signal, &actions[Int(signal)])
        }
        return actions
    }

    /// Puts back actions taken by `currentActions` (after a failed start, ncurses' handlers
    /// must not outlive its screen).
    static func restore(_ actions: [sigaction]) {
        for signal in signals where Int(signal) < actions.count {
            var action = actions[Int(signal)]
            _ = linkdesk_restore_signal_action(signal, &action)
        }
    }

    /// Installs the handler for every signal in `signals`; `previous` (from `currentActions`)
    /// is what the handler and `uninstall` put back.
    static func install(ttyDescriptor: Int32, savedTermios: termios, reset: [UInt8], previous: [sigaction]) {
        uninstall()
        let state = RestoreState(descriptor: ttyDescriptor, termios: savedTermios, reset: reset, previous: previous)
        restoreState = state
        for signal in signals {
            _ = linkdesk_install_signal_handler(signal, restoreTerminalAndReraise, nil)
        }
    }

    /// Puts back the actions that were there before `install`; called by `Terminal.close()`.
    static func uninstall() {
        guard let state = restoreState else { return }
        for signal in signals {
            _ = linkdesk_restore_signal_action(signal, state.previous + Int(signal))
        }
        restoreState = nil
        state.deallocate()
    }
}

/// Everything the handler reads, in memory allocated once at install time.
struct RestoreState {
    let descriptor: Int32
    let termios: UnsafeMutablePointer<termios>
    let reset: UnsafeMutableBufferPointer<UInt8>
    /// Previous actions, indexed by signal number.
    let previous: UnsafeMutablePointer<sigaction>

    static let slots = 65

    init(descriptor: Int32, termios saved: termios, reset bytes: [UInt8], previous actions: [sigaction]) {
        let bytes = bytes.isEmpty ? Array(SignalRestore.fallbackReset.utf8) : bytes
        self.descriptor = descriptor
        termios = .allocate(capacity: 1)
        termios.initialize(to: saved)
        reset = .allocate(capacity: bytes.count)
        _ = reset.initialize(from: bytes)
        previous = .allocate(capacity: RestoreState.slots)
        previous.initialize(repeating: sigaction(), count: RestoreState.slots)
        for (index, action) in actions.prefix(RestoreState.slots).enumerated() {
            previous[index] = action
        }
    }

    func deallocate() {
        termios.deallocate()
        reset.deallocate()
        previous.deallocate()
    }
}

/// Read by the signal handler. Set before any handler is installed, so the handler never runs
/// the global's lazy initialiser.
nonisolated(unsafe) private var restoreState: RestoreState?

/// The handler itself: only write(2), tcsetattr(3), sigaction(2) and raise(3).
private func restoreTerminalAndReraise(_ number: Int32) {
    if let state = restoreState {
        _ = write(state.descriptor, state.reset.baseAddress, state.reset.count)
        _ = tcsetattr(state.descriptor, TCSANOW, state.termios)
        if number >= 0, number < RestoreState.slots {
            _ = linkdesk_restore_signal_action(number, state.previous + Int(number))
        }
    } else {
        _ = signal(number, SIG_DFL)
    }
    _ = raise(number)
}
