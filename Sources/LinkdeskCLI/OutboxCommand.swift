import ArgumentParser
import LinkdeskCore

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "The booking emails owed, sent and failed, oldest first.",
        discussion: """
            Bookings, reschedules and cancellations write what they owe the customer's and the staff \
            member's inboxes here, in their own transaction, when a mail server is configured. \
            States: pending (not sent yet; reminders wait for their time), sent, failed (with the \
            server's answer), withdrawn (a reminder a change replaced, or a staff notice for a page no \
            staff member owns). --resend ID makes a failed message pending again: the sender (linkdesk \
            serve, or linkdesk notify) sends it on its next round.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this booking's messages.") var booking: Int64?
    @Option(help: "How many messages.") var limit = 100
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Send this failed message again (its ID from the list).", valueName: "id")) var resend: Int64?

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            if let resend {
                guard let item = try await app.linkdesk.outbox(limit: Int.max).first(where: { $0.id == resend }) else {
                    throw Refusal(.input("no message \(resend) in the outbox (linkdesk outbox lists them)"))
                }
                try await app.linkdesk.resendMessage(item)
                Output.note("message \(resend) (\(item.notice.kind.rawValue) of booking #\(item.bookingID)) will be sent again on the sender's next round")
                return
            }
            let items = try await app.linkdesk.outbox(booking: booking, limit: max(limit, 1)).map(OutboxJSON.init)
            if json { Output.json(items); return }
            guard !items.isEmpty else { Output.note("the outbox is empty"); return }
            Output.line(TextTable.render(["ID", "BOOKING", "MESSAGE", "DUE", "STATE", "TRIES", "LAST ERROR"], items.map {
                ["\($0.id)", "#\($0.booking)", $0.kind + ($0.before.map { " (\(DurationText.describe(minutes: $0 / 60)) before)" } ?? ""),
                 $0.due, $0.state, "\($0.attempts)", Display.clean($0.lastError ?? "", max: 50)]
            }))
        }
    }
}

/// `linkdesk outbox --json`: one object per message.
struct OutboxJSON: JSONShape {
    let id: Int64
    let booking: BookingID
    let kind: String
    let due: String
    let sequence: Int
    /// A reminder's seconds before the start; null for the others.
    let before: Int?
    let state: String
    let attempts: Int
    let lastError: String?
    let sentAt: String?

    init(_ item: OutboxItem) {
        id = item.id
        booking = item.bookingID
        kind = item.notice.kind.rawValue
        due = ISO8601.string(item.notice.due)
        sequence = item.notice.sequence
        before = item.notice.before
        state = item.state.rawValue
        attempts = item.attempts
        lastError = item.lastError
        sentAt = item.sentAt.map(ISO8601.string)
    }

    var json: JSONValue {
        .object([JSONMember("id", .int(Int(id))), JSONMember("booking", .int(Int(booking))), JSONMember("kind", .string(kind)),
                 JSONMember("due", .string(due)), JSONMember("sequence", .int(sequence)),
                 JSONMember("before", before.map(JSONValue.int) ?? .null), JSONMember("state", .string(state)),
                 JSONMember("attempts", .int(attempts)), JSONMember("lastError", .string(orNull: lastError)),
                 JSONMember("sentAt", .string(orNull: sentAt))])
    }
}
