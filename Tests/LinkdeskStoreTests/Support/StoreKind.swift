/// The stores the contract suite runs on: the two databases (`RuntimeStore`'s, which the CLI,
/// runtime and web tests also run on) and the in-memory store, which only use-case tests run on
/// (no binary or server can use it). A contract test is one body taking this, with one `@Test`
/// per store; the PostgreSQL one carries the `.postgres` trait.
enum StoreKind: String, CustomStringConvertible, Sendable {
    case sqlite
    case postgres
    case memory

    var description: String { rawValue }

    /// Whether `workspace(bookingPagesUpTo:)` answers (PostgreSQL's store reads the whole
    /// workspace instead, and says so with nil).
    var readsTopOfPageList: Bool { self != .postgres }
}
