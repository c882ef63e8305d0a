import Foundation
import Testing

/// The hot command lines are matched by hand (`FastCommandLine`); any other spelling of the same
/// command goes through argument-parser. Both routes must print the same, exit the same, and
/// refuse the same way. The parsed route is forced here by a spelling the fast match does not
/// take: an option repeated with its default value.
@Suite("fast command-line route = argument-parser route")
struct FastCommandLineTests {
    static let defaultBase = ["--base-url", "http://localhost:8080"]

    @Test("pages, bookings, their --json, and link refusals give the same output either way", arguments: [
        ["pages"], ["pages", "--json"], ["bookings"], ["bookings", "--json"],
        ["link", "salescall"], ["link", "Sales call"], ["link", "nosuch"], ["link", "nosuch", "--one-time"],
    ])
    func sameOutput(arguments: [String]) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["pages"])
        let link = try ws.ok(["link", "salescall", "--name", "Zoë", "--email", "zoe@example.com"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try ws.ok(["book", link, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10)])
        let fast = try ws.run(arguments)
        let parsed = try ws.run(arguments + Self.defaultBase)
        #expect(fast.status == parsed.status, "\(fast) vs \(parsed)")
        #expect(fast.stdout == parsed.stdout, "\(arguments)")
        #expect(fast.stderr == parsed.stderr, "\(arguments)")
    }

    @Test("link SLUG --one-time: the same kind of one-time link either way, and the same refusal on a booking page")
    func oneTime() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let fast = try ws.ok(["link", "salescall", "--one-time"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let parsed = try ws.ok(["link", "--one-time", "salescall"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(fast != parsed, "two links, two tokens")
        #expect(fast.split(separator: "/").dropLast() == parsed.split(separator: "/").dropLast(), "\(fast) vs \(parsed)")
        #expect(fast.count == parsed.count)
        let pages = try ws.jsonArray(["pages", "--json"])
        let bookingSlug = try #require(pages.first { $0["kind"] as? String == "booking" }?["slug"] as? String)
        let refusedFast = try ws.run(["link", bookingSlug, "--one-time"])
        let refusedParsed = try ws.run(["link", "--one-time", bookingSlug])
        #expect(refusedFast.status == 2 && refusedParsed.status == 2)
        #expect(refusedFast.stderr == refusedParsed.stderr && refusedFast.stdout.isEmpty)
    }

    /// A command keeps its stores until it exits and closes their connections just before
    /// (`ExitingStores`): the writer's close, being the last, still checkpoints the WAL into the
    /// database and removes the -wal and -shm files, on either route.
    @Test("after a write, on either route, the WAL is checkpointed at exit: no -wal or -shm file is left")
    func walCheckpointedAtExit() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let leftovers = { ["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: ws.dbPath + $0) } }
        for arguments in [["link", "salescall", "--one-time"], ["link", "--one-time", "salescall"],
                          ["link", "salescall", "--name", "Ann", "--email", "ann@example.com", "--one-time"]] {
            try ws.ok(arguments)
            #expect(leftovers() == [], "\(arguments) left \(leftovers())")
        }
        // A command that only read may leave the (empty) -wal and -shm behind, which a read-only
        // connection cannot remove; the next write's exit removes them.
        let refused = try ws.run(["book", "http://localhost:8080/salescall", "--event", "nosuch", "--at", Demo.tuesdayLocal(10)])
        #expect(refused.status != 0, "\(refused)")
        try ws.ok(["link", "salescall", "--one-time"])
        #expect(leftovers() == [], "after a refusal and a write: \(leftovers())")
        #expect(try ws.jsonArray(["links", "--json"]).count == 4, "the links were written")
    }
}
