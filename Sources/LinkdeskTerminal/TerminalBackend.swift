/// What a program loop needs from a terminal: its size, a way to show a frame, and keys.
///
/// The ncurses `Terminal` is the real one; `TestBackend` plays a script of keys in memory and
/// keeps every frame, so tests drive a whole program (keys in, effects, screens out) without
/// tmux (ratatui's `Backend` and `TestBackend`). Backends are used from one thread only: the
/// loop's (ncurses is not thread-safe).
public protocol TerminalBackend: AnyObject {
    /// The screen's current size; read again after a `.resize` key.
    var size: ScreenSize { get }
    /// Shows a frame (a backend may draw only what changed since the last one).
    func present(_ buffer: CellBuffer)
    /// Waits for a key; nil when `timeoutMilliseconds` passed without one. Throws when the input
    /// is gone (`TerminalError.inputClosed`).
    func readKey(timeoutMilliseconds: Int?) throws -> Key?
}

extension Terminal: TerminalBackend {}
