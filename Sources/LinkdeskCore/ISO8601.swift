import Foundation

/// ISO 8601 text for JSON output and activity details: UTC with a `Z`, whole seconds, so the
/// output is stable and sorts as text.
public enum ISO8601 {
    public static func string(_ date: Date) -> String {
        formatter().string(from: date)
    }

    /// Accepts `2026-11-23T10:00:00Z`, offsets such as `+01:00`, and fractional seconds.
    public static func date(_ text: String) -> Date? {
        if let d = formatter().date(from: text) { return d }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    private static func formatter() -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }
}
