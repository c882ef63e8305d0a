import LinkdeskCore
import LinkdeskTerminal

/// One entry of a page's action menu, in the seeds' order (the "…" menu of the Booking page
/// scheduling setup): Share, One-time link, Change link, and for master pages the overview.
enum PageAction: CaseIterable, Equatable, Sendable {
    case share, oneTime, changeLink, overview

    var key: Key {
        switch self {
        case .share: .char("s")
        case .oneTime: .char("o")
        case .changeLink: .char("c")
        case .overview: .char("m")
        }
    }

    var title: String {
        switch self {
        case .share: "Share…"
        case .oneTime: "One-time link…"
        case .changeLink: "Change link…"
        case .overview: "Master page overview"
        }
    }

    var help: String {
        switch self {
        case .share: "Share the page (the Share pop-up, preset to it)"
        case .oneTime: "Generate a one-time link (Share, One-time on)"
        case .changeLink: "Change the page's link (the former link dies at once)"
        case .overview: "Open the Master page overview"
        }
    }

    var action: ConsoleAction {
        switch self {
        case .share: .shareSelected
        case .oneTime: .oneTimeSelected
        case .changeLink: .changeLink
        case .overview: .openOverview
        }
    }

    /// The actions a page has: the overview only for master pages.
    static func available(for page: Page) -> [PageAction] {
        page.kind == .master ? allCases : allCases.filter { $0 != .overview }
    }

    /// Why the action can't run on this page, for this viewer; nil when it can.
    func disabledReason(_ page: Page, _ data: ConsoleData) -> String? {
        switch self {
        case .oneTime: page.oneTimeRefusal?.message ?? data.roleRefusal(.share)
        case .share: data.roleRefusal(.share)
        case .changeLink: data.roleRefusal(page.kind == .master ? .changeMasterPage
                                           : .changeSlug(ownerLogin: data.workspace.bookingPage(id: page.id)?.ownerLogin))
        case .overview: nil
        }
    }
}

/// The action menu opened with Enter on a page: a value (which page, which entry is highlighted),
/// drawn as a small box under the page's row.
struct PageActionMenu: Equatable, Sendable {
    var pageID: PageID
    var highlighted = 0

    static let width = 30

    func bindings(_ page: Page, _ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        let items = PageAction.available(for: page)
        let current = items[min(highlighted, items.count - 1)]
        return [
            KeyBinding([.up, .char("k")], hint: "up", help: "Highlight the entry above", action: .up, showsInHintBar: false),
            KeyBinding([.down, .char("j")], hint: "down", help: "Highlight the entry below", action: .down, showsInHintBar: false),
            KeyBinding(.enter, hint: "choose", help: "Run the highlighted entry", action: .open,
                       disabledReason: current.disabledReason(page, data), priority: 9),
        ] + items.map {
            KeyBinding($0.key, hint: $0.title.lowercased().replacingOccurrences(of: "…", with: ""), help: $0.help,
                       action: $0.action, disabledReason: $0.disabledReason(page, data), priority: 5, showsInHintBar: false)
        } + [
            KeyBinding(.esc, hint: "close", help: "Close the menu", action: .closePanel, priority: 8, showsInHintBar: false),
            KeyBinding(.char("?"), hint: "help", help: "List every key of this view", action: .help, showsInHintBar: false),
        ]
    }

    /// ↑/↓ move the highlight (wrapping); Enter gives the highlighted entry's action.
    mutating func perform(_ action: ConsoleAction, page: Page) -> ConsoleAction? {
        let items = PageAction.available(for: page)
        switch action {
        case .up: highlighted = (highlighted + items.count - 1) % items.count
        case .down: highlighted = (highlighted + 1) % items.count
        case .open: return items[min(highlighted, items.count - 1)].action
        default: return action
        }
        return nil
    }

    /// Draws the menu under row `anchorY` (above it when there is no room), at the right of `area`.
    func render(into buffer: inout CellBuffer, page: Page, anchorY: Int, area: Rect, data: ConsoleData) {
        let items = PageAction.available(for: page)
        let height = items.count + 2
        let y = anchorY + 1 + height <= area.maxY ? anchorY + 1 : max(area.y, anchorY - height)
        let box = Rect(x: max(area.x, area.maxX - Self.width - 2), y: y, width: Self.width, height: height)
        buffer.fill(box)
        buffer.drawBox(box, title: page.name)
        for (index, item) in items.enumerated() {
            let disabled = item.disabledReason(page, data) != nil
            let role: StyleRole = index == highlighted ? .selection : (disabled ? .disabled : .normal)
            let row = Rect(x: box.x + 1, y: box.y + 1 + index, width: box.width - 2, height: 1)
            buffer.fill(row, role: role)
            let marker = index == highlighted ? "›" : " "
            buffer.write("\(marker)\(item.key.label)  \(item.title)", x: row.x, y: row.y, role: role, maxWidth: row.width)
        }
    }
}
