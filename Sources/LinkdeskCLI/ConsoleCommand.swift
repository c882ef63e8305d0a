import ArgumentParser
import Foundation
import LinkdeskConsole
import LinkdeskComposition
import LinkdeskCore
import LinkdeskService
import LinkdeskTerminal

struct ConsoleCommandLine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "The full console: pages, one-time links, bookings, activity, reports, customer view, email-signature buttons.",
        discussion: "Opened by `linkdesk` with no command. Number keys switch views, s shares, / filters, ? lists every key, q quits.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Theme (default light; also `theme = …` in $XDG_CONFIG_HOME/linkdesk/config).") var theme: ThemeName?
    @Option(help: "The view to open, by name, tab title (log, guest) or number key.")
    var view: ViewOption?

    func run() async throws {
        try await Self.run(theme: theme, view: view, context: { try global.context(reads: .pool) })
    }

    static func run(theme: ThemeName?, view: ViewOption?, context: () throws -> AppContext) async throws {
        try await reporting {
            let app = try context()
            let first = view?.view ?? .pages
            try await ConsoleRunner(app: app, theme: try ThemeSetting.resolve(flag: theme), firstView: first)
                .run(screenRows: ConsoleRunner.screenRows())
        }
    }
}

/// Runs the console in the shared `Program` loop over the ncurses terminal. What it provides:
/// the first snapshot (loaded before the terminal opens, so a store that can't be opened or read
/// fails the command; what only the reload after the first frame reads fails on the status
/// line), the async performer (`ConsoleEffects.perform`, off the loop's thread), and the
/// store-change messages (`StoreWatcher`). Others' changes show within `StoreWatcher.interval`
/// plus a reload, however fast the user types; the state (cursors, half-typed fields) survives
/// every reload.
struct ConsoleRunner {
    let app: AppContext
    let theme: Theme
    let firstView: ViewID

    /// The rows the first frame will have: the terminal's, or `LINES` when set (ncurses obeys it);
    /// 200 when neither says, a bound no screen reaches.
    static func screenRows() -> Int {
        max(TerminalSize.current()?.height ?? 200, Environment()["LINES"].flatMap { Int($0) } ?? 0)
    }

    /// `screenRows`: how tall the first frame will be (`ConsoleEffects.firstFrame`).
    func run(screenRows: Int) async throws {
        // Watch first: a change made while the snapshot loads is then seen as a change.
        let changes = StoreWatcher.messages(app.linkdesk.store.changes())
        let (model, rest) = try await firstModel(screenRows: screenRows)
        let terminal = try Terminal.open(theme: theme)
        defer { terminal.close() }
        let effects = ConsoleEffects(app: app)
        let program = Program(model: model, backend: terminal, perform: { effect in await effects.perform(effect) },
                              messages: changes, effects: rest)
        _ = try await program.runOnThread()
    }

    /// The console as its first frame shows it — what the first view needs, loaded before the
    /// terminal opens so that a store that can't be read fails the command — and the reload of the rest
    /// (the other views' data and the buttons gallery), which runs once the first frame is up.
    func firstModel(screenRows: Int) async throws -> (ConsoleProgram, [ConsoleEffect]) {
        var state = ConsoleState(nextToken: Token.generate(using: app.random))
        state.view = firstView
        // Who is using it, before the terminal opens: a login that is not staff of a workspace
        // that has staff gets its one line and exit 2, not an empty console.
        let viewer = try await app.linkdesk.viewer()
        var data = try await ConsoleEffects(app: app).firstFrame(of: firstView, screenRows: screenRows)
        data.viewer = viewer
        if firstView == .buttons { data.buttons = ConsoleEffects.buttonShelf() }
        var model = ConsoleProgram(state: state, data: data)
        let rest = model.receive(.storeChanged)
        // Said once, on the first frame: bookings made now queue no emails.
        if app.linkdesk.notifications == nil { model.state.status = Refusal(.notificationsOff).message }
        // A calendar that may be out of date says so first: its busy times may be old.
        let stale = try await app.linkdesk.staleCalendars()
        if let first = stale.first {
            model.state.status = first.staleSentence(at: app.now) + (stale.count > 1 ? " (and \(stale.count - 1) more: linkdesk calendars)" : "")
        }
        return (model, rest)
    }
}

/// Tells the console when anyone else changed the store: the store's own change stream (on a
/// clock of its own, not when the keyboard is idle), as console messages; a store that can't be
/// watched is reported once, for the status line.
enum StoreWatcher {
    static func messages(_ events: AsyncStream<StoreEvent>) -> AsyncStream<ConsoleMessage> {
        let (stream, continuation) = AsyncStream<ConsoleMessage>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let task = Task {
            for await event in events {
                switch event {
                case .changed: continuation.yield(.storeChanged)
                case .unavailable(let reason): continuation.yield(.changeCheckFailed(reason))
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
