import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import LinkdeskTestSupport
import Testing

/// Against a real `linkdesk-serve` process: races over HTTP, kill -9, the command line's face.
/// What depends on the store runs over SQLite and, as a twin test `…OnPostgres` (skipped without
/// `LINKDESK_TEST_PG`), over PostgreSQL, through one body; what is about the process or its
/// port (a taken port, SIGTERM, the CLI's exec, bad flags) over SQLite alone.
@Suite(.serialized) struct LiveServerTests {
    /// SQLite: 200 POSTs at one server. PostgreSQL (issue 10): 500 split between two servers on
    /// one database, the one-time use spent in the booking's transaction, whichever server runs it.
    @Test func concurrentPostsThroughOneOneTimeLinkBookOnce() async throws {
        try await Self.concurrentPostsThroughOneOneTimeLinkBookOnce(.sqlite)
    }

    @Test(.postgres) func concurrentPostsThroughOneOneTimeLinkBookOnceOnPostgres() async throws {
        try await Self.concurrentPostsThroughOneOneTimeLinkBookOnce(.postgres)
    }

    static func concurrentPostsThroughOneOneTimeLinkBookOnce(_ kind: RuntimeStore) async throws {
        let server = try LiveServer(kind)
        defer { server.remove() }
        let second = kind == .postgres ? try server.second() : nil
        defer { second?.stop() }
        let made = try await server.linkdesk.makeLink(page: try #require(try await server.linkdesk.workspace().page(slug: "salescall")),
                                                      personalization: Personalization(name: "Ada", email: "ada@example.com"),
                                                      oneTime: OneTimeOptions())
        let path = String(made.url.dropFirst(server.base.count))
        let count = kind == .postgres ? 500 : 200
        let times = slots(count)
        let ports = [server.port] + (second.map { [$0.port] } ?? [])
        let results = RawHTTP.race(count) { index in
            Result { try RawHTTP.send(port: ports[index % ports.count], method: "POST", path: path, headers: formHeaderFields,
                                      body: formText([("event", "1"), ("slot", times[index])])) }
        }
        let statuses = try results.map { try $0.get().status }
        #expect(statuses.filter { $0 == 303 }.count == 1, "\(tally(statuses))")
        #expect(statuses.filter { [404, 409, 429].contains($0) }.count == count - 1, "\(tally(statuses))")
        #expect(!statuses.contains { $0 >= 500 }, "\(tally(statuses))")
        #expect(try await server.storedBookings() == 1)
        let linkID = try #require(made.oneTime?.linkID)
        #expect(try await server.freshStore().oneTimeLink(id: linkID)?.usesLeft == 0)
    }

    /// On PostgreSQL through two servers on one database: the slot's conflict is the database's.
    @Test func oneHundredConcurrentPostsForOneSlotBookOnce() async throws {
        try await Self.oneHundredConcurrentPostsForOneSlotBookOnce(.sqlite)
    }

    @Test(.postgres) func oneHundredConcurrentPostsForOneSlotBookOnceOnPostgres() async throws {
        try await Self.oneHundredConcurrentPostsForOneSlotBookOnce(.postgres)
    }

    static func oneHundredConcurrentPostsForOneSlotBookOnce(_ kind: RuntimeStore) async throws {
        let server = try LiveServer(kind)
        defer { server.remove() }
        let second = kind == .postgres ? try server.second() : nil
        defer { second?.stop() }
        let ports = [server.port] + (second.map { [$0.port] } ?? [])
        let results = RawHTTP.race(100) { index in
            Result { try RawHTTP.send(port: ports[index % ports.count], method: "POST", path: "/salescall555", headers: formHeaderFields,
                                      body: formText([("event", "1"), ("slot", "2026-12-08T15:00:00Z"), ("name", "Customer \(index)"),
                                                      ("email", "c\(index)@example.com")])) }
        }
        let statuses = try results.map { try $0.get().status }
        #expect(statuses.filter { $0 == 303 }.count == 1, "\(tally(statuses))")
        #expect(statuses.filter { $0 == 409 }.count == 99, "\(tally(statuses))")
        #expect(try await server.storedBookings() == 1)
    }

    @Test func killedWithSigkillMidLoadEveryConfirmedBookingIsStoredOnce() async throws {
        try await Self.killedWithSigkillMidLoadEveryConfirmedBookingIsStoredOnce(.sqlite)
    }

