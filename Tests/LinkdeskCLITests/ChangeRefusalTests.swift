import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// Refusals of staff commands (cancel, reschedule, mark, page, report): exit 2, one line,
/// nothing on stdout, database unchanged.
@Suite("cancel, reschedule, mark, page, report: refusals")
struct ChangeRefusalTests {
    static let customer = ["--name", "Casey Kim", "--email", "casey@example.com"]

    @Test("cancel and reschedule refusals (SQLite)")
    func bookingChanges() throws { try bookingChanges(store: .sqlite) }

    @Test("cancel and reschedule refusals (PostgreSQL)", .postgres)
    func bookingChangesOnPostgres() throws { try bookingChanges(store: .postgres) }

    func bookingChanges(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        // "Sales call" booking page (salescall555): cancel any time with a mandatory reason,
        // reschedule up to 2 hours before.
        let made = try ws.jsonObject(["book", "http://localhost:8080/salescall555", "--event", Demo.fifteen,
                                      "--at", Demo.tuesdayLocal(10), "--json"] + Self.customer)
        let id = try #require(made["id"] as? Int)
        try ws.expectRefused(["cancel", "\(id)"], "the policy requires a reason to cancel")
        try ws.expectRefused(["cancel", "\(id)", "--reason", "  "], "the policy requires a reason to cancel")
        try ws.expectRefused(["cancel", "\(id)", "--as-customer"], "the policy requires a reason to cancel")
        try ws.expectRefused(["cancel", "99", "--reason", "x"], "no booking #99")
        try ws.expectRefused(["cancel", "abc", "--reason", "x"], "not a booking id")
        try ws.expectRefused(["reschedule", "\(id)", "--at", "2026-11-28T10:00"], "availability")
        try ws.expectRefused(["reschedule", "\(id)", "--at", "2026-11-20T10:00"], "that time has passed")
        // Customer: 1 hour before the meeting is inside the 2-hour reschedule cutoff.
        try ws.expectRefused(["reschedule", "\(id)", "--as-customer", "--at", Demo.tuesdayLocal(11)],
                             "only up to 2 hours before", now: Demo.tuesdayUTC(9))
        try ws.expectRefused(["mark", "\(id)", "completed"], "has not started yet")
        try ws.expectRefused(["mark", "\(id)", "done"], "The value 'done' is invalid for '<outcome>'. Please provide one of 'completed' and 'no-show'.")

        // Canceled bookings can't be canceled, rescheduled or marked again.
        try ws.ok(["cancel", "#\(id)", "--reason", "double booked"])
        try ws.expectRefused(["cancel", "\(id)", "--reason", "again"], "can't be canceled")
        try ws.expectRefused(["reschedule", "\(id)", "--at", Demo.tuesdayLocal(11)], "can't be rescheduled")
        try ws.expectRefused(["mark", "\(id)", "no-show"], "can't be marked", now: Demo.tuesdayUTC(12))
    }

    @Test("page and report refusals (SQLite)")
    func pageAndReport() throws { try pageAndReport(store: .sqlite) }

    @Test("page and report refusals (PostgreSQL)", .postgres)
    func pageAndReportOnPostgres() throws { try pageAndReport(store: .postgres) }

    func pageAndReport(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        try ws.ok(["pages"])
        try ws.expectRefused(["page", "set-rules", "cactus-co-main", "static"], "master pages only")
        try ws.expectRefused(["page", "set-rules", "salescall", "sideways"], "Please provide one of 'dynamic' and 'static'")
        try ws.expectRefused(["page", "set-rules", "Sales call", "static"], "ambiguous page")
        try ws.expectRefused(["page", "set-link", "salescall", "marketing"], "taken by \"Marketing\"")
        try ws.expectRefused(["page", "set-link", "salescall", "MARKETING"], "taken by \"Marketing\"")
        try ws.expectRefused(["page", "set-link", "salescall", "salescall"], "already uses")
        try ws.expectRefused(["page", "set-link", "salescall", "bad slug!"], "invalid page link")
        try ws.expectRefused(["page", "set-link", "salescall", ".hidden"], "invalid page link")
        try ws.expectRefused(["report", "--by", "colour"], "--by takes")
        try ws.expectRefused(["report", "--from", "last week"], "--from takes a date")
    }

    @Test("LINKDESK_NOW that is not ISO 8601 is bad input (SQLite)")
    func badClock() throws { try badClock(store: .sqlite) }

    @Test("LINKDESK_NOW that is not ISO 8601 is bad input (PostgreSQL)", .postgres)
    func badClockOnPostgres() throws { try badClock(store: .postgres) }

    func badClock(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        try ws.ok(["pages"])
        try ws.expectRefused(["bookings"], "LINKDESK_NOW is not an ISO 8601 time", now: "next tuesday")
    }
}
