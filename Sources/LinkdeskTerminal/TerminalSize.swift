import Foundation

/// The controlling terminal's size before it is opened (ncurses knows it only after), for
/// loading what the first frame will show.
public enum TerminalSize {
    /// nil without a terminal, or when it can't tell.
    public static func current() -> ScreenSize? {
        let descriptor = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return nil }
        return ScreenSize(width: Int(size.ws_col), height: Int(size.ws_row))
    }
}
