import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ncurses backend: shows a `CellBuffer` and reads keys. The only type that touches
/// ncurses, so everything else stays pure and testable.
///
/// The UI is drawn on /dev/tty, not stdout (fzf's split), so `url=$(linkdesk share)` captures
/// only the result. Not thread-safe: use it from one thread (the main one).
public final class Terminal {
    private let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    private let ttyOutput: UnsafeMutablePointer<FILE>
    private let ttyInput: UnsafeMutablePointer<FILE>
    var colors: ColorPairs
    /// The last frame shown, for diffing; nil forces a full redraw.
    var previous: CellBuffer?
    private var isOpen = true

    /// The active theme; monochrome when colour is unavailable or NO_COLOR is set.
    public var theme: Theme { colors.theme }

    private init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>,
                 output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>, colors: ColorPairs) {
        self.screen = screen
        self.window = window
        self.ttyOutput = output
        self.ttyInput = input
        self.colors = colors
    }

    deinit {
        close()
    }

    /// Opens the UI on /dev/tty with `theme` (pass `Theme.resolve`'s choice): a UTF-8 locale
    /// (see `TerminalLocale`), raw mode (Ctrl-C arrives as a key), no echo, keypad decoding,
    /// a 25 ms Esc delay (ncurses waits a full second by default), and handlers that restore
    /// the terminal if the process is killed or crashes. Throws `TerminalError` when there is
    /// no terminal to draw on; nothing has been written to the terminal then.
    public static func open(theme: Theme = .light) throws -> Terminal {
        guard let output = fopen("/dev/tty", "w") else { throw TerminalError.noTerminal }
        guard let input = fopen("/dev/tty", "r") else {
            fclose(output)
            throw TerminalError.noTerminal
        }
        do {
            return try open(output: output, input: input, theme: theme)
        } catch {
            fclose(output)
            fclose(input)
            throw error
        }
    }

    private static func open(output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>,
                             theme: Theme) throws -> Terminal {
        guard let name = getenv("TERM").map({ String(cString: $0) }), !name.isEmpty else {
            throw TerminalError.terminalTypeUnset
        }
        var saved = termios()
        let descriptor = fileno(output)
        _ = tcgetattr(descriptor, &saved)
        TerminalLocale.activate()
        let previousActions = SignalRestore.currentActions()
        guard let screen = newterm(nil, output, input) else {
            SignalRestore.restore(previousActions)
            throw TerminalError.unknownTerminalType(name)
        }
        _ = set_term(screen)
        guard linkdesk_tigetstr("cup") != nil, let window = linkdesk_stdscr() else {
            endwin()
            delscreen(screen)
            SignalRestore.restore(previousActions)
            throw TerminalError.noCursorAddressing(name)
        }
        configureInput(window)
        let colors = ColorPairs(theme: theme, noColor: noColorRequested)
        colors.apply(to: window)
        SignalRestore.install(ttyDescriptor: descriptor, savedTermios: saved, reset: resetSequence(), previous: previousActions)
        return Terminal(screen: screen, window: window, output: output, input: input, colors: colors)
    }

    /// NO_COLOR set to a non-empty value (https://no-color.org).
    private static var noColorRequested: Bool {
        getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
    }

    private static func configureInput(_ window: UnsafeMutablePointer<WINDOW>) {
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        assert(KeyCodeCheck.matchesCurses, "KeyMapping.Code differs from <curses.h>")
    }

    /// Ends the UI and gives the terminal back as it was (endwin restores modes and leaves the
    /// alternate screen). Safe to call more than once; also run by deinit.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        _ = set_term(screen)
        endwin()
        delscreen(screen)
        SignalRestore.uninstall()
        fclose(ttyOutput)
        fclose(ttyInput)
    }

    /// The terminal's current size.
    public var size: ScreenSize {
        ScreenSize(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// Switches theme and redraws everything on the next `present`.
    public func setTheme(_ theme: Theme) {
        colors = ColorPairs(theme: theme, noColor: Terminal.noColorRequested)
        colors.apply(to: window)
        previous = nil
    }

    /// Repaints the whole screen on the next `present`, even cells ncurses believes are
    /// already right (for Ctrl-L, after something else wrote to the terminal).
    public func redrawAll() {
        previous = nil
        clearok(window, true)
    }

    /// Waits for a key. With a timeout (milliseconds) returns nil when none came, so callers
    /// can tick (blink, poll the store); without one, blocks and throws `inputClosed` if the
    /// terminal goes away (a signal that interrupts the wait is retried). `.resize` means: read `size` again and redraw; the next `present`
    /// repaints everything. Input that is not a `Key` (unknown codes) is skipped.
    public func readKey(timeoutMilliseconds: Int? = nil) throws -> Key? {
        wtimeout(window, Int32(clamping: timeoutMilliseconds ?? -1))
        while true {
            var value: wint_t = 0
            errno = 0
            let status = wget_wch(window, &value)
            if status == ERR {
                if timeoutMilliseconds != nil { return nil }
                if errno == EINTR { continue }
                throw TerminalError.inputClosed
            }
            let raw: RawKeyInput = status == KEY_CODE_YES ? .keyCode(Int32(bitPattern: value)) : .character(value)
            guard let key = KeyMapping.key(for: raw) else { continue }
            if key == .resize { previous = nil }
            return key
        }
    }

    /// Bytes that undo what the UI did to the terminal, from terminfo (attributes off, cursor
    /// normal, keypad off, leave the alternate screen), with a plain ANSI fallback.
    private static func resetSequence() -> [UInt8] {
        let capabilities = ["sgr0", "cnorm", "rmkx", "rmcup"]
        let parts = capabilities.compactMap { linkdesk_tigetstr($0).map { String(cString: $0) } }
        let joined = TerminfoPadding.strip(parts.joined())
        return Array((joined.isEmpty ? SignalRestore.fallbackReset : joined).utf8)
    }
}
