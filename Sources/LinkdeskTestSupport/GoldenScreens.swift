import Foundation
import LinkdeskTerminal
import Testing

/// Compares rendered screens with the reference files in Screens/.
///
/// Test support only: no product depends on this target, just the test targets that render
/// screens, and they all go through `expect(_:named:)`. Files are plain UTF-8, one line per
/// row, trailing spaces trimmed, exactly one line per buffer row, ending in "\n".
/// Re-record with `LINKDESK_RECORD_SCREENS=1 swift test` and review the change with git diff.
public enum GoldenScreens {
    /// Screens/ of the checkout this file belongs to.
    public static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Sources/LinkdeskTestSupport
        .deletingLastPathComponent()   // Sources
        .deletingLastPathComponent()   // the checkout
        .appendingPathComponent("Screens", isDirectory: true)

    /// The golden-screen check every test uses: compares `rows` with Screens/`name`.txt (or,
    /// with LINKDESK_RECORD_SCREENS=1, records them there), records an issue at the caller
    /// with the line diff when they differ, and returns `rows` for further assertions.
    @discardableResult
    public static func expect(_ rows: [String], named name: String, in folder: URL = GoldenScreens.folder,
                              sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let file = folder.appendingPathComponent(name + ".txt")
        if let diff = compare(actual: rows, file: file, record: recording) {
            Issue.record(Comment(rawValue: diff), sourceLocation: sourceLocation)
        }
        return rows
    }

    /// `expect(_:named:)` for a rendered buffer: its rows, one line each.
    @discardableResult
    public static func expect(_ buffer: CellBuffer, named name: String, in folder: URL = GoldenScreens.folder,
                              sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        expect(buffer.lines(), named: name, in: folder, sourceLocation: sourceLocation)
    }

    /// The environment variable that switches tests to recording.
    public static let recordVariable = "LINKDESK_RECORD_SCREENS"

    /// True when `LINKDESK_RECORD_SCREENS=1` (or "true"/"yes") is set.
    public static var recording: Bool {
        recording(environment: ProcessInfo.processInfo.environment)
    }

    public static func recording(environment: [String: String]) -> Bool {
        guard let value = environment[recordVariable]?.lowercased() else { return false }
        return ["1", "true", "yes"].contains(value)
    }

    /// Nil when `actual` matches the file; otherwise a readable diff. With `record`, writes
    /// `actual` to the file (creating folders) and returns nil, or a message if writing failed.
    public static func compare(actual: [String], file: URL, record: Bool) -> String? {
        let actual = actual.map(trimmingTrailingSpaces)
        if record {
            return write(actual, to: file)
        }
        guard let data = try? Data(contentsOf: file) else {
            return "no golden screen at \(file.path); record it with \(recordVariable)=1"
        }
        let expected = parse(String(decoding: data, as: UTF8.self))
        guard expected != actual else { return nil }
        return diff(expected: expected, actual: actual, name: file.path)
    }

    /// The contents of a screen file as rows.
    public static func parse(_ contents: String) -> [String] {
        guard !contents.isEmpty else { return [] }
        let body = contents.hasSuffix("\n") ? String(contents.dropLast()) : contents
        return body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// A line diff: a header, then for each differing row its 1-based number, the expected
    /// row ("-") and the actual row ("+"), each between "|" so trailing text is visible.
    public static func diff(expected: [String], actual: [String], name: String) -> String {
        var report = ["--- expected \(name)", "+++ actual"]
        if expected.count != actual.count {
            report.append("row count: expected \(expected.count), actual \(actual.count)")
        }
        for row in 0..<max(expected.count, actual.count) {
            let want = row < expected.count ? expected[row] : nil
            let got = row < actual.count ? actual[row] : nil
            guard want != got else { continue }
            report.append("@@ line \(row + 1) @@")
            report.append("- " + (want.map { "|\($0)|" } ?? "(missing)"))
            report.append("+ " + (got.map { "|\($0)|" } ?? "(missing)"))
        }
        return report.joined(separator: "\n")
    }

    private static func write(_ rows: [String], to file: URL) -> String? {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(rows.map { $0 + "\n" }.joined().utf8).write(to: file)
            return nil
        } catch {
            return "could not record \(file.path): \(error)"
        }
    }

    /// As `CellBuffer.lines()` trims its rows.
    private static func trimmingTrailingSpaces(_ row: String) -> String {
        guard let last = row.lastIndex(where: { $0 != " " }) else { return "" }
        return String(row[...last])
    }
}
