#ifndef LINKDESK_CNCURSESW_SHIM_H
#define LINKDESK_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE, which hides the wide-character API. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <ncursesw/curses.h>

/* wchar.h only declares wcwidth under _XOPEN_SOURCE, which SwiftPM drops (see above). */
extern int wcwidth(wchar_t c);

/* Attribute bits are function-like macros (NCURSES_BITS), which Swift cannot import. */
static inline attr_t linkdesk_attr_normal(void) { return A_NORMAL; }
static inline attr_t linkdesk_attr_bold(void) { return A_BOLD; }
static inline attr_t linkdesk_attr_dim(void) { return A_DIM; }
static inline attr_t linkdesk_attr_reverse(void) { return A_REVERSE; }
static inline attr_t linkdesk_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t linkdesk_attr_italic(void) { return A_ITALIC; }

/* `stdscr` is a C global that Swift 6 strict concurrency rejects; after set_term it is the
   current SCREEN's main window. */
static inline WINDOW *linkdesk_stdscr(void) { return stdscr; }

/* KEY_F(n) is a function-like macro. */
static inline int linkdesk_key_f(int n) { return KEY_F(n); }

/* tigetstr returns (char *)-1 for a capability that is not a string; fold that into NULL so
   Swift only has to test for nil. */
static inline const char *linkdesk_tigetstr(const char *cap) {
    char *value = tigetstr(cap);
    if (value == (char *)-1) return NULL;
    return value;
}

/* `struct sigaction` hides its handler in a union that imports awkwardly; these two helpers let
   Swift install a plain handler and put the previous action back. Both are called outside of
   signal context. */
static inline int linkdesk_install_signal_handler(int sig, void (*handler)(int),
                                                  struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(sig, &action, previous);
}

/* Reads the current action without changing it. */
static inline int linkdesk_current_signal_action(int sig, struct sigaction *current) {
    return sigaction(sig, NULL, current);
}

/* Async-signal-safe: sigaction(2) is on the POSIX list. */
static inline int linkdesk_restore_signal_action(int sig, const struct sigaction *previous) {
    return sigaction(sig, previous, NULL);
}

#endif
