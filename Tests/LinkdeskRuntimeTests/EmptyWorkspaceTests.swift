import Foundation
@testable import LinkdeskCLI
import LinkdeskConsole
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import LinkdeskTerminal
import Testing

/// `linkdesk init --empty` leaves a workspace with no pages: the console must open on it, every
/// view must draw and take its keys, and say where pages come from.
@Suite("Console over an empty workspace")
struct EmptyWorkspaceTests {
    @Test("every view draws with no pages and takes its keys without failing")
    func everyView() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("db.sqlite").path,
                                    seed: { Workspace(eventTypes: [], bookingPages: [], masterPages: []) })
        let app = AppContext(linkdesk: Linkdesk(store: store, base: .default, time: FixedTime(ConsoleOverStoreTests.now)),
                             clipboard: .none)
        let runner = ConsoleRunner(app: app, theme: .light, firstView: .pages)
        let (model, rest) = try await runner.firstModel(screenRows: ScreenSize.standard.height)
        var script: [TestBackend.Step] = [.waitFor(text: " Pages")]
        for view in ViewID.allCases {
            script += [.key(view.key), .pause(milliseconds: 20)]
            // The keys each view acts on, with nothing to act on.
            for key: Key in [.down, .up, .enter, .char("s"), .char("g"), .char("o"), .char("c"), .char("/"), .esc, .esc] {
                script += [.key(key), .pause(milliseconds: 5)]
            }
        }
        script += [.key(.char("1")), .pause(milliseconds: 20), .key(.char("q"))]
        let backend = TestBackend(script: script)
        let effects = ConsoleEffects(app: app)
        let program = Program(model: model, backend: backend, perform: { effect in await effects.perform(effect) },
                              messages: StoreWatcher.messages(store.changes()), effects: rest)
        _ = try await program.runOnThread()
        let pages = try #require(backend.frames.last).lines().joined(separator: "\n")
        #expect(pages.contains("linkdesk workspace apply"), "the empty Pages view says how to add pages:\n\(pages)")
    }
}
