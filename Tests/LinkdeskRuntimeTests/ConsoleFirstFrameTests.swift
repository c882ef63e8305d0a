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

/// SPEC §10: a staff calendar that may be out of date is said on the console's first frame,
/// with why; a fresh one says nothing.
@Suite("Console and stale calendars")
struct ConsoleStaleCalendarTests {
    @Test("a calendar whose last sync failed is named on the first frame's status line, its address not")
    func staleOnFirstFrame() async throws {
        let setup = try ConsoleOverStoreTests.Setup(.sqlite)
        defer { setup.remove() }
        let store = setup.app.linkdesk.store
        let calendar = try await store.saveCalendar(StaffCalendar(staffLogin: "dana", name: "work", source: .ics(url: "https://cal.example/s3cr3t.ics")),
                                                    events: [])
        let now = setup.app.linkdesk.now
        try await store.recordCalendarSync(id: calendar.id, reading: .busy([], events: 0), at: now)
        let runner = ConsoleRunner(app: setup.app, theme: .light, firstView: .pages)
        #expect(try await runner.firstModel(screenRows: 24).0.state.status == Refusal(.notificationsOff).message,
                "a calendar read just now is not stale: the first frame says what it said before")
        try await store.recordCalendarSync(id: calendar.id, reading: .failed("the feed answered HTTP 404"), at: now)
        let status = try await runner.firstModel(screenRows: 24).0.state.status
        #expect(status == "calendar dana/work may be out of date (last read \(ISO8601.string(now))): the feed answered HTTP 404")
        #expect(!(status ?? "").contains("s3cr3t"))
    }

    @Test("Setup's calendar editors connect and disconnect through the store, as the command line does")
    func setupEditors() async throws {
        let setup = try ConsoleOverStoreTests.Setup(.sqlite)
        defer { setup.remove() }
        let desk = setup.app.linkdesk
        let me = try await desk.store.login()
        let member = StaffMember(login: me, name: "Me Admin", email: "me@example.com", role: .administrator)
        try await desk.saveStaff(member)
        var form = SetupForm.newCalendar(for: member)
        form.rows[0] = .text(label: "Name", field: TextField("work"), placeholder: "")
        form.rows[2] = .text(label: "Address", field: TextField("webcal://cal.example/secret.ics"), placeholder: "")
        form.rows[1] = .choice(label: "Kind", options: SetupForm.calendarKinds, selected: 1)
        let effects = ConsoleEffects(app: setup.app)
        guard case .setupApplied(let added) = await effects.perform(.applySetup(form)) else {
            Issue.record("the calendar was not connected")
            return
        }
        #expect(added == "calendar \(me)/work connected: the next sync reads it (linkdesk calendars sync)")
        let stored = try await desk.calendars()
        #expect(stored.map(\.name) == ["work"] && stored.first?.source == .ics(url: "https://cal.example/secret.ics"))
        var removal = SetupForm.calendars(of: member, stored)
        removal.rows[0] = .toggle(label: "work", detail: "", on: false)
        guard case .setupApplied(let removed) = await effects.perform(.applySetup(removal)) else {
            Issue.record("the calendar was not disconnected")
            return
        }
        #expect(removed == "disconnected \(me)/work")
        #expect(try await desk.calendars().isEmpty)
    }
}
