extension Theme {
    /// The default: keeps the terminal's own foreground and background (so it follows a light
    /// or dark system palette) and adds colours that read on a light background.
    public static let light = Theme(id: "light", name: "Light system theme (default)", usesColor: true, styles: [
        .normal: CellStyle(),
        .title: CellStyle(foreground: .blue, attributes: .bold),
        .focus: CellStyle(foreground: .white, background: .blue, attributes: .bold),
        .dim: CellStyle(attributes: .dim),
        .error: CellStyle(foreground: .red, attributes: .bold),
        .success: CellStyle(foreground: .green),
        .warning: CellStyle(foreground: .yellow, attributes: .bold),
        .accent: CellStyle(foreground: .magenta),
        .selection: CellStyle(attributes: .reverse),
        .disabled: CellStyle(attributes: .dim),
        .toggleOn: CellStyle(foreground: .green, attributes: .bold),
        .toggleOff: CellStyle(attributes: .dim),
        .hint: CellStyle(attributes: .dim),
        .hintKey: CellStyle(foreground: .blue, attributes: .bold),
        .border: CellStyle(foreground: .blue),
    ])

    /// Light text on a black background, whatever the terminal's palette.
    public static let dark = Theme(id: "dark", name: "Dark", usesColor: true, styles: [
        .normal: CellStyle(foreground: .white, background: .black),
        .title: CellStyle(foreground: .cyan, background: .black, attributes: .bold),
        .focus: CellStyle(foreground: .black, background: .cyan, attributes: .bold),
        .dim: CellStyle(foreground: .white, background: .black, attributes: .dim),
        .error: CellStyle(foreground: .red, background: .black, attributes: .bold),
        .success: CellStyle(foreground: .green, background: .black),
        .warning: CellStyle(foreground: .yellow, background: .black, attributes: .bold),
        .accent: CellStyle(foreground: .magenta, background: .black),
        .selection: CellStyle(foreground: .black, background: .white),
        .disabled: CellStyle(foreground: .white, background: .black, attributes: .dim),
        .toggleOn: CellStyle(foreground: .green, background: .black, attributes: .bold),
        .toggleOff: CellStyle(foreground: .white, background: .black, attributes: .dim),
        .hint: CellStyle(foreground: .white, background: .black, attributes: .dim),
        .hintKey: CellStyle(foreground: .yellow, background: .black, attributes: .bold),
        .border: CellStyle(foreground: .cyan, background: .black),
    ])

    /// Attributes only (bold, reverse, underline, dim): used when `NO_COLOR` is set
    /// (https://no-color.org) and for terminals without colour. Every role that colour would
    /// tell apart gets a distinct attribute so focus and toggles stay visible.
    public static let monochrome = Theme(id: "mono", name: "Monochrome", usesColor: false, styles: [
        .normal: CellStyle(),
        .title: CellStyle(attributes: .bold),
        .focus: CellStyle(attributes: [.reverse, .bold]),
        .dim: CellStyle(attributes: .dim),
        .error: CellStyle(attributes: [.bold, .underline]),
        .success: CellStyle(attributes: .bold),
        .warning: CellStyle(attributes: .bold),
        .accent: CellStyle(attributes: .underline),
        .selection: CellStyle(attributes: .reverse),
        .disabled: CellStyle(attributes: .dim),
        .toggleOn: CellStyle(attributes: .bold),
        .toggleOff: CellStyle(attributes: .dim),
        .hint: CellStyle(),
        .hintKey: CellStyle(attributes: .bold),
        .border: CellStyle(),
    ])

    /// Every built-in theme, default first.
    public static let all: [Theme] = [.light, .dark, .monochrome]

    /// Finds a theme by id ("light", "dark", "mono") or full name, ignoring case and
    /// surrounding spaces; "monochrome" also finds the monochrome theme.
    public static func named(_ name: String) -> Theme? {
        let wanted = name.trimmingSpaces().lowercased()
        return all.first { theme in
            theme.id == wanted || theme.name.lowercased() == wanted
        } ?? (wanted == "monochrome" ? .monochrome : nil)
    }

    /// The theme to use: monochrome whenever `NO_COLOR` is set to a non-empty value (the
    /// no-color.org convention wins over settings), else the named one, else `.light`.
    public static func resolve(name: String?, environment: [String: String]) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return .monochrome
        }
        return name.flatMap(named) ?? .light
    }
}

extension String {
    /// Trims ASCII spaces and tabs without Foundation.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
