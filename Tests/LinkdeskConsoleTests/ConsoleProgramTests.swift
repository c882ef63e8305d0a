import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal
import Testing

/// A store for the console's loop: one-time links that effects change, and a log of the effects
/// performed. Effects run on other threads, hence the lock.
final class FakeStore: @unchecked Sendable {
    private let lock = NSLock()
    private var links: [OneTimeLink]
    private var log: [ConsoleEffect] = []
    /// How long a reload takes (a busy store).
    var reloadDelay: Duration = .zero
    /// When set, reloads fail with this.
    var reloadFailure: String?

    init(links: [OneTimeLink]) {
        self.links = links
    }

    func locked<T>(_ body: (FakeStore) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(self)
    }

    var performed: [ConsoleEffect] { locked { $0.log } }

    /// Another process makes a link.
    func insert(_ link: OneTimeLink) { locked { $0.links.insert(link, at: 0) } }

    /// The async performer the CLI's `ConsoleEffects` stands for, over this store.
    var perform: @Sendable (ConsoleEffect) async -> ConsoleMessage {
        { [self] effect in
            let (delay, failure) = locked { store -> (Duration, String?) in
                store.log.append(effect)
                return (store.reloadDelay, store.reloadFailure)
            }
            switch effect {
            case .reload:
                try? await Task.sleep(for: delay)
                if let failure { return .failed(effect, reason: failure) }
                do {
                    return .reloaded(try ConsoleFixture.data(links: locked { $0.links }))
                } catch {
                    return .failed(effect, reason: "\(error)")
                }
            case .revoke(let id):
                locked { store in
                    if let index = store.links.firstIndex(where: { $0.linkID == id }) { store.links[index].revokedAt = ConsoleFixture.now }
                }
                return .revoked(linkID: id)
            default:
                return .failed(effect, reason: "not in the fake store")
            }
        }
    }
}

/// A point in time set from the loop's thread and read by the test afterwards.
final class Moment: @unchecked Sendable {
    private let lock = NSLock()
    private var value: ContinuousClock.Instant?
    func mark() { lock.lock(); value = ContinuousClock.now; lock.unlock() }
    var at: ContinuousClock.Instant? { lock.lock(); defer { lock.unlock() }; return value }
}

/// The whole console loop without tmux: keys in through `TestBackend`, effects run by a fake
/// async performer over a fake store, messages back, screens out.
@Suite("Console program: the loop with a fake store")
struct ConsoleProgramTests {
    static func program(_ store: FakeStore, script: [TestBackend.Step],
                        messages: AsyncStream<ConsoleMessage>? = nil) throws -> (Program<ConsoleProgram>, TestBackend) {
        let data = try ConsoleFixture.data(links: LinksScreenTests.mixed)
        let state = LinksScreenTests.state(on: data)
        let backend = TestBackend(script: script)
        let program = Program(model: ConsoleProgram(state: state, data: data), backend: backend, perform: store.perform,
                              messages: messages)
        return (program, backend)
    }

    static func linkRow(_ screen: [String], _ id: String) -> String? {
        screen.first { $0.hasPrefix(" \(id) ") }
    }

    @Test("r, y: the revoke runs against the store, the reload after it shows the link revoked")
    func revokeThroughTheLoop() async throws {
        let store = FakeStore(links: LinksScreenTests.mixed)
        let (program, backend) = try Self.program(store, script: [
            .key(.char("r")),
            .waitFor(text: "y revoke   n/Esc keep as is"),
            .key(.char("q")),  // not a key of the confirmation: nothing happens
            .key(.char("y")),
            .waitFor("ot-live2k revoked in the list") { screen in
                screen.contains { $0.contains("revoked ot-live2k") } && Self.linkRow(screen, "ot-live2k")?.hasSuffix("revoked") == true
            },
            .key(.char("q")),
        ])
        try await program.runOnThread()
        #expect(store.performed.first == .revoke(linkID: "ot-live2k"))
        #expect(store.performed.dropFirst().allSatisfy { if case .reload = $0 { true } else { false } })
        let confirm = try #require(backend.firstFrame { $0.joined().contains("n/Esc keep as is") })
        #expect(confirm.lines.last == "y revoke  n/Esc keep as is", "the hint bar shows the confirmation's keys")
    }

