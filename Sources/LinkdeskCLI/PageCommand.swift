import ArgumentParser
import LinkdeskCore

struct PageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page", abstract: "Change a page's link, a master page's rule type, or a booking page's scheduling controls.",
        subcommands: [SetLink.self, SetRules.self, SetAvailability.self])

    struct SetAvailability: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-availability",
            abstract: "Set a booking page's scheduling controls: buffers, minimum notice, horizon, slot interval, daily limit.",
            discussion: """
                Durations as 10m, 4h, 60d; off clears a control. Customers booking or moving a booking on the \
                site are bound by them; staff booking from the console or the command line are told, not \
                stopped — except by the buffers, which the database keeps free for everyone (a booking keeps \
                the buffers its page had when it was booked or moved). Prints the page's controls as they are \
                then. An administrator's change.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Booking page slug or name.") var page: String
        @Option(name: .customLong("minimum-notice"), help: "No slot sooner than this from now (e.g. 4h; off).") var minimumNotice: String?
        @Option(help: "No slot further out than this (e.g. 60d, 1 to 366 days; off).") var horizon: String?
        @Option(help: "Slots start every this many minutes (e.g. 15m; off: back to back).") var interval: String?
        @Option(name: .customLong("daily-limit"), help: "At most this many bookings a day (off: no limit).") var dailyLimit: String?
        @Option(name: .customLong("buffer-before"), help: "Free time kept before each meeting (e.g. 10m, up to 1d; off).") var bufferBefore: String?
        @Option(name: .customLong("buffer-after"), help: "Free time kept after each meeting (e.g. 10m, up to 1d; off).") var bufferAfter: String?

        func run() async throws {
            try await reporting {
                let app = try await global.staffContext()
                let target = try await app.linkdesk.workspace().resolvePage(page)
                guard case .booking = target else { throw Refusal(.input("\"\(target.name)\" is a master page: scheduling controls belong to booking pages")) }
                func minutes(_ text: String?, _ flag: String, _ range: ClosedRange<Int>, unit: Int) throws -> Int?? {
                    guard let text else { return .none }
                    return .some(try SchedulingControls.value(text, "--" + flag, range: range, unit: unit))
                }
                let notice = try minutes(minimumNotice, "minimum-notice", SchedulingControls.noticeRange, unit: 1)
                let days = try minutes(horizon, "horizon", SchedulingControls.horizonRange, unit: 24 * 60)
                let step = try minutes(interval, "interval", SchedulingControls.intervalRange, unit: 1)
                let before = try minutes(bufferBefore, "buffer-before", SchedulingControls.bufferRange, unit: 1)
                let after = try minutes(bufferAfter, "buffer-after", SchedulingControls.bufferRange, unit: 1)
                var limit: Int?? = .none
                if let dailyLimit {
                    if dailyLimit.lowercased() == "off" { limit = .some(nil) } else {
                        guard let count = Int(dailyLimit), SchedulingControls.dailyLimitRange.contains(count) else {
                            throw Refusal(.input("--daily-limit takes 1 to 1000, or off"))
                        }
                        limit = .some(count)
                    }
                }
                guard notice != nil || days != nil || step != nil || limit != nil || before != nil || after != nil else {
                    throw Refusal(.input("name at least one of --buffer-before, --buffer-after, --minimum-notice, --horizon, --interval, --daily-limit"))
                }
                var result = SchedulingControls()
                try await app.linkdesk.applyEdit { workspace in
                    var workspace = workspace
                    guard let index = workspace.bookingPages.firstIndex(where: { $0.id == target.id }) else {
                        throw Refusal("that page no longer exists")
                    }
                    var controls = workspace.bookingPages[index].scheduling ?? SchedulingControls()
                    if let notice { controls.minimumNotice = notice }
                    if let days { controls.horizonDays = days }
                    if let step { controls.interval = step }
                    if let limit { controls.dailyLimit = limit }
                    if let before { controls.bufferBefore = before }
                    if let after { controls.bufferAfter = after }
                    workspace.bookingPages[index].scheduling = controls.isEmpty ? nil : controls
                    result = controls
                    return workspace
                }
                Output.line("\(target.name): " + Self.describe(result))
            }
        }

        static func describe(_ c: SchedulingControls) -> String {
            [c.minimumNotice.map { "minimum notice \(DurationText.describe(minutes: $0))" } ?? "no minimum notice",
             c.horizonDays.map { "up to \($0) days ahead" } ?? "no horizon",
             c.interval.map { "a slot every \(DurationText.describe(minutes: $0))" } ?? "slots back to back",
             c.dailyLimit.map { "at most \($0) a day" } ?? "no daily limit"].joined(separator: ", ")
                + (c.buffers.map { ", free \(DurationText.describe(minutes: $0.before)) before and \(DurationText.describe(minutes: $0.after)) after each meeting" } ?? "")
        }
    }

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
