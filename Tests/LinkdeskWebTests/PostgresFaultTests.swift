import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// PostgreSQL restarted under load (SPEC §6 "faults"), on a cluster of this test's own: a real
/// `linkdesk-serve` and the CLI answer within their deadline (503 with Retry-After; one line and
/// exit 3), recover by themselves, and every confirmed booking is stored exactly once; a
/// console's change stream says the store is gone, comes back, and sees later changes.
@Suite(.serialized) struct PostgresFaultTests {
    /// The longest any answer may take during the outage (the store's deadlines: connect 3 s,
    /// statement 5 s, round trip 8 s, free connection 5 s), with room for a loaded machine.
    static let deadline: Double = 15

    /// One answered booking POST.
    struct Answer: Sendable {
        var linkID: String
        var status: Int
        var retryAfter: String?
        var seconds: Double
    }

    final class Answers: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Answer] = []
        private var failures: [String] = []
        func add(_ a: Answer) { lock.lock(); items.append(a); lock.unlock() }
        func fail(_ s: String) { lock.lock(); failures.append(s); lock.unlock() }
        var all: [Answer] { lock.lock(); defer { lock.unlock() }; return items }
        var transportFailures: [String] { lock.lock(); defer { lock.unlock() }; return failures }
        var confirmed: Int { all.filter { $0.status == 303 }.count }
    }

    final class EventLog: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [StoreEvent] = []
        func add(_ e: StoreEvent) { lock.lock(); items.append(e); lock.unlock() }
        var all: [StoreEvent] { lock.lock(); defer { lock.unlock() }; return items }
    }

    static func post(_ port: Int, _ link: MadeLink, _ base: String, _ slot: String) -> Result<Answer, Error> {
        let started = Date()
        return Result {
            let reply = try RawHTTP.send(port: port, method: "POST", path: String(link.url.dropFirst(base.count)),
                                         headers: formHeaderFields, body: formText([("event", "1"), ("slot", slot)]),
                                         timeout: Int(deadline) + 5)
            return Answer(linkID: link.oneTime?.linkID ?? "", status: reply.status, retryAfter: reply.headers["retry-after"],
                          seconds: Date().timeIntervalSince(started))
        }
    }

    @Test(.postgres, .tools("su"))
    func restartImmediatelyUnderLoadLosesNoConfirmedBookingAndRecovers() async throws {
        _ = try PostgresServer.require()
        try Tools.require("su")
        let cluster = try ThrowawayCluster()
        defer { cluster.remove() }
        let db = try PostgresDatabase(server: cluster.url)
        let server = try ServeProcess(db: db.url)
        defer { server.stop() }
        let cli = try Products.path("linkdesk")
        let links = try await db.oneTimeLinks(700, base: server.base)
        let times = slots(700)
        let port = server.port, base = server.base

        // A console's view of the store: a store (and LISTEN connection) of its own.
        let console = try PostgresStore(url: db.url)
        let events = EventLog()
        let stream = console.changes()
        let watcher = Task { for await event in stream { events.add(event) } }
        defer { watcher.cancel() }

        // Phase A: booking load from 4 clients; `pg_ctl restart -m immediate` in the middle of it.
        let answers = Answers()
        let stopLoad = Atomicish(), loadDone = Atomicish(), restarted = Atomicish()
        let workers = 4
        let loadLimit = 600  // the rest are for phase B
        let load = Thread {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < loadLimit && !stopLoad.isSet {
                    switch Self.post(port, links[index], base, times[index]) {
                    case .success(let answer): answers.add(answer)
                    case .failure(let error): answers.fail("\(links[index].oneTime?.linkID ?? ""): \(error)")
                    }
                    index += workers
                    // Once going, paced until the restart has happened (200 a second in all): a
                    // fast server must not use every link before this test, starved of CPU by
                    // the others, gets to restart the cluster.
                    if !restarted.isSet && answers.confirmed >= 30 { usleep(20_000) }
                }
            }
            loadDone.set()
        }
        load.start()
        var waited = Date().addingTimeInterval(20)
        while answers.confirmed < 30 && Date() < waited { try await Task.sleep(for: .milliseconds(20)) }
        #expect(answers.confirmed >= 30, "the load did not get going: \(tally(answers.all.map(\.status)))")
        let beforeRestart = answers.confirmed
        let restart = try cluster.restartImmediately()
        restarted.set()
        #expect(restart.status == 0, "\(restart.stderr) \(cluster.log)")
        // The load goes on after the restart: the server must recover by itself.
        waited = Date().addingTimeInterval(20)
        let afterRestart = { answers.confirmed }
        while afterRestart() < beforeRestart + 30 && Date() < waited { try await Task.sleep(for: .milliseconds(50)) }
        stopLoad.set()
        while !loadDone.isSet { try await Task.sleep(for: .milliseconds(20)) }
        let phaseA = answers.all
        #expect(answers.confirmed >= beforeRestart + 30, "no recovery after the restart: \(tally(phaseA.map(\.status)))")
        #expect(answers.transportFailures.isEmpty, "requests without an HTTP answer: \(answers.transportFailures.prefix(5))")
        for answer in phaseA where answer.status != 303 {
            #expect(answer.status == 503 && answer.retryAfter == "2", "\(answer)")
        }
        #expect(phaseA.allSatisfy { $0.seconds < Self.deadline }, "slowest: \(phaseA.map(\.seconds).max() ?? 0) s")

        // Phase B: the server down for a while: clear answers within the deadline, then recovery.
        let stopped = try cluster.stopImmediately()
        #expect(stopped.status == 0, "\(stopped.stderr)")
        let outage = try Self.post(port, links[loadLimit], base, times[loadLimit]).get()
        #expect(outage.status == 503 && outage.retryAfter == "2", "\(outage)")
        #expect(outage.seconds < Self.deadline)
        let spare = links[loadLimit + 1]
        let command = try Processes.run(cli, ["book", spare.url, "--event", "15-minute meeting", "--at", times[loadLimit + 1], "--db", db.url],
                              environment: ["LINKDESK_NOW": "2026-12-07T12:00:00Z", "LINKDESK_BASE_URL": base], timeout: 30)
        #expect(command.status == 3, "\(command)")
        #expect(command.stderr.split(separator: "\n").count == 1 && command.stderr.contains("PostgreSQL"), "\(command.stderr)")
        #expect(command.seconds < Self.deadline)
        try await Task.sleep(for: .seconds(1))
        #expect(events.all.contains { if case .unavailable = $0 { return true } else { return false } }, "\(events.all)")
        try cluster.start()
        // Recovers by itself: a booking goes through again within the deadline, no restart of linkdesk-serve.
        var recovered: Answer?
        waited = Date().addingTimeInterval(Self.deadline)
        var next = loadLimit + 2
        while recovered == nil && Date() < waited && next < links.count {
            if let answer = try? Self.post(port, links[next], base, times[next]).get(), answer.status == 303 { recovered = answer }
            next += 1
            if recovered == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        let recoveredLink = try #require(recovered, "linkdesk-serve did not recover by itself")
        // The console's stream came back (a resync) and sees a change made after that.
        waited = Date().addingTimeInterval(5)
        while events.all.last == nil || events.all.last != .changed, Date() < waited { try await Task.sleep(for: .milliseconds(50)) }
        let seen = events.all.count
        let late = try Self.post(port, links[next], base, times[next]).get()
        #expect(late.status == 303)
        waited = Date().addingTimeInterval(3)
        while events.all.count == seen && Date() < waited { try await Task.sleep(for: .milliseconds(20)) }
        #expect(events.all.dropFirst(seen).contains(.changed), "no change seen after the reconnect: \(events.all)")

        // Every confirmed booking is stored, once; nothing booked twice.
        let confirmed = Set(phaseA.filter { $0.status == 303 }.map(\.linkID) + [recoveredLink.linkID, late.linkID])
        let stored = try PostgresStore.execute("SELECT link_id FROM booking WHERE link_id IS NOT NULL", at: db.url).compactMap { $0.first ?? nil }
        let byLink = Dictionary(grouping: stored) { $0 }
        for linkID in confirmed { #expect(byLink[linkID]?.count == 1, "confirmed \(linkID) stored \(byLink[linkID]?.count ?? 0) times") }
        #expect(byLink.values.allSatisfy { $0.count == 1 })
        // Bookings beyond the confirmed ones: at most those whose answer was a 503 at commit time.
        let unanswered = phaseA.filter { $0.status == 503 }.count
        #expect(stored.count >= confirmed.count && stored.count <= confirmed.count + unanswered,
                "\(stored.count) stored, \(confirmed.count) confirmed, \(unanswered) 503s")
        print("restart fault: \(confirmed.count) confirmed, \(stored.count) stored, phase A \(tally(phaseA.map(\.status))), "
              + "outage answer \(String(format: "%.2f", outage.seconds)) s, CLI \(String(format: "%.2f", command.seconds)) s")
    }
}
