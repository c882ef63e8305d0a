import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskQR
import LinkdeskShare
import LinkdeskTerminal
import Testing

/// `Q`/F2 in the One-time links view: the selected link as a QR code, for links made in this
/// console session (the store keeps only a token's hash). Esc, Enter, Q, q and F2 close it.
@Suite("console: one-time links as QR codes")
struct LinksQRTests {
    static let token = ConsoleFixture.token
    static let url = "http://localhost:8080/.\(token)"

    /// A link made in this session (its token known) above the mixed links of LinksScreenTests.
    static func made(_ token: String = token, for who: String? = nil) -> OneTimeLink {
        var link = LinksScreenTests.link("ot-sess1a", for: who, daysAgo: 0.01)
        link.tokenHash = Token.hash(token)
        return link
    }

    static func state(_ data: ConsoleData, recent: [String] = [url]) -> ConsoleState {
        var state = LinksScreenTests.state(on: data)
        state.links.recentURLs = recent
        return state
    }

    static func press(_ key: Key, _ state: inout ConsoleState, _ data: ConsoleData) -> ConsoleEffect? {
        state.handle(key, data: data, rows: 20)
    }

    static func screen(_ state: ConsoleState, _ data: ConsoleData, width: Int = 80, height: Int = 24) -> [String] {
        var buffer = CellBuffer(width: width, height: height)
        state.render(into: &buffer, data: data)
        return buffer.lines()
    }

    /// The row the code starts on (one column in), or nil when no code is drawn.
    static func codeTop(_ rows: [String], _ code: [String]) -> Int? {
        rows.firstIndex { $0.hasPrefix(" " + code[0]) }
    }

    @Test("a link made by Share in this session gets its URL passed to the view")
    func urlsFromShare() throws {
        let data = try ConsoleFixture.data(links: LinksScreenTests.mixed)
        var state = LinksScreenTests.state(on: data)
        _ = Self.press(.char("s"), &state, data)
        _ = Self.press(.char("o"), &state, data)
        guard case .share(let share)? = state.modal else {
            Issue.record("the Share pop-up is open")
            return
        }
        #expect(share.oneTime)
        _ = try #require(Self.press(.ctrl("y"), &state, data))
        state.receive(.linkShared(url: share.url, copied: "copied", nextToken: "C7RM2XRTB6QK7"))
        #expect(state.links.recentURLs == [Self.url])
        // The store now lists the link; Q shows it.
        let reloaded = try ConsoleFixture.data(links: [Self.made()] + LinksScreenTests.mixed)
        _ = Self.press(.char("g"), &state, reloaded)
        _ = Self.press(.char("Q"), &state, reloaded)
        #expect(state.links.qrLinkID == "ot-sess1a")
    }

