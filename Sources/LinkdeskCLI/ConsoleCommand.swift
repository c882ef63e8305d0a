import ArgumentParser
import Foundation
import LinkdeskConsole
import LinkdeskCore
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
        try await reporting {
            let app = try global.context()
            let first = view?.view ?? .pages
            try await ConsoleRunner(app: app, theme: try ThemeSetting.resolve(flag: theme), firstView: first).run()
        }
    }
}

/// The console's event loop: render, present, read a key (or time out to look for changes made
/// by other processes), update, run the effect on the store, reload. Others' changes show up
/// within `pollMilliseconds`; the state (cursors, half-typed fields) survives every reload.
struct ConsoleRunner {
    let app: AppContext
    let theme: Theme
    let firstView: ViewID
    let pollMilliseconds = 500

    func run() async throws {
        let effects = ConsoleEffects(app: app)
        var state = ConsoleState(nextToken: Token.generate(using: app.random))
        state.view = firstView
        var data = try await effects.load(for: state, previous: nil)
        let changes = ChangeLatch()
        let stream = app.linkdesk.store.changes()
        let watcher = Task { for await _ in stream { changes.set() } }
        defer { watcher.cancel() }
        let terminal = try Terminal.open(theme: theme)
        defer { terminal.close() }
        while true {
            let size = terminal.size
            var buffer = CellBuffer(width: size.width, height: size.height)
            state.render(into: &buffer, data: data)
            terminal.present(buffer)
            guard let key = try terminal.readKey(timeoutMilliseconds: pollMilliseconds) else {
                if changes.take() {
                    data = (try? await effects.load(for: state, previous: data)) ?? data
                }
                continue
            }
            let shownView = state.view
            guard let effect = state.handle(key, data: data, rows: ConsoleState.viewRows(height: size.height)) else {
                // Only Reports loads on demand (it reads every booking); other views have their data.
                if state.view != shownView && state.view == .reports {
                    data = (try? await effects.load(for: state, previous: data)) ?? data
                }
                continue
            }
            if effect == .quit { return }
            let result = await effects.perform(effect, data: &data)
            state.apply(result, of: effect, nextToken: Token.generate(using: app.random))
            if !effect.onlyLoads { data = (try? await effects.load(for: state, previous: data)) ?? data }
        }
    }
}

/// Remembers that the store announced a change until the key loop takes it.
final class ChangeLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var changed = false

    func set() { lock.lock(); changed = true; lock.unlock() }
    func take() -> Bool { lock.lock(); defer { changed = false; lock.unlock() }; return changed }
}
