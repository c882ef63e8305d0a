import Foundation
@testable import LinkdeskCore
import Testing

/// linkdesk's timestamps are written and read by hand: exactly as ISO8601DateFormatter did.
@Suite struct ISO8601HandWrittenTests {
    static func formatter() -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }

    @Test func writtenAndReadAsTheFormatterDoes() {
        let formatter = Self.formatter()
        // Every 3 h 7 min 11.5 s from 1960 to 2110: every hour, minute, leap day and century rule.
        var instant = Date(timeIntervalSince1970: -315_619_200)
        while instant.timeIntervalSince1970 < 4_417_000_000 {
            let text = ISO8601.string(instant)
            #expect(text == formatter.string(from: instant), "\(instant.timeIntervalSince1970)")
            #expect(ISO8601.date(text) == formatter.date(from: text), "\(text)")
            instant += 11_231.5 * 17
        }
    }

    @Test func theStrictFormOnlyTheRestGoesToTheFormatter() {
        #expect(ISO8601.date("2026-12-08T15:00:00Z") == Date(timeIntervalSince1970: 1_796_742_000))
        #expect(ISO8601.date("2024-02-29T23:59:59Z") == Self.formatter().date(from: "2024-02-29T23:59:59Z"))
        #expect(ISO8601.strictUTC("2025-02-29T10:00:00Z") == nil)
        #expect(ISO8601.strictUTC("2026-13-01T10:00:00Z") == nil)
        #expect(ISO8601.strictUTC("2026-12-08T24:00:00Z") == nil)
        #expect(ISO8601.strictUTC("2026-12-08 15:00:00Z") == nil)
        #expect(ISO8601.date("2026-12-08T16:00:00+01:00") == Date(timeIntervalSince1970: 1_796_742_000))
        #expect(ISO8601.date("2026-12-08T15:00:00.250Z") == Date(timeIntervalSince1970: 1_796_742_000.25))
        #expect(ISO8601.date("tomorrow") == nil)
    }
}
