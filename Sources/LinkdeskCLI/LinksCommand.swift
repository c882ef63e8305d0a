import ArgumentParser
import LinkdeskCore

struct LinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links", abstract: "List one-time links and their state (live, used, expired, revoked, invalidated).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let now = app.now
            let workspace = try await app.linkdesk.workspace()
            let stored = try await app.linkdesk.oneTimeLinks()
            let links = stored.map { OneTimeLinkJSON($0, workspace: workspace, now: now) }
            if json { Output.json(links); return }
            guard !links.isEmpty else { Output.note("no one-time links yet (linkdesk link PAGE --one-time)"); return }
            Output.line(TextTable.render(
                ["ID", "PAGE", "PERSONALIZED FOR", "CREATED", "EXPIRES", "USES LEFT", "STATUS"],
                zip(stored, links).map { (link, view) -> [String] in
                    [view.linkId, Display.clean(view.page), Display.clean(view.personalizedFor ?? "—", max: 40),
                     DateText.numericDay(link.createdAt, in: DateText.utc), DateText.numericDay(link.expiresAt, in: DateText.utc),
                     "\(view.usesLeft)/\(view.usesAllowed)", view.status]
                }))
        }
    }
}

struct RevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke one one-time link by its id (see `linkdesk links`).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The link id, e.g. ot-7mk2pq.") var linkID: String

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let link = try await app.linkdesk.revoke(linkID: linkID)
            Output.line("revoked \(link.linkID)")
        }
    }
}