    @Test("Q shows QRText's half-block rows of the link's URL exactly; Esc, Enter, Q, q and F2 close it")
    func showAndClose() throws {
        let data = try ConsoleFixture.data(links: [Self.made()] + LinksScreenTests.mixed)
        let code = QRText.halfBlocks(Self.url)
        for close in [Key.esc, .enter, .char("Q"), .char("q"), .function(2)] {
            var state = Self.state(data)
            #expect(Self.press(.char("Q"), &state, data) == nil)
            #expect(state.links.qrLinkID == "ot-sess1a")
            let rows = Self.screen(state, data)
            let top = try #require(Self.codeTop(rows, code))
            for (offset, line) in code.enumerated() { #expect(rows[top + offset].hasPrefix(" " + line)) }
            #expect(top >= 2 && top + code.count <= 22, "inside the view's area: tabs, status and hints stay")
            #expect(rows[0].contains("3 Links"))
            #expect(rows.last?.hasPrefix("Esc close") == true)
            #expect(Self.press(close, &state, data) == nil, "\(close) doesn't quit")
            #expect(state.links.qrLinkID == nil, "\(close) closes it")
            #expect(state.view == .links, "\(close) closed the code, not the view")
        }
        var state = Self.state(data)
        _ = Self.press(.function(2), &state, data)
        #expect(state.links.qrLinkID == "ot-sess1a", "F2 opens it too")
    }

    @Test("while the code is shown, letters and digits do nothing else")
    func keysRest() throws {
        let data = try ConsoleFixture.data(links: [Self.made()] + LinksScreenTests.mixed)
        var state = Self.state(data)
        _ = Self.press(.char("Q"), &state, data)
        for key in [Key.char("r"), .char("1"), .char("s"), .char("/"), .down] {
            #expect(Self.press(key, &state, data) == nil)
        }
        #expect(state.view == .links && state.modal == nil && !state.filtering)
        #expect(state.links.qrLinkID == "ot-sess1a")
        #expect(Self.press(.ctrl("c"), &state, data) == .quit, "^C still quits")
    }

    @Test("a link made elsewhere: Q says why there is no code", arguments: ["ot-live2k", "ot-used7m"])
    func unknownToken(id: String) throws {
        let data = try ConsoleFixture.data(links: [Self.made()] + LinksScreenTests.mixed)
        var state = Self.state(data)
        LinksScreenTests.select(id, in: &state, data: data)
        let binding = try #require(state.bindings(data).first { $0.keys.contains(.char("Q")) })
        #expect(binding.disabledReason?.hasPrefix("the token is shown only once, when made") == true)
        #expect(Self.press(.char("Q"), &state, data) == nil)
        #expect(state.links.qrLinkID == nil)
        #expect(state.statusFailed && state.status == binding.disabledReason)
        // No session URLs at all: the same for the link made "here".
        var fresh = Self.state(data, recent: [])
        _ = Self.press(.char("Q"), &fresh, data)
        #expect(fresh.links.qrLinkID == nil)
        // Another session's URL (another token) is no match either.
        var other = Self.state(data, recent: ["http://localhost:8080/.C7RM2XRTB6QK7"])
        _ = Self.press(.char("Q"), &other, data)
        #expect(other.links.qrLinkID == nil)
    }

    @Test("the hint bar and ? list the key")
    func listed() throws {
        let data = try ConsoleFixture.data(links: [Self.made()] + LinksScreenTests.mixed)
        let state = Self.state(data)
        #expect(HintBar.text(state.bindings(data), width: 80).contains("Q qr code"))
        #expect(HelpOverlay.lines(state.bindings(data)).contains { $0.hasPrefix("Q/F2") && $0.contains("QR code") })
    }

    @Test("a personalized link too large for 80×24 asks for a larger terminal")
    func tooSmall() throws {
        let who = "Jane Smythe"
        let url = Self.url + "?name=Jane%20Smythe&email=jane.smythe@example.com"
        let data = try ConsoleFixture.data(links: [Self.made(for: who)] + LinksScreenTests.mixed)
        var state = Self.state(data, recent: [url])
        _ = Self.press(.char("Q"), &state, data)
        let code = QRText.halfBlocks(url)
        #expect(code.count > 20, "more rows than the view has at 80×24")
        let text = Self.screen(state, data).joined(separator: "\n")
        #expect(text.contains("Enlarge the terminal to show the QR code (needs 80×\(code.count + 4))"), "\(text)")
        #expect(!text.contains("▀") && !text.contains("▄") && !text.contains("█"), "no clipped code")
        #expect(text.contains(".\(Self.token)?name=Jane%20Smythe"), "the URL is still there to read")
        #expect(Self.codeTop(Self.screen(state, data, height: code.count + 4), code) != nil, "at that size the code is drawn")
        #expect(Self.codeTop(Self.screen(state, data, height: code.count + 3), code) == nil)
    }

    @Test("golden: a one-time link made in this session as a QR code")
    func golden() throws {
        let data = try ConsoleFixture.data(links: [Self.made()] + LinksScreenTests.mixed)
        var state = Self.state(data)
        _ = Self.press(.char("Q"), &state, data)
        let text = ConsoleFixture.expectScreen(state, data, "console-links-qr").joined(separator: "\n")
        #expect(text.contains("QR code of one-time link ot-sess1a"))
        #expect(text.contains(Self.url))
    }
}
