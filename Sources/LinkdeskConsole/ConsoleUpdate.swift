import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

extension ConsoleState {
    /// Rows the current view gets on a screen of `height` rows (tab line, title, status, hints).
    public static func viewRows(height: Int) -> Int { max(height - 4, 1) }

    /// The update: a key in, the state changed in place, at most one effect out for the runner.
    public mutating func handle(_ key: Key, data: ConsoleData, rows: Int) -> ConsoleEffect? {
        if key == .resize { return nil }
        if let modal { return handleModal(modal, key, data: data) }
        if filtering { return handleFilter(key, data: data) }
        status = nil
        switch bindings(data).dispatch(key) {
        case .action(.switchByNumber):
            if let target = ViewID(key: key) { go(to: target) }
            return nil
        case .action(let action): return perform(action, data: data, rows: rows)
        case .disabled(let reason): show(reason, failed: true); return nil
        case .unbound:
            let command = withScreen { $0.typed(key, data: data) }
            return command.flatMap { apply($0, data: data) }
        }
    }

    private mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows: Int) -> ConsoleEffect? {
        switch action {
        case .switchTo(let target): go(to: target)
        case .share: return apply(.openShare(page: screen.selectedPage(data), oneTime: false), data: data)
        case .help: modal = .help
        case .quit: return .quit
        case .back: if let previous = history.popLast() { view = previous }
        case .filter:
            filtering = true
        default:
            let command = withScreen { $0.perform(action, data: data, rows: rows) }
            return command.flatMap { apply($0, data: data) }
        }
        return nil
    }

    mutating func go(to target: ViewID) {
        guard target != view else { return }
        history.append(view)
        if history.count > 20 { history.removeFirst() }
        view = target
    }

    /// Turns a view's command into state changes, or into an effect for the runner.
    mutating func apply(_ command: ConsoleCommand, data: ConsoleData) -> ConsoleEffect? {
        switch command {
        case .effect(let effect): return effect
        case .openShare(let page, let oneTime):
            let pages = data.workspace.pages
            var share = ShareState(pages: pages, selected: pages.firstIndex { $0.id == page } ?? 0, base: data.base,
                                   token: nextToken)
            share.oneTime = oneTime && share.oneTimeDisabledReason == nil
            share.offersCampaigns = true
            modal = .share(share)
        case .confirm(let confirmation): modal = .confirm(confirmation)
        case .prompt(let prompt): modal = .prompt(prompt)
        case .switchTo(let target): go(to: target)
        case .openMaster(let id):
            master.pageID = id
            go(to: .master)
        case .message(let text): show(text, failed: false)
        }
        return nil
    }

    mutating func show(_ text: String, failed: Bool) {
        status = text
        statusFailed = failed
    }

    private mutating func handleFilter(_ key: Key, data: ConsoleData) -> ConsoleEffect? {
        switch key {
        case .ctrl("c"): return .quit
        case .enter: filtering = false; return nil
        case .esc:
            filtering = false
            withScreen { $0.filter = "" }
        default:
            var field = TextField(screen.filter)
            guard field.handle(key) else { return nil }
            withScreen { $0.filter = field.text }
        }
        let command = withScreen { $0.filterChanged(data: data) }
        return command.flatMap { apply($0, data: data) }
    }
}
