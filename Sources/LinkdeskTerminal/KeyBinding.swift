/// One key binding as data: the keys, what they do, and the words shown for them.
///
/// Dispatch, the hint bar and the `?` help overlay all read the same list, so what the screen
/// says a key does is what the key does (lazygit's `Binding`, bubbles' `key.Binding`).
/// `Action` is the screen's message type.
public struct KeyBinding<Action> {
    /// Keys that trigger the action; the first one is the one shown in the hint bar.
    public var keys: [Key]
    /// A word or two for the hint bar ("toggle", "copy").
    public var hint: String
    /// A sentence for the help overlay.
    public var help: String
    public var action: Action
    /// Why the binding does nothing right now; nil when enabled. Shown in help, and returned
    /// from dispatch so the screen can tell the user instead of silently ignoring the key.
    public var disabledReason: String?
    /// Higher stays longer: when the hint bar is too narrow, the lowest priorities go first.
    public var priority: Int
    /// False for bindings that belong only in help (e.g. editing keys of a text field).
    public var showsInHintBar: Bool
    /// What help and the hint bar show for the keys when listing them would be too long or too
    /// many ("1–8", "n/Esc"); nil: help lists every key, the hint bar shows the first.
    public var label: String?

    public init(
        _ keys: [Key],
        hint: String,
        help: String,
        action: Action,
        disabledReason: String? = nil,
        priority: Int = 0,
        showsInHintBar: Bool = true,
        label: String? = nil
    ) {
        self.label = label
        self.keys = keys
        self.hint = hint
        self.help = help
        self.action = action
        self.disabledReason = disabledReason
        self.priority = priority
        self.showsInHintBar = showsInHintBar
    }

    public init(
        _ key: Key,
        hint: String,
        help: String,
        action: Action,
        disabledReason: String? = nil,
        priority: Int = 0,
        showsInHintBar: Bool = true
    ) {
        self.init([key], hint: hint, help: help, action: action, disabledReason: disabledReason,
                  priority: priority, showsInHintBar: showsInHintBar)
    }

    public var isEnabled: Bool { disabledReason == nil }

    /// "Tab/S-Tab": every key's label, for help.
    public var keyLabels: String {
        label ?? keys.map(\.label).joined(separator: "/")
    }

    /// The same binding with the action transformed (for embedding a widget's bindings in a
    /// screen's own message type).
    public func map<Other>(_ transform: (Action) -> Other) -> KeyBinding<Other> {
        KeyBinding<Other>(keys, hint: hint, help: help, action: transform(action),
                          disabledReason: disabledReason, priority: priority,
                          showsInHintBar: showsInHintBar, label: label)
    }
}

extension KeyBinding: Sendable where Action: Sendable {}
extension KeyBinding: Equatable where Action: Equatable {}

/// What a key means for a list of bindings.
public enum KeyDispatch<Action> {
    case action(Action)
    /// The key is bound but disabled; show the reason.
    case disabled(reason: String)
    case unbound
}

extension KeyDispatch: Sendable where Action: Sendable {}
extension KeyDispatch: Equatable where Action: Equatable {}

extension Array {
    /// The first binding whose keys include `key` decides; a disabled one reports its reason.
    public func dispatch<Action>(_ key: Key) -> KeyDispatch<Action> where Element == KeyBinding<Action> {
        guard let binding = first(where: { $0.keys.contains(key) }) else { return .unbound }
        if let reason = binding.disabledReason { return .disabled(reason: reason) }
        return .action(binding.action)
    }
}
