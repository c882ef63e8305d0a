#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Locale set-up for the UI. ncurses encodes output by the C library's locale, and without a
/// UTF-8 one every non-ASCII character (box lines, names, …) is drawn as "?".
enum TerminalLocale {
    /// Takes the user's character handling (`setlocale(LC_CTYPE, "")`: it is the only category
    /// ncurses and the UI use; LC_ALL loaded eleven more locale files before the first frame).
    /// When that leaves plain "C"/"POSIX"
    /// (LANG unset, as in many containers and cron-like shells), switches character handling
    /// to C.UTF-8: today's terminals are UTF-8, and a user who chose a non-UTF-8 locale
    /// explicitly (say de_DE.ISO-8859-1) keeps it.
    static func activate() {
        setlocale(LC_CTYPE, "")
        guard let current = setlocale(LC_CTYPE, nil).map({ String(cString: $0) }),
              current == "C" || current == "POSIX" else { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
}
