import Foundation

/// The JSON text both stores keep in their JSON columns (page configurations, a booking's policy
/// and form details). One encoder and one decoder for both, so that the stores can't drift apart
/// on a document's spelling. Sorted keys keep the stored text stable, which makes the SQLite file
/// diffable and the tests deterministic (PostgreSQL's `jsonb` keeps its own normal form).
public enum StoredJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The decoder of record: whatever a faster reader gives up on (SQLite's `ConfigReader`)
    /// comes here, so that every error message and every lenient case is `JSONDecoder`'s.
    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
