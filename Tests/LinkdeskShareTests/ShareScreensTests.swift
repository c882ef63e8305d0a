import Foundation
import Testing
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal
import LinkdeskTestSupport

/// The pop-up's reference renderings in Screens/ (80×24 unless said). Re-record with
/// `LINKDESK_RECORD_SCREENS=1 swift test --filter LinkdeskShareTests` and review with git diff.
@Suite("Share pop-up golden screens")
struct ShareScreensTests {
    /// Compares the state's rendering with Screens/<name>.txt and returns the rows.
    @discardableResult
    func check(_ state: ShareState, _ name: String, width: Int = 80, height: Int = 24,
               sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        GoldenScreens.expect(state.screen(width: width, height: height), named: name, sourceLocation: sourceLocation)
    }

    @Test("as opened on the first page")
    func defaultScreen() throws {
        let rows = check(try Demo.state(), "share-default")
        let text = rows.joined(separator: "\n")
        #expect(text.contains(ShareTexts.title))
        #expect(text.contains("Cactus Co Main"))
        #expect(text.contains("http://localhost:8080/cactus-co-main"))
    }

    @Test("the page dropdown open")
    func dropdownOpen() throws {
        var state = try Demo.state()
        state.press(.enter)
        #expect(state.dropdown != nil)
        let text = check(state, "share-dropdown-open").joined(separator: "\n")
        for page in try Demo.pages() { #expect(text.contains(PageOption(page: page).label)) }
    }

    @Test("the dropdown filtered by typing \"sal\"")
    func dropdownFiltered() throws {
        var state = try Demo.state()
        state.type("sal")
        let rows = check(state, "share-dropdown-filtered")
        let text = rows.joined(separator: "\n")
        #expect(text.contains("Sales call (booking page)"))
        #expect(text.contains("Sales call (master page)"))
        #expect(!text.contains("Marketing call (booking page)"))
        #expect(!text.contains("Support desk"))
    }

    @Test("the seeds' Figure 3: one-time link on master page Sales call, personalized")
    func figure3() throws {
        var state = try Demo.state()
        state.type("sal")
        state.press(.down, .enter)                // the second match: Sales call (master page)
        state.press(.char("o"), .char("p"))
        state.focus(on: .name)
        state.type("Jane Smythe")
        state.press(.tab)
        state.type("jane.smythe@example.com")
        let text = check(state, "share-figure3").joined(separator: "\n")
        #expect(text.contains("Sales call (master page)"))
        #expect(text.contains("[ON ] Personalize link (i)"))
        #expect(text.contains("[ON ] One-time link (i)"))
        #expect(text.contains("Jane Smythe"))
        #expect(text.contains("jane.smythe@example.com"))
        #expect(state.url == "http://localhost:8080/.\(Demo.token)?name=Jane%20Smythe&email=jane.smythe@example.com")
        #expect(text.contains("http://localhost:8080/.\(Demo.token)?name=Jane%20Smythe"), "the URL is on screen")
    }

    @Test("a booking page selected: One-time disabled, with the reason")
    func oneTimeDisabled() throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.press(.char("o"))
        #expect(state.oneTime)
        state.type("sup")
        state.press(.enter)
        state.focus(on: .oneTime)
        #expect(!state.oneTime)
        let text = check(state, "share-onetime-disabled").joined(separator: "\n")
        #expect(text.contains("Support desk (booking page)"))
        #expect(text.contains("[OFF] One-time link (i)"))
        #expect(text.contains("Only a Master page using Rule-based assignment"))
        #expect(text.contains("http://localhost:8080/support-lee"))
    }

    @Test("the (i) of One-time link")
    func infoOneTime() throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.focus(on: .oneTime)
        state.press(.char("i"))
        let text = check(state, "share-info-onetime").joined(separator: "\n")
        #expect(text.contains("(i) One-time link"))
        #expect(text.contains("Good for one booking only"))
    }

    @Test("the (i) of Personalize link")
    func infoPersonalize() throws {
        var state = try Demo.state()
        state.focus(on: .personalize)
        state.press(.char("i"))
        let text = check(state, "share-info-personalize").joined(separator: "\n")
        #expect(text.contains("(i) Personalize link"))
        #expect(text.contains("skip=0"))
    }

    @Test("an invalid email: flagged inline, Copy & close refused")
    func invalidEmail() throws {
        var state = try Demo.state(on: "Sales call", .booking)
        state.press(.char("p"))
        state.focus(on: .name)
        state.type("Jane Smythe")
        state.press(.tab)
        state.type("jane.smythe@example")
        #expect(state.press(.ctrl("y")) == nil)
        let text = check(state, "share-invalid-email").joined(separator: "\n")
        #expect(text.contains("✗ not a valid email address"))
        #expect(text.contains("Customer email: not a valid email address"))
    }

    @Test("the ? overlay")
    func help() throws {
        var state = try Demo.state()
        state.press(.char("?"))
        let text = check(state, "share-help").joined(separator: "\n")
        #expect(text.contains("Share pop-up keys"))
        #expect(!text.contains("more"), "every key fits at 80×24")
    }

    @Test("below the minimum size it says so (50×15)")
    func tooSmall() throws {
        let rows = check(try Demo.state(), "share-too-small", width: 50, height: 15)
        #expect(rows.count == 15)
        #expect(rows.joined().contains("Terminal too small"))
        #expect(!rows.joined().contains(ShareTexts.title))
    }

    @Test("Show booking form on: the URL ends with skip=0")
    func showForm() throws {
        var state = try Demo.state(on: "Sales call", .booking)
        state.press(.char("p"))
        state.focus(on: .name)
        state.type("Jane Smythe")
        state.press(.tab)
        state.type("jane.smythe@example.com")
        state.press(.tab, .space)
        let text = check(state, "share-show-form").joined(separator: "\n")
        #expect(text.contains("[ON ] Show booking form"))
        #expect(text.contains("skip=0"))
        #expect(state.url.hasSuffix("&skip=0"))
    }

    @Test("o on a booking page: the refusal shows in the message line")
    func disabledKeyMessage() throws {
        var state = try Demo.state()
        state.press(.char("o"))
        let rows = check(state, "share-disabled-key-message")
        // The sentence appears twice: under the toggle and in the message line.
        let hits = rows.filter { $0.contains("Only a Master page using") }
        #expect(hits.count == 2)
    }
}
