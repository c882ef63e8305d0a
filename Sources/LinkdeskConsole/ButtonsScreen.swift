import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// The scheduling buttons gallery (Assets/buttons/) as the runner read it: the styles and each
/// style's HTML template. Pure, so the Buttons view renders and fills templates without files.
public struct ButtonShelf: Equatable, Sendable {
    public var styles: [ButtonGallery.Style]
    /// Each style's template, by style id; a style whose template could not be read is absent.
    public var templates: [String: String]
    /// URL of the folder serving the gallery's images; nil: BASE/buttons (as `linkdesk button`).
    public var images: String?
    /// Why the gallery could not be read; the view shows it instead of the list.
    public var problem: String?
    /// False until the gallery has been read: the console reads it with the reload that follows
    /// the first frame (it was a tenth of the first frame's instructions), unless Buttons is the
    /// first view. A reload asks for it until then (`ConsoleReload.buttons`).
    public var isRead: Bool

    public init(styles: [ButtonGallery.Style] = [], templates: [String: String] = [:], images: String? = nil,
                problem: String? = nil) {
        self.styles = styles
        self.templates = templates
        self.images = images
        self.problem = problem
        isRead = true
    }

    /// The shelf before the gallery is read: no styles, no problem.
    public static var unread: ButtonShelf {
        var shelf = ButtonShelf()
        shelf.isRead = false
        return shelf
    }
}

/// Email-signature buttons: the gallery's styles, a text preview of the selected one (as
/// `linkdesk button --list` draws it) and its HTML snippet for a page picked with ←/→; Enter or
/// `y` copies the snippet, as `linkdesk button PAGE --style NAME` prints it.
public struct ButtonsScreen: ConsoleScreen {
    public var filter = ""
    public var cursor = ListCursor()
    /// The page the snippet links to; nil: the first master page (else the first page).
    public var pageID: PageID?

    public init() {}

    func styles(_ data: ConsoleData) -> [ButtonGallery.Style] {
        guard !filter.isEmpty else { return data.buttons.styles }
        return data.buttons.styles.filter {
            ($0.id + " " + $0.name + " " + $0.description).localizedCaseInsensitiveContains(filter)
        }
    }

    func style(_ data: ConsoleData) -> ButtonGallery.Style? {
        let all = styles(data)
        return all.isEmpty ? nil : all[min(max(cursor.selected, 0), all.count - 1)]
    }

    func page(_ data: ConsoleData) -> Page? {
        let pages = data.workspace.pages
        if let pageID, let page = pages.first(where: { $0.id == pageID }) { return page }
        return pages.first { $0.kind == .master } ?? pages.first
    }

    public func selectedPage(_ data: ConsoleData) -> PageID? { page(data)?.id }

    /// The HTML the copy key copies: the selected style's template filled for the page.
    public func snippet(_ data: ConsoleData) -> String? {
        guard let style = style(data), let page = page(data), let template = data.buttons.templates[style.id] else { return nil }
        return ButtonSnippet.render(template: template, url: data.url(of: page), text: ButtonSnippet.defaultText,
                                    page: page.name, images: data.buttons.images ?? data.base.text + "/buttons")
    }

