import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import LinkdeskTestSupport
import Testing

/// Shared by every console test file: the demo workspace, a fixed clock, and golden screens.
enum ConsoleFixture {
    static let now = ISO8601.date("2026-11-23T12:00:00Z") ?? Date(timeIntervalSince1970: 0)
    static let token = "B6QK7HVEM2XRT"
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func workspace() throws -> Workspace {
        let data = try Data(contentsOf: repository.appendingPathComponent("Assets/demo-workspace.json"))
        return try JSONDecoder().decode(Workspace.self, from: data)
    }

    static func data(links: [OneTimeLink] = [], activity: [ActivityEvent] = [], bookings: [Booking] = []) throws -> ConsoleData {
        ConsoleData(workspace: try workspace(), links: links, activity: activity,
                    bookings: BookingWindow(rows: bookings, total: bookings.count), now: now, base: .default)
    }

    /// Renders the console at `width`×`height` and compares it with Screens/`name`.txt (recorded
    /// anew with LINKDESK_RECORD_SCREENS=1).
    static func expectScreen(_ state: ConsoleState, _ data: ConsoleData, _ name: String, width: Int = 80, height: Int = 24,
                             sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        var buffer = CellBuffer(width: width, height: height)
        state.render(into: &buffer, data: data)
        return GoldenScreens.expect(buffer, named: name, sourceLocation: sourceLocation)
    }
}
