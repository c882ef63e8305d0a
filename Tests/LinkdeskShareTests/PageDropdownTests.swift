import Testing
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

@Suite("Share pop-up: the page dropdown")
struct PageDropdownTests {
    /// Labels of the rows the open dropdown lists, in order.
    func listed(_ state: ShareState) throws -> [String] {
        let list = try #require(state.dropdown)
        return list.matches(state.options).map { state.options[$0].label }
    }

    @Test("the options are the demo's booking pages, then its master pages")
    func options() throws {
        let state = try Demo.state()
        #expect(state.options.map(\.label) == [
            "Cactus Co Main (booking page)", "Sales call (booking page)", "Marketing call (booking page)",
            "Support desk (booking page)", "Sales call (master page)", "Marketing (master page)",
        ])
        #expect(state.page?.name == "Cactus Co Main")
    }

    @Test("typing a letter on the page field opens the list filtered by it")
    func typingOpens() throws {
        var state = try Demo.state()
        #expect(state.dropdown == nil)
        state.press(.char("S"))
        #expect(state.dropdown?.filter.text == "S")
        state.type("al")
        #expect(state.dropdown?.filter.text == "Sal")
        #expect(try listed(state) == ["Sales call (booking page)", "Sales call (master page)"])
        #expect(state.selected == 0, "filtering alone changes nothing")
    }

    @Test("the filter ignores case and accents; Backspace widens it again")
    func filterEditing() throws {
        var state = try Demo.state()
        state.type("mÄrk")
        #expect(try listed(state) == ["Marketing call (booking page)", "Marketing (master page)"])
        state.press(.backspace, .backspace, .backspace, .backspace)
        #expect(state.dropdown?.filter.text == "")
        #expect(try listed(state).count == 6)
    }

    @Test("Enter opens the list on the current page; Down, Down, Enter chooses two below")
    func downAndChoose() throws {
        var state = try Demo.state(selected: 1)
        state.press(.enter)
        #expect(state.dropdown?.highlighted == 1)
        state.press(.down, .down)
        #expect(state.dropdown?.highlighted == 3)
        #expect(state.press(.enter) == nil)
        #expect(state.dropdown == nil)
        #expect(state.page?.name == "Support desk")
        #expect(state.url == "http://localhost:8080/support-lee")
    }

    @Test("Up from the first row wraps to the last")
    func upWraps() throws {
        var state = try Demo.state()
        state.press(.enter, .up, .enter)
        #expect(state.page?.name == "Marketing")
        #expect(state.page?.kind == .master)
        #expect(state.url == "http://localhost:8080/\(state.page!.slug)")
    }

    @Test("Down on the last row wraps to the first")
    func downWraps() throws {
        var state = try Demo.state(selected: 5)
        state.press(.enter, .down, .enter)
        #expect(state.selected == 0)
    }

    @Test("Down moves within the filtered rows and Enter chooses among them")
    func chooseFiltered() throws {
        var state = try Demo.state()
        state.type("sal")
        state.press(.down, .enter)
        #expect(state.selected == (try Demo.index(of: "Sales call", .master)))
        #expect(state.page?.kind == .master)
    }

    @Test("typing from a page further down still highlights the first match")
    func typeFromLaterPage() throws {
        var state = try Demo.state(selected: 3)              // Support desk
        state.type("sal")
        #expect(state.dropdown?.highlighted == 0)
        state.press(.enter)
        #expect(state.message == nil)
        #expect(state.selected == (try Demo.index(of: "Sales call", .booking)))
    }

    @Test("one letter typed from the last page highlights its first match, not the old row")
    func oneLetterFromLastPage() throws {
        var state = try Demo.state(selected: 5)              // Marketing (master page)
        state.press(.char("c"))
        let matches = try #require(state.dropdown).matches(state.options)
        #expect(matches.count < 6, "the filter narrows the list")
        #expect(state.dropdown?.highlighted == 0)
        state.press(.enter)
        #expect(state.message == nil)
        #expect(state.page?.name == "Cactus Co Main")
    }

    @Test("a long list scrolls so the highlighted row stays visible")
    func scrolling() throws {
        let first = try #require(try Demo.workspace().bookingPages.first)
        let pages = (1...12).map { number -> Page in
            var page = first
            page.name = "Team member \(number)"
            return .booking(page)
        }
        var state = ShareState(pages: pages, base: Demo.base, token: Demo.token)
        state.press(.enter)
        for step in 1...11 {
            state.press(.down)
            let label = state.options[step].label
            var buffer = CellBuffer(width: 80, height: 24)
            state.render(into: &buffer)
            let row = try #require(buffer.lines().firstIndex { $0.contains(label + " ") || $0.hasSuffix(label) },
                                   "\(label) highlighted but not shown")
            #expect(buffer.lines()[row].contains(label))
            let column = try #require(buffer.lines()[row].range(of: label)).lowerBound.utf16Offset(in: buffer.lines()[row])
            #expect(buffer.cell(x: column, y: row)?.role == .focus, "the highlighted row is drawn highlighted")
        }
        state.press(.enter)
        #expect(state.page?.name == "Team member 12")
    }

    @Test("Esc closes the list and keeps the page")
    func escKeeps() throws {
        var state = try Demo.state(selected: 2)
        state.press(.enter, .down)
        #expect(state.press(.esc) == nil)
        #expect(state.dropdown == nil)
        #expect(state.selected == 2)
    }

    @Test("Enter with no match keeps the list open and says so")
    func noMatch() throws {
        var state = try Demo.state()
        state.type("zzz")
        #expect(try listed(state).isEmpty)
        state.press(.enter)
        #expect(state.dropdown != nil)
        #expect(state.selected == 0)
        #expect(state.message == "no page matches \"zzz\"")
        #expect(state.screen().joined(separator: "\n").contains("no page matches"))
    }

    @Test("letters typed with the list open go to the filter, not to shortcuts")
    func shortcutsAreText() throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.press(.enter)
        state.type("pio?")
        #expect(state.dropdown?.filter.text == "pio?")
        #expect(!state.personalize && !state.oneTime && state.info == nil && !state.showHelp)
    }
}
