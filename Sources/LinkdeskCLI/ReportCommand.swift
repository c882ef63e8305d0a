import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskService

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Counts of bookings and the one-time link funnel.",
        discussion: "Without --by, every breakdown but staff is shown. --from/--to (dates, UTC) bound the booking start times; --to is exclusive.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "page, master, event, link-kind, status or staff (the staff member who owns the booking's page).") var by: String?
    @Option(help: "First day (YYYY-MM-DD).") var from: String?
    @Option(help: "Day after the last (YYYY-MM-DD).") var to: String?
    @Flag(help: "CSV on stdout: dimension,key,count (the funnel as dimension one-time).") var csv = false

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let dimensions = try by.map { name in
                guard let d = ReportDimension(rawValue: name.lowercased()) else {
                    throw Refusal("--by takes page, master, event, link-kind, status or staff, got \"\(name)\"")
                }
                return [d]
            } ?? ReportDimension.standard
            let (start, end) = (try day(from, "--from"), try day(to, "--to"))
            let report = try await app.linkdesk.report(by: dimensions, from: start, to: end)
            let all = report.rows + (by == nil ? report.funnel.rows : [])
            if csv {
                Output.line(Reports.csv(all))
                return
            }
            Output.line(TextTable.render(["DIMENSION", "KEY", "COUNT"], all.map { [$0.dimension, Display.clean($0.key), "\($0.count)"] }))
        }
    }

    private func day(_ text: String?, _ flag: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = ISO8601.date(text + "T00:00:00Z") else { throw Refusal("\(flag) takes a date YYYY-MM-DD, got \"\(text)\"") }
        return date
    }
}
