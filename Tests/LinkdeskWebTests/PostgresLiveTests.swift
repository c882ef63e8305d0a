import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Team mode (SPEC §6) against real processes on PostgreSQL: `linkdesk-serve --db postgres://…`,
/// races between servers and between CLI processes on one database. The races `LiveServerTests`
/// runs on both stores are there, not here: on PostgreSQL, 500 POSTs through one one-time link
/// and 100 for one slot, split between two servers on one database; kill -9 mid-load.
@Suite(.serialized) struct PostgresLiveTests {
    static let slot = "2026-12-08T15:00:00Z"  // Tuesday 10:00 in New York

    @Test(.postgres) func servePostgresBooksOncePerFormAndServesTheManagePage() async throws {
        let db = try PostgresDatabase()
        defer { db.remove() }
        let server = try ServeProcess(db: db.url)
        defer { server.stop() }
        let form = try RawHTTP.send(port: server.port, path: "/salescall555?event=1")
        #expect(form.status == 200)
        let key = try RequestKeyTests.requestKey(in: form.body)
        let fields = [("event", "1"), ("slot", Self.slot), ("name", "Ada"), ("email", "ada@example.com"), ("request", key)]
        var locations: [String] = []
        for _ in 0..<2 {
            let reply = try RawHTTP.send(port: server.port, method: "POST", path: "/salescall555", headers: formHeaderFields,
                                         body: formText(fields))
            #expect(reply.status == 303)
            locations.append(reply.headers["location"] ?? "")
        }
        #expect(locations[0].hasPrefix("/manage/") && locations[0] == locations[1])
        let manage = try RawHTTP.send(port: server.port, path: locations[0])
        #expect(manage.status == 200 && manage.body.contains("Ada"))
        #expect(try db.count("SELECT count(*) FROM booking") == 1)
        #expect(try db.count("SELECT count(*) FROM booking_request") == 1)
    }

    @Test(.postgres) func aBadOrUnreachableURLIsOneLineAndExit3LikeTheCLI() async throws {
        _ = try PostgresServer.require()
        let serve = try Products.path("linkdesk-serve")
        let cli = try Products.path("linkdesk")
        let closedPort = freePort()
        for url in ["postgres://postgres@127.0.0.1:\(closedPort)/nowhere", "postgres://a:b:c@[::1/x"] {
            let server = try Processes.run(serve, ["--db", url, "--port", String(freePort())], timeout: 20)
            let command = try Processes.run(cli, ["pages", "--db", url], timeout: 20)
            for finished in [server, command] {
                #expect(finished.status == 3, "\(finished)")
                #expect(finished.stderr.split(separator: "\n").count == 1, "\(finished.stderr)")
                #expect(finished.stderr.contains("cannot reach PostgreSQL"), "\(finished.stderr)")
                #expect(finished.seconds < 10)
            }
            // The same sentence after each program's name.
            let said = [server, command].map { $0.stderr.drop { $0 != ":" } }
            #expect(said[0] == said[1], "\(said)")
        }
    }

    @Test(.postgres) func sixteenCLIProcessesThroughOneOneTimeLinkBookOnce() async throws {
        let db = try PostgresDatabase()
        defer { db.remove() }
        let cli = try Products.path("linkdesk")
        let made = try #require(try await db.oneTimeLinks(1, base: BaseURL.default.text).first)
        let times = slots(16)
        let results = RawHTTP.race(16) { index in
            Result {
                let finished = try Processes.run(cli, ["book", made.url, "--event", "15-minute meeting", "--at", times[index], "--db", db.url],
                                       environment: ["LINKDESK_NOW": "2026-12-07T12:00:00Z", "LINKDESK_BASE_URL": BaseURL.default.text], timeout: 60)
                return RawHTTP.Reply(status: Int(finished.status), headers: [:], body: finished.stderr)
            }
        }
        let replies = try results.map { try $0.get() }
        #expect(replies.filter { $0.status == 0 }.count == 1, "\(replies.map { ($0.status, $0.body) })")
        for reply in replies where reply.status != 0 {
            #expect(reply.status == 2 && reply.body.contains(Refusal.DeadLink.used.sentence), "\(reply.status): \(reply.body)")
        }
        #expect(try db.count("SELECT count(*) FROM booking") == 1)
    }

    @Test(.postgres) func twoCustomersRacingForOverlappingSlotsOfOneMemberThroughTwoServers() async throws {
        let db = try PostgresDatabase()
        defer { db.remove() }
        let first = try ServeProcess(db: db.url)
        defer { first.stop() }
        let second = try ServeProcess(db: db.url, base: first.base)
        defer { second.stop() }
        // Annie's own page (salescall555: one member) offers 15 (event 1) and 30 minutes (event 2):
        // 10:00–10:30 and 10:15–10:30 overlap. Many rounds, so the race is really run.
        for round in 0..<10 {
            let day = 8 + round % 4  // Tue–Fri, 8–11 December
            let thirty = String(format: "2026-12-%02dT%02d:00:00Z", day, 14 + round / 4 * 2)
            let fifteen = String(format: "2026-12-%02dT%02d:15:00Z", day, 14 + round / 4 * 2)
            let bodies = [formText([("event", "2"), ("slot", thirty), ("name", "Thirty \(round)"), ("email", "t\(round)@example.com")]),
                          formText([("event", "1"), ("slot", fifteen), ("name", "Fifteen \(round)"), ("email", "f\(round)@example.com")])]
            let ports = [first.port, second.port]
            let results = RawHTTP.race(2) { i in
                Result { try RawHTTP.send(port: ports[i], method: "POST", path: "/salescall555", headers: formHeaderFields, body: bodies[i]) }
            }
            let statuses = try results.map { try $0.get().status }
            #expect(statuses.sorted() == [303, 409], "round \(round): \(statuses)")
        }
        #expect(try db.count("SELECT count(*) FROM booking") == 10)
    }
}
