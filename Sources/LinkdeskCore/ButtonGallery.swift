import Foundation

/// The scheduling buttons gallery (Assets/buttons/): HTML snippets for an email signature that
/// link to a page's public link. `gallery.json` lists the styles; each style's template is an
/// HTML file with inline styles and a table layout (what email clients, Outlook included, render),
/// and its images are files beside it. Pure: the CLI reads the files and passes their contents.
public struct ButtonGallery: Equatable, Sendable {
    public struct Style: Codable, Equatable, Sendable {
        /// What `--style` takes: `classic`, `outline` …
        public let id: String
        public let name: String
        public let description: String
        /// The template's file name, relative to the gallery folder.
        public let template: String
        /// Image files the template shows, relative to the gallery folder (may be empty).
        public let images: [String]
        /// How `button --list` draws the button as text.
        public let preview: Preview
    }

    /// A text rendering of a button: a frame around the text, or an underlined link.
    public struct Preview: Codable, Equatable, Sendable {
        public enum Frame: String, Codable, Sendable { case heavy, light, rounded, double, link }
        public let frame: Frame
        /// A calendar icon before the text.
        public let icon: Bool

        public init(frame: Frame, icon: Bool) {
            self.frame = frame
            self.icon = icon
        }
    }

    public let styles: [Style]

    public init(styles: [Style]) { self.styles = styles }

    /// Reads `gallery.json` (`{"styles": [...]}`) and checks that ids are unique and well-formed.
    public init(json: Data) throws(Refusal) {
        struct File: Decodable { let styles: [Style] }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch {
            throw Refusal("the buttons gallery index is malformed: \(error)")
        }
        var seen = Set<String>()
        for style in file.styles {
            guard !style.id.isEmpty, style.id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }),
                  seen.insert(style.id).inserted else {
                throw Refusal("the buttons gallery index has a bad or repeated style id \"\(style.id)\"")
            }
        }
        guard !file.styles.isEmpty else { throw Refusal("the buttons gallery index lists no styles") }
        styles = file.styles
    }

    /// The style whose id (or name) is `text`, case-insensitively.
    public func style(named text: String) -> Style? {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        return styles.first { $0.id == wanted } ?? styles.first { $0.name.lowercased() == wanted }
    }

    /// The refusal for an unknown style: it lists every style.
    public func unknownStyle(_ text: String) -> Refusal {
        Refusal("unknown button style \"\(text)\": use one of "
                + styles.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))
    }
}

/// Filling a button template. Every value is HTML-escaped, so a page name or button text such
/// as `<script>` or `" onmouseover="` stays text; the template is scanned once, so a value that
/// itself contains `{{url}}` is not expanded again.
public enum ButtonSnippet {
    /// The text of a button when none is given.
    public static let defaultText = "Book a meeting"

    /// The values a template may use: `{{url}}`, `{{text}}`, `{{page}}`, `{{images}}` (the URL of
    /// the folder the gallery's images are served from). Unknown `{{…}}` are left as they are.
    public static func render(template: String, url: String, text: String, page: String, images: String) -> String {
        let values = ["url": url, "text": text, "page": page, "images": images]
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { rest = rest[open.lowerBound...]; break }
            let name = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = values[name] {
                out += escape(value)
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = afterOpen[close.upperBound...]
        }
        return out + rest
    }

    /// HTML escaping for text and attribute values (double- or single-quoted).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The button drawn as text for `button --list` (a "screenshot" of the gallery):
    /// three rows for framed buttons, two for a link (the text and its underline).
    public static func preview(_ preview: ButtonGallery.Preview, text: String) -> [String] {
        let label = (preview.icon ? "▦ " : "") + text
        let width = label.count + 4
        func framed(_ c: (tl: String, h: String, tr: String, v: String, bl: String, br: String)) -> [String] {
            [c.tl + String(repeating: c.h, count: width) + c.tr,
             c.v + "  " + label + "  " + c.v,
             c.bl + String(repeating: c.h, count: width) + c.br]
        }
        switch preview.frame {
        case .heavy: return framed(("┏", "━", "┓", "┃", "┗", "┛"))
        case .light: return framed(("┌", "─", "┐", "│", "└", "┘"))
        case .rounded: return framed(("╭", "─", "╮", "│", "╰", "╯"))
        case .double: return framed(("╔", "═", "╗", "║", "╚", "╝"))
        case .link:
            let indent = preview.icon ? "  " : ""
            return [label, indent + String(repeating: "‾", count: text.count)]
        }
    }
}
