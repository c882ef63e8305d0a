import ArgumentParser
import Foundation
import LinkdeskClipboard
import LinkdeskCore
import LinkdeskShare
import LinkdeskService
import LinkdeskTerminal

struct ShareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share", abstract: "The Share pop-up: pick a page and options, Copy & close prints the URL.",
        discussion: """
        Drawn on /dev/tty, so `url=$(linkdesk share)` captures only the URL. Copy & close makes a
        one-time link live, copies the URL through the clipboard helper, prints it on stdout and
        exits 0; Cancel, Esc or Ctrl-C print nothing and exit 1. Press ? in the pop-up for every key.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Page to preselect (slug or name).") var page: String?
    @Option(help: "Theme (default light; also `theme = …` in $XDG_CONFIG_HOME/linkdesk/config).")
    var theme: ThemeName?

    func run() async throws {
        try await Self.run(page: page, theme: theme, context: { try global.context(reads: .one) })
    }

    static func run(page: String?, theme: ThemeName?, context: () throws -> AppContext) async throws {
        try await reporting {
            // Who is sharing, before the pop-up opens: a login that is not staff (or the site's)
            // gets its one line now rather than a refusal after filling the form in.
            let app = try await context().checked()
            try StaffRules.check(try await app.linkdesk.viewer(), .share)
            // Summaries only: the first frame needs no page's configuration (SPEC §3's target).
            let pages = try await app.linkdesk.pageSummaries()
            let preselected = try page.map { try PageLookup.resolve($0, in: pages) }
            // An empty workspace (`linkdesk init --empty`) has nothing to share yet.
            guard !pages.isEmpty else {
                throw Refusal("no pages to share yet: describe them in a file, then linkdesk workspace apply FILE")
            }
            let index = preselected.flatMap { p in pages.firstIndex { $0.id == p.id } } ?? 0
            var state = ShareState(summaries: pages, selected: index, base: app.base, token: Token.generate(using: app.random))
            state.offersCampaigns = true
            let chosenTheme = try ThemeSetting.resolve(flag: theme)
            guard let committed = try await ShareRunner(app: app, theme: chosenTheme).run(&state) else {
                throw ExitStatus.cancelled
            }
            let url = ShareRunner.url(committed, state: state)
            Output.note(ClipboardReport.copy(url, helper: app.clipboard))
            Output.line(url)
        }
    }
}

/// Runs the Share pop-up in the shared `Program` loop over the ncurses terminal. The pop-up
/// itself never touches the store or clipboard: its Copy & close is an effect run here, off the
/// loop's thread, whose result closes the pop-up or shows the failure in it.
struct ShareRunner {
    let app: AppContext
    let theme: Theme

    /// What Copy & close made, and the page it made it for, as stored then.
    struct Committed: Sendable {
        let made: MadeLink
        let page: Page
    }

    /// The URL to print: the link made, or for a campaign the previewed URL (its token, if
    /// one-time, is the one just made live) over the page as Copy & close read it, since its
    /// slug may have changed after the pop-up opened.
    static func url(_ committed: Committed, state: ShareState) -> String {
        guard state.campaign != nil else { return committed.made.url }
        var shown = state
        if shown.options.indices.contains(shown.selected) { shown.options[shown.selected] = PageOption(page: committed.page.summary) }
        return shown.url
    }

    /// Returns the link made on Copy & close, or nil when cancelled. The terminal is restored
    /// before returning either way, so what follows prints on a sane terminal.
    func run(_ state: inout ShareState) async throws -> Committed? {
        let terminal = try Terminal.open(theme: theme)
        defer { terminal.close() }
        let program = Program(model: ShareProgram<Committed>(state: state), backend: terminal, perform: perform)
        let outcome = try await program.runOnThread()
        state = program.model.state
        switch outcome {
        case .copied(let made): return made
        case .cancelled: return nil
        }
    }

    /// Copy & close: make the link live (the copying and printing happen after the terminal is
    /// given back, in `ShareCommand`).
    var perform: @Sendable (ShareProgramEffect) async -> ShareMessage<Committed> {
        { [app] effect in
            switch effect {
            case .copy(let state):
                do {
                    return .copied(try await Self.commit(state, app: app))
                } catch {
                    return .copyFailed((error as? Refusal)?.message ?? (error as? StoreError)?.message ?? "\(error)")
                }
            }
        }
    }

    private static func commit(_ state: ShareState, app: AppContext) async throws -> Committed {
        guard let chosen = state.page else { throw Refusal("choose a page first") }
        // The page as stored now: it may have changed (or gone) since the pop-up opened.
        guard let page = try await app.linkdesk.page(id: chosen.id) else {
            throw Refusal("\"\(chosen.name)\" is no longer a page (removed since the pop-up opened): nothing was made")
        }
        let made = try await app.linkdesk.makeLink(page: page, personalization: state.personalization,
                                                   oneTime: state.oneTime ? OneTimeOptions() : nil, token: state.oneTime ? state.token : nil)
        return Committed(made: made, page: page)
    }
}
