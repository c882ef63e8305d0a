import ArgumentParser
import Foundation
import LinkdeskAssets
import LinkdeskCore
import LinkdeskService
import LinkdeskStore

struct ButtonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "button", abstract: "Print an HTML scheduling button for an email signature, or list the styles.",
        discussion: """
        The snippet links to the page's public link and uses only inline styles and a table \
        layout, which email clients (Outlook and Gmail included) render; paste it into the HTML of \
        a signature or an email. Nothing is stored.

        The gallery is Assets/buttons/, built into linkdesk (LINKDESK_ASSETS=FOLDER reads \
        FOLDER/buttons/ instead). Styles with an icon load it from --images, by default \
        BASE/buttons: serve Assets/buttons/images/ there, or pass the URL of the folder you \
        uploaded them to.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Page slug or name (not needed with --list).") var page: String?
    @Option(help: "Button style, as listed by --list (default classic).") var style: String?
    @Option(help: ArgumentHelp("The button's text (default \"\(ButtonSnippet.defaultText)\").", valueName: "text"))
    var text: String?
    @Option(help: ArgumentHelp("URL of the folder serving the gallery's images (default BASE/buttons).", valueName: "url"))
    var images: String?
    @Flag(help: "List the styles, each drawn as text.") var list = false

    static let maximumTextLength = 80

    func run() async throws {
        try await reporting {
            let gallery = try ButtonAssets.gallery()
            if list {
                Output.line(Self.listing(gallery, text: try buttonText()))
                return
            }
            let chosen = style ?? gallery.styles[0].id
            guard let style = gallery.style(named: chosen) else { throw gallery.unknownStyle(chosen) }
            let text = try buttonText()
            guard let page else {
                throw Refusal("button needs a PAGE (slug or name); `linkdesk button --list` shows the styles")
            }
            let app = try await global.staffContext()
            let target = try await app.linkdesk.workspace().resolvePage(page)
            let imagesURL = try images.map(Self.imagesFolder) ?? app.base.text + "/buttons"
            let template = try ButtonAssets.template(style)
            Output.line(ButtonSnippet.render(template: template, url: app.url(of: target), text: text,
                                             page: target.name, images: imagesURL))
        }
    }

    /// `--images`: an http(s) folder URL, without a trailing slash.
    private static func imagesFolder(_ text: String) throws -> String {
        do {
            return try BaseURL(text).text
        } catch {
            throw Refusal("--images takes the http:// or https:// URL of a folder, got \"\(text)\"")
        }
    }

    /// `--text`: one line of at most 80 characters; the default when not given.
    private func buttonText() throws -> String {
        guard let text else { return ButtonSnippet.defaultText }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { throw Refusal("--text must not be empty") }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw Refusal("--text must be one line without control characters")
        }
        if trimmed.count > Self.maximumTextLength {
            throw Refusal("--text is \(trimmed.count) characters long: a button takes at most \(Self.maximumTextLength)")
        }
        return trimmed
    }

    /// The gallery as text: id and name, the description, and the button drawn with box lines.
    static func listing(_ gallery: ButtonGallery, text: String) -> String {
        let idWidth = gallery.styles.map(\.id.count).max() ?? 0
        return gallery.styles.map { style in
            let head = style.id + String(repeating: " ", count: idWidth - style.id.count) + "  " + style.name
            let body = [style.description] + ButtonSnippet.preview(style.preview, text: Display.clean(text))
            return ([head] + body.map { "  " + $0 }).joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}

/// Assets/buttons/: the gallery index and the templates, built into the binary (or read from
/// LINKDESK_ASSETS, like the demo workspace).
enum ButtonAssets {
    static func gallery() throws -> ButtonGallery {
        let path = "buttons/gallery.json"
        guard let data = BuiltInAssets.data(path) else {
            throw StoreError("the buttons gallery was not found: \(BuiltInAssets.describe(path)) does not exist")
        }
        do {
            return try ButtonGallery(json: data)
        } catch {
            throw StoreError("\(BuiltInAssets.describe(path)): \(error.message)")
        }
    }

    static func template(_ style: ButtonGallery.Style) throws -> String {
        let path = "buttons/" + style.template
        guard let data = BuiltInAssets.data(path), let text = String(data: data, encoding: .utf8) else {
            throw StoreError("the template of button style \(style.id) was not found: \(BuiltInAssets.describe(path)) does not exist")
        }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
