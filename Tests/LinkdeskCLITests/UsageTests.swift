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
}
