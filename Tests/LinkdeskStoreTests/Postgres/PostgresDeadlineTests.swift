import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LinkdeskCore
@testable import LinkdeskPostgres
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// The PostgreSQL store's deadlines (SPEC §6 "faults"): nothing waits without end — not for a
/// free connection, not for a lock, not for a server that accepts connections and never answers.
/// Each case gives the store short deadlines (`PostgresDeadlines`), so that it waits a second or
/// two where production waits five; `productionDeadlines` checks what a user gets.
@Suite("PostgreSQL deadlines", .postgres)
struct PostgresDeadlineTests {
    typealias F = StoreFixture

    static func storeError(_ body: () async throws -> Void) async -> (message: String?, seconds: Double) {
        let started = Date()
        do {
            try await body()
            return (nil, Date().timeIntervalSince(started))
        } catch let error as StoreError {
            return (error.message, Date().timeIntervalSince(started))
        } catch {
            return ("not a StoreError: \(error)", Date().timeIntervalSince(started))
        }
    }

    /// Where each of these tests runs: off the cooperative pool, which the rest of a full suite
    /// keeps busy; one thread per test, as the silent-server case blocks its own for seconds.
    static let executors = (pool: ThreadExecutor(name: "pool"), statement: ThreadExecutor(name: "statement"),
                            silent: ThreadExecutor(name: "silent"))

    @Test("every connection busy: a caller gets the one-line 'busy' StoreError after the wait, not a hang")
    func poolExhaustion() async throws {
        try await withTaskExecutorPreference(Self.executors.pool) { try await poolExhaustionBody() }
    }

    func poolExhaustionBody() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let store = try PostgresStore(url: try #require(t.postgresURL), connections: 1, deadlines: PostgresDeadlines(acquire: 0.5))
        // The only connection, busy for 3 s; the caller asks once it is surely taken (a fixed
        // sleep is not enough on a loaded machine).
        let taken = Flag()
        let holder = Task(executorPreference: Self.executors.pool) {
            try await store.pool.run { _, connection in
                taken.set()
                let c = try connection()
                c.answerTimeout = 15
                defer { c.answerTimeout = store.deadlines.answer }
                // Past the time every statement is given: this one statement may take longer.
                try c.script("BEGIN; SET LOCAL statement_timeout = 0; SELECT pg_sleep(3); COMMIT")
            }
        }
        try await taken.wait()
        let (message, seconds) = await Self.storeError { _ = try await store.workspace() }
        #expect(message?.contains("all 1 connections stayed busy for 0.5 s: nothing was changed, try again") == true, "\(message ?? "no error")")
        #expect(seconds < 2.5, "well before the holder lets go: \(seconds)")
        try await holder.value
        // Free again: the store works.
        #expect(try await store.workspace() == F.workspace)
    }

    @Test("a statement waiting on a lock past statement_timeout is cancelled: a StoreError, nothing changed")
    func statementTimeout() async throws {
        try await withTaskExecutorPreference(Self.executors.statement) { try await statementTimeoutBody() }
    }

    func statementTimeoutBody() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let link = try await t.oneTime()
        let url = try #require(t.postgresURL)
        let other = try PostgresStore(url: url)
        let quick = Linkdesk(store: try PostgresStore(url: url, deadlines: PostgresDeadlines(statement: 1)), base: .default,
                             time: FixedTime(StoreFixture.now))
        // Another session holds the link's row for 6 s; the revoke starts once it holds it (a
        // loaded CI machine may take seconds to get there), and must be cancelled well before.
        let locked = Flag()
        let holder = Task(executorPreference: Self.executors.statement) {
            try await other.pool.run { _, connection in
                let c = try connection()
                c.answerTimeout = 25
                // Only this session may sit idle in its transaction that long.
                try c.script("BEGIN; SET LOCAL idle_in_transaction_session_timeout = 0; SELECT * FROM one_time_link FOR UPDATE")
                locked.set()
                Thread.sleep(forTimeInterval: 6)
                try c.script("ROLLBACK")
            }
        }
        try await locked.wait()
        let (message, seconds) = await Self.storeError {
            _ = try await quick.revoke(linkID: link.linkID)
        }
        #expect(message?.contains("took longer than the 1 s a statement is given: nothing was changed") == true, "\(message ?? "no error")")
        #expect(seconds > 0.9 && seconds < 5, "cancelled by the server's 1 s, before the holder lets go: \(seconds)")
        try await holder.value
        #expect(try await t.link(link.linkID)?.revokedAt == nil)
    }

    @Test("a server that accepts the connection and never answers: 'cannot reach' within connect_timeout")
    func silentServer() async throws {
        await withTaskExecutorPreference(Self.executors.silent) { await silentServerBody() }
    }

    func silentServerBody() async {
        // A listening socket nobody reads: the kernel completes the TCP handshake, then silence.
        let (fd, port) = loopbackSocket()
        defer { close(fd) }
        #expect(listen(fd, 8) == 0)
        let (message, seconds) = await Self.storeError {
            _ = try PostgresStore(url: "postgres://postgres@127.0.0.1:\(port)/linkdesk", deadlines: PostgresDeadlines(connect: 2))
        }
        #expect(message?.hasPrefix("cannot reach PostgreSQL at postgres://postgres@127.0.0.1:\(port)/linkdesk") == true, "\(message ?? "no error")")
        #expect(seconds > 1.5 && seconds < 4, "\(seconds)")
    }

    @Test("the production deadlines are the ones SPEC §6 and the messages name")
    func productionDeadlines() {
        let production = PostgresDeadlines.production
        #expect(production == PostgresDeadlines(statement: 5, idleInTransaction: 10, connect: 3, answer: 8, acquire: 5))
        #expect(production.sessionSettings.contains("statement_timeout = '5000ms'"))
        #expect(production.sessionSettings.contains("idle_in_transaction_session_timeout = '10000ms'"))
        #expect(production.answer > production.statement, "the server's statement deadline fires before the client's")
        #expect(PostgresStore.connectionDefaults(production).contains { $0 == ("connect_timeout", "3") })
    }
}

/// Set once by one task, awaited by another (polls: the setter may be on a blocked thread).
/// The flag is read once more after the deadline: under a full suite on two cores the waiting
/// task itself may be resumed only after a long stall, when the flag has long been set.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    func set() { lock.withLock { isSet = true } }

    var done: Bool { lock.withLock { isSet } }

    func wait(timeout: TimeInterval = 120) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if done { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        if done { return }
        Issue.record("the holder never started")
    }
}
