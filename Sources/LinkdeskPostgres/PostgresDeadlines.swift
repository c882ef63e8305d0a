import Foundation

/// How long the PostgreSQL store waits for anything (SPEC §6 "faults": nothing hangs). The
/// production values are the defaults; a test passes short ones, so that it waits out a second
/// where a user would wait five, and still checks the same code path.
public struct PostgresDeadlines: Sendable, Equatable {
    /// A statement, waits for locks included, is cancelled by the server after this.
    public var statement: TimeInterval
    /// A transaction left idle by a client that died mid-way is ended by the server after this,
    /// so its locks don't block the team.
    public var idleInTransaction: TimeInterval
    /// Connecting, in whole seconds (libpq's `connect_timeout`, which takes no fraction and
    /// treats 1 as 2); a URL that sets it wins.
    public var connect: Int
    /// One round trip on the client (send, and the whole answer): beyond it the connection is
    /// given up as broken. Longer than `statement`, which fires first for a slow statement.
    public var answer: TimeInterval
    /// Waiting for a free connection of the pool before the store answers "busy".
    public var acquire: TimeInterval

    public init(statement: TimeInterval = 5, idleInTransaction: TimeInterval = 10, connect: Int = 3,
                answer: TimeInterval = 8, acquire: TimeInterval = 5) {
        self.statement = statement
        self.idleInTransaction = idleInTransaction
        self.connect = connect
        self.answer = answer
        self.acquire = acquire
    }

    public static let production = PostgresDeadlines()

    /// What every session runs first: times read in UTC, and the server-side deadlines.
    var sessionSettings: String {
        "SET TIME ZONE 'UTC'; SET statement_timeout = '\(Self.milliseconds(statement))ms'; "
            + "SET idle_in_transaction_session_timeout = '\(Self.milliseconds(idleInTransaction))ms'"
    }

    /// A deadline as the seconds a message names ("5 s", "0.5 s").
    static func seconds(_ value: TimeInterval) -> String { String(format: "%g", value) }

    private static func milliseconds(_ value: TimeInterval) -> Int { max(1, Int((value * 1000).rounded())) }
}
