import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskService

struct BookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book", abstract: "Book as the customer holding URL; prints the booking.",
        discussion: """
        The booking form (name and a valid email) is required unless the link skips it. A time \
        without a zone is read in the team member's time zone. Exit 2 with the rule when refused.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A link of this workspace.") var url: String
    @Option(help: "Event type name (optional when the page offers one).") var event: String?
    @Option(help: "Start time, ISO 8601.") var at: String
    @Option(help: "Customer name (booking form).") var name: String?
    @Option(help: "Customer email (booking form).") var email: String?
    @Option(help: "Phone (booking form).") var phone: String?
    @Option(help: "Company (booking form).") var company: String?
    @Option(help: "Note (booking form).") var note: String?
    @Flag(help: "Print the booking as JSON.") var json = false

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let link = try app.linkdesk.link(from: url)
            let resolved = try await app.linkdesk.resolve(link)
            let zone = try zoneForLocalTimes(resolved.page, workspace: resolved.workspace)
            let start = try LocalTime.parse(at, zone: zone)
            let form = Personalization(name: name, email: email, phone: phone, company: company, note: note)
            let booking = try await app.linkdesk.book(CustomerBooking(link: link, eventName: event, start: start, form: form))
            // Staff are not bound by the page's scheduling controls, but told what a customer could not do.
            for note in try await app.linkdesk.schedulingNotes(for: booking) { Output.note("booked anyway, as staff: " + note) }
            try BookingOutput.print(booking, workspace: resolved.workspace, json: json)
        }
    }

    private func zoneForLocalTimes(_ page: Page, workspace: Workspace) throws -> String {
        let eventID = try workspace.resolveEvent(event, offeredBy: page).id
        return try Assignment.candidates(for: page, event: eventID, in: workspace).first?.timeZone ?? "UTC"
    }
}

enum BookingOutput {
    static func print(_ booking: Booking, workspace: Workspace, json: Bool) throws {
        let view = BookingJSON(booking, workspace: workspace)
        if json { Output.json(view); return }
        let zone = workspace.bookingPage(id: booking.teamMemberID)?.timeZone ?? "UTC"
        let when = DateText.weekdayTime(booking.start, in: DateText.zone(named: zone)) + " " + zone
        Output.line("#\(view.id) \(BookingJSON.statusValue(booking.status)): \(view.event) with \(Display.clean(view.teamMember)), "
            + "\(when), for \(Display.clean(view.customer.name)) <\(Display.clean(view.customer.email))>")
    }
}
