import Foundation
@testable import LinkdeskCLI
import LinkdeskConsole
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore
import LinkdeskTerminal
import LinkdeskTestSupport
import Testing

/// SPEC §3: over many pages the console's first frame reads only the top of the page list (from
/// SQLite); it must be the frame the whole workspace draws, and the reload after it must bring
/// the rest before the keys typed meanwhile act.
@Suite("Console first frame over many pages")
struct ConsoleFirstFrameTests {
    /// The demo plus 60 booking pages: more than a 24-row screen shows.
    static func manyPages() throws -> Workspace {
        var workspace = try DemoWorkspace.load()
        let template = try #require(workspace.bookingPages.first)
        workspace.bookingPages += (0..<60).map { n in
            var page = template
            page.id = 500 + PageID(n)
            page.name = "Member \(n)"
            page.owner = "Owner \(n)"
            page.slug = "member-\(n)"
            return page
        }
        return workspace
    }

    @Test("the first frame is the whole workspace's, from the top of the list; the reload brings the rest (SQLite)")
    func topThenRest() async throws { try await Self.topThenRest(.sqlite) }

    @Test("the first frame is the whole workspace's, from the top of the list; the reload brings the rest (PostgreSQL)", .postgres)
    func topThenRestOnPostgres() async throws { try await Self.topThenRest(.postgres) }

    static func topThenRest(_ kind: RuntimeStore) async throws {
        let setup = try ConsoleOverStoreTests.Setup(kind, seed: try manyPages())
        defer { setup.remove() }
        let size = ScreenSize.standard
        let runner = ConsoleRunner(app: setup.app, theme: .light, firstView: .pages)

        // What the whole workspace draws first.
        let whole = try await ConsoleEffects(app: setup.app).firstFrame(of: .pages, screenRows: 0)
        #expect(whole.workspace.pages.count == 66)
        let (wholeModel, _) = try await runner.firstModel(screenRows: 0)
        var expected = CellBuffer(width: size.width, height: size.height)
        ConsoleProgram(state: wholeModel.state, data: whole).render(into: &expected)

        let (model, rest) = try await runner.firstModel(screenRows: size.height)
        if kind == .sqlite {
            #expect(model.data.pageList == .top)
            #expect(model.data.workspace.pages.count == size.height, "only the booking pages a screen can show were read")
            #expect(model.data.workspace.masterPages.isEmpty, "the demo's master pages come after 60 booking pages")
        } else {
            // PostgreSQL can't read less (the protocol's default): everything, as before.
            #expect(model.data.pageList == .whole && model.data.workspace.pages.count == 66)
        }
        var first = CellBuffer(width: size.width, height: size.height)
        model.render(into: &first)
        #expect(first.lines() == expected.lines())

        // The reload that follows brings every page: the last one is a master page of the demo.
        let backend = TestBackend(size: size, script: [.waitFor(text: " Pages"), .key(.end), .waitFor(text: "›Marketing"), .key(.char("q"))])
        backend.waitLimit = .seconds(30)
        let effects = ConsoleEffects(app: setup.app)
        let program = Program(model: model, backend: backend, perform: { effect in await effects.perform(effect) }, effects: rest)
        _ = try await program.runOnThread()
        #expect(backend.frames.first?.lines() == expected.lines(), "the frame presented first")
        #expect(program.model.data.workspace.pages.count == 66)
    }
}
