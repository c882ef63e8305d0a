import ArgumentParser
import LinkdeskCore

struct ActivityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity", abstract: "The activity stream, newest first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many events.") var limit = 50
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let events = try await app.linkdesk.activity(limit: max(limit, 1)).map(ActivityJSON.init)
            if json { Output.json(events); return }
            guard !events.isEmpty else { Output.note("no activity yet"); return }
            Output.line(TextTable.render(["TIME", "ACTOR", "BY", "EVENT", "SUBJECT", "DETAIL"], events.map {
                [$0.at, $0.actor, Display.clean($0.by ?? "", max: 20), $0.kind, Display.clean($0.subject, max: 40), Display.clean($0.detail, max: 60)]
            }))
        }
    }
}