    /// Issue: while the user pressed a key every 0.2 s, a change by another process did not show
    /// until the typing stopped. Now it is a message, handled between keys.
    @Test("a store change while j is pressed every 0.2 s shows within a few keys, before the typing stops")
    func changeWhileTyping() async throws {
        let store = FakeStore(links: LinksScreenTests.mixed)
        let (changes, continuation) = AsyncStream<ConsoleMessage>.makeStream()
        let changed = Moment()
        let omar = LinksScreenTests.link("ot-omar9z", for: "Omar Live", daysAgo: 0)
        let presses = (0..<15).flatMap { _ in [TestBackend.Step.key(.char("j")), .pause(milliseconds: 200)] }
        let (program, backend) = try Self.program(store, script: Array(presses[0..<6]) + [
            .run {
                store.insert(omar)
                changed.mark()
                continuation.yield(.storeChanged)
            },
        ] + Array(presses[6...]) + [.key(.char("q"))], messages: changes)
        try await program.runOnThread()
        let at = try #require(changed.at)
        let shown = try #require(backend.firstFrame { Self.linkRow($0, "ot-omar9z") != nil }, "the new link never showed")
        // Counted in keys, not seconds (a loaded machine stretches both alike): the change is
        // handled between two keys, so at most a couple pass before it shows, not the nine left.
        let keysBefore = backend.keyTimes.filter { $0 > at && $0 < shown.at }.count
        #expect(keysBefore <= 3, "\(keysBefore) keys passed between the change and its showing")
        let lastKey = try #require(backend.keyTimes.last)
        #expect(shown.at < lastKey, "shown while the keys kept coming")
        #expect(store.performed.contains { if case .reload = $0 { true } else { false } })
    }

    @Test("a slow reload does not hold up the keys: the cursor moves while it runs")
    func slowReload() async throws {
        let store = FakeStore(links: LinksScreenTests.mixed)
        store.locked { $0.reloadDelay = .milliseconds(1_500) }
        let (changes, continuation) = AsyncStream<ConsoleMessage>.makeStream()
        let (program, backend) = try Self.program(store, script: [
            .run { continuation.yield(.storeChanged) },
            .pause(milliseconds: 100),
            .key(.char("j")), .key(.char("j")),
            .waitFor("the cursor on ot-many3p") { $0.contains { $0.hasPrefix(" ot-many3p ·") } },
            .key(.char("q")),
        ], messages: changes)
        let start = ContinuousClock.now
        try await program.runOnThread()
        let moved = try #require(backend.firstFrame { $0.contains { $0.hasPrefix(" ot-many3p ·") } })
        #expect(moved.at - start < .seconds(1), "the keys were handled while the 1.5 s reload ran")
    }

    @Test("a failed refresh says so on the status line instead of showing stale data silently")
    func reloadFailure() async throws {
        let store = FakeStore(links: LinksScreenTests.mixed)
        store.locked { $0.reloadFailure = "the database is locked" }
        let (changes, continuation) = AsyncStream<ConsoleMessage>.makeStream()
        let (program, _) = try Self.program(store, script: [
            .run { continuation.yield(.storeChanged) },
            .waitFor(text: "could not refresh: the database is locked"),
            .key(.char("q")),
        ], messages: changes)
        try await program.runOnThread()
        #expect(program.model.state.statusFailed)
    }

    @Test("keys typed while only the top of the page list is loaded wait for the rest; after a failed reload they act on what is shown")
    func keysWaitForTheWholeList() throws {
        let whole = try ConsoleFixture.data()
        var top = whole
        top.workspace = Workspace(eventTypes: whole.workspace.eventTypes,
                                  bookingPages: Array(whole.workspace.bookingPages.prefix(2)), masterPages: [])
        top.pageList = .top
        let first = try #require(top.workspace.pages.first?.id)

        var model = ConsoleProgram(state: ConsoleState(nextToken: ConsoleFixture.token), data: top)
        #expect(model.receive(.storeChanged).count == 1, "the reload that brings the rest")
        #expect(model.handle(.end, size: .standard).isEmpty)
        #expect(model.state.pages.selectedPage(model.data) == first, "End waits")
        _ = model.receive(.reloaded(whole))
        #expect(model.state.pages.selectedPage(model.data) == whole.workspace.pages.last?.id, "End went to the last of every page")
        #expect(whole.workspace.pages.count > top.workspace.pages.count)

        var failing = ConsoleProgram(state: ConsoleState(nextToken: ConsoleFixture.token), data: top)
        let reload = try #require(failing.receive(.storeChanged).first)
        _ = failing.handle(.end, size: .standard)
        _ = failing.receive(.failed(reload, reason: "database is locked"))
        #expect(failing.state.pages.selectedPage(failing.data) == top.workspace.pages.last?.id)
        // The quit keys do not wait: q typed first, Ctrl-C at any time; a q after a held key
        // waits with it (the held key may have opened a field the q belongs to).
        var quitting = ConsoleProgram(state: ConsoleState(nextToken: ConsoleFixture.token), data: top)
        _ = quitting.receive(.storeChanged)
        _ = quitting.handle(.char("q"), size: .standard)
        #expect(quitting.outcome != nil, "q typed first quits at once")
        var typing = ConsoleProgram(state: ConsoleState(nextToken: ConsoleFixture.token), data: top)
        _ = typing.receive(.storeChanged)
        _ = typing.handle(.char("/"), size: .standard)
        _ = typing.handle(.char("q"), size: .standard)
        #expect(typing.outcome == nil, "held behind the /")
        _ = typing.handle(.ctrl("c"), size: .standard)
        #expect(typing.outcome != nil, "Ctrl-C quits at once")
        // With the whole list, keys are never held.
        var loaded = ConsoleProgram(state: ConsoleState(nextToken: ConsoleFixture.token), data: whole)
        _ = loaded.receive(.storeChanged)
        _ = loaded.handle(.end, size: .standard)
        #expect(loaded.state.pages.selectedPage(loaded.data) == whole.workspace.pages.last?.id)
    }

