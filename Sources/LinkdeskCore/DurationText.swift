import Foundation

/// Short durations as people type them: "30m", "2h", "7d", "2w".
public enum DurationText {
    public static func minutes(_ text: String) throws(Refusal) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let value = Int(trimmed.dropLast()), value > 0 else {
            throw Refusal("not a duration: \"\(text)\" (use e.g. 30m, 2h, 7d, 2w)")
        }
        let factor: Int
        switch unit {
        case "m": factor = 1
        case "h": factor = 60
        case "d": factor = 24 * 60
        case "w": factor = 7 * 24 * 60
        default: throw Refusal("not a duration: \"\(text)\" (use e.g. 30m, 2h, 7d, 2w)")
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw Refusal("duration too long: \"\(text)\"") }
        return product
    }

    public static func describe(minutes: Int) -> String {
        if minutes % (24 * 60) == 0 { return plural(minutes / (24 * 60), "day") }
        if minutes % 60 == 0 { return plural(minutes / 60, "hour") }
        return plural(minutes, "minute")
    }

    private static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
