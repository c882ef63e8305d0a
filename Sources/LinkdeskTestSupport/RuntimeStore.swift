import Foundation

/// The store a test that runs on both stores uses (the store contract suite, the CLI, runtime,
/// live-server and browser tests): SQLite, or PostgreSQL (team mode, SPEC §6).
///
/// Such a test is a pair, one `@Test` per store around one body taking this, the PostgreSQL one
/// carrying the `.postgres` trait: without `LINKDESK_TEST_PG` it is *reported* skipped, with
/// `CI=true` it runs (and fails without a server). Not an argument list that leaves PostgreSQL
/// out without a server (such a case would just be missing from the report), nor
/// `Test.cancel()` in the case: swift-testing 6.3 reports a cancelled argument case as passed.
public enum RuntimeStore: String, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    public var description: String { rawValue }
}
