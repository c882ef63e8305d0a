import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskService

struct SlotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slots", abstract: "What a customer holding URL can book.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A link of this workspace (general, personalized or one-time).") var url: String
    @Option(help: "Only this event type.") var event: String?
    @Option(help: "How many days ahead, from today.") var days = 7
    @Flag(help: "Print JSON: an array of {event, start, teamMember}.") var json = false

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let slots = try await app.linkdesk.offer(try app.linkdesk.link(from: url), event: event, days: days).slots
            if json {
                Output.json(slots.map { SlotJSON(event: $0.event.name, start: ISO8601.string($0.start), teamMember: $0.teamMember.name) })
                return
            }
            guard !slots.isEmpty else { Output.note("no free slots in the next \(days) days"); return }
            Output.line(TextTable.render(["START", "LOCAL TIME", "EVENT", "TEAM MEMBER"], slots.map { slot -> [String] in
                let zone = slot.teamMember.timeZone
                let local = DateText.weekdayTime(slot.start, in: DateText.zone(named: zone)) + " " + zone
                return [ISO8601.string(slot.start), local, slot.event.name, Display.clean(slot.teamMember.name)]
            }))
        }
    }
}

/// Times people type (`--at` of book and reschedule): a team member thinks in their
/// own zone, so a time without an offset is read in it. Times shown are `DateText`'s.
enum LocalTime {
    /// `--at`: ISO 8601 with a zone, or a local time ("2026-11-23T10:00") in `zone`.
    static func parse(_ text: String, zone: String) throws(Refusal) -> Date {
        if let date = ISO8601.date(text) { return date }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: zone)
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            f.dateFormat = format
            if let date = f.date(from: text) { return date }
        }
        throw Refusal("--at takes an ISO 8601 time such as 2026-11-23T10:00:00-05:00 (or local 2026-11-23T10:00), got \"\(text)\"")
    }
}
