import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// The whole share-flow demo of issue 4 in one console, driven by keys in tmux: a one-time link
/// made in the Share pop-up on master page "Sales call", booked through in the Customer view,
/// seen in Bookings and Activity, refused the second time; then the master page goes Static and
/// the booking can be cancelled but not rescheduled. The CLI, on the same database, confirms.
@Suite("Console: the share-flow demo in one terminal")
struct ConsoleDemoTests {
    static let name = "Jane Smythe"
    static let email = "jane.smythe@example.com"
    static let reason = "Customer asked to stop"

    @Test("Share one-time → book as the customer → Bookings, Activity → refused again → Static: cancel yes, reschedule no", .tools("tmux", "stty"))
    func demo() throws {
        try Tools.require("tmux", "stty")
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.links().isEmpty, "a new demo workspace has no one-time links")
        #expect(try workspace.bookings().isEmpty, "a new demo workspace has no bookings")

        let tmux = try Tmux(workspace.commandKeepingStty(["console"]), workspace: workspace)
        defer { tmux.kill() }
        try tmux.waitFor(text: "1 Pages 2 Master", "BOOKING PAGES", "MASTER PAGES")

        // Master page overview of "Sales call" (the first master page).
        try tmux.keys("2")
        let master = try tmux.waitFor(text: "Share & Publish", "Generate a one-time link", "Live one-time links: 0")
        #expect(ConsoleScreen.row(master, with: "Sales call", "master page 1 of") != nil, "\(master)")
        #expect(ConsoleScreen.row(master, with: "Rule type", "Dynamic rules") != nil, "\(master)")

