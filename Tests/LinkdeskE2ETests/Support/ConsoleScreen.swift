import Foundation
import LinkdeskTestSupport
import Testing

/// Reading the console's screen (as `Tmux.screen()` captures it) row by row.
enum ConsoleScreen {
    /// The screen's rows, top to bottom (a captured screen has one line per terminal row).
    static func rows(_ screen: String) -> [Substring] {
        var rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        if rows.last?.isEmpty == true { rows.removeLast() }  // the newline after the last row
        return rows
    }

    /// The first row holding every one of `parts`, nil when none does.
    static func row(_ screen: String, with parts: String...) -> Substring? {
        row(screen, withAll: parts)
    }

    static func row(_ screen: String, withAll parts: [String]) -> Substring? {
        rows(screen).first { row in parts.allSatisfy { row.contains($0) } }
    }

    /// How many rows hold every one of `parts`.
    static func count(_ screen: String, rowsWith parts: String...) -> Int {
        rows(screen).filter { row in parts.allSatisfy { row.contains($0) } }.count
    }

    /// The first capture group of the regular expression `pattern` in `text`.
    static func capture(_ pattern: String, in text: String) -> String? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    /// Every capture group of the first match of `pattern` in `text`; empty when it does not match.
    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return [] }
        return (1..<max(match.numberOfRanges, 1)).compactMap { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
    }

    /// The console's detail line for the one-time link under the cursor in the Links view
    /// ("ot-… · created … · for NAME"), nil when not shown.
    static func linkDetail(_ screen: String) -> Substring? {
        rows(screen).first { $0.hasPrefix(" ot-") && $0.contains(" · created ") }
    }
}

extension Workspace {
    /// `linkdesk <arguments> --json`, parsed as an array of objects.
    func jsonArray(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let result = try run(arguments + ["--json"])
        try #require(result.status == 0, "linkdesk \(arguments.joined(separator: " ")) --json: \(result)",
                     sourceLocation: sourceLocation)
        let value = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(value as? [[String: Any]], "not a JSON array: \(result.stdout)", sourceLocation: sourceLocation)
    }

    /// `linkdesk bookings --json`, parsed.
    func bookings(sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try jsonArray(["bookings"], sourceLocation: sourceLocation)
    }

    /// A shell command line that records `stty -a` of the pane before and after linkdesk runs
    /// (to `stty.before` / `stty.after`, the latter written atomically once linkdesk has ended),
    /// around `command(_:name:)`. The pane's shell then sleeps instead of ending: once a pane
    /// dies, tmux writes "Pane is dead" into it and clears its cursor-visible flag, so the
    /// terminal modes linkdesk left behind could no longer be read (`Tmux.kill()` ends it).
    func commandKeepingStty(_ arguments: [String], name: String = "app") -> String {
        let before = shellQuoted(file("stty.before"))
        let after = shellQuoted(file("stty.after"))
        return command(arguments, name: name, prefix: "stty -a > \(before); ")
            + "; stty -a > \(after).tmp && mv \(after).tmp \(after); exec sleep 600"
    }
}
