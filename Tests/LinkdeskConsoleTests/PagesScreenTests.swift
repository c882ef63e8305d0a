import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal
import Testing

/// Helpers of the Pages and Master page overview tests (both files use them).
enum PageViewsFixture {
    static let salesMaster: PageID = 20
    static let marketingMaster: PageID = 21
    static let rows = 20

    static func link(_ id: String, master: PageID, created days: Double = -1, expires: Double = 89, usesLeft: Int = 1,
                     revoked: Bool = false) -> OneTimeLink {
        let now = ConsoleFixture.now
        return OneTimeLink(linkID: id, tokenHash: "hash-" + id, masterPageID: master,
                           createdAt: now.addingTimeInterval(days * 86_400), expiresAt: now.addingTimeInterval(expires * 86_400),
                           usesAllowed: 1, usesLeft: usesLeft, revokedAt: revoked ? now : nil)
    }

    /// Two live links of Sales call, and others that must not count: used, expired, revoked, or
    /// of another master page.
    static func links() -> [OneTimeLink] {
        [link("LIVE1", master: salesMaster), link("LIVE2", master: salesMaster, expires: 0.5),
         link("USED", master: salesMaster, usesLeft: 0), link("OLD", master: salesMaster, created: -91, expires: -1),
         link("GONE", master: salesMaster, revoked: true), link("ELSEWHERE", master: marketingMaster)]
    }

    static func data(links: [OneTimeLink] = links()) throws -> ConsoleData {
        try ConsoleFixture.data(links: links)
    }

    /// Presses keys on the console in order; returns the effect of the last one.
    @discardableResult
    static func press(_ state: inout ConsoleState, _ data: ConsoleData, _ keys: Key...) -> ConsoleEffect? {
        var effect: ConsoleEffect?
        for key in keys { effect = state.handle(key, data: data, rows: rows) }
        return effect
    }

    static func type(_ state: inout ConsoleState, _ data: ConsoleData, _ text: String) {
        for character in text { _ = state.handle(.char(character), data: data, rows: rows) }
    }

    /// The console at 80×24 as text rows.
    static func screen(_ state: ConsoleState, _ data: ConsoleData) -> [String] {
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        return buffer.lines()
    }

    /// A console on the Pages view with the cursor on the page of that name and kind.
    static func pages(on name: String, _ kind: Page.Kind, data: ConsoleData) throws -> ConsoleState {
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        let target = try #require(data.workspace.pages.first { $0.name == name && $0.kind == kind })
        for _ in data.workspace.pages where state.pages.selectedPage(data) != target.id { press(&state, data, .down) }
        #expect(state.pages.selectedPage(data) == target.id)
        return state
    }

    /// Names built to break a terminal row: ESC sequences, CR, BS, TAB, NUL, a bidi override,
    /// and 10,000 characters.
    static let hostileNames = [
        "\u{1B}[2J\u{1B}[31mRED\u{1B}]0;pwned\u{07}",
        "Over\rwrite\u{8}\u{8}\tTab\u{0}Nul",
        "\u{202E}lanigiro\u{202C} bidi",
        String(repeating: "W", count: 10_000),
    ]

    /// The demo workspace with the hostile names given to booking pages and a master page.
    static func hostileData() throws -> ConsoleData {
        var data = try self.data()
        for (index, name) in hostileNames.enumerated() where data.workspace.bookingPages.indices.contains(index) {
            data.workspace.bookingPages[index].name = name
            data.workspace.bookingPages[index].owner = name
        }
        data.workspace.masterPages[0].name = hostileNames[0] + hostileNames[3]
        return data
    }

    /// Every row is at most 80 columns and no control or bidi override reached the screen.
    static func expectClean(_ rows: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rows.count == 24, sourceLocation: sourceLocation)
        for row in rows {
            #expect(DisplayWidth.of(row) <= 80, "row too wide: \(row.prefix(90))", sourceLocation: sourceLocation)
            #expect(!row.unicodeScalars.contains { Sanitizer.isNeutralised($0) }, "raw control in \(row.debugDescription)",
                    sourceLocation: sourceLocation)
        }
    }
}

@Suite("Pages view")
struct PagesScreenTests {
    typealias F = PageViewsFixture

