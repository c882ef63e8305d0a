import Foundation
import Testing

/// The PostgreSQL server tests create their databases on: `LINKDESK_TEST_PG`, a connection URL
/// whose user may create databases (`.ci/run` starts a throwaway cluster and sets it).
///
/// As with tools: a test that needs it carries the trait `.postgres`, which reports it skipped
/// where the variable is unset, except with `CI=true`, where the test runs and its
/// `try PostgresServer.require()` fails it (CI must not skip the PostgreSQL cases silently).
/// A test on both stores is a pair around one body (`RuntimeStore`), the PostgreSQL one with this trait.
public enum PostgresServer {
    public static let variable = "LINKDESK_TEST_PG"

    /// The server's base URL, when set.
    public static var baseURL: String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The base URL, or a recorded failure and a thrown error saying what is missing.
    public static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(baseURL, Comment(rawValue: "\(variable) is not set (a postgres:// URL of a server where tests may create databases)"
                         + (Tools.onCI ? "; required when CI=true (.ci/run starts one)" : "")),
                     sourceLocation: sourceLocation)
    }

    /// `server` with its database replaced by `database`.
    public static func url(_ server: String, database: String) throws -> String {
        guard var parts = URLComponents(string: server) else { throw PostgresServerError("\(variable) is not a URL: \(server)") }
        parts.path = "/" + database
        return parts.string ?? server
    }

    /// A fresh database name for one test.
    public static func freshName(_ prefix: String = "linkdesk_t_") -> String {
        prefix + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
    }
}

public struct PostgresServerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test where `LINKDESK_TEST_PG` is set, or always when `CI=true`; elsewhere it is
    /// reported as skipped.
    public static var postgres: Self {
        .enabled(if: PostgresServer.baseURL != nil || Tools.onCI,
                 Comment(rawValue: "needs a PostgreSQL server: set LINKDESK_TEST_PG (with CI=true this test fails instead)"))
    }
}
