import ArgumentParser
import LinkdeskCore

struct LinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links", abstract: "List one-time links and their state (live, used, expired, revoked, invalidated).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await reporting {
            let app = try global.context()
            let now = app.now
            let workspace = try await app.linkdesk.workspace()
            let links = try await app.linkdesk.oneTimeLinks().map { OneTimeLinkJSON($0, workspace: workspace, now: now) }
            if json { Output.json(links); return }
            guard !links.isEmpty else { Output.note("no one-time links yet (linkdesk link PAGE --one-time)"); return }
            Output.line(TextTable.render(
                ["ID", "PAGE", "PERSONALIZED FOR", "CREATED", "EXPIRES", "USES LEFT", "STATUS"],
                links.map { [$0.linkId, Display.clean($0.page), Display.clean($0.personalizedFor ?? "—", max: 40),
                             String($0.createdAt.prefix(10)), String($0.expiresAt.prefix(10)),
                             "\($0.usesLeft)/\($0.usesAllowed)", $0.status] }))
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
            let app = try global.context()
            let link = try await app.linkdesk.revoke(linkID: linkID)
            Output.line("revoked \(link.linkID)")
        }
    }
}
