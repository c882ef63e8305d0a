/// The stores the contract suite runs against: every test in `Contract/` takes one of these as
/// its argument (`@Test(..., arguments: StoreKind.allCases)`), so a new store passes exactly the
/// tests the others pass.
///
/// Only SQLite today. A PostgreSQL store joins later as `case postgres`: `TestStore` then gives
/// each test its own fresh database on the server (and `secondConnection()` another client on
/// it), and nothing in `Contract/` changes.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite

    var description: String { rawValue }
}