    @Test(.postgres) func killedWithSigkillMidLoadEveryConfirmedBookingIsStoredOnceOnPostgres() async throws {
        try await Self.killedWithSigkillMidLoadEveryConfirmedBookingIsStoredOnce(.postgres)
    }

    static func killedWithSigkillMidLoadEveryConfirmedBookingIsStoredOnce(_ kind: RuntimeStore) async throws {
        let server = try LiveServer(kind)
        defer { server.remove() }
        let master = try #require(try await server.linkdesk.workspace().page(slug: "salescall"))
        let links = try await server.linkdesk.makeLinks(page: master, personalizations: (0..<400).map {
            Personalization(name: "Customer \($0)", email: "c\($0)@example.com")
        }, oneTime: OneTimeOptions())
        let times = slots(400)
        let port = server.port
        let base = server.base
        let confirmed = ConfirmedBookings()
        let stopLoad = Atomicish()
        let loadDone = Atomicish()
        let load = Thread {
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                var index = worker
                while index < links.count && !stopLoad.isSet {
                    let path = String(links[index].url.dropFirst(base.count))
                    if let reply = try? RawHTTP.send(port: port, method: "POST", path: path, headers: formHeaderFields,
                                                     body: formText([("event", "1"), ("slot", times[index])]), timeout: 5),
                       reply.status == 303 {
                        confirmed.add(links[index].oneTime!.linkID, reply.headers["location"] ?? "")
                    }
                    index += 8
                }
            }
            loadDone.set()
        }
        load.start()
        // Let the load run, then kill the server in the middle of it.
        let deadline = Date().addingTimeInterval(10)
        while confirmed.count < 20 && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        server.kill9()
        stopLoad.set()
        while !loadDone.isSet { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        let sent = confirmed.all
        #expect(sent.count >= 20)
        #expect(sent.count < links.count, "the kill came after the load finished")
        // The database opens clean in a new process's connection, with every confirmed booking once.
        let store = try server.freshStore()
        let bookings = try await store.bookings(BookingQuery(limit: 10_000))
        let byLink = Dictionary(grouping: bookings.compactMap(\.linkID)) { $0 }
        for (linkID, _) in sent { #expect(byLink[linkID]?.count == 1, "\(linkID)") }
        #expect(byLink.values.allSatisfy { $0.count == 1 })
        #expect(try await server.storedBookings() == bookings.count)
        let linkdesk = Linkdesk(store: store, base: .default, time: FixedTime(WebFixture.now))
        for (_, location) in sent.prefix(5) {
            let token = String(location.split(separator: "?")[0].dropFirst("/manage/".count))
            #expect(try await linkdesk.managedBooking(token: token).status == .scheduled)
        }
    }

    @Test func aTakenPortIsSaidClearlyAndSigtermStopsCleanly() async throws {
        let server = try LiveServer(quiet: false)
        defer { server.remove() }
        let second = try Processes.run(try Products.path("linkdesk-serve"), ["--db", server.db, "--port", String(server.port)],
                                       timeout: 30)
        let message = second.stderr
        #expect(second.status == 3, "\(second)")
        #expect(message == "linkdesk serve: 127.0.0.1:\(server.port) is already in use (another linkdesk serve?): stop it or choose another port with --port\n")
        // One log line per request, without the query string, tokens cut short.
        _ = try RawHTTP.send(port: server.port, path: "/salescall555?name=Secret%20Name&email=secret@example.com")
        _ = try RawHTTP.send(port: server.port, path: "/.23456789ABCDE")
        server.process.terminate()  // SIGTERM
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        let log = String(decoding: server.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("GET /salescall555 200 "))
        #expect(log.contains("GET /.23… 404 "))
        #expect(!log.contains("Secret") && !log.contains("secret@") && !log.contains("23456789ABCDE"))
        #expect(log.hasSuffix("linkdesk serve: stopped\n"))
    }

    @Test func theCLIsServeCommandExecsTheServerAndSaysWhenItIsMissing() async throws {
        let linkdesk = try Products.path("linkdesk")
        let fixture = try WebFixture()
        defer { fixture.remove() }
        let port = freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: linkdesk)
        process.arguments = ["serve", "--port", String(port), "--db", fixture.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        var started = false
        for _ in 0..<200 where !started {
            started = (try? RawHTTP.send(port: port, path: "/salescall555", timeout: 2))?.status == 200
            if !started { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(started)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // A copy of linkdesk alone in a folder: one clear line, exit 3.
        let lonely = fixture.directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: lonely, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: linkdesk, toPath: lonely.appendingPathComponent("linkdesk").path)
        let alone = try Processes.run(lonely.appendingPathComponent("linkdesk").path, ["serve", "--db", fixture.path], timeout: 30)
        let message = alone.stderr
        #expect(alone.status == 3, "\(alone)")
        #expect(message.hasPrefix("linkdesk: the booking site's program linkdesk-serve is not next to linkdesk"))
        #expect(message.split(separator: "\n").count == 1)
    }

    /// `linkdesk` on the server's database, at the server's clock.
    static func cli(_ server: LiveServer, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let finished = try Processes.run(try Products.path("linkdesk"), arguments + ["--db", server.db],
                                         environment: ["LINKDESK_NOW": "2026-12-07T12:00:00Z", "LINKDESK_BASE_URL": server.base])
        return (finished.status, finished.stdout, finished.stderr)
    }

    /// Issue 9 item 7, the command line's side: a one-time link made by `linkdesk link`, booked
    /// through the running server, is in `linkdesk bookings` and `linkdesk activity` at once.
    @Test func aWebBookingIsInTheCLIsBookingsAndActivityAtOnce() async throws {
        try await Self.aWebBookingIsInTheCLIsBookingsAndActivityAtOnce(.sqlite)
    }

    @Test(.postgres) func aWebBookingIsInTheCLIsBookingsAndActivityAtOnceOnPostgres() async throws {
        try await Self.aWebBookingIsInTheCLIsBookingsAndActivityAtOnce(.postgres)
    }

    static func aWebBookingIsInTheCLIsBookingsAndActivityAtOnce(_ kind: RuntimeStore) async throws {
        let server = try LiveServer(kind)
        defer { server.remove() }
        let made = try Self.cli(server, ["link", "salescall", "--one-time", "--name", "Grace Hopper", "--email", "grace@example.com"])
        #expect(made.status == 0, "\(made.err)")
        let url = try #require(made.out.split(separator: "\n").first { $0.hasPrefix(server.base + "/.") })
        let path = String(url.dropFirst(server.base.count))
        let reply = try RawHTTP.send(port: server.port, method: "POST", path: path, headers: formHeaderFields,
                                     body: formText([("event", "1"), ("slot", "2026-12-08T15:00:00Z")]))
        #expect(reply.status == 303, "\(reply.body)")
        let bookings = try Self.cli(server, ["bookings"])
        #expect(bookings.status == 0)
        #expect(bookings.out.split(separator: "\n").contains { $0.contains("Grace Hopper") && $0.lowercased().contains("scheduled") },
                "\(bookings.out)")
        let activity = try Self.cli(server, ["activity", "--json"])
        #expect(activity.status == 0)
        let events = try #require(try JSONSerialization.jsonObject(with: Data(activity.out.utf8)) as? [[String: Any]])
        let scheduled = try #require(events.first { $0["kind"] as? String == "booking scheduled" }, "\(activity.out)")
        #expect(scheduled["actor"] as? String == "customer")
        #expect((scheduled["detail"] as? String)?.hasSuffix("via the web") == true, "\(scheduled)")
        #expect((scheduled["subject"] as? String)?.contains("Grace Hopper") == true)
        #expect(events.contains { $0["kind"] as? String == "one-time link used" && $0["actor"] as? String == "customer" })
        let plain = try Self.cli(server, ["activity"])
        #expect(plain.out.split(separator: "\n").contains { $0.contains("customer") && $0.contains("via the web") }, "\(plain.out)")
    }

    @Test func aTrustedProxyThatIsNoAddressIsOneClearLine() async throws {
        let fixture = try WebFixture()
        defer { fixture.remove() }
        let finished = try Processes.run(try Products.path("linkdesk-serve"),
                                         ["--db", fixture.path, "--port", String(freePort()), "--trusted-proxy", "proxy.example.com"],
                                         timeout: 30)
        let message = finished.stderr
        #expect(finished.status == 2, "\(finished)")
        #expect(message == "linkdesk serve: --trusted-proxy takes an IP address (the proxy's, as this server sees it), "
                + "not \"proxy.example.com\"\n")
    }
}

final class ConfirmedBookings: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(String, String)] = []
    func add(_ linkID: String, _ location: String) { lock.lock(); items.append((linkID, location)); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }
    var all: [(String, String)] { lock.lock(); defer { lock.unlock() }; return items }
}

final class Atomicish: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
