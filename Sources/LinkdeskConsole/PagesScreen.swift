import LinkdeskCore
import LinkdeskTerminal

/// Booking and master pages with their public links: the seeds' "Booking page scheduling setup"
/// (event types, booking pages, master pages) as one list the cursor moves through, with the
/// seeds' action menu on Enter (share, one-time link, change link, master page overview) and the
/// most used entries on keys of their own (o, c; `s` is the console's global Share key, preset
/// to the page under the cursor through `selectedPage`).
///
/// Event types are one line above the list (they have no actions here); booking pages come
/// first, then master pages, each under its own heading, as in the seeds' table.
public struct PagesScreen: ConsoleScreen {
    public var filter = ""
    public var cursor = ListCursor()
    /// The page the cursor is on, so a live reload that inserts or removes pages above it (or a
    /// filter that still matches it) keeps the cursor on the same page, not on the same index.
    var anchor: PageID?
    var menu: PageActionMenu?
    var warning: ChangeLinkWarning?

    public init() {}

    /// The page whose action menu is open (nil: closed).
    public var menuPage: PageID? { menu?.pageID }
    /// The page whose change-link warning is shown (nil: none).
    public var linkWarningPage: PageID? { warning?.pageID }

    /// While the menu or the change-link warning is open, letters are theirs, not view shortcuts.
    public var capturesTyping: Bool { menu != nil || warning != nil }

    func rows(_ data: ConsoleData) -> [Page] {
        // No filter: the workspace's own array (shared, not a copy of a thousand pages per call).
        if filter.isEmpty { return data.workspace.pages }
        return data.workspace.pages.filter {
            filter.isEmpty || $0.name.localizedCaseInsensitiveContains(filter) || $0.slug.localizedCaseInsensitiveContains(filter)
        }
    }

    /// Index of the page under the cursor in `list`: the anchored page if it is still there.
    func selectedIndex(_ list: [Page]) -> Int? {
        guard !list.isEmpty else { return nil }
        if let anchor, let index = list.firstIndex(where: { $0.id == anchor }) { return index }
        return min(max(cursor.selected, 0), list.count - 1)
    }

    public func selectedPage(_ data: ConsoleData) -> PageID? {
        let list = rows(data)
        return selectedIndex(list).map { list[$0].id }
    }

    func page(_ id: PageID?, _ data: ConsoleData) -> Page? { id.flatMap(data.workspace.page(id:)) }

    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        if let warning, page(warning.pageID, data) != nil { return ChangeLinkWarning.bindings }
        if let menu, let page = page(menu.pageID, data) { return menu.bindings(page, data) }
        let current = page(selectedPage(data), data)
        let none = current == nil ? "no page selected" : nil
        return ListBindings.all + [
            KeyBinding(.enter, hint: "actions", help: "Action menu: share, one-time link, change link, overview",
                       action: .open, disabledReason: none, priority: 6),
            KeyBinding(.char("o"), hint: "one-time", help: PageAction.oneTime.help, action: .oneTimeSelected,
                       disabledReason: none ?? current.flatMap { PageAction.oneTime.disabledReason($0, data) }, priority: 5),
            KeyBinding(.char("c"), hint: "change link", help: PageAction.changeLink.help, action: .changeLink,
                       disabledReason: none ?? current.flatMap { PageAction.changeLink.disabledReason($0, data) }, priority: 4),
        ]
    }

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows visible: Int) -> ConsoleCommand? {
        if let current = warning {
            warning = nil
            return current.perform(action, data: data)
        }
        if menu != nil { return performMenu(action, data: data) }
        let list = rows(data)
        if let index = selectedIndex(list) { cursor.selected = index }
        if ListBindings.apply(action, to: &cursor, count: list.count, rows: PagesLayout(height: visible).pageRows) {
            anchor = list.indices.contains(cursor.selected) ? list[cursor.selected].id : nil
            return nil
        }
        guard let page = page(selectedPage(data), data) else { return nil }
        if action == .open {
            menu = PageActionMenu(pageID: page.id)
            return nil
        }
        return run(action, on: page, data: data)
    }

    private mutating func performMenu(_ action: ConsoleAction, data: ConsoleData) -> ConsoleCommand? {
        guard var open = menu, let page = page(open.pageID, data) else { menu = nil; return nil }
        if action == .closePanel { menu = nil; return nil }
        let chosen = open.perform(action, page: page)
        menu = chosen == nil ? open : nil
        return chosen.flatMap { run($0, on: page, data: data) }
    }

    /// A page action, whether chosen from the menu or by its own key.
    private mutating func run(_ action: ConsoleAction, on page: Page, data: ConsoleData) -> ConsoleCommand? {
        switch action {
        case .shareSelected: return .openShare(page: page.id, oneTime: false)
        case .oneTimeSelected:
            if let refusal = page.oneTimeRefusal { return .message(refusal.message) }
            return .openShare(page: page.id, oneTime: true)
        case .changeLink: warning = ChangeLinkWarning(pageID: page.id)
        case .openOverview:
            guard page.kind == .master else { return .message("only master pages have an overview") }
            return .openMaster(page.id)
        default: break
        }
        return nil
    }

    /// A new filter keeps the cursor on its page when that page still matches; otherwise the
    /// first match is selected. An open menu closes: its page may have been filtered away.
    public mutating func filterChanged(data: ConsoleData) -> ConsoleCommand? {
        menu = nil
        let list = rows(data)
        if let anchor, let index = list.firstIndex(where: { $0.id == anchor }) {
            cursor.selected = index
        } else {
            cursor = ListCursor()
            anchor = list.first?.id
        }
        return nil
    }
}
