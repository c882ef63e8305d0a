import Foundation
import Testing

/// External programs tests drive (tmux, Xvfb, xclip, xsel, stty, zbarimg, sqlite3).
///
/// A test that needs one carries the trait `.tools("tmux")`: where the tool is missing the test
/// is reported as **skipped** with the reason, never as a silent pass. With `CI=true` (CI
/// installs every tool) the trait does not skip; the test runs, and its `try Tools.require(…)`
/// fails it with a message naming the missing tool.
///
/// `LINKDESK_TEST_HIDE_TOOLS` (comma- or space-separated names, e.g. `tmux,xclip`) makes those
/// tools count as not installed, wherever they are: the way to check the skip (and the CI
/// failure) on a machine that has them, since the lookup also searches /usr/bin, /bin and
/// /usr/local/bin whatever PATH says. It only hides tools from these tests' own lookup; the
/// processes they start still find them on PATH.
public enum Tools {
    /// The environment variable naming the tools to treat as missing.
    public static let hideVariable = "LINKDESK_TEST_HIDE_TOOLS"

    /// The PATH tests give the processes they start, and search first.
    public static let searchPath: String = ProcessInfo.processInfo.environment["PATH"].flatMap { $0.isEmpty ? nil : $0 }
        ?? "/usr/local/bin:/usr/bin:/bin"

    /// The tools `LINKDESK_TEST_HIDE_TOOLS` hides.
    public static var hidden: Set<String> {
        hidden(environment: ProcessInfo.processInfo.environment)
    }

    public static func hidden(environment: [String: String]) -> Set<String> {
        let list = environment[hideVariable] ?? ""
        return Set(list.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init))
    }

    /// The tool's executable, from PATH and then /usr/bin, /bin, /usr/local/bin; nil when it is
    /// not installed (or hidden).
    public static func path(_ name: String) -> String? {
        guard !hidden.contains(name) else { return nil }
        for folder in searchPath.split(separator: ":") + ["/usr/bin", "/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The ones of `names` that are not installed.
    public static func missing(_ names: [String]) -> [String] {
        names.filter { path($0) == nil }
    }

    /// True when every one of `names` is installed.
    public static func available(_ names: String...) -> Bool {
        missing(names).isEmpty
    }

    /// True when `CI=true`: missing tools are failures, not skips.
    public static var onCI: Bool {
        ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true"
    }

    /// Inside a test: the path of `name` (and `more` installed too), or a recorded failure and a
    /// thrown error naming what is missing. Pair it with the `.tools(…)` trait, which skips the
    /// test before it gets here unless `CI=true`.
    @discardableResult
    public static func require(_ name: String, _ more: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let absent = missing([name] + more)
        try #require(absent.isEmpty, Comment(rawValue: "\(absent.joined(separator: ", ")) not installed"
                         + (onCI ? "; required when CI=true (.ci/run installs it)" : "")),
                     sourceLocation: sourceLocation)
        return try #require(path(name), sourceLocation: sourceLocation)
    }
}

extension Tools {
    /// A Python 3 that imports every one of `modules`, or nil. Debian's own interpreter first:
    /// `/usr/bin/python3` sees the python3-… packages `.ci/run` installs (the `email` parser is
    /// in the standard library; `icalendar`, `aiosmtpd` are packages), where a python3 earlier on
    /// PATH (pyenv's, say) may not. Hidden with the name `python3`.
    public static func python(_ modules: [String]) -> String? {
        guard !hidden.contains("python3") else { return nil }
        var candidates = ["/usr/bin/python3"]
        if let onPath = path("python3"), onPath != candidates[0] { candidates.append(onPath) }
        let check = "import " + (modules.isEmpty ? "email" : modules.joined(separator: ", "))
        return candidates.first { candidate in
            FileManager.default.isExecutableFile(atPath: candidate)
                && (try? Processes.run(candidate, ["-c", check], timeout: 20).status) == 0
        }
    }

    /// Inside a test: `python(modules)`, or a recorded failure naming what is missing. Pair it
    /// with the `.python(…)` trait.
    public static func requirePython(_ modules: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(python(modules), Comment(rawValue: "no python3 that imports \(modules.joined(separator: ", "))"
                         + (onCI ? "; required when CI=true (.ci/run installs python3-\(modules.joined(separator: " python3-")))" : "")),
                     sourceLocation: sourceLocation)
    }
}

extension Trait where Self == ConditionTrait {
    /// `tools`, for a Python 3 that imports `modules` (see `Tools.python`).
    public static func python(_ modules: String..., sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        let found = Tools.python(modules) != nil
        let reason = found ? "needs python3 with \(modules.joined(separator: ", "))"
            : "no python3 that imports \(modules.joined(separator: ", ")) (with CI=true this test fails instead)"
        return .enabled(if: found || Tools.onCI, Comment(rawValue: reason), sourceLocation: sourceLocation)
    }

    /// Runs the test only where all of `names` are installed, or always when `CI=true`;
    /// elsewhere it is reported as skipped, saying which tools are missing.
    public static func tools(_ names: String..., sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        let absent = Tools.missing(names)
        let reason = absent.isEmpty ? "needs \(names.joined(separator: ", "))"
            : "\(absent.joined(separator: ", ")) not installed (with CI=true this test fails instead)"
        return .enabled(if: absent.isEmpty || Tools.onCI, Comment(rawValue: reason), sourceLocation: sourceLocation)
    }
}
