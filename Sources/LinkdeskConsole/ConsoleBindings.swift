import LinkdeskTerminal

extension ConsoleState {
    /// Keys of the console as data: global keys plus the current view's. When a view's text field
    /// has the keys, letter shortcuts step aside so typing works.
    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        let own = screen.bindings(data)
        return own + (screen.capturesTyping ? typingGlobals : globals).filter { global in
            // A view's own use of a key wins (dispatch takes the first match); listing the global
            // one too would show help for a key that never reaches it.
            !global.keys.contains { key in own.contains { $0.keys.contains(key) } }
        }
    }

    private var globals: [KeyBinding<ConsoleAction>] {
        // One row in help for every number key: a row per view would not fit 80×24.
        [KeyBinding(ViewID.allCases.map(\.key), hint: "views", help: "Show the view of that number on the tab line",
                    action: .switchByNumber, priority: 0, showsInHintBar: false,
                    label: "1–\(ViewID.allCases.count)")] + [
            KeyBinding(.char("s"), hint: "share", help: "Open the Share pop-up (preset to the page under the cursor)",
                       action: .share, priority: 6),
            KeyBinding(.char("/"), hint: "filter", help: "Filter this list", action: .filter, priority: 5),
            KeyBinding([.char("?"), .function(1)], hint: "help", help: "List every key of this view", action: .help, priority: 7),
            KeyBinding(.esc, hint: "back", help: "Go back to the previous view", action: .back, priority: 3),
            KeyBinding([.char("q"), .ctrl("c")], hint: "quit", help: "Quit linkdesk", action: .quit, priority: 8),
        ]
    }

    private var typingGlobals: [KeyBinding<ConsoleAction>] {
        [KeyBinding(.function(1), hint: "help", help: "List every key of this view", action: .help, priority: 7),
         KeyBinding(.esc, hint: "back", help: "Leave the field / go back", action: .back, priority: 3),
         KeyBinding(.ctrl("c"), hint: "quit", help: "Quit linkdesk", action: .quit, priority: 8)]
    }

    /// The tab line: every view with its number key (short titles, so that it fits 80 columns).
    public static let tabLine = ViewID.allCases.map { "\($0.rawValue) \($0.shortTitle)" }
}

extension ViewID {
    public var shortTitle: String {
        switch self {
        case .pages: "Pages"
        case .master: "Master"
        case .links: "Links"
        case .bookings: "Bookings"
        case .activity: "Log"
        case .reports: "Reports"
        case .customer: "Guest"
        case .buttons: "Buttons"
        case .setup: "Setup"
        }
    }
}
