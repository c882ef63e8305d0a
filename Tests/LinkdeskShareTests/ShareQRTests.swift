import Testing
import LinkdeskCore
import LinkdeskQR
import LinkdeskShare
import LinkdeskTerminal
import LinkdeskTestSupport

/// Q (outside text fields) and F2 (anywhere) show the URL as a QR code over the pop-up; Esc,
/// Enter, Q and F2 close it. The code is QRText's half blocks of the live URL, whole or not at all.
@Suite("Share pop-up: QR code")
struct ShareQRTests {
    /// The seeds' Figure 3 state: one-time, personalized, on master page Sales call.
    func figure3() throws -> ShareState {
        var state = try Demo.state(on: "Sales call", .master)
        state.press(.char("o"), .char("p"))
        state.focus(on: .name)
        state.type("Jane Smythe")
        state.press(.tab)
        state.type("jane.smythe@example.com")
        return state
    }

    /// Where the code's rows are on the screen: the first row must start there, one column in.
    func codeTop(_ rows: [String], _ code: [String]) -> Int? {
        rows.firstIndex { $0.hasPrefix(" " + code[0]) }
    }

    @Test("Q opens it outside text fields; Esc, Enter, Q, q and F2 close it")
    func qOpensAndCloses() throws {
        for close in [Key.esc, .enter, .char("Q"), .char("q"), .function(2)] {
            var state = try Demo.state()
            #expect(state.press(.char("Q")) == nil)
            #expect(state.showQR)
            #expect(state.press(close) == nil, "\(close) closes the QR code, not the pop-up")
            #expect(!state.showQR, "\(close) closes the QR code")
        }
    }

    @Test("F2 opens it from a text field, where Q is typed")
    func f2FromTextField() throws {
        var state = try figure3()
        #expect(state.focus == .email)
        state.press(.char("Q"))
        #expect(!state.showQR)
        #expect(state.email.text == "jane.smythe@example.comQ")
        state.press(.backspace)
        state.press(.function(2))
        #expect(state.showQR)
        state.press(.function(2))
        #expect(!state.showQR)
        #expect(state.email.text == "jane.smythe@example.com", "nothing typed is lost")
    }

    @Test("the overlay holds QRText's half-block rows of the state's URL exactly", arguments: [false, true])
    func codeRows(_ oneTime: Bool) throws {
        var state = oneTime ? try figure3() : try Demo.state()
        state.press(.function(2))
        let code = QRText.halfBlocks(state.url)
        #expect(!code.isEmpty)
        let rows = state.screen()
        let top = try #require(codeTop(rows, code), "the code's first row is on screen")
        for (offset, line) in code.enumerated() {
            #expect(rows[top + offset].hasPrefix(" " + line), "row \(offset) of the code")
        }
        #expect(top + code.count <= 23, "the hint bar stays")
        #expect(rows.last == HintBar.text(state.bindings, width: 80))
        let text = rows.joined(separator: "\n")
        #expect(text.contains("only on Copy & close") == oneTime, "the one-time note only for one-time links")
        #expect(!text.contains(ShareTexts.title), "the pop-up is covered")
    }

    @Test("the code is read back as the URL's modules")
    func decodesToURL() throws {
        let state = try Demo.state()
        let symbol = try QRCode(state.url)
        let margin = QRText.defaultMargin
        let code = QRText.halfBlocks(state.url)
        // Light modules are ink: ▀ top, ▄ bottom, █ both, space none.
        for row in 0..<symbol.size {
            for column in 0..<symbol.size {
                let y = row + margin, x = column + margin
                let cell = Array(code[y / 2])[x]
                let inked = y % 2 == 0 ? (cell == "▀" || cell == "█") : (cell == "▄" || cell == "█")
                #expect(inked == !symbol[row, column])
            }
        }
    }

    @Test("too long for the screen: asks for a larger terminal instead of a clipped code")
    func tooSmall() throws {
        var state = try Demo.state(on: "Sales call", .master)
        state.press(.char("o"), .char("p"))
        state.focus(on: .name)
        state.type("Maximilian Alexander Featherstonehaugh")
        state.press(.tab)
        state.type("maximilian.featherstonehaugh@example-company.com")
        state.press(.function(2))
        let code = QRText.halfBlocks(state.url)
        #expect(code.count > 23)
        let text = state.screen().joined(separator: "\n")
        let width = max(80, code[0].count + 4 + QROverlay.textColumns)
        let needs = "Enlarge the terminal to show the QR code (needs \(width)×\(code.count + 1))"
        #expect(text.contains(needs), "\(text)")
        #expect(!text.contains("▀") && !text.contains("▄") && !text.contains("█"), "no clipped code")
        let larger = state.screen(width: width, height: code.count + 1)
        #expect(codeTop(larger, code) != nil, "at the size asked for, the code is drawn")
        // A narrow screen asks for width: Figure 3's code is wider than 60 less the text column.
        var figure = try figure3()
        figure.press(.function(2))
        let figureCode = QRText.halfBlocks(figure.url)
        let (needW, needH) = (figureCode[0].count + 4 + QROverlay.textColumns, max(22, figureCode.count + 1))
        #expect(needW > 60)
        let narrow = figure.screen(width: 60, height: 22).joined(separator: "\n")
        #expect(narrow.contains("(needs \(needW)×\(needH))"), "\(narrow)")
        #expect(codeTop(figure.screen(width: needW, height: needH), figureCode) != nil)
        #expect(codeTop(figure.screen(width: needW - 1, height: needH), figureCode) == nil)
    }

    @Test("^Y from the QR code copies and closes; no page: Q says why not")
    func copyAndDisabled() throws {
        var state = try figure3()
        state.press(.function(2))
        #expect(state.press(.ctrl("y")) == .copy)
        var empty = ShareState(pages: [], base: Demo.base, token: Demo.token)
        empty.press(.char("Q"))
        #expect(!empty.showQR)
        #expect(empty.message == "choose a page first")
    }

    @Test("the hint bar and ? list the key")
    func listed() throws {
        let state = try Demo.state()
        #expect(HintBar.text(state.bindings, width: 200).contains("Q qr code"))
        #expect(HelpOverlay.lines(state.bindings).contains { $0.hasPrefix("Q/F2") && $0.contains("QR code") })
        var qr = state
        qr.press(.char("Q"))
        #expect(HintBar.text(qr.bindings, width: 80).hasPrefix("Esc close"))
    }

    @Test("golden: Figure 3's one-time personalized link as a QR code")
    func golden() throws {
        var state = try figure3()
        state.press(.function(2))
        GoldenScreens.expect(state.screen(), named: "share-qr")
    }
}