        // Share pop-up with One-time on; personalize; name and email; Copy & close.
        try tmux.keys("o")
        try tmux.waitFor(text: "Share a booking link", "Sales call (master page)", "[ON ] One-time link")
        try tmux.keys("p")
        try tmux.waitFor(text: "[ON ] Personalize link", "Customer name", "Customer email")
        // Turning Personalize on moved the focus to Customer name: the name is typed right away.
        try tmux.type(Self.name)
        try tmux.waitFor(text: Self.name)
        try tmux.keys("Tab")
        try tmux.type(Self.email)
        let filled = try tmux.waitFor("the URL with the name and the email") { screen in
            screen.contains(Self.email) && screen.contains("?name=Jane%20Smythe&email=")
        }
        let token = try #require(ConsoleScreen.capture(#"http://localhost:8080/\.([0-9A-Za-z]+)\?name=Jane%20Smythe"#, in: filled),
                                 "no one-time URL in the pop-up:\n\(filled)")
        #expect(Token.isWellFormed(token), "\(token)")
        let linkPrefix = "http://localhost:8080/.\(token)?name=Jane%20Smythe"

        try tmux.keys("C-y")
        let copied = try tmux.waitFor("the pop-up closed, the URL reported in the status line, the link live") { screen in
            !screen.contains("Share a booking link") && screen.contains("Live one-time links: 1")
                && screen.contains("not copied (--clipboard none): http://localhost:8080/.\(token)")
        }
        #expect(copied.contains("Share & Publish"), "back on the Master page overview:\n\(copied)")
        let live = try workspace.links()
        #expect(live.count == 1 && live.first?["status"] as? String == "live", "one live link after Copy & close: \(live)")
        let linkId = try #require(live.first?["linkId"] as? String, "\(live)")
        #expect(live.first?["personalizedFor"] as? String == "\(Self.name) <\(Self.email)>", "\(live)")

        // Customer view: the link just made is offered first and preselected.
        try tmux.keys("7")
        let choose = try tmux.waitFor(text: "Customer view", "Choose a link", "made just now")
        let made = try #require(ConsoleScreen.row(choose, with: "made just now"), "\(choose)")
        #expect(made.contains(linkPrefix), "the row offers the link just made:\n\(choose)")

        // Enter opens it; the form is skipped (personalized with a name and a valid email).
        try tmux.keys("Enter")
        let events = try tmux.waitFor(text: "Choose an event type", "15-minute meeting", "Details (from the link)")
        #expect(events.contains("Sales call · http://localhost:8080/.\(token)?"), "the preselected link was opened:\n\(events)")
        #expect(ConsoleScreen.row(events, with: "15-minute meeting", "Jordan Reyes") != nil,
                "dynamic rules show the assigned team member:\n\(events)")

        try tmux.keys("Enter")
        let times = try tmux.waitFor(text: "Choose a time for a 15-minute meeting", "TIME", "TEAM MEMBER")
        let rows = ConsoleScreen.rows(times)
        let header = try #require(rows.firstIndex { $0.contains("TIME") && $0.contains("TEAM MEMBER") })
        let firstSlot = try #require(rows.dropFirst(header + 1).first, "no time under the header:\n\(times)")
        // "Mon 23 Nov 09:00" in the picker is "Nov 23 09:00" in Bookings.
        let slot = ConsoleScreen.captures(#"(\w{3}) (\d{1,2}) (\w{3}) (\d{2}:\d{2})"#, in: String(firstSlot))
        try #require(slot.count == 4, "no time in the first row: \(firstSlot)")
        let slotText = slot.joined(separator: " ")
        let bookedStart = "\(slot[2]) \(slot[1]) \(slot[3])"

        try tmux.keys("Enter")
        let confirm = try tmux.waitFor(text: "Confirm the booking", Self.name, Self.email, slotText)
        #expect(ConsoleScreen.row(confirm, with: "Event type", "15-minute meeting") != nil, "\(confirm)")

        try tmux.keys("Enter")
        let booked = try tmux.waitFor(text: "✓ Booked: booking #1")
        #expect(ConsoleScreen.row(booked, with: "Link", "one-time", linkId) != nil, "booked through \(linkId):\n\(booked)")

        // Bookings shows it, scheduled, through a one-time link.
        try tmux.keys("4")
        let bookings = try tmux.waitFor("booking #1 in Bookings") { screen in
            ConsoleScreen.row(screen, with: Self.name, "one-time", "Scheduled") != nil
        }
        let bookingRow = try #require(ConsoleScreen.row(bookings, with: Self.name))
        #expect(bookingRow.hasPrefix(" 1 "), "booking id 1: \(bookingRow)")
        #expect(ConsoleScreen.count(bookings, rowsWith: "Scheduled") == 1, "exactly one booking:\n\(bookings)")

        // Activity shows the link made, used, and the booking.
        try tmux.keys("5")
        let activity = try tmux.waitFor("the link's creation and use and the booking in Activity") { screen in
            ConsoleScreen.row(screen, with: "one-time link used", linkId) != nil
                && ConsoleScreen.row(screen, with: "booking scheduled", "#1 \(Self.name)") != nil
                && ConsoleScreen.row(screen, with: "one-time link created", linkId) != nil
        }
        let order = ConsoleScreen.rows(activity).compactMap { row -> String? in
            ["booking scheduled", "one-time link used", "one-time link created"].first { row.contains($0) }
        }
        #expect(order == ["booking scheduled", "one-time link used", "one-time link created"], "newest first:\n\(activity)")

        // The same link, a second time: refused, with the rule.
        try tmux.keys("7")
        try tmux.waitFor(text: "✓ Booked: booking #1")
        try tmux.keys("Escape")
        let again = try tmux.waitFor(text: "Choose a link", "made just now")
        #expect(ConsoleScreen.row(again, with: "made just now")?.contains(linkPrefix) == true, "\(again)")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "This link can no longer be used: one-time link already used")

        // Switch the master page to Static rules: confirmation with the count of live links (0:
        // the only one was used), then the switch.
        try tmux.keys("2")
        try tmux.waitFor("the Master page overview, Dynamic rules") { screen in
            screen.contains("Share & Publish") && ConsoleScreen.row(screen, with: "Rule type", "Dynamic rules") != nil
        }
        try tmux.keys("r")
        let ask = try tmux.waitFor(text: "Switch Sales call to Static rules?", "live one-time link")
        let stopping = ConsoleScreen.capture(#"(\d+) live one-time links? stops? working"#, in: ask)
        #expect(stopping == "0", "a used link is not live, so none stops working:\n\(ask)")
        try tmux.keys("y")
        try tmux.waitFor("the switch done") { screen in
            !screen.contains("Switch Sales call to Static rules?") && screen.contains("Static rules now;")
                && ConsoleScreen.row(screen, with: "Rule type", "Static rules") != nil
        }

        // Reschedule is refused by the rule (at once, or once a slot is picked).
        try tmux.keys("4")
        try tmux.waitFor("booking #1 in Bookings") { screen in
            ConsoleScreen.row(screen, with: Self.name, "one-time", "Scheduled") != nil
        }
        try tmux.keys("r")
        let refusal = "rescheduling is closed: the master page now uses Static rules"
        let reschedule = try tmux.waitFor("the slot picker or the refusal") { screen in
            screen.contains("Reschedule booking #1") || screen.contains(refusal)
        }
        if !reschedule.contains(refusal) {
            try tmux.keys("Enter")
            try tmux.waitFor("the refusal after picking a slot") { screen in
                !screen.contains("Reschedule booking #1") && screen.contains(refusal)
            }
        }
        let unmoved = try tmux.screen()
        #expect(ConsoleScreen.row(unmoved, with: Self.name, bookedStart, "Scheduled") != nil,
                "still scheduled at the time booked (\(bookedStart)):\n\(unmoved)")

        // Cancel: the policy asks for a reason; an empty one is refused.
        try tmux.keys("c")
        try tmux.waitFor(text: "Cancel booking #1", "Reason (the policy requires one)")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "Cancel booking #1", "the policy requires a reason to cancel")
        try tmux.type(Self.reason)
        try tmux.waitFor(text: Self.reason)
        try tmux.keys("Enter")
        let canceled = try tmux.waitFor("booking #1 canceled") { screen in
            !screen.contains("Cancel booking #1") && screen.contains("booking #1 canceled")
                && ConsoleScreen.row(screen, with: Self.name, "Canceled") != nil
        }
        #expect(!canceled.contains("Scheduled"), "\(canceled)")

        // Quit: exit 0, the terminal as it was.
        try tmux.keys("q")
        let outcome = try #require(workspace.outcome(), "the console did not exit on q:\n\(tmux.currentScreen)")
        #expect(outcome.status == 0, "\(outcome)")
        let before = try #require(File.read(workspace.file("stty.before")), "no stty -a before")
        let after = try #require(File.waitFor(workspace.file("stty.after")), "no stty -a after")
        #expect(before.contains(" icanon") && before.contains(" echo"), "the pane starts in cooked mode:\n\(before)")
        #expect(after == before, "stty -a differs after quitting:\n--- before:\n\(before)\n--- after:\n\(after)")
        let modes = try tmux.run(["display-message", "-p", "-t", "0", "#{alternate_on} #{cursor_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(modes == "0 1", "back on the normal screen with a visible cursor (alternate_on cursor_flag = \(modes))")

        // The CLI on the same database agrees.
        let stored = try workspace.bookings()
        #expect(stored.count == 1, "one booking: \(stored)")
        let booking = try #require(stored.first)
        #expect(booking["id"] as? Int == 1, "\(booking)")
        #expect(booking["status"] as? String == "canceled-by-staff", "\(booking)")
        #expect(booking["linkKind"] as? String == "one-time", "\(booking)")
        #expect(booking["linkId"] as? String == linkId, "\(booking)")
        #expect(booking["page"] as? String == "Sales call", "\(booking)")
        #expect(booking["event"] as? String == "15-minute meeting", "\(booking)")
        #expect(booking["reason"] as? String == Self.reason, "\(booking)")
        let customer = booking["customer"] as? [String: Any]
        #expect(customer?["name"] as? String == Self.name && customer?["email"] as? String == Self.email, "\(booking)")

        let links = try workspace.links()
        #expect(links.count == 1, "one one-time link: \(links)")
        #expect(links.first?["linkId"] as? String == linkId, "\(links)")
        #expect(links.first?["status"] as? String == "used", "\(links)")
        #expect(links.first?["usesLeft"] as? Int == 0, "\(links)")
    }
}
