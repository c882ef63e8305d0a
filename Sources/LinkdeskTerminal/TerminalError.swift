/// Why the terminal UI cannot start. `description` is the one-line message for stderr; the
/// caller decides the (non-zero) exit status.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// /dev/tty cannot be opened: no controlling terminal (cron, CI, `setsid`, a pipe-only
    /// environment).
    case noTerminal
    /// TERM is unset or empty.
    case terminalTypeUnset
    /// ncurses has no terminfo entry for TERM.
    case unknownTerminalType(String)
    /// The terminal cannot address the cursor (TERM=dumb, Emacs shell buffers).
    case noCursorAddressing(String)
    /// Reading a key failed without a timeout: the terminal went away.
    case inputClosed

    public var description: String {
        switch self {
        case .noTerminal:
            return "no terminal: linkdesk needs an interactive terminal (/dev/tty)"
        case .terminalTypeUnset:
            return "no terminal type: TERM is not set; linkdesk needs a full-screen terminal"
        case .unknownTerminalType(let name):
            return "unknown terminal type '\(name)' (TERM): no terminfo entry; try TERM=xterm-256color"
        case .noCursorAddressing(let name):
            return "terminal '\(name)' cannot move the cursor: linkdesk needs a full-screen terminal"
        case .inputClosed:
            return "terminal input closed"
        }
    }
}
