import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskService

struct BookingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookings", abstract: "List bookings, earliest first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only bookings whose customer name or email contains this text.") var search: String?
    @Flag(help: "Only scheduled and rescheduled bookings.") var live = false
    static let defaultLimit = 1_000
    @Option(help: "At most this many.") var limit = defaultLimit
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await Self.run(search: search, live: live, limit: limit, json: json, context: global.context)
    }

    static func run(search: String?, live: Bool, limit: Int, json: Bool, context: () throws -> AppContext) async throws {
        try await reporting {
            let app = try await context().checked()
            let workspace = try await app.linkdesk.workspace()
            let bookings = try await app.linkdesk.bookings(BookingQuery(limit: max(limit, 1), search: search, liveOnly: live))
            let views = bookings.map { BookingJSON($0, workspace: workspace) }
            if json { Output.json(views); return }
            guard !views.isEmpty else { Output.note("no bookings"); return }
            Output.line(TextTable.render(["ID", "START", "EVENT", "TEAM MEMBER", "CUSTOMER", "LINK", "STATUS"], views.map {
                ["#\($0.id)", $0.start, $0.event, Display.clean($0.teamMember), Display.clean($0.customer.name, max: 30),
                 $0.linkKind + ($0.linkId.map { " " + $0 } ?? ""), $0.status]
            }))
        }
    }
}

/// Staff act by default; `--as-customer` applies the customer's rules (policy timeframes,
/// former links), which is how the customer side is scripted and demoed.
struct ActorOption: ParsableArguments {
    @Flag(help: "Act as the customer: the policy's timeframes apply.") var asCustomer = false
    var actor: Actor { asCustomer ? .customer : .staff }
}

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a booking (a reason as the policy asks).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var who: ActorOption
    @Argument(help: "Booking id (with or without #).") var id: String
    @Option(help: "Why it is canceled.") var reason: String?
    @Flag(help: "Print the booking as JSON.") var json = false

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let booking = try await app.linkdesk.cancel(id: try BookingRef.parse(id), actor: who.actor, reason: reason)
            try BookingOutput.print(booking, workspace: try await app.linkdesk.workspace(), json: json)
        }
    }
}

struct RescheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reschedule", abstract: "Move a booking to another free slot of its original booking page.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var who: ActorOption
    @Argument(help: "Booking id.") var id: String
    @Option(help: "New start time, ISO 8601 (a time without zone is the booking page's local time).") var at: String
    @Option(help: "Why it is moved.") var reason: String?
    @Flag(help: "Print the booking as JSON.") var json = false

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let workspace = try await app.linkdesk.workspace()
            let bookingID = try BookingRef.parse(id)
            let current = try await app.linkdesk.booking(id: bookingID)
            let zone = workspace.bookingPage(id: current.teamMemberID)?.timeZone ?? "UTC"
            let booking = try await app.linkdesk.reschedule(id: bookingID, actor: who.actor, to: try LocalTime.parse(at, zone: zone),
                                                            reason: reason)
            try BookingOutput.print(booking, workspace: workspace, json: json)
        }
    }
}

struct MarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark", abstract: "Mark a booking that has started as completed or no-show.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Booking id.") var id: String
    @Argument(help: "How the meeting went.") var outcome: Outcome

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let booking = try await app.linkdesk.mark(id: try BookingRef.parse(id), as: outcome.status)
            try BookingOutput.print(booking, workspace: try await app.linkdesk.workspace(), json: false)
        }
    }
}

enum BookingRef {
    static func parse(_ text: String) throws(Refusal) -> BookingID {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let id = BookingID(digits), id > 0 else { throw Refusal("not a booking id: \"\(text)\"") }
        return id
    }
}
