import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import Testing

/// The Buttons view (issue 5 item 3): the gallery's styles, a text preview of the selected one,
/// a page picked with ←/→ (the first master page by default), and Enter or `y` copying the HTML
/// snippet through `.copyText`, which the runner hands to the clipboard code.
@Suite("console: buttons view")
struct ButtonsScreenTests {
    /// The gallery read from Assets/buttons/ as the runner reads it.
    static func shelf() throws -> ButtonShelf {
        let folder = ConsoleFixture.repository.appendingPathComponent("Assets/buttons")
        let gallery = try ButtonGallery(json: try Data(contentsOf: folder.appendingPathComponent("gallery.json")))
        var templates: [String: String] = [:]
        for style in gallery.styles {
            let text = try String(contentsOf: folder.appendingPathComponent(style.template), encoding: .utf8)
            templates[style.id] = text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
        return ButtonShelf(styles: gallery.styles, templates: templates)
    }

    static func data() throws -> ConsoleData {
        var data = try ConsoleFixture.data()
        data.buttons = try shelf()
        return data
    }

    static func state(on data: ConsoleData) -> ConsoleState {
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("8"), data: data, rows: 20)
        return state
    }

    static func copied(_ effect: ConsoleEffect?) -> (html: String, label: String)? {
        guard case let .copyText(html, label)? = effect else { return nil }
        return (html, label)
    }

    @Test("8 opens the view on the first master page; the styles, a preview and the HTML show")
    func screen() throws {
        let data = try Self.data()
        let state = Self.state(on: data)
        #expect(state.view == .buttons)
        #expect(state.buttons.selectedPage(data) == data.workspace.masterPages.first?.id)
        let rows = ConsoleFixture.expectScreen(state, data, "console-buttons")
        let text = rows.joined(separator: "\n")
        for style in data.buttons.styles { #expect(text.contains(style.name)) }
        #expect(text.contains("┃  Book a meeting  ┃"), "the classic style drawn as `button --list` draws it")
        #expect(text.contains("http://localhost:8080/salescall"))
        #expect(rows[0].contains("8 Buttons") && DisplayWidth.of(rows[0].trimmingCharacters(in: .whitespaces)) <= 80)
    }

    @Test("Enter and y copy the selected style's snippet, which holds the page's URL exactly")
    func copying() throws {
        let data = try Self.data()
        var state = Self.state(on: data)
        let page = try #require(data.workspace.masterPages.first)
        let url = data.url(of: .master(page))
        let classic = try #require(Self.copied(state.handle(.enter, data: data, rows: 20)))
        #expect(classic.html.contains("href=\"\(url)\""))
        #expect(classic.html == ButtonSnippet.render(template: data.buttons.templates["classic"] ?? "", url: url,
                                                     text: ButtonSnippet.defaultText, page: page.name,
                                                     images: data.base.text + "/buttons"))
        #expect(classic.label.contains("Classic") && classic.label.contains(page.name))

        _ = state.handle(.down, data: data, rows: 20)
        let outline = try #require(Self.copied(state.handle(.char("y"), data: data, rows: 20)))
        #expect(outline.html.contains("href=\"\(url)\""))
        #expect(outline.label.contains("Outline"))
        #expect(outline.html != classic.html)
        #expect(state.status == nil, "copying is the runner's: the status line waits for its result")
    }

    @Test("← and → cycle every page of the workspace, wrapping around; the snippet follows")
    func cycling() throws {
        let data = try Self.data()
        var state = Self.state(on: data)
        let pages = data.workspace.pages
        let start = try #require(pages.firstIndex { $0.kind == .master })
        var seen: [PageID] = []
        for _ in pages {
            _ = state.handle(.right, data: data, rows: 20)
            seen.append(try #require(state.buttons.selectedPage(data)))
        }
        #expect(seen == (1...pages.count).map { pages[(start + $0) % pages.count].id })
        _ = state.handle(.left, data: data, rows: 20)
        let previous = pages[(start + pages.count - 1) % pages.count]
        #expect(state.buttons.selectedPage(data) == previous.id)
        let html = try #require(Self.copied(state.handle(.enter, data: data, rows: 20))).html
        #expect(html.contains("href=\"\(data.url(of: previous))\""))
        #expect(state.view == .buttons)
    }

    @Test("s opens the Share pop-up preset to the picked page")
    func share() throws {
        let data = try Self.data()
        var state = Self.state(on: data)
        _ = state.handle(.right, data: data, rows: 20)
        _ = state.handle(.char("s"), data: data, rows: 20)
        guard case .share(let share)? = state.modal else { Issue.record("no Share pop-up"); return }
        #expect(share.page?.id == state.buttons.selectedPage(data))
    }

    @Test("no gallery: the problem shows and the copy key says why it does nothing")
    func missingGallery() throws {
        var data = try ConsoleFixture.data()
        data.buttons = ButtonShelf(problem: "the buttons gallery was not found at /nowhere/buttons/gallery.json")
        var state = Self.state(on: data)
        #expect(state.handle(.enter, data: data, rows: 20) == nil)
        #expect(state.statusFailed && state.status?.contains("not found") == true)
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        #expect(buffer.lines().joined().contains("gallery was not found"))
    }

    @Test("the filter narrows the styles; the copy key follows the match")
    func filtering() throws {
        let data = try Self.data()
        var state = Self.state(on: data)
        _ = state.handle(.down, data: data, rows: 20)
        _ = state.handle(.char("/"), data: data, rows: 20)
        for character in "pill" { _ = state.handle(.char(character), data: data, rows: 20) }
        _ = state.handle(.enter, data: data, rows: 20)
        let copied = try #require(Self.copied(state.handle(.enter, data: data, rows: 20)))
        #expect(copied.label.contains("Pill"))
    }
}
