import Foundation
import LinkdeskCore
import Testing

/// `linkdesk button`: the scheduling buttons gallery for email signatures, driven as a subprocess.
@Suite("button: email signature snippets")
struct ButtonCommandTests {
    /// The style ids of Assets/buttons/gallery.json.
    static func styleIDs() throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: CLIWorkspace.assetsFolder + "/buttons/gallery.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let styles = try #require(object["styles"] as? [[String: Any]])
        return styles.compactMap { $0["id"] as? String }
    }

    @Test("the default style links to the page's public link with the default text")
    func defaultStyle() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let html = try ws.ok(["button", "salescall"])
        #expect(html.contains("href=\"http://localhost:8080/salescall\""))
        #expect(html.contains(">Book a meeting</a>"))
        #expect(html.contains("title=\"Schedule with Sales call\""))
        #expect(html.hasPrefix("<table") && html.hasSuffix("</table>\n"))
    }

    @Test("every style of the gallery renders with the exact URL and nothing unfilled")
    func everyStyle() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let ids = try Self.styleIDs()
        #expect((4...6).contains(ids.count))
        for id in ids {
            let html = try ws.ok(["button", "master:Sales call", "--style", id, "--text", "Pick a time"])
            #expect(html.contains("href=\"http://localhost:8080/salescall\""), "\(id)")
            #expect(html.contains(">Pick a time</a>"), "\(id)")
            #expect(!html.contains("{{"), "\(id): \(html)")
        }
    }

    @Test("--base-url and --images place the link and the icon")
    func baseAndImages() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let html = try ws.ok(["button", "support-lee", "--style", "calendar", "--base-url", "https://book.example.com/t/",
                              "--images", "https://cdn.example.com/signature/"])
        #expect(html.contains("href=\"https://book.example.com/t/support-lee\""))
        #expect(html.contains("src=\"https://cdn.example.com/signature/calendar-white.png\""))
        let byDefault = try ws.ok(["button", "support-lee", "--style", "text-link"])
        #expect(byDefault.contains("src=\"http://localhost:8080/buttons/calendar-blue.png\""))
    }

    @Test("hostile button text is escaped")
    func hostileText() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        for id in try Self.styleIDs() {
            let html = try ws.ok(["button", "salescall", "--style", id, "--text", "<script>alert(\"x\")</script> & 'you'"])
            #expect(!html.contains("<script>"), "\(id)")
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;you&#39;"), "\(id)")
        }
    }

    @Test("a hostile page name is escaped in the snippet")
    func hostilePageName() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        // A copy of Assets/ whose demo page "Support desk" is called something hostile.
        let assets = ws.directory.appendingPathComponent("assets")
        try FileManager.default.copyItem(atPath: CLIWorkspace.assetsFolder, toPath: assets.path)
        let file = assets.appendingPathComponent("demo-workspace.json")
        var text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("\"Support desk\""))
        text = text.replacingOccurrences(of: "\"Support desk\"", with: #""\"><script>x()</script> O'Brien & Co""#)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try ws.run(["button", "support-lee", "--style", "outline"], extraEnv: ["LINKDESK_ASSETS": assets.path])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("<script>"))
        #expect(result.stdout.contains("title=\"Schedule with &quot;&gt;&lt;script&gt;x()&lt;/script&gt; O&#39;Brien &amp; Co\""))
    }

    @Test("an unknown style is refused with the list of styles")
    func unknownStyle() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let result = try ws.expectRefused(["button", "salescall", "--style", "neon"], "unknown button style \"neon\"")
        for id in try Self.styleIDs() { #expect(result.stderr.contains(id)) }
    }

    @Test("bad inputs are refused", arguments: [
        (["button"], "button needs a PAGE"),
        (["button", "salescall", "--text", "  "], "--text must not be empty"),
        (["button", "salescall", "--text", String(repeating: "x", count: 81)], "at most 80"),
        (["button", "salescall", "--text", "two\nlines"], "one line"),
        (["button", "salescall", "--images", "ftp://cdn.example.com"], "--images takes the http:// or https:// URL"),
        (["button", "no-such-page"], "unknown page \"no-such-page\""),
    ])
    func badInputs(arguments: [String], reason: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.expectRefused(arguments, reason)
    }

    @Test("--list draws every style as text, without opening the database")
    func list() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let out = try ws.ok(["button", "--list"])
        for id in try Self.styleIDs() { #expect(out.contains(id)) }
        #expect(out.contains("┃  Book a meeting  ┃"))
        #expect(out.contains("▦ Book a meeting"))
        #expect(!FileManager.default.fileExists(atPath: ws.dbPath), "--list needs no workspace")
        let custom = try ws.ok(["button", "--list", "--text", "Let's talk"])
        #expect(custom.contains("│  Let's talk  │"))
    }

    @Test("nothing is stored")
    func storesNothing() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let before = try ws.snapshot()
        try ws.ok(["button", "salescall", "--style", "pill"])
        #expect(try ws.snapshot() == before)
    }
}
