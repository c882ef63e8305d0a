import ArgumentParser
import LinkdeskCore

struct PagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pages", abstract: "List event types, booking pages and master pages with their public links.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print a JSON array of pages.") var json = false

    func run() async throws {
        try await Self.run(json: json, context: global.context)
    }

    static func run(json: Bool, context: () throws -> AppContext) async throws {
        try await reporting {
            let app = try await context().checked()
            let workspace = try await app.linkdesk.workspace()
            if json {
                Output.json(workspace.pages.map { PageJSON($0, workspace: workspace, url: app.url(of: $0)) })
                return
            }
            Output.line(PagesText.render(workspace, app: app))
        }
    }
}

/// The seeds' "Booking page scheduling setup" as text: event types, booking pages, master pages.
enum PagesText {
    static func render(_ workspace: Workspace, app: AppContext) -> String {
        let events = TextTable.render(["EVENT TYPE", "MINUTES"],
                                      workspace.eventTypes.map { [Display.clean($0.name), "\($0.minutes)"] })
        let booking = TextTable.render(["BOOKING PAGE", "OWNER", "AVAILABILITY", "LINK"], workspace.bookingPages.map {
            [Display.clean($0.name), Display.clean($0.owner), "\($0.availability.summary) \($0.timeZone)", app.url(of: .booking($0))]
        })
        let master = TextTable.render(["MASTER PAGE", "SCENARIO", "RULES", "ONE-TIME", "LINK"], workspace.masterPages.map {
            [Display.clean($0.name), $0.scenario.title, $0.ruleType.title, $0.allowsOneTimeLinks ? "yes" : "no",
             app.url(of: .master($0))]
        })
        return [events, booking, master].joined(separator: "\n\n")
    }
}
