import Foundation
import Testing

/// Global options and bad command lines (SPEC §3 and the documented exit codes).
@Suite("global options and usage errors")
struct UsageTests {
    @Test("--db and --base-url are global: accepted before the subcommand as well as after it")
    func globalOptionsBeforeSubcommand() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let other = ws.directory.appendingPathComponent("other.sqlite").path
        let after = try ws.run(["pages", "--json", "--db", other, "--base-url", "https://b.example.com"])
        #expect(after.status == 0, "\(after)")
        let before = try ws.run(["--db", other, "--base-url", "https://b.example.com", "pages", "--json"])
        #expect(before.status == 0, "global options before the subcommand: \(before)")
        #expect(before.stdout == after.stdout)
    }

    @Test("a bad command line is bad input: exit 2, nothing on stdout", arguments: [
        ["book", "http://localhost:8080/salescall"],  // --at missing
        ["link"],  // PAGE missing
        ["link", "salescall", "--uses", "many", "--one-time"],
        ["bookings", "--no-such-flag"],
        ["no-such-command"],
    ])
    func usageErrors(arguments: [String]) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["pages"])
        let before = try ws.snapshot()
        let result = try ws.run(arguments)
        #expect(result.status == 2, "documented exit code for bad input is 2: \(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(!result.stderr.isEmpty)
        #expect(try ws.snapshot() == before)
    }

    @Test("--help exits 0 and lists every command")
    func help() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let result = try ws.run(["--help"])
        #expect(result.status == 0, "\(result)")
        for command in ["pages", "link", "page", "links", "revoke", "slots", "book", "bookings", "cancel",
                        "reschedule", "activity", "report"] {
            #expect(result.stdout.contains(command), "\(command) missing from --help")
        }
    }

    /// Every view opens by what the tab line and `--help` call it. Without a usable terminal
    /// (TERM=bogus) the console then stops with exit 4 — after the command line was accepted;
    /// a view it does not know is refused first, with exit 2 and the list of choices.
    @Test("console --view takes a view's name, tab title, title or number key", arguments: [
        "pages", "master", "links", "bookings", "activity", "log", "reports", "customer", "guest", "buttons",
        "One-time links", "Customer view", "3", "8", "LOG",
    ])
    func viewNames(name: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let result = try ws.run(["console", "--view", name], extraEnv: ["TERM": "bogus"])
        #expect(result.status == 4, "--view \(name) should parse, then find no usable terminal: \(result)")
        #expect(!result.stderr.contains("invalid"), "\(result)")
    }

    @Test("console --view with an unknown view: exit 2, one line naming every choice")
    func unknownView() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let result = try ws.run(["console", "--view", "calendar"], extraEnv: ["TERM": "bogus"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        for choice in ["pages", "links", "log", "guest", "buttons"] {
            #expect(result.stderr.contains(choice), "\(choice) missing from \(result.stderr)")
        }
    }

    @Test("the theme from $XDG_CONFIG_HOME/linkdesk/config: an unknown one is refused (exit 2, one line), a known one accepted")
    func configuredTheme() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let config = ws.directory.appendingPathComponent("config-home/linkdesk")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let home = ["XDG_CONFIG_HOME": config.deletingLastPathComponent().path, "TERM": "bogus"]
        try "# mine\n  theme = sepia \n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let unknown = try ws.run(["share"], extraEnv: home)
        #expect(unknown.status == 2 && unknown.stderrLines.count == 1, "\(unknown)")
        #expect(unknown.stderr.contains("unknown theme \"sepia\" in the config file"), "\(unknown)")
        try "theme = dark\n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let known = try ws.run(["share"], extraEnv: home)
        #expect(known.status == 4, "the theme is accepted, then there is no usable terminal: \(known)")
        #expect(!known.stderr.contains("theme"), "\(known)")
    }

    @Test("--version prints the version and exits 0")
    func version() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let result = try ws.run(["--version"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result)")
    }

    /// The overview is made of whole paragraphs: a line that ends without a sentence's end is
    /// followed by more of the same sentence, never by a line that starts with a digit or a
    /// lowercase word that begins a list item ("1\ncancelled," was seen before).
    @Test("--help wraps its overview at word boundaries, never mid-list")
    func helpWraps() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let help = try ws.run(["--help"]).stdout
        let overview = help.components(separatedBy: "USAGE:").first ?? ""
        #expect(overview.contains("Exit codes: 0 done, 1 cancelled, 2 refused"), "\(overview)")
        let lines = overview.split(separator: "\n", omittingEmptySubsequences: false)
        for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty {
            #expect(line.count >= 55, "a short line inside a paragraph is a hard break: \"\(line)\" before \"\(next)\"")
        }
    }
}