    @Test("one reload at a time: changes during a reload ask for one more, not one each")
    func reloadsCoalesce() throws {
        var model = ConsoleProgram(state: ConsoleState(nextToken: ConsoleFixture.token), data: try ConsoleFixture.data())
        #expect(model.receive(.storeChanged).count == 1)
        #expect(model.receive(.storeChanged).isEmpty)
        #expect(model.receive(.storeChanged).isEmpty)
        let again = model.receive(.reloaded(try ConsoleFixture.data()))
        #expect(again == [.reload(model.reloadRequest)], "one more for the changes seen meanwhile")
        #expect(model.receive(.reloaded(try ConsoleFixture.data())).isEmpty)
    }

    @Test("the buttons gallery is asked for by the reload after the first frame, kept once read, never asked again")
    func buttonsReadOnce() throws {
        var model = ConsoleProgram(state: ConsoleState(nextToken: ConsoleFixture.token), data: try ConsoleFixture.data())
        #expect(!model.data.buttons.isRead)
        #expect(model.receive(.storeChanged) == [.reload(ConsoleReload(buttons: true))])
        let shelf = try ButtonsScreenTests.shelf()
        #expect(!shelf.styles.isEmpty)
        var fresh = try ConsoleFixture.data()
        fresh.buttons = shelf
        #expect(model.receive(.reloaded(fresh)).isEmpty)
        #expect(model.data.buttons == shelf)
        #expect(!model.reloadRequest.buttons)
        // A later snapshot, which does not read the gallery, keeps the shelf.
        #expect(model.receive(.storeChanged) == [.reload(ConsoleReload())])
        _ = model.receive(.reloaded(try ConsoleFixture.data()))
        #expect(model.data.buttons == shelf)
    }

    @Test("a bookings window asked for before the filter moved on is not shown")
    func staleBookingsDropped() throws {
        var model = ConsoleProgram(state: ConsoleState(nextToken: ConsoleFixture.token), data: try ConsoleFixture.data())
        _ = model.handle(.char("4"), size: .standard)
        _ = model.handle(.char("/"), size: .standard)
        #expect(model.handle(.char("a"), size: .standard) == [.loadBookings(search: "a", offset: 0)])
        #expect(model.handle(.char("b"), size: .standard) == [.loadBookings(search: "ab", offset: 0)])
        _ = model.receive(.bookingsLoaded(BookingWindow(search: "ab", total: 2)))
        _ = model.receive(.bookingsLoaded(BookingWindow(search: "a", total: 9)))
        #expect(model.data.bookings.search == "ab" && model.data.bookings.total == 2)
    }

    @Test("q and Ctrl-C end the program")
    func quit() throws {
        var model = ConsoleProgram(state: ConsoleState(nextToken: ConsoleFixture.token), data: try ConsoleFixture.data())
        #expect(model.handle(.char("q"), size: .standard).isEmpty)
        #expect(model.outcome != nil)
    }
}

/// Confirmations, prompts and help have their own keys, and the hint bar shows those.
@Suite("Console modals: their own bindings and hint bar")
struct ModalBindingTests {
    static func hintBar(_ state: ConsoleState, _ data: ConsoleData) -> String {
        var buffer = CellBuffer(width: 80, height: 24)
        state.render(into: &buffer, data: data)
        return buffer.lines().last ?? ""
    }

    @Test("a confirmation's hint bar is its y/n, and its footer says the same")
    func confirmation() throws {
        let data = try ConsoleFixture.data(links: LinksScreenTests.mixed)
        var state = LinksScreenTests.state(on: data)
        _ = state.handle(.char("r"), data: data, rows: 20)
        #expect(Self.hintBar(state, data) == "y revoke  n/Esc keep as is")
        for key: Key in [.char("q"), .char("r"), .char("s"), .char("3")] {
            #expect(state.handle(key, data: data, rows: 20) == nil)
            #expect(state.modal != nil, "\(key.label) is not a key of the confirmation")
        }
        #expect(state.handle(.esc, data: data, rows: 20) == nil)
        #expect(state.modal == nil)
    }

    @Test("a prompt's hint bar is Enter and Esc; letters go into the field")
    func prompt() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, .char("c"), data: data)
        guard case .prompt? = state.modal else { Issue.record("no prompt"); return }
        #expect(Self.hintBar(state, data) == "Enter ok  Esc cancel")
        state.type("rq", data: data)
        guard case .prompt(let prompt)? = state.modal else { Issue.record("r and q went elsewhere"); return }
        #expect(prompt.field.text == "rq")
    }

    @Test("help's hint bar says how to close it")
    func help() throws {
        let data = try ConsoleFixture.data()
        var state = ConsoleState(nextToken: ConsoleFixture.token)
        _ = state.handle(.char("?"), data: data, rows: 20)
        #expect(Self.hintBar(state, data) == "Esc close")
        _ = state.handle(.char("q"), data: data, rows: 20)
        #expect(state.modal == nil, "q closes help (and does not quit)")
    }
}
