import Foundation
import LinkdeskCore
import Testing

/// The scheduling buttons gallery in Assets/buttons/ and the snippet renderer.
@Suite("Scheduling buttons gallery")
struct ButtonGalleryTests {
    /// Assets/buttons/ of this checkout (this file is Tests/LinkdeskCoreTests/ButtonGalleryTests.swift).
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Assets/buttons")

    static func gallery() throws -> ButtonGallery {
        try ButtonGallery(json: Data(contentsOf: folder.appendingPathComponent("gallery.json")))
    }

    static func template(_ style: ButtonGallery.Style) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(style.template), encoding: .utf8)
    }

    @Test("the gallery holds 4–6 styles, each with a template and its images, all small files")
    func galleryFiles() throws {
        let gallery = try Self.gallery()
        #expect((4...6).contains(gallery.styles.count))
        for style in gallery.styles {
            let template = try Self.template(style)
            #expect(template.contains("href=\"{{url}}\""), "\(style.id) links to the page")
            #expect(template.contains("{{text}}"), "\(style.id) shows the text")
            #expect(template.contains("<table"), "\(style.id) is table-based")
            #expect(!template.contains("<style") && !template.contains("class="), "\(style.id): inline styles only")
            #expect(template.utf8.count < 2_048)
            for image in style.images {
                let data = try Data(contentsOf: Self.folder.appendingPathComponent(image))
                #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(image) is a PNG")
                #expect(data.count < 4_096, "\(image) stays small")
                #expect(template.contains("{{images}}/" + image.replacingOccurrences(of: "images/", with: "")))
            }
        }
    }

    @Test("every style renders with the exact URL, and nothing is left unfilled")
    func everyStyleRenders() throws {
        let url = "http://localhost:8080/salescall"
        for style in try Self.gallery().styles {
            let html = ButtonSnippet.render(template: try Self.template(style), url: url, text: "Book a meeting",
                                            page: "Sales call", images: "https://cdn.example.com/buttons")
            #expect(html.contains("href=\"\(url)\""), "\(style.id)")
            #expect(html.contains(">Book a meeting</a>"), "\(style.id)")
            #expect(!html.contains("{{"), "\(style.id) left a placeholder: \(html)")
            for image in style.images {
                #expect(html.contains("src=\"https://cdn.example.com/buttons/\(image.replacingOccurrences(of: "images/", with: ""))\""))
            }
        }
    }

    @Test("hostile text and page names stay text")
    func escaping() {
        let html = ButtonSnippet.render(template: "<a href=\"{{url}}\" title='{{page}}'>{{text}}</a>",
                                        url: "http://x.test/a&b", text: "<script>alert(\"x\")</script>",
                                        page: "O'Brien\" onmouseover=\"steal()", images: "")
        #expect(html == "<a href=\"http://x.test/a&amp;b\" title='O&#39;Brien&quot; onmouseover=&quot;steal()'>"
                + "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a>")
    }

    @Test("a value holding a placeholder is not expanded again; unknown placeholders stay")
    func singlePass() {
        let html = ButtonSnippet.render(template: "{{text}}|{{ url }}|{{other}}|{{", url: "U", text: "{{url}}", page: "", images: "")
        #expect(html == "{{url}}|U|{{other}}|{{")
    }

    @Test("styles are found by id or name, case-insensitively; an unknown one lists them all")
    func lookup() throws {
        let gallery = try Self.gallery()
        #expect(gallery.style(named: "CLASSIC")?.id == "classic")
        #expect(gallery.style(named: "Calendar icon")?.id == "calendar")
        #expect(gallery.style(named: "neon") == nil)
        let message = gallery.unknownStyle("neon").message
        for style in gallery.styles { #expect(message.contains(style.id)) }
    }

    @Test("malformed indexes are refused")
    func malformed() {
        #expect(throws: Refusal.self) { try ButtonGallery(json: Data("{}".utf8)) }
        #expect(throws: Refusal.self) { try ButtonGallery(json: Data(#"{"styles": []}"#.utf8)) }
        let twice = #"{"styles": [{"id":"a","name":"A","description":"","template":"a.html","images":[],"preview":{"frame":"heavy","icon":false}},"#
            + #"{"id":"a","name":"B","description":"","template":"b.html","images":[],"preview":{"frame":"light","icon":false}}]}"#
        #expect(throws: Refusal.self) { try ButtonGallery(json: Data(twice.utf8)) }
    }

    @Test("text previews: a frame sized to the text, or an underlined link")
    func previews() {
        #expect(ButtonSnippet.preview(.init(frame: .heavy, icon: false), text: "Book") == ["┏━━━━━━━━┓", "┃  Book  ┃", "┗━━━━━━━━┛"])
        #expect(ButtonSnippet.preview(.init(frame: .double, icon: true), text: "Go") == ["╔════════╗", "║  ▦ Go  ║", "╚════════╝"])
        #expect(ButtonSnippet.preview(.init(frame: .link, icon: true), text: "Book") == ["▦ Book", "  ‾‾‾‾"])
    }
}
