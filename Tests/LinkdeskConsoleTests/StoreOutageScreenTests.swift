import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import Testing

/// The status line while the store can't be reached (issue 10 item 5: "a status line in the
/// console"): the change stream's `.unavailable` sets a lasting line, which a key press does
/// not clear (a key clears the status, not the outage) and which the stream's next "changed"
/// (the store is back) removes.
@Suite("The status line while the store is out of reach")
struct StoreOutageScreenTests {
    static let reason = "lost the connection to PostgreSQL at db.example.com:5432: server closed the connection unexpectedly"
    static let statusRow = 22

    @Test("it says so, stays through key presses, gives way to a newer status and clears when the store is back")
    func outageLine() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.receive(.changeCheckFailed(Self.reason))
        let rows = BookingsFixture.screen(state, data, "console-store-unavailable")
        #expect(rows[Self.statusRow].hasPrefix(" store unavailable, retrying: lost the connection to PostgreSQL at db.example."),
                "\(rows[Self.statusRow])")
        state.press(.down, .down, data: data)
        #expect(BookingsFixture.buffer(state, data).lines()[Self.statusRow] == rows[Self.statusRow], "a key does not hide the outage")
        // A newer status (an action that failed meanwhile) shows instead; the next key brings the outage back.
        state.receive(.failed(.reload(ConsoleReload()), reason: "cannot reach PostgreSQL at db.example.com:5432"))
        #expect(BookingsFixture.buffer(state, data).lines()[Self.statusRow].contains("could not refresh: cannot reach PostgreSQL"))
        state.press(.up, data: data)
        #expect(BookingsFixture.buffer(state, data).lines()[Self.statusRow] == rows[Self.statusRow])
        // Back: the stream says "changed" once it reads again.
        state.receive(.storeChanged)
        #expect(state.storeProblem == nil)
        #expect(BookingsFixture.buffer(state, data).lines()[Self.statusRow].trimmingCharacters(in: .whitespaces).isEmpty)
    }
}
