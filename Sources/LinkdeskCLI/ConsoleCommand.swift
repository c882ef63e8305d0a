import ArgumentParser
import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskStore
import LinkdeskTerminal

struct ConsoleCommandLine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "The full console: pages, one-time links, bookings, activity, reports, customer view, email-signature buttons.",
        discussion: "Opened by `linkdesk` with no command. Number keys switch views, s shares, / filters, ? lists every key, q quits.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Theme: light (default), dark or mono.") var theme: String?
    @Option(help: "The view to open: pages, master, links, bookings, activity, reports, customer, buttons (or 1–8).")
    var view: String?

    func run() throws {
        try reporting {
            let app = try global.context()
            let first = try view.map(ViewChoice.parse) ?? .pages
            try ConsoleRunner(app: app, theme: try ThemeSetting.resolve(flag: theme), firstView: first).run()
        }
    }
}

/// Runs the console in the shared `Program` loop over the ncurses terminal. What it provides:
/// the first snapshot (loaded before the terminal opens, so a broken store fails the command as
/// before), the async performer (`ConsoleEffects.perform`, off the loop's thread), and the
/// store-change messages (`StoreWatcher`). Others' changes show within `StoreWatcher.interval`
/// plus a reload, however fast the user types; the state (cursors, half-typed fields) survives
/// every reload.
struct ConsoleRunner {
    let app: AppContext
    let theme: Theme
    let firstView: ViewID

    func run() throws {
        let effects = ConsoleEffects(app: app)
        var state = ConsoleState(nextToken: Token.generate(using: app.random))
        state.view = firstView
        // The stamp first: a change made while the snapshot loads is then seen as a change.
        let stamp = try app.store.changeStamp()
        var data = try effects.load(ConsoleReload(report: firstView == .reports))
        data.buttons = ConsoleEffects.buttonShelf()
        let watcher = StoreWatcher(store: app.store, stamp: stamp)
        let terminal = try Terminal.open(theme: theme)
        defer { terminal.close() }
        let program = Program(model: ConsoleProgram(state: state, data: data), backend: terminal,
                              perform: { effect in await effects.perform(effect) }, messages: watcher.changes())
        try program.run()
    }
}

/// Tells the console when another process changed the store: polls the change stamp on a clock
/// of its own (not when the keyboard is idle), off the loop's thread. A failing check is
/// reported once per run of failures, for the status line.
struct StoreWatcher: Sendable {
    let store: any LinkStore
    let stamp: Int64
    static let interval: Duration = .milliseconds(250)

    func changes() -> AsyncStream<ConsoleMessage> {
        let (stream, continuation) = AsyncStream<ConsoleMessage>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let task = Task.detached { [store, stamp] in
            var last = stamp
            var failing = false
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                do {
                    let current = try store.changeStamp()
                    failing = false
                    if current != last {
                        last = current
                        continuation.yield(.storeChanged)
                    }
                } catch {
                    if !failing { continuation.yield(.changeCheckFailed((error as? StoreError)?.message ?? "\(error)")) }
                    failing = true
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

/// `--view`: a view by name (or its first letters) or by its number key.
enum ViewChoice {
    static func parse(_ text: String) throws -> ViewID {
        let wanted = text.lowercased()
        if let number = Int(wanted), let view = ViewID(rawValue: number) { return view }
        if let view = ViewID.allCases.first(where: { $0.title.lowercased().hasPrefix(wanted) && !wanted.isEmpty }) { return view }
        throw Refusal("unknown view \"\(text)\": use " + ViewID.allCases.map { $0.title.lowercased() }.joined(separator: ", "))
    }
}