    @Test("the list holds booking pages then master pages, event types on a line above")
    func listing() throws {
        let data = try F.data()
        let state = ConsoleState(nextToken: ConsoleFixture.token)
        let rows = ConsoleFixture.expectScreen(state, data, "console-pages")
        let text = rows.joined(separator: "\n")
        #expect(text.contains("Event types  15-minute meeting · 30-minute meeting · 60-minute meeting"))
        let booking = try #require(rows.firstIndex { $0.contains("BOOKING PAGES") })
        let master = try #require(rows.firstIndex { $0.contains("MASTER PAGES") })
        #expect(booking < master)
        #expect(rows[booking + 1].contains("Cactus Co Main") && rows[booking + 1].contains("Dana Haddad")
            && rows[booking + 1].contains("http://localhost:8080/cactus-co-main"))
        #expect(rows[booking + 1].hasPrefix("›"), "the cursor starts on the first page")
        #expect(rows[master + 1].contains("Sales call") && rows[master + 1].contains("Dynamic rules")
            && rows[master + 1].contains("http://localhost:8080/salescall"))
        #expect(rows[master + 2].contains("Marketing") && rows[master + 2].contains("Static rules"))
        #expect(text.contains("Booking page of Dana Haddad"), "details of the selected page")
    }

    @Test("keys: Enter actions, o one-time, c change link; o disabled on a booking page with the rule")
    func bindings() throws {
        let data = try F.data()
        let booking = try F.pages(on: "Sales call", .booking, data: data)
        let keys = booking.bindings(data)
        #expect(keys.dispatch(.enter) == .action(.open))
        #expect(keys.dispatch(.char("c")) == .action(.changeLink))
        #expect(keys.dispatch(.char("o")) == .disabled(reason: Refusal.Reason.oneTimeOnlyDynamic.sentence))
        #expect(keys.dispatch(.char("s")) == .action(.share), "s stays the console's Share key")
        let master = try F.pages(on: "Sales call", .master, data: data)
        #expect(master.bindings(data).dispatch(.char("o")) == .action(.oneTimeSelected))
        let staticMaster = try F.pages(on: "Marketing", .master, data: data)
        #expect(staticMaster.bindings(data).dispatch(.char("o")) == .disabled(reason: Refusal.Reason.oneTimeOnlyDynamic.sentence))
    }

    @Test("o on a booking page or a Static master page: refused in the status line with the rule")
    func oneTimeRefused() throws {
        let data = try F.data()
        for (name, kind) in [("Cactus Co Main", Page.Kind.booking), ("Marketing", .master)] {
            var state = try F.pages(on: name, kind, data: data)
            #expect(F.press(&state, data, .char("o")) == nil)
            #expect(state.modal == nil)
            #expect(state.status == Refusal.Reason.oneTimeOnlyDynamic.sentence)
            #expect(state.statusFailed)
            let details = F.screen(state, data).suffix(6).map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(details.joined(separator: " ").contains("One-time links: no. " + Refusal.Reason.oneTimeOnlyDynamic.sentence),
                    "the details show the whole rule (the status line is too short for it)")
        }
    }

    @Test("o on the Dynamic master page opens Share preset to it with One-time on")
    func oneTime() throws {
        let data = try F.data()
        var screen = try F.pages(on: "Sales call", .master, data: data).pages
        #expect(screen.perform(.oneTimeSelected, data: data, rows: F.rows) == .openShare(page: F.salesMaster, oneTime: true))
        var state = try F.pages(on: "Sales call", .master, data: data)
        F.press(&state, data, .char("o"))
        guard case .share(let share)? = state.modal else { Issue.record("no Share pop-up"); return }
        #expect(share.page?.id == F.salesMaster)
        #expect(share.oneTime)
        #expect(share.url.hasPrefix("http://localhost:8080/.\(ConsoleFixture.token)"))
    }

    @Test("s shares the page under the cursor, One-time off")
    func share() throws {
        let data = try F.data()
        var state = try F.pages(on: "Support desk", .booking, data: data)
        F.press(&state, data, .char("s"))
        guard case .share(let share)? = state.modal else { Issue.record("no Share pop-up"); return }
        #expect(share.page?.name == "Support desk")
        #expect(!share.oneTime)
    }

    @Test("Enter opens the action menu; its entries give share, one-time, change link, overview")
    func menu() throws {
        let data = try F.data()
        var state = try F.pages(on: "Sales call", .master, data: data)
        F.press(&state, data, .enter)
        #expect(state.pages.capturesTyping, "letters belong to the menu")
        let text = ConsoleFixture.expectScreen(state, data, "console-pages-menu").joined(separator: "\n")
        for entry in ["s  Share…", "o  One-time link…", "c  Change link…", "m  Master page overview"] {
            #expect(text.contains(entry))
        }
        var screen = state.pages
        #expect(screen.perform(.open, data: data, rows: F.rows) == .openShare(page: F.salesMaster, oneTime: false))
        #expect(screen.menuPage == nil, "choosing closes the menu")
        screen = state.pages
        _ = screen.perform(.down, data: data, rows: F.rows)
        #expect(screen.perform(.open, data: data, rows: F.rows) == .openShare(page: F.salesMaster, oneTime: true))
        screen = state.pages
        _ = screen.perform(.up, data: data, rows: F.rows)  // wraps to the last entry
        #expect(screen.perform(.open, data: data, rows: F.rows) == .openMaster(F.salesMaster))
        screen = state.pages
        #expect(screen.perform(.changeLink, data: data, rows: F.rows) == nil)
        #expect(screen.linkWarningPage == F.salesMaster)
    }

    @Test("menu keys: m opens the overview, Esc closes the menu without leaving the view")
    func menuKeys() throws {
        let data = try F.data()
        var state = try F.pages(on: "Marketing", .master, data: data)
        F.press(&state, data, .enter, .esc)
        #expect(state.pages.menuPage == nil)
        #expect(state.view == .pages)
        #expect(F.press(&state, data, .enter, .char("5"), .char("q")) == nil, "q doesn't quit from the menu")
        #expect(state.pages.menuPage != nil)
        #expect(state.view == .pages, "number keys don't switch views under the menu")
        F.press(&state, data, .char("m"))
        #expect(state.view == .master)
        #expect(state.master.pageID == F.marketingMaster)
        #expect(state.pages.menuPage == nil)
    }

    @Test("the menu of a booking page: no overview; One-time dimmed, Enter on it says why")
    func bookingMenu() throws {
        let data = try F.data()
        var state = try F.pages(on: "Cactus Co Main", .booking, data: data)
        F.press(&state, data, .enter)
        let text = F.screen(state, data).joined(separator: "\n")
        #expect(!text.contains("Master page overview"))
        #expect(state.bindings(data).dispatch(.char("m")) == .unbound)
        F.press(&state, data, .down, .enter)
        #expect(state.modal == nil)
        #expect(state.status == Refusal.Reason.oneTimeOnlyDynamic.sentence)
        #expect(state.pages.menuPage != nil, "a refused entry leaves the menu open")
    }

    @Test("c warns that the former link dies, then asks for the new one: a setSlug effect")
    func changeLink() throws {
        let data = try F.data()
        var state = try F.pages(on: "Sales call", .master, data: data)
        F.press(&state, data, .char("c"))
        #expect(state.modal == nil, "the warning is the view's own, before the console's prompt")
        let text = ConsoleFixture.expectScreen(state, data, "console-change-link").joined(separator: "\n")
        #expect(text.contains("Change the link of Sales call?"))
        #expect(text.contains("stops working at once, with no redirect"))
        #expect(text.contains("http://localhost:8080/salescall"))
        #expect(text.contains("can no longer cancel or reschedule"))
        #expect(text.contains("One-time links are not tied to the link: they keep working."))
        F.press(&state, data, .char("y"))
        guard case .prompt(let prompt)? = state.modal else { Issue.record("no prompt"); return }
        #expect(prompt.purpose == .newSlug(F.salesMaster))
        #expect(prompt.field.text == "salescall", "the current link is prefilled")
        #expect(state.pages.linkWarningPage == nil)
        F.press(&state, data, .ctrl("u"))
        F.type(&state, data, "sales-team")
        #expect(F.press(&state, data, .enter) == .setSlug(page: F.salesMaster, slug: "sales-team"))
    }

    @Test("n or Esc at the warning keeps the link and the view")
    func changeLinkKept() throws {
        let data = try F.data()
        for key in [Key.char("n"), .esc] {
            var state = try F.pages(on: "Support desk", .booking, data: data)
            F.press(&state, data, .char("5"), .char("1"), .char("c"))
            #expect(F.press(&state, data, key) == nil)
            #expect(state.pages.linkWarningPage == nil)
            #expect(state.modal == nil)
            #expect(state.view == .pages)
            #expect(state.history == [.pages, .activity], "Esc closed the warning instead of going back")
        }
    }

    @Test("/ filters by name or link; the cursor stays on its page while it matches")
    func filtering() throws {
        let data = try F.data()
        var state = try F.pages(on: "Marketing call", .booking, data: data)
        F.press(&state, data, .char("/"))
        F.type(&state, data, "mark")
        #expect(state.pages.selectedPage(data) == 12, "Marketing call still matches")
        var text = F.screen(state, data).joined(separator: "\n")
        #expect(text.contains("Marketing call") && text.contains("http://localhost:8080/marketing"))
        #expect(!text.contains("Cactus Co Main") && !text.contains("Support desk"))
        F.press(&state, data, .ctrl("u"))
        F.type(&state, data, "support-lee")
        #expect(state.pages.selectedPage(data) == 13, "by link; the cursor moves to the first match")
        F.press(&state, data, .ctrl("u"))
        F.type(&state, data, "zzz")
        F.press(&state, data, .enter)
        text = F.screen(state, data).joined(separator: "\n")
        #expect(text.contains("Nothing matches \"zzz\"."))
        #expect(state.pages.selectedPage(data) == nil)
        #expect(state.bindings(data).dispatch(.enter) == .disabled(reason: "no page selected"))
    }

    @Test("a live reload with the same pages keeps the cursor; pages added above don't move it")
    func liveReload() throws {
        let data = try F.data()
        var state = try F.pages(on: "Support desk", .booking, data: data)
        let reloaded = try F.data(links: [])
        #expect(state.pages.selectedPage(reloaded) == 13)
        var grown = reloaded
        var extra = grown.workspace.bookingPages[0]
        extra.id = 99
        extra.name = "Aardvark desk"
        extra.slug = "aardvark"
        grown.workspace.bookingPages.insert(extra, at: 0)
        #expect(state.pages.selectedPage(grown) == 13)
        F.press(&state, grown, .down)
        #expect(state.pages.selectedPage(grown) == F.salesMaster, "moves on from where it was")
    }

    @Test("a long list scrolls: the selected page and its heading stay on screen")
    func scrolling() throws {
        var data = try F.data()
        let template = data.workspace.bookingPages[0]
        data.workspace.bookingPages = (0..<40).map { n in
            var page = template
            page.id = 100 + Int64(n)
            page.name = "Page \(n)"
            page.slug = "page-\(n)"
            return page
        }
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        F.press(&state, data, .char("G"))
        var rows = F.screen(state, data)
        #expect(state.pages.selectedPage(data) == F.marketingMaster)
        #expect(rows.contains { $0.hasPrefix("›") && $0.contains("Marketing") })
        #expect(rows.contains { $0.contains("MASTER PAGES") })
        #expect(rows.contains { $0.contains("BOOKING PAGES") }, "the section on top keeps its heading")
        F.press(&state, data, .char("g"), .pageDown)
        rows = F.screen(state, data)
        #expect(rows.contains { $0.hasPrefix("›") && $0.contains("Page 9 ") })
    }

    @Test("hostile page and owner names render without breaking their rows")
    func hostileNames() throws {
        let data = try F.hostileData()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        let rows = ConsoleFixture.expectScreen(state, data, "console-pages-hostile")
        F.expectClean(rows)
        for page in data.workspace.pages {
            let url = data.url(of: page)
            #expect(rows.contains { $0.hasSuffix(url) }, "the row of \(page.slug) still ends in its link")
        }
        #expect(rows.contains { $0.contains("␛[2J␛[31mRED") }, "controls show as pictures")
        #expect(rows.contains { $0.contains("Over␍write␈␈␉Tab␀Nul") })
        #expect(rows.contains { $0.contains("�lanigiro� bidi") })
        F.press(&state, data, .down, .down, .down, .down, .enter)
        F.expectClean(F.screen(state, data))
        F.press(&state, data, .char("c"))
        let warning = F.screen(state, data)
        F.expectClean(warning)
        #expect(warning.contains { $0.contains("Change the link of ␛[2J␛[31mRED") })
    }

    @Test("? lists every key of Pages, generated from its bindings")
    func help() throws {
        let data = try F.data()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        F.press(&state, data, .char("?"))
        let text = ConsoleFixture.expectScreen(state, data, "console-help-pages").joined(separator: "\n")
        #expect(!text.contains("more"), "every key fits at 80×24")
        for binding in state.bindings(data) { #expect(text.contains(binding.help), "help lists \(binding.help)") }
        #expect(text.contains("(unavailable: Only a "), "the disabled key says why")
    }
}
