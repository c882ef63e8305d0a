import LinkdeskTerminal

/// What a key asks the pop-up to do.
public enum ShareAction: Equatable, Sendable {
    case next, previous, activate, toggle, cancel, copy, explain, help, openDropdown
    case togglePersonalize, toggleOneTime
    /// Campaign format: None → Mailchimp → HubSpot → Salesforce → Keap → None (and back).
    case nextCampaign, previousCampaign
    case dropdownUp, dropdownDown, dropdownChoose, dropdownClose
    case closeOverlay
    /// Show the URL as a QR code over the pop-up.
    case showQR
}

/// The pop-up's keys as data: dispatch, the hint bar and the `?` overlay all read this list, so
/// they can't disagree. Which bindings exist depends on what is open and focused.
extension ShareState {
    public var bindings: [KeyBinding<ShareAction>] {
        if showHelp || info != nil {
            return [KeyBinding([.esc, .enter, .char("?"), .char("i"), .space], hint: "close", help: "Close this box",
                               action: .closeOverlay, priority: 9),
                    KeyBinding(.ctrl("c"), hint: "cancel", help: "Cancel: close the pop-up, nothing is copied", action: .cancel,
                               priority: 1, showsInHintBar: false)]
        }
        if showQR { return qrBindings }
        if dropdown != nil { return dropdownBindings }
        return commonBindings + focusBindings + shortcutBindings
    }

    /// While the QR code is shown: close it, or make the link live and copy it from there.
    private var qrBindings: [KeyBinding<ShareAction>] {
        [KeyBinding([.esc, .enter, .char("Q"), .char("q"), .f2], hint: "close", help: "Close the QR code",
                    action: .closeOverlay, priority: 9),
         KeyBinding(.ctrl("y"), hint: "copy & close", help: "Copy & close: make the link live, copy it, close the pop-up",
                    action: .copy, disabledReason: copyBlocker, priority: 8),
         KeyBinding(.ctrl("c"), hint: "cancel", help: "Cancel: close the pop-up, nothing is copied", action: .cancel,
                    priority: 1, showsInHintBar: false)]
    }

    /// Why Q/F2 can't show a QR code now; nil when it can.
    public var qrBlocker: String? { page == nil ? "choose a page first" : nil }

    private var dropdownBindings: [KeyBinding<ShareAction>] {
        [KeyBinding(.enter, hint: "choose", help: "Choose the highlighted page", action: .dropdownChoose, priority: 9),
         KeyBinding([.up, .ctrl("p")], hint: "up", help: "Highlight the previous page", action: .dropdownUp, priority: 5),
         KeyBinding([.down, .ctrl("n"), .tab], hint: "down", help: "Highlight the next page", action: .dropdownDown, priority: 5),
         KeyBinding(.esc, hint: "close list", help: "Close the list, keep the page", action: .dropdownClose, priority: 8),
         KeyBinding(.ctrl("c"), hint: "cancel", help: "Cancel: close the pop-up, nothing is copied", action: .cancel,
                    priority: 1, showsInHintBar: false),
         KeyBinding(.char("…"), hint: "type to filter", help: "Type to filter pages by name", action: .closeOverlay,
                    priority: 7)]
    }

    private var commonBindings: [KeyBinding<ShareAction>] {
        [KeyBinding(.tab, hint: "next", help: "Move to the next field", action: .next, priority: 6),
         KeyBinding(.backTab, hint: "prev", help: "Move to the previous field", action: .previous, priority: 2),
         KeyBinding([.esc, .ctrl("c")], hint: "cancel", help: "Cancel: close the pop-up, nothing is copied", action: .cancel, priority: 8),
         KeyBinding(.ctrl("y"), hint: "copy & close", help: "Copy & close from anywhere", action: .copy,
                    disabledReason: copyBlocker, priority: 9)]
    }

    private var focusBindings: [KeyBinding<ShareAction>] {
        switch focus {
        case .page:
            return [KeyBinding([.enter, .space, .down], hint: "choose page", help: "Open the page list (or just type to filter)",
                               action: .openDropdown, priority: 7)]
        case .personalize, .showForm:
            return [KeyBinding([.space, .enter], hint: "toggle", help: "Turn the focused option on or off", action: .toggle, priority: 7)]
        case .oneTime:
            return [KeyBinding([.space, .enter], hint: "toggle", help: "Turn the focused option on or off", action: .toggle,
                               disabledReason: oneTimeDisabledReason, priority: 7)]
        case .name, .email:
            return [KeyBinding(.enter, hint: "next", help: "Next field (typing edits; ^U clears; ^W deletes a word)",
                               action: .next, priority: 3, showsInHintBar: false)]
        case .cancel:
            return [KeyBinding([.enter, .space], hint: "cancel", help: "Close without copying", action: .cancel, priority: 7)]
        case .copy:
            return [KeyBinding([.enter, .space], hint: "copy & close", help: "Make the link live, copy it, close",
                               action: .copy, disabledReason: copyBlocker, priority: 9)]
        }
    }

    /// Letter shortcuts work only where typing doesn't go into a text field. Help outranks the
    /// letter shortcuts so that an 80-column hint bar always says how to list every key.
    private var shortcutBindings: [KeyBinding<ShareAction>] {
        guard focus != .name && focus != .email else {
            return [KeyBinding(.f1, hint: "help", help: "List every key", action: .help, priority: 5),
                    KeyBinding(.f2, hint: "qr code", help: "Show the link as a QR code", action: .showQR,
                               disabledReason: qrBlocker, priority: 1)]
        }
        return [KeyBinding(.char("p"), hint: "personalize", help: "Toggle Personalize link", action: .togglePersonalize, priority: 4),
                KeyBinding(.char("o"), hint: "one-time", help: "Toggle One-time link", action: .toggleOneTime,
                           disabledReason: oneTimeDisabledReason, priority: 4),
                KeyBinding(.char("i"), hint: "explain", help: "Explain the focused option (i)", action: .explain, priority: 3),
                KeyBinding([.char("?"), .f1], hint: "help", help: "List every key", action: .help, priority: 5),
                KeyBinding([.char("Q"), .f2], hint: "qr code", help: "Show the link as a QR code", action: .showQR,
                           disabledReason: qrBlocker, priority: 1)]
            + campaignBindings
    }

    /// Only where the host offers campaign links, so the pop-up is otherwise unchanged.
    private var campaignBindings: [KeyBinding<ShareAction>] {
        guard offersCampaigns else { return [] }
        return [KeyBinding(.char("m"), hint: "campaign",
                           help: "Campaign link: None, Mailchimp, HubSpot, Salesforce, Keap",
                           action: .nextCampaign, priority: 2),
                KeyBinding(.char("M"), hint: "prev campaign", help: "Campaign link: the previous format",
                           action: .previousCampaign, priority: 1, showsInHintBar: false)]
    }

    /// Why Copy & close can't run now; nil when it can.
    public var copyBlocker: String? {
        if page == nil { return "choose a page first" }
        if let problem = emailProblem { return "Customer email: \(problem)" }
        return nil
    }
}

extension Key {
    static let f1 = Key.function(1)
    static let f2 = Key.function(2)
}
