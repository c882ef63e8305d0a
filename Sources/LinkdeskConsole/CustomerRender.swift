import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// Drawing of the Customer view: a step line, the link being used, then the current step.
/// Everything that came from a link or a customer goes through `write`/`writeClipped`.
extension CustomerScreen {
    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let stage = stage(data)
        renderSteps(stage, skipped: stage != .pick && stage != .refused && skipsForm(data), into: &buffer, x: area.x + 1, y: area.y)
        let inner = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        if stage == .pick {
            buffer.writeClipped("Book through a link as its customer would, then see the booking in Bookings.", x: area.x + 1,
                                y: area.y + 1, maxWidth: area.width - 2, role: .dim)
        } else if let customer = data.customer {
            let page = customer.page.map { $0.name + " · " } ?? ""
            buffer.writeClipped(page + customer.url, x: area.x + 1, y: area.y + 1, maxWidth: area.width - 2, role: .dim)
        }
        switch stage {
        case .pick: renderPick(into: &buffer, area: inner, data: data)
        case .refused: renderRefused(into: &buffer, area: inner, data: data)
        case .form: renderForm(into: &buffer, area: inner, data: data)
        case .event: renderEvents(into: &buffer, area: inner, data: data)
        case .slot: renderSlots(into: &buffer, area: inner, data: data)
        case .confirm: renderConfirm(into: &buffer, area: inner, data: data)
        case .done: renderDone(into: &buffer, area: inner, data: data)
        }
    }

    private func renderSteps(_ stage: Step, skipped: Bool, into buffer: inout CellBuffer, x: Int, y: Int) {
        let labels = ["1 Link", skipped ? "2 Details (from the link)" : "2 Details", "3 Event type", "4 Time", "5 Confirm"]
        let current: Int = switch stage {
        case .pick, .refused: 0
        case .form: 1
        case .event: 2
        case .slot: 3
        case .confirm: 4
        case .done: 5
        }
        var column = x
        for (index, label) in labels.enumerated() {
            if index > 0 { column += buffer.write(" › ", x: column, y: y, role: .dim) }
            let role: StyleRole = index == current ? (stage == .refused ? .error : .focus) : (index < current ? .normal : .dim)
            column += buffer.write(label, x: column, y: y, role: role)
        }
    }

    private func renderPick(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        buffer.write("Choose a link", x: area.x + 1, y: area.y, role: .title)
        let items = pickItems(data)
        let columns = Columns([("FROM", 20), ("LINK", 0)])
        columns.draw(columns.titles, into: &buffer, x: area.x, y: area.y + 1, width: area.width, role: .title)
        let visible = Self.listRows(area.height + 2)
        let cursor = pick.resolved(items.map(\.id), visible: visible)
        for (offset, index) in cursor.visibleRange(count: items.count, visible: visible).enumerated() {
            let item = items[index]
            let role: StyleRole = index == cursor.selected ? .selection : (item.url == nil ? .accent : .normal)
            columns.draw([item.source, item.url ?? "paste a link…"], into: &buffer, x: area.x, y: area.y + 2 + offset,
                         width: area.width, role: role)
        }
        let footer = recentURLs.isEmpty ? "No link made yet in this session: make one with s, or pick a public link."
                                         : "The link made last is preselected. p pastes any other link."
        buffer.writeClipped(footer, x: area.x + 1, y: area.maxY - 1, maxWidth: area.width - 2, role: .dim)
    }

    private func renderRefused(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let refusal = data.customer?.refusal ?? Refusal("the link could not be opened")
        let box = Rect(x: area.x + 2, y: area.y + 1, width: area.width - 4, height: 7)
        buffer.drawBox(box, role: .error, title: "Link refused", titleRole: .error)
        let text = Self.refusalSentence(refusal)
        for (offset, line) in TextWrap.lines(text, width: box.width - 6).prefix(2).enumerated() {
            buffer.write((offset == 0 ? "✗ " : "  ") + line, x: box.x + 2, y: box.y + 2 + offset, role: .error)
        }
        buffer.writeClipped("Ask whoever sent it for a new link.", x: box.x + 4, y: box.y + 4, maxWidth: box.width - 6)
        buffer.writeClipped("Enter or Esc: choose another link", x: area.x + 1, y: area.maxY - 1, maxWidth: area.width - 2,
                            role: .dim)
    }

    /// "This link can no longer be used: one-time link already used" for links that died, and
    /// "This link can't be used: …" for links that never worked here.
    static func refusalSentence(_ refusal: Refusal) -> String {
        var died = false
        if case .deadLink(let dead) = refusal.reason { died = dead.died }
        return (died ? "This link can no longer be used: " : "This link can't be used: ") + refusal.message
    }

    private func renderForm(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let personalization = data.customer?.link?.personalization ?? Personalization()
        let prefilled = personalization.name != nil || personalization.email != nil
        buffer.write("Your details" + (prefilled ? " (prefilled from the link)" : ""), x: area.x + 1, y: area.y, role: .title)
        let nameField = name ?? TextField(nameText(data))
        let emailField = email ?? TextField(emailText(data))
        let problem = EmailAddress.problem(emailField.text)
        buffer.write("Name", x: area.x + 2, y: area.y + 2, role: .title)
        nameField.render(into: &buffer, x: area.x + 10, y: area.y + 2, width: 44, role: field == .name ? .focus : .selection,
                         focused: field == .name, placeholder: "your name")
        buffer.write("Email", x: area.x + 2, y: area.y + 4, role: .title)
        emailField.render(into: &buffer, x: area.x + 10, y: area.y + 4, width: 44,
                          role: field == .email ? .focus : (problem == nil ? .selection : .error), focused: field == .email,
                          placeholder: "you@example.com")
        if let problem { buffer.write("✗ " + problem, x: area.x + 10, y: area.y + 5, role: .error) }
        buffer.writeClipped("Enter continues to the event types. Tab moves between the fields.", x: area.x + 1,
                            y: area.maxY - 1, maxWidth: area.width - 2, role: .dim)
    }

    private func renderEvents(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let page = data.customer?.page
        let dynamic = page?.ruleType == .dynamic && isRuleBased(page)
        buffer.writeClipped("Choose an event type" + (dynamic ? " (Dynamic rules: each goes to its own team member)" : ""),
                            x: area.x + 1, y: area.y, maxWidth: area.width - 2, role: .title)
        let list = offeredEvents(data)
        let columns = Columns([("EVENT TYPE", 20), ("LENGTH", 7), ("TEAM MEMBER", 30), ("FREE TIMES", 0)])
        columns.draw(columns.titles, into: &buffer, x: area.x, y: area.y + 1, width: area.width, role: .title)
        let visible = Self.listRows(area.height + 2)
        let cursor = events.resolved(list.map(\.id), visible: visible)
        for (offset, index) in cursor.visibleRange(count: list.count, visible: visible).enumerated() {
            let event = list[index]
            let free = data.customer?.slots.filter { $0.event.id == event.id }.count ?? 0
            columns.draw([event.name, "\(event.minutes) min", member(for: event, data), "\(free) in 7 days"],
                         into: &buffer, x: area.x, y: area.y + 2 + offset, width: area.width,
                         role: index == cursor.selected ? .selection : .normal)
        }
        if list.isEmpty { buffer.write("No event type to offer.", x: area.x + 1, y: area.y + 3, role: .dim) }
    }

    private func isRuleBased(_ page: Page?) -> Bool {
        if case .master(let master)? = page { return master.scenario == .ruleBased }
        return false
    }

    /// Who would take `event`: the rule's primary team member under Dynamic rules (as the slots
    /// name them), the page's owner for a booking page, else the first free of the candidates.
    func member(for event: EventType, _ data: ConsoleData) -> String {
        guard let page = data.customer?.page else { return "" }
        let candidates = (try? Assignment.candidates(for: page, event: event.id, in: data.workspace)) ?? []
        let assigned = data.customer?.slots.first { $0.event.id == event.id }?.teamMember ?? candidates.first
        guard let assigned else { return "none" }
        if candidates.count > 1 { return "first free of \(candidates.count)" }
        return "\(assigned.owner) (\(assigned.name))"
    }

    private func renderSlots(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let name = event.flatMap(data.workspace.eventType(id:))?.name ?? "the event"
        buffer.writeClipped("Choose a time for a \(name)", x: area.x + 1, y: area.y, maxWidth: area.width - 2, role: .title)
        let list = freeSlots(data)
        let columns = Columns([("TIME", 17), ("TEAM MEMBER", 30), ("TIME ZONE", 0)])
        columns.draw(columns.titles, into: &buffer, x: area.x, y: area.y + 1, width: area.width, role: .title)
        let visible = Self.listRows(area.height + 2)
        let cursor = slots.resolved(list.map(\.start), visible: visible)
        for (offset, index) in cursor.visibleRange(count: list.count, visible: visible).enumerated() {
            let slot = list[index]
            columns.draw([DateText.weekdayTime(slot.start, in: DateText.zone(named: slot.teamMember.timeZone)),
                          "\(slot.teamMember.owner) (\(slot.teamMember.name))", slot.teamMember.timeZone],
                         into: &buffer, x: area.x, y: area.y + 2 + offset, width: area.width,
                         role: index == cursor.selected ? .selection : .normal)
        }
        let footer = list.isEmpty ? "No free time in the next 7 days. Esc: another event type"
                                  : "\(list.count) free times in the next 7 days, in the team member's time zone."
        buffer.writeClipped(footer, x: area.x + 1, y: area.maxY - 1, maxWidth: area.width - 2, role: .dim)
    }

    private func renderConfirm(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        buffer.write("Confirm the booking", x: area.x + 1, y: area.y, role: .title)
        let slot = data.customer?.slots.first { $0.event.id == event && $0.start == start }
        let pairs: [(String, String)] = [
            ("Page", data.customer?.page?.name ?? ""),
            ("Event type", slot.map { "\($0.event.name) (\($0.event.minutes) min)" } ?? "taken meanwhile: Esc"),
            ("Time", slot.map { Self.time($0.start, zone: $0.teamMember.timeZone) } ?? ""),
            ("Team member", slot.map { "\($0.teamMember.owner) (\($0.teamMember.name))" } ?? ""),
            ("Name", nameText(data)),
            ("Email", emailText(data)),
        ]
        Self.drawPairs(pairs, into: &buffer, area: area, y: area.y + 2)
        buffer.writeClipped("Enter books it as the customer. Esc goes back to the times.", x: area.x + 1, y: area.maxY - 1,
                            maxWidth: area.width - 2, role: .dim)
    }

    private func renderDone(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        switch outcome {
        case .booked(let booking)?:
            buffer.write("✓ Booked: booking #\(booking.id)", x: area.x + 1, y: area.y, role: .success)
            let member = data.workspace.bookingPage(id: booking.teamMemberID)
            let zone = member?.timeZone ?? "UTC"
            let pairs: [(String, String)] = [
                ("Event type", data.workspace.eventType(id: booking.eventTypeID)?.name ?? "#\(booking.eventTypeID)"),
                ("Time", Self.time(booking.start, zone: zone)),
                ("Team member", member.map { "\($0.owner) (\($0.name))" } ?? "#\(booking.teamMemberID)"),
                ("Customer", "\(booking.customer.name) <\(booking.customer.email)>"),
                ("Link", booking.linkKind.rawValue + (booking.linkID.map { " " + $0 } ?? "")),
            ]
            Self.drawPairs(pairs, into: &buffer, area: area, y: area.y + 2)
            buffer.writeClipped("In Bookings (4) and Activity (5) now. Enter starts over: try the link again.",
                                x: area.x + 1, y: area.maxY - 1, maxWidth: area.width - 2, role: .dim)
        case .failed(let message)?:
            buffer.write("✗ Not booked", x: area.x + 1, y: area.y, role: .error)
            for (offset, line) in TextWrap.lines(message, width: area.width - 4).prefix(3).enumerated() {
                buffer.write(line, x: area.x + 3, y: area.y + 2 + offset, role: .error)
            }
            buffer.writeClipped("Esc goes back to the times. Enter starts over.", x: area.x + 1, y: area.maxY - 1,
                                maxWidth: area.width - 2, role: .dim)
        case nil:
            break
        }
    }

    /// A time with its zone named: the customer books in the team member's zone, not theirs.
    private static func time(_ date: Date, zone: String) -> String {
        DateText.weekdayTime(date, in: DateText.zone(named: zone)) + "  " + zone
    }

    static func drawPairs(_ pairs: [(String, String)], into buffer: inout CellBuffer, area: Rect, y: Int) {
        for (offset, pair) in pairs.enumerated() {
            buffer.write(pair.0, x: area.x + 3, y: y + offset, role: .title)
            buffer.writeClipped(pair.1, x: area.x + 17, y: y + offset, maxWidth: area.width - 19)
        }
    }
}
