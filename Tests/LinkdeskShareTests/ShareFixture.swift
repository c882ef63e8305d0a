import Foundation
import Testing
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

/// The demo workspace (Assets/demo-workspace.json) as the pop-up sees it, a fixed token and
/// base URL, and helpers to drive the pop-up with keys.
enum Demo {
    /// The package root: this file is Tests/LinkdeskShareTests/ShareFixture.swift.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// 13 characters from the unambiguous alphabet, as Token.generate would draw.
    static let token = "B6QK7HVEM2XRT"
    static let base: BaseURL = {
        do { return try BaseURL("http://localhost:8080") } catch { fatalError("\(error)") }
    }()

    static func workspace() throws -> Workspace {
        let data = try Data(contentsOf: root.appendingPathComponent("Assets/demo-workspace.json"))
        return try JSONDecoder().decode(Workspace.self, from: data)
    }

    /// Pages in the pop-up's order: booking pages, then master pages.
    static func pages() throws -> [Page] { try workspace().pages }

    /// The pop-up as `linkdesk share` opens it, on the first page unless told otherwise.
    static func state(selected: Int = 0) throws -> ShareState {
        ShareState(pages: try pages(), selected: selected, base: base, token: token)
    }

    /// The pop-up opened on the page with this name and kind.
    static func state(on name: String, _ kind: Page.Kind) throws -> ShareState {
        let all = try pages()
        let index = try #require(all.firstIndex { $0.name == name && $0.kind == kind })
        return ShareState(pages: all, selected: index, base: base, token: token)
    }

    /// Index of a page in the pop-up's options.
    static func index(of name: String, _ kind: Page.Kind) throws -> Int {
        try #require(try pages().firstIndex { $0.name == name && $0.kind == kind })
    }
}

extension ShareState {
    /// Presses keys in order; returns the effect of the last key.
    @discardableResult
    mutating func press(_ keys: Key...) -> ShareEffect? {
        var effect: ShareEffect?
        for key in keys { effect = handle(key) }
        return effect
    }

    /// Types text one character per key press, as a terminal delivers it.
    mutating func type(_ text: String) {
        for character in text { _ = handle(.char(character)) }
    }

    /// Presses Tab until `target` has the focus (fails the test after a full round).
    mutating func focus(on target: ShareFocus) {
        for _ in 0...ShareFocus.allCases.count where focus != target { _ = handle(.tab) }
        #expect(focus == target, "could not Tab to \(target)")
    }

    /// The pop-up rendered at a size, as golden-file rows.
    func screen(width: Int = 80, height: Int = 24) -> [String] {
        var buffer = CellBuffer(width: width, height: height)
        render(into: &buffer)
        return buffer.lines()
    }

    /// The current URL read back as a link.
    func link() throws -> Link { try LinkURL.read(url, base: Demo.base) }
}
