import Foundation

/// The stores the contract suite runs against: every test in `Contract/` takes one of these as
/// its argument (`@Test(..., arguments: StoreKind.allCases)`), so a new store passes exactly the
/// tests the others pass.
///
/// SQLite always. PostgreSQL when `LINKDESK_TEST_PG` holds a base connection URL (a server
/// where its user may create databases, e.g. `postgres://postgres@127.0.0.1:54329/postgres`):
/// `TestStore` gives each test a fresh database of its own there. With `CI=true` and no
/// `LINKDESK_TEST_PG`, the PostgreSQL cases still run and fail (CI must not skip them silently);
/// elsewhere they are left out.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    static var allCases: [StoreKind] {
        PostgresTesting.baseURL != nil || PostgresTesting.required ? [.sqlite, .postgres] : [.sqlite]
    }

    var description: String { rawValue }
}

enum PostgresTesting {
    /// The server the PostgreSQL cases create their databases on.
    static var baseURL: String? {
        ProcessInfo.processInfo.environment["LINKDESK_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// CI runs every case: a missing server is a failure there.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
