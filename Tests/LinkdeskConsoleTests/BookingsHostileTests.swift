import Foundation
import Testing
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal

@Suite("Bookings view: hostile customer text")
struct BookingsHostileTests {
    static let names = [
        "Eve \u{1B}[31mRED\u{1B}[0m",
        "Carriage\rReturn",
        "Back\u{8}\u{8}\u{8}space",
        "Tab\tbed\tname",
        "Nul\u{0}byte",
        "Bidi \u{202E}evil.exe\u{202C} end",
        String(repeating: "W", count: 10_000),
    ]

    func data() throws -> ConsoleData {
        let bookings = try Self.names.enumerated().map { index, name in
            try BookingsFixture.booking(BookingID(index + 1), name, member: 12,
                                        start: "2026-11-24T1\(index):00:00Z", email: name + "@example.com")
        }
        return try BookingsFixture.data(bookings)
    }

    /// Text of cells x..<x+width on row y.
    func cells(_ buffer: CellBuffer, y: Int, x: Int, width: Int) -> String {
        (x..<(x + width)).compactMap { buffer.cell(x: $0, y: y)?.text }.joined()
    }

    func expectClean(_ buffer: CellBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<buffer.height {
            let line = buffer.lines()[y]
            #expect(DisplayWidth.of(line) <= buffer.width, "row \(y) is wider than the screen", sourceLocation: sourceLocation)
            let bad = line.unicodeScalars.filter { Sanitizer.isNeutralised($0) || $0.value < 0x20 }
            #expect(bad.isEmpty, "row \(y) holds control scalars \(bad.map(\.value))", sourceLocation: sourceLocation)
        }
    }

    @Test("hostile names neither move the LINK and STATUS columns nor reach the screen raw")
    func columnsHold() throws {
        let data = try data()
        let state = BookingsFixture.console()
        let buffer = BookingsFixture.buffer(state, data)
        expectClean(buffer)
        let header = buffer.lines()[2]
        let linkX = try #require(header.range(of: "LINK").map { header.distance(from: header.startIndex, to: $0.lowerBound) })
        let statusX = try #require(header.range(of: "STATUS").map { header.distance(from: header.startIndex, to: $0.lowerBound) })
        for row in 0..<Self.names.count {
            let y = 3 + row
            #expect(cells(buffer, y: y, x: linkX, width: 8) == "general ", "row \(y): \(buffer.lines()[y])")
            #expect(cells(buffer, y: y, x: statusX, width: 9) == "Scheduled", "row \(y): \(buffer.lines()[y])")
        }
        let text = buffer.lines().joined(separator: "\n")
        #expect(text.contains("Eve ␛[31mRED"), "ESC shows as a picture, so staff see it was tried")
        #expect(text.contains("Nul␀byte"))
        #expect(text.contains("Tab␉bed"))
        #expect(text.contains("Bidi �evil"))
        #expect(text.contains("WWW…"), "the 10,000-character name is clipped with an ellipsis")
    }

    @Test("the details box of a hostile booking stays inside its border")
    func detailsHold() throws {
        let data = try data()
        for row in 0..<Self.names.count {
            var state = BookingsFixture.console()
            for _ in 0..<row { state.press(.down, data: data) }
            state.press(.enter, data: data)
            let buffer = BookingsFixture.buffer(state, data)
            expectClean(buffer)
            let right = try #require((0..<buffer.width).last { buffer.cell(x: $0, y: 3)?.text == "┐" })
            let bottom = try #require((4..<buffer.height).first { buffer.cell(x: right, y: $0)?.text == "┘" })
            for y in 4..<bottom {
                #expect(buffer.cell(x: right, y: y)?.text == "│", "row \(y) of the details of booking \(row + 1): \(buffer.lines()[y])")
            }
        }
    }

    @Test("the cancel confirmation of a 10,000-character name stays inside its box")
    func confirmationHolds() throws {
        let notAsked = ChangePolicy(cancel: .anyTime, cancelReason: .notAsked, reschedule: .anyTime, rescheduleReason: .notAsked)
        let long = try BookingsFixture.booking(1, "Nul\u{0}" + String(repeating: "W", count: 10_000), member: 13, policy: notAsked)
        var state = BookingsFixture.console()
        let data = try BookingsFixture.data([long])
        state.press(.char("c"), data: data)
        let buffer = BookingsFixture.buffer(state, data)
        expectClean(buffer)
        let top = try #require((0..<buffer.height).first { y in (0..<buffer.width).contains { buffer.cell(x: $0, y: y)?.text == "┌" } })
        let right = try #require((0..<buffer.width).last { buffer.cell(x: $0, y: top)?.text == "┐" })
        let bottom = try #require(((top + 1)..<buffer.height).first { buffer.cell(x: right, y: $0)?.text == "┘" })
        for y in (top + 1)..<bottom {
            #expect(buffer.cell(x: right, y: y)?.text == "│", "row \(y): \(buffer.lines()[y])")
            #expect(buffer.cell(x: right + 1, y: y)?.text == " ", "nothing spills right of the box on row \(y)")
        }
        #expect(buffer.lines().joined().contains("Nul␀WWW"))
    }

    @Test("reference screen: the hostile names")
    func hostileScreen() throws {
        let rows = BookingsFixture.screen(BookingsFixture.console(), try data(), "console-bookings-hostile")
        #expect(rows[3].contains("␛[31mRED"))
    }
}
