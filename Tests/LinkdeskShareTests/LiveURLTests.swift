import Testing
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

@Suite("Share pop-up: the live URL")
struct LiveURLTests {
    /// Personalize on, focus in the name field.
    func inNameField(on name: String = "Sales call", _ kind: Page.Kind = .booking) throws -> ShareState {
        var state = try Demo.state(on: name, kind)
        state.press(.char("p"))
        state.focus(on: .name)
        return state
    }

    @Test("the name round-trips through the URL after every keystroke",
          arguments: ["José Smythe", "دانا", "Jose\u{301} Smy&the=#+ 👩🏽‍💻"])
    func nameEveryKeystroke(_ name: String) throws {
        var state = try inNameField()
        var typed = ""
        for character in name {
            state.press(.char(character))
            typed.append(character)
            let read = try state.link().personalization.name
            #expect(Array((read ?? "").unicodeScalars) == Array(typed.unicodeScalars), "after typing \(typed)")
            #expect(state.screen().joined().contains("name="), "the screen shows the new URL")
        }
        #expect(Array(try state.link().personalization.name?.unicodeScalars ?? "".unicodeScalars) == Array(name.unicodeScalars))
    }

    @Test("the email updates the URL too, and Backspace takes it back out")
    func emailAndBackspace() throws {
        var state = try inNameField()
        state.type("Jane Smythe")
        state.press(.tab)
        state.type("jane.smythe@example.com")
        #expect(state.url == "http://localhost:8080/salescall555?name=Jane%20Smythe&email=jane.smythe@example.com")
        for _ in 0..<"jane.smythe@example.com".count { state.press(.backspace) }
        #expect(state.url == "http://localhost:8080/salescall555?name=Jane%20Smythe")
        state.press(.ctrl("u"))
        #expect(state.url == "http://localhost:8080/salescall555?name=Jane%20Smythe")
        state.press(.backTab, .ctrl("u"))
        #expect(state.url == "http://localhost:8080/salescall555")
    }

    @Test("what is shown on screen is the state's URL")
    func screenShowsURL() throws {
        var state = try inNameField()
        state.type("Jane Smythe")
        #expect(state.screen().contains { $0.contains(state.url) })
    }

    @Test("turning Personalize off drops the customer from the URL but keeps what was typed")
    func personalizeOff() throws {
        var state = try inNameField()
        state.type("Jane")
        #expect(state.url.contains("name=Jane"))
        state.focus(on: .personalize)
        state.press(.space)
        #expect(state.url == "http://localhost:8080/salescall555")
        state.press(.space)
        #expect(state.url.contains("name=Jane"))
    }

    @Test("a one-time URL uses the state's token and reads back as one-time")
    func oneTimeToken() throws {
        var state = try Demo.state(on: "Sales call", .master)
        #expect(state.url == "http://localhost:8080/salescall")
        state.press(.char("o"))
        #expect(state.url == "http://localhost:8080/.B6QK7HVEM2XRT")
        #expect(try state.link().target == .oneTime(token: Demo.token))
        #expect(try state.link().kind == .oneTime)
        #expect(Token.isWellFormed(Demo.token))
    }

    @Test("another token gives another URL: nothing is hard-wired")
    func otherToken() throws {
        let pages = try Demo.pages()
        var state = ShareState(pages: pages, selected: try Demo.index(of: "Sales call", .master), base: Demo.base,
                               token: "23456789ABCDE")
        state.press(.char("o"))
        #expect(state.url == "http://localhost:8080/.23456789ABCDE")
    }

    @Test("the base URL is the state's base")
    func otherBase() throws {
        let base = try BaseURL("https://book.example.com/t/")
        let state = ShareState(pages: try Demo.pages(), base: base, token: Demo.token)
        #expect(state.url == "https://book.example.com/t/cactus-co-main")
    }

    @Test("skip=0 appears only while Show booking form is on")
    func skipZero() throws {
        var state = try inNameField()
        state.type("Jane Smythe")
        state.press(.tab)
        state.type("jane.smythe@example.com")
        #expect(!state.url.contains("skip"))
        #expect(try state.link().personalization.skipsForm)
        state.press(.tab)
        #expect(state.focus == .showForm)
        state.press(.space)
        #expect(state.url.hasSuffix("&skip=0"))
        #expect(try state.link().personalization.showForm)
        #expect(try !state.link().personalization.skipsForm)
        state.press(.space)
        #expect(!state.url.contains("skip"))
    }

    @Test("Show booking form is not in the URL once Personalize is off")
    func skipZeroNeedsPersonalize() throws {
        var state = try inNameField()
        state.type("Jane")
        state.focus(on: .showForm)
        state.press(.space)
        #expect(state.url.hasSuffix("skip=0"))
        state.focus(on: .personalize)
        state.press(.space)
        #expect(state.url == "http://localhost:8080/salescall555")
    }

    @Test("a personalized one-time link keeps the token and the customer")
    func personalizedOneTime() throws {
        var state = try inNameField(on: "Sales call", .master)
        state.type("دانا")
        state.focus(on: .oneTime)
        state.press(.space)
        let link = try state.link()
        #expect(link.target == .oneTime(token: Demo.token))
        #expect(Array(link.personalization.name?.unicodeScalars ?? "".unicodeScalars) == Array("دانا".unicodeScalars))
    }
}
