import Foundation
import Testing
import LinkdeskConsole
import LinkdeskCore
import LinkdeskTerminal

@Suite("Bookings view: reference screens")
struct BookingsScreensTests {
    @Test("the list")
    func list() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, data: data)
        let rows = BookingsFixture.screen(state, data, "console-bookings")
        let text = rows.joined(separator: "\n")
        #expect(rows[2].contains("ID") && rows[2].contains("START") && rows[2].contains("STATUS"))
        #expect(text.contains("Nov 24 09:00"), "Jane's 14:00 UTC start in the team member's New York time")
        #expect(text.contains("3 of 8"))
        #expect(text.contains("one-time") && text.contains("personal") && text.contains("campaign"))
        #expect(text.contains("No-show") && text.contains("Canceled") && text.contains("Rescheduled"))
        #expect(rows[23].contains("c cancel") && rows[23].contains("r reschedule"))
    }

    @Test("details of a one-time booking")
    func details() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, .enter, data: data)
        let text = BookingsFixture.screen(state, data, "console-bookings-details").joined(separator: "\n")
        #expect(text.contains("Booking #3"))
        #expect(text.contains("jane.smythe@example.com"))
        #expect(text.contains("Sales call (master page)"))
        #expect(text.contains("Sales call — Jordan Reyes"))
        #expect(text.contains("one-time · id B6QK7HVE"))
        #expect(text.contains("Tue 24 Nov 2026 09:00–09:15 America/New_York"))
        #expect(text.contains("any time before the meeting · reason required"))
        #expect(text.contains("up to 2 hours before · reason optional"))
        #expect(text.contains("Emails       off: no mail server is configured"))
    }

    @Test("details with a failed email: the server's answer, and e sends it again")
    func detailsFailedEmail() throws {
        var data = try BookingsFixture.data(try BookingsFixture.demo())
        data.emails = BookingEmails()
        var state = BookingsFixture.console()
        #expect(state.press(.down, .down, .enter, data: data) == [.loadMessages(booking: 3)], "opening the details loads its emails")
        let sent = BookingsFixture.at("2026-11-20T14:03:00Z")
        let failed = OutboxItem(id: 9, bookingID: 3, notice: OutboxNotice(kind: .confirmation, due: sent, sequence: 0), state: .failed,
                                attempts: 1, lastError: "550 5.1.1 mailbox unavailable", sentAt: nil)
        let messages = [failed,
                        OutboxItem(id: 10, bookingID: 3, notice: OutboxNotice(kind: .staffNew, due: sent, sequence: 0), state: .sent,
                                   attempts: 1, lastError: nil, sentAt: sent)]
        data.emails = BookingEmails(booking: 3, messages: messages)
        let text = BookingsFixture.screen(state, data, "console-bookings-emails").joined(separator: "\n")
        #expect(text.contains("Emails       confirmation failed: 550 5.1.1 mailbox unavailable "))
        #expect(text.contains("e resend"))
        #expect(state.press(.char("e"), data: data) == [.resendMessage(failed)])
        // Once it is sent, a line of states: nothing to send again.
        var resent = failed
        resent.state = .sent
        resent.sentAt = sent
        data.emails = BookingEmails(booking: 3, messages: [resent, messages[1]])
        let after = BookingsFixture.buffer(state, data).lines().joined(separator: "\n")
        #expect(after.contains("confirmation sent 14:03 UTC · staff notice sent 14:03 UTC"))
        #expect(state.press(.char("e"), data: data).isEmpty)
        // The cursor moving with the box open loads the next booking's emails.
        #expect(state.press(.down, data: data) == [.loadMessages(booking: 4)])
    }

    @Test("details of a booking made through a former link, with its reason")
    func detailsFormerLink() throws {
        var bookings = try BookingsFixture.demo()
        bookings[6].reason = "Asked to move"
        let data = try BookingsFixture.data(bookings)
        var state = BookingsFixture.console()
        for _ in 0..<6 { state.press(.down, data: data) }
        state.press(.enter, data: data)
        let text = BookingsFixture.buffer(state, data).lines().joined(separator: "\n")
        #expect(text.contains("Cactus Co Main (booking page) · former link /cactus-old"))
        #expect(text.contains("Asked to move"))
    }

    @Test("the slot picker open")
    func reschedulePicker() throws {
        var data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, .down, .down, data: data)  // Ana Lima, Marketing call
        state.press(.char("r"), data: data)
        let first = BookingsFixture.at("2026-11-24T14:00:00Z")
        let slots = (0..<30).map { first.addingTimeInterval(TimeInterval($0 * 1800)) }
        data.reschedule = RescheduleSlots(bookingID: 5, slots: slots, timeZone: "America/New_York")
        state.press(.down, .down, data: data)
        let text = BookingsFixture.screen(state, data, "console-bookings-reschedule").joined(separator: "\n")
        #expect(text.contains("Reschedule booking #5 — 3 of 30"))
        #expect(text.contains("Ana Lima · 30-minute meeting · Marketing call · times in America/New_York"))
        #expect(text.contains("Tue 24 Nov 2026 10:00–10:30"))
        #expect(text.contains("Enter move here"))
    }

    @Test("the cancel reason prompt")
    func cancelReasonPrompt() throws {
        let data = try BookingsFixture.data(try BookingsFixture.demo())
        var state = BookingsFixture.console()
        state.press(.down, .down, .char("c"), data: data)
        state.type("Customer asked", data: data)
        let text = BookingsFixture.screen(state, data, "console-bookings-cancel-reason").joined(separator: "\n")
        #expect(text.contains("Cancel booking #3"))
        #expect(text.contains("Reason (the policy requires one)"))
        #expect(text.contains("Customer asked"))
    }
}
