import ArgumentParser
import LinkdeskCore

struct PageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page", abstract: "Change a page's link or a master page's rule type.",
        subcommands: [SetLink.self, SetRules.self])

    struct SetLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-link",
            abstract: "Change a page's public link. The former link stops working at once, with no redirect.",
            discussion: "Customers can no longer cancel or reschedule bookings made through the former link; staff still can. One-time links keep working.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Page slug or name.") var page: String
        @Argument(help: "The new link segment: 2–64 letters, digits, - or _.") var newSlug: String

        func run() async throws {
            try await reporting {
                let app = try await global.staffContext()
                let target = try await app.linkdesk.workspace().resolvePage(page)
                let renamed = try await app.linkdesk.setSlug(page: target.id, to: newSlug)
                Output.line(app.url(of: renamed))
                Output.note("the former link \(app.url(of: target)) no longer works")
            }
        }
    }

    struct SetRules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-rules", abstract: "Switch a master page between Dynamic and Static rules.",
            discussion: "Dynamic → Static makes every one-time link generated before unusable, for good (also if switched back); prints how many live links stopped working.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Master page slug or name.") var master: String
        @Argument(help: "The rule type.") var ruleType: RuleType

        func run() async throws {
            try await reporting {
                let app = try await global.staffContext()
                let target = try await app.linkdesk.workspace().resolvePage(master)
                let stopped = try await app.linkdesk.setRuleType(master: target.id, to: ruleType)
                Output.line("\(target.name): \(ruleType.title); \(stopped) one-time link\(stopped == 1 ? "" : "s") stopped working")
            }
        }
    }
}
