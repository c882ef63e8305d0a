import Foundation
import Testing

/// The stores a test that runs linkdesk over a real store takes: SQLite, and PostgreSQL (team
/// mode, SPEC §6).
///
/// `allCases` lists PostgreSQL where `LINKDESK_TEST_PG` is set, and always with `CI=true` (where a
/// missing server fails the case). A test that must be *reported* skipped without a server —
/// swift-testing 6.3 reports a cancelled argument case as passed — is a pair instead: one `@Test`
/// per store around one body, the PostgreSQL one carrying the `.postgres` trait.
public enum RuntimeStore: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    public static var allCases: [RuntimeStore] { PostgresServer.baseURL != nil || Tools.onCI ? [.sqlite, .postgres] : [.sqlite] }

    public var description: String { rawValue }
}
