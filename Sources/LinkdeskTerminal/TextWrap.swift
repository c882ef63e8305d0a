/// Line breaking for prose and URLs, shared by the Share pop-up and the console.
public enum TextWrap {
    /// Greedy word wrap by display width; a word longer than the line is cut.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) <= width { current = candidate; continue }
            if !current.isEmpty { lines.append(current) }
            current = String(word)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Fixed-width slices: URLs have no spaces to break at (and are ASCII once encoded).
    public static func hard(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var rows: [String] = [], rest = Substring(text)
        while !rest.isEmpty {
            rows.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        }
        return rows
    }
}
