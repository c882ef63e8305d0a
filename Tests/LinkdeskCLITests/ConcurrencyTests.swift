import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// Several OS processes of the real binary on one database file (SPEC §1, §4): SQLite's write
/// lock must serialise them so that no rule is broken by a race.
@Suite("processes racing on one database")
struct ConcurrencyTests {
    static let racers = 10

    /// Starts every command before waiting for any, so they contend for the lock together.
    static func race(_ ws: CLIWorkspace, _ commands: [[String]]) throws -> [Finished] {
        let running = try commands.map { try ws.start($0) }
        return running.map { $0.finish(timeout: 60) }
    }

    @Test("10 processes booking through ONE one-time link: exactly one booking, the rest told it is used (SQLite)")
    func oneTimeLinkRace() throws { try oneTimeLinkRace(store: .sqlite) }

    @Test("10 processes booking through ONE one-time link: exactly one booking, the rest told it is used (PostgreSQL)", .postgres)
    func oneTimeLinkRaceOnPostgres() throws { try oneTimeLinkRace(store: .postgres) }

    func oneTimeLinkRace(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let link = try ws.oneTimeLink()
        let commands = (0..<Self.racers).map { i in
            ["book", link.url, "--event", Demo.thirty, "--at", Demo.tuesdayHalfHours[i],
             "--name", "Racer \(i)", "--email", "racer\(i)@example.com", "--json"]
        }
        let results = try Self.race(ws, commands)
        let winners = results.filter { $0.status == 0 }
        let losers = results.filter { $0.status != 0 }
        #expect(winners.count == 1, "\(results)")
        for loser in losers {
            #expect(loser.status == 2, "\(loser)")
            #expect(loser.stderr == "linkdesk: \(Refusal.DeadLink.used.sentence)\n", "\(loser)")
            #expect(loser.stdout.isEmpty)
        }
        let links = try ws.links()
        #expect(links.count == 1)
        #expect(links.first?["usesLeft"] as? Int == 0)
        #expect(links.first?["status"] as? String == "used")
        let bookings = try ws.bookings()
        #expect(bookings.count == 1)
        #expect(bookings.first?["linkId"] as? String == link.linkID)
        if let winner = winners.first {
            let made = try JSONSerialization.jsonObject(with: Data(winner.stdout.utf8)) as? [String: Any]
            #expect(made?["id"] as? Int == bookings.first?["id"] as? Int)
        }
        let used = try ws.jsonArray(["activity", "--json"]).filter { $0["kind"] as? String == "one-time link used" }
        #expect(used.count == 1)
    }

    @Test("a one-time link with 3 uses raced by 10 processes yields exactly 3 bookings (SQLite)")
    func multiUseRace() throws { try multiUseRace(store: .sqlite) }

    @Test("a one-time link with 3 uses raced by 10 processes yields exactly 3 bookings (PostgreSQL)", .postgres)
    func multiUseRaceOnPostgres() throws { try multiUseRace(store: .postgres) }

    func multiUseRace(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        let link = try ws.oneTimeLink(["--uses", "3"])
        let commands = (0..<Self.racers).map { i in
            ["book", link.url, "--event", Demo.thirty, "--at", Demo.tuesdayHalfHours[i],
             "--name", "Racer \(i)", "--email", "racer\(i)@example.com"]
        }
        let results = try Self.race(ws, commands)
        #expect(results.filter { $0.status == 0 }.count == 3, "\(results)")
        #expect(results.filter { $0.status == 2 && $0.stderr == "linkdesk: \(Refusal.DeadLink.used.sentence)\n" }.count == 7, "\(results)")
        #expect(try ws.bookings().count == 3)
        #expect(try ws.links().first?["usesLeft"] as? Int == 0)
    }

    @Test("10 processes racing for ONE slot through a general link: exactly one booking (SQLite)")
    func slotRace() throws { try slotRace(store: .sqlite) }

    @Test("10 processes racing for ONE slot through a general link: exactly one booking (PostgreSQL)", .postgres)
    func slotRaceOnPostgres() throws { try slotRace(store: .postgres) }

    func slotRace(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        try ws.ok(["pages"])
        let commands = (0..<Self.racers).map { i in
            ["book", Demo.salescall, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
             "--name", "Racer \(i)", "--email", "racer\(i)@example.com"]
        }
        let results = try Self.race(ws, commands)
        #expect(results.filter { $0.status == 0 }.count == 1, "\(results)")
        for loser in results where loser.status != 0 {
            #expect(loser.status == 2, "\(loser)")
            #expect(loser.stderr == "linkdesk: that slot is already taken\n", "\(loser)")
        }
        let bookings = try ws.bookings()
        #expect(bookings.count == 1)
        #expect(bookings.first?["teamMember"] as? String == "Cactus Co Main")
    }

    @Test("10 processes racing for one slot of a Static team page: one booking per team member, never two on one (SQLite)")
    func staticTeamRace() throws { try staticTeamRace(store: .sqlite) }

    @Test("10 processes racing for one slot of a Static team page: one booking per team member, never two on one (PostgreSQL)", .postgres)
    func staticTeamRaceOnPostgres() throws { try staticTeamRace(store: .postgres) }

    func staticTeamRace(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        try ws.ok(["pages"])
        let commands = (0..<Self.racers).map { i in
            ["book", "http://localhost:8080/marketing", "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
             "--name", "Racer \(i)", "--email", "racer\(i)@example.com"]
        }
        let results = try Self.race(ws, commands)
        #expect(results.filter { $0.status == 0 }.count == 2, "\(results)")
        let members = try ws.bookings().compactMap { $0["teamMember"] as? String }.sorted()
        #expect(members == ["Marketing call", "Support desk"])
    }

    @Test("10 processes opening a database that does not exist yet: all succeed, one demo workspace")
    func firstOpenRace() throws {
        // Several rounds: the window for a migration race is small.
        for round in 0..<6 {
            let ws = try CLIWorkspace()
            defer { ws.remove() }
            let results = try Self.race(ws, Array(repeating: ["pages", "--json"], count: Self.racers))
            for result in results {
                #expect(result.status == 0, "round \(round): \(result)")
                if result.status == 0 {
                    let pages = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any]
                    #expect(pages?.count == 6)
                }
            }
            #expect(try ws.jsonArray(["pages", "--json"]).count == 6)
        }
    }
}
