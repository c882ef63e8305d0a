import Foundation
@testable import LinkdeskCLI
import LinkdeskConsole
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskTerminal
import LinkdeskTestSupport
import Testing

/// Issue 10 item 5, the console's side: PostgreSQL out of reach while the console is open. The
/// status line says the store is unavailable (and keeps saying it through key presses), the keys
/// still answer, and once the server is back the line clears by itself and a booking another
/// connection made during the outage shows — notifications sent meanwhile are lost, so only the
/// resync after the reconnect can bring it.
///
/// On a cluster of the test's own (never the shared server): stopped, then started on its Unix
/// socket alone — out of reach for the console, which connects over TCP, but not for the other
/// connection, which books through the socket — then started on TCP again.
@Suite("The console through a PostgreSQL outage")
struct ConsoleOutageTests {
    /// The line above the hints, where the console says how things went.
    static func statusLine(_ lines: [String]) -> String {
        lines.count >= 2 ? lines[lines.count - 2] : ""
    }

    static func saysUnavailable(_ lines: [String]) -> Bool {
        statusLine(lines).contains("store unavailable, retrying: ") && statusLine(lines).contains("PostgreSQL")
    }

    @Test("unreachable: the status line says so and the keys answer; back: the line clears, a booking made meanwhile shows",
          .postgres, .tools("su"))
    func outageAndRecovery() async throws {
        _ = try PostgresServer.require()
        try Tools.require("su")
        let cluster = try ThrowawayCluster()
        defer { cluster.remove() }
        let setup = try ConsoleOverStoreTests.Setup(.postgres, server: cluster.url)
        defer { setup.remove() }
        let database = try #require(setup.postgres?.database)
        let outage = Outage()
        let (program, backend) = try await setup.program(view: .bookings, script: [
            .waitFor(text: " Bookings"),
            .waitFor("no booking yet") { $0.contains { $0.contains("0 booking") || $0.contains("No booking") } },
            .run {
                Thread {
                    outage.record {
                        try cluster.stopImmediately()
                        try cluster.start(tcp: false)
                        // Another connection, through the socket, books while the console is cut off.
                        let other = Linkdesk(store: try PostgresStore(url: cluster.socketURL(database: database)), base: .default,
                                             time: FixedTime(ConsoleOverStoreTests.now))
                        let semaphore = DispatchSemaphore(value: 0)
                        let booked = Box<Result<Booking, Error>>()
                        Task {
                            do { booked.value = .success(try await ConsoleOverStoreTests.book(other, name: "Nadia", hour: 10)) }
                            catch { booked.value = .failure(error) }
                            semaphore.signal()
                        }
                        semaphore.wait()
                        _ = try booked.value?.get()
                    }
                }.start()
            },
            .waitFor("the status line saying the store is unavailable", Self.saysUnavailable),
            .waitFor("the booking made through the socket") { _ in outage.done },
            .key(.char("5")),
            .waitFor("Activity, with the outage still on the status line") { lines in
                lines.contains { $0.contains(" Activity") } && Self.saysUnavailable(lines)
            },
            .key(.char("4")),
            .waitFor("Bookings again, still without Nadia's booking") { lines in
                lines.contains { $0.contains(" Bookings") } && Self.saysUnavailable(lines) && !lines.contains { $0.contains("Nadia") }
            },
            .run {
                Thread {
                    outage.record {
                        try cluster.stopImmediately()
                        try cluster.start(tcp: true)
                    }
                }.start()
            },
            .waitFor("Nadia's booking, and the status line clear") { lines in
                lines.contains { $0.contains("Nadia") && $0.contains("Scheduled") }
                    && Self.statusLine(lines).trimmingCharacters(in: .whitespaces).isEmpty
            },
            .key(.char("q")),
        ])
        _ = try await program.runOnThread()
        #expect(outage.failures.isEmpty, "\(outage.failures) \(cluster.log.suffix(2_000))")
        #expect(program.model.state.storeProblem == nil)
        // The keys answered during the outage: each view switch drawn soon after its key (2 s: room
        // for a loaded machine, still under the 3 s a connect attempt may take, so a loop that
        // waited on the store would show).
        try #require(backend.keyTimes.count == 3)
        for (key, title) in zip(backend.keyTimes, [" Activity", " Bookings"]) {
            let drawn = try #require(backend.frameTimes.indices.first { index in
                backend.frameTimes[index] >= key && backend.frames[index].lines().contains { $0.hasPrefix(title) }
            }, "\(title) never drawn after its key")
            #expect(backend.frameTimes[drawn] - key < .seconds(2), "\(title) took \(backend.frameTimes[drawn] - key) to show")
        }
        let other = try setup.otherProcess()
        #expect(try await other.booking(id: 1).customer.name == "Nadia")
    }
}

/// What the cluster's phases did, from the threads that run them (the script's `.run` must not block).
final class Outage: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    private var finished = 0
    func record(_ body: () throws -> Void) {
        do { try body() } catch { lock.lock(); errors.append("\(error)"); lock.unlock() }
        lock.lock(); finished += 1; lock.unlock()
    }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished > 0 }
    var failures: [String] { lock.lock(); defer { lock.unlock() }; return errors }
}

final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    var value: T? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
