import LinkdeskCore

/// A page as both stores keep it: the columns they index (id, kind, name, slug) beside one JSON
/// document, its configuration, in `StoredJSON`'s form. Written and read here once, so that the
/// two stores can't drift apart on which document a `kind` holds or how it is spelled, and a new
/// page field needs no store change.
///
/// SQLite reads the document with its own fast reader first (`ConfigReader`, see there) and
/// falls back to `decode`; PostgreSQL reads with `decode` alone.
public enum PageConfigCodec {
    /// The `config` column of `page`.
    public static func encode(_ page: Page) throws -> String {
        switch page {
        case .booking(let p): return try StoredJSON.encode(p)
        case .master(let p): return try StoredJSON.encode(p)
        }
    }

    /// The document a `kind` column says a row holds: every kind but `master` is read as a
    /// booking page, as both stores always did.
    public static func kind(_ column: String) -> Page.Kind {
        column == Page.Kind.master.rawValue ? .master : .booking
    }

    /// The page a row holds, from its `kind` and `config` columns.
    public static func decode(kind: String, config: String) throws -> Page {
        switch Self.kind(kind) {
        case .master: return .master(try StoredJSON.decode(MasterPage.self, config))
        case .booking: return .booking(try StoredJSON.decode(BookingPage.self, config))
        }
    }
}
