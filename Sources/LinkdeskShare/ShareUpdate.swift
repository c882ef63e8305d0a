import LinkdeskCore
import LinkdeskTerminal

/// What the runner must do after a key: the screen itself never touches the store or clipboard.
public enum ShareEffect: Equatable, Sendable {
    case cancel
    /// Make the link live (one-time: store its hash), copy it, close.
    case copy
}

extension ShareState {
    /// The update function: a key in, the new state (in place) and at most one effect out.
    public mutating func handle(_ key: Key) -> ShareEffect? {
        if key == .resize { return nil }
        message = nil
        switch bindings.dispatch(key) {
        case .action(let action): return perform(action)
        case .disabled(let reason): message = reason; return nil
        case .unbound: typed(key); return nil
        }
    }

    private mutating func perform(_ action: ShareAction) -> ShareEffect? {
        switch action {
        case .cancel: return .cancel
        case .copy: return .copy
        case .next: moveFocus(by: 1)
        case .previous: moveFocus(by: -1)
        case .activate, .toggle: toggleFocused()
        case .togglePersonalize:
            setPersonalize(!personalize)
            // The customer fields just disappeared: don't leave the focus on one of them.
            if !focusOrder.contains(focus) { focus = .personalize }
        case .toggleOneTime: oneTime.toggle()
        case .nextCampaign: cycleCampaign(by: 1)
        case .previousCampaign: cycleCampaign(by: -1)
        case .explain: info = focus == .oneTime ? .oneTime : .personalize
        case .help: showHelp = true
        case .closeOverlay: showHelp = false; info = nil; showQR = false
        case .showQR: showQR = true
        case .openDropdown: openDropdown()
        case .dropdownUp: moveHighlight(by: -1)
        case .dropdownDown: moveHighlight(by: 1)
        case .dropdownClose: dropdown = nil
        case .dropdownChoose: chooseHighlighted()
        }
        return nil
    }

    private mutating func moveFocus(by step: Int) {
        let order = focusOrder
        let index = order.firstIndex(of: focus) ?? 0
        focus = order[(index + step + order.count) % order.count]
    }

    /// Personalize and a campaign format exclude each other: a campaign link is for many
    /// recipients, whose details the email tool fills in. The typed name and email are kept.
    public mutating func cycleCampaign(by step: Int) {
        let choices: [CampaignFormat?] = [nil] + CampaignFormat.allCases
        let index = choices.firstIndex(of: campaign) ?? 0
        campaign = choices[(index + step + choices.count) % choices.count]
        if campaign != nil { personalize = false }
        if !focusOrder.contains(focus) { focus = .personalize }
    }

    /// Turning Personalize on moves the focus to Customer name: what the user types next is the
    /// name. Left on the page field or the toggle, the letters of "Smythe" would fire shortcuts
    /// (the `m` switched the campaign to Mailchimp).
    private mutating func setPersonalize(_ on: Bool) {
        personalize = on
        guard on else { return }
        campaign = nil
        focus = .name
    }

    private mutating func toggleFocused() {
        switch focus {
        case .personalize: setPersonalize(!personalize)
        case .oneTime: oneTime.toggle()
        case .showForm: showForm.toggle()
        default: break
        }
    }

    private mutating func openDropdown() {
        var list = Dropdown()
        list.highlighted = max(0, list.matches(options).firstIndex(of: selected) ?? 0)
        dropdown = list
    }

    private mutating func moveHighlight(by step: Int) {
        guard var list = dropdown else { return }
        let count = list.matches(options).count
        guard count > 0 else { return }
        list.highlighted = (list.highlighted + step + count) % count
        dropdown = list
    }

    private mutating func chooseHighlighted() {
        guard let list = dropdown else { return }
        let matches = list.matches(options)
        guard matches.indices.contains(list.highlighted) else { message = "no page matches \"\(list.filter.text)\""; return }
        select(matches[list.highlighted])
        dropdown = nil
    }

    /// Selecting a page that can't have one-time links turns the option off (it shows why).
    public mutating func select(_ index: Int) {
        guard options.indices.contains(index) else { return }
        selected = index
        if oneTimeDisabledReason != nil { oneTime = false }
    }

    /// Keys no binding claims: text for the focused field or the dropdown filter.
    private mutating func typed(_ key: Key) {
        if var list = dropdown {
            if list.filter.handle(key) { list.highlighted = 0; dropdown = list }
            return
        }
        switch focus {
        case .name: _ = name.handle(key)
        case .email: _ = email.handle(key)
        case .page:
            // The first letter starts a filter: highlight its first match, as later letters do.
            if case .char = key {
                openDropdown()
                if var list = dropdown, list.filter.handle(key) { list.highlighted = 0; dropdown = list }
            }
        default: break
        }
    }
}