    private func copyRefusal(_ data: ConsoleData) -> String? {
        if let problem = data.buttons.problem { return problem }
        guard let style = style(data) else { return filter.isEmpty ? "the gallery lists no styles" : "no style matches the filter" }
        guard page(data) != nil else { return "there is no page to link to" }
        guard data.buttons.templates[style.id] != nil else { return "the template of button style \(style.id) was not found" }
        return nil
    }

    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        let single = data.workspace.pages.count < 2 ? "there is no other page" : nil
        return ListBindings.all + [
            KeyBinding([.enter, .char("y")], hint: "copy HTML", help: "Copy the selected button's HTML snippet for the page",
                       action: .copyButton, disabledReason: copyRefusal(data), priority: 6),
            KeyBinding([.left, .char("[")], hint: "previous page", help: "Link the button to the previous page",
                       action: .previousPage, disabledReason: single, priority: 1, showsInHintBar: false),
            KeyBinding([.right, .char("]")], hint: "page", help: "Link the button to the next page", action: .nextPage,
                       disabledReason: single, priority: 2),
        ]
    }

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows: Int) -> ConsoleCommand? {
        let count = styles(data).count
        if ListBindings.apply(action, to: &cursor, count: count, rows: Self.listRows(count: count, height: rows)) { return nil }
        switch action {
        case .previousPage: cyclePage(by: -1, data: data)
        case .nextPage: cyclePage(by: 1, data: data)
        case .copyButton:
            guard let style = style(data), let page = page(data), let html = snippet(data) else { return nil }
            return .effect(.copyText(html, label: "the \(style.name) button's HTML for \(page.name)"))
        default: break
        }
        return nil
    }

    public mutating func filterChanged(data: ConsoleData) -> ConsoleCommand? {
        let count = styles(data).count
        cursor.clamp(count: count, visible: count)
        return nil
    }

    mutating func cyclePage(by step: Int, data: ConsoleData) {
        let pages = data.workspace.pages
        guard !pages.isEmpty else { return }
        let current = page(data).flatMap { page in pages.firstIndex { $0.id == page.id } } ?? 0
        pageID = pages[((current + step) % pages.count + pages.count) % pages.count].id
    }

    /// Rows the style list gets: every style when it fits, leaving room for the preview.
    static func listRows(count: Int, height: Int) -> Int { max(min(count, height - 10), 1) }

    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        var y = area.y
        let pages = data.workspace.pages
        guard let page = page(data) else {
            buffer.write("No pages yet: a button links to a page.", x: area.x + 1, y: y, role: .dim)
            return
        }
        let position = (pages.firstIndex { $0.id == page.id } ?? 0) + 1
        buffer.write("Page", x: area.x + 1, y: y, role: .title)
        var x = area.x + 8
        x += buffer.write("◀ ", x: x, y: y, role: .dim)
        x += buffer.writeClipped(page.name, x: x, y: y, maxWidth: 40, role: .accent)
        x += buffer.write(" ▶", x: x, y: y, role: .dim)
        buffer.writeClipped("  \(page.kind == .master ? "master page" : "booking page") \(position) of \(pages.count)   ←/→ changes",
                            x: x, y: y, maxWidth: area.maxX - x - 1, role: .dim)
        y += 1
        buffer.write("Link", x: area.x + 1, y: y, role: .title)
        buffer.writeClipped(data.url(of: page), x: area.x + 8, y: y, maxWidth: area.width - 9)
        y += 2
        if let problem = data.buttons.problem {
            buffer.writeClipped(problem, x: area.x + 1, y: y, maxWidth: area.width - 2, role: .error)
            return
        }
        let all = styles(data)
        let header = Columns([("STYLE", 14), ("DESCRIPTION", 0)])
        header.draw(header.titles, into: &buffer, x: area.x, y: y, width: area.width, role: .title)
        y += 1
        guard let selected = style(data) else {
            buffer.write(filter.isEmpty ? "The gallery lists no styles." : "Nothing matches \"\(filter)\".",
                         x: area.x + 1, y: y + 1, role: .dim)
            return
        }
        let listRows = Self.listRows(count: all.count, height: area.height)
        for (row, index) in cursor.visibleRange(count: all.count, visible: listRows).enumerated() {
            let style = all[index]
            header.draw([style.name, style.description], into: &buffer, x: area.x, y: y + row, width: area.width,
                        role: style == selected ? .selection : .normal)
        }
        y += listRows + 1
        guard y < area.maxY else { return }
        buffer.writeClipped("Preview: \(selected.name)", x: area.x + 1, y: y, maxWidth: area.width - 2, role: .title)
        y += 1
        for line in ButtonSnippet.preview(selected.preview, text: ButtonSnippet.defaultText) where y < area.maxY {
            buffer.write(line, x: area.x + 3, y: y, role: .accent)
            y += 1
        }
        y += 1
        guard y < area.maxY else { return }
        guard let html = snippet(data) else {
            buffer.writeClipped("the template of button style \(selected.id) was not found", x: area.x + 1, y: y,
                                maxWidth: area.width - 2, role: .error)
            return
        }
        let lines = html.split(separator: "\n", omittingEmptySubsequences: false)
        buffer.writeClipped("HTML (\(lines.count) lines, \(html.count) characters): Enter or y copies it", x: area.x + 1, y: y,
                            maxWidth: area.width - 2, role: .title)
        y += 1
        for line in lines where y < area.maxY {
            buffer.writeClipped(String(line), x: area.x + 3, y: y, maxWidth: area.width - 4, role: .dim)
            y += 1
        }
    }
}
