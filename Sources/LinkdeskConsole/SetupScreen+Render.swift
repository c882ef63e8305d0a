import LinkdeskCore
import LinkdeskTerminal

extension SetupScreen {
    static let listWidth = 30
    static let labelWidth = 13

    /// The list on the left (headings, then items), the selected item's setup or the open editor
    /// on the right.
    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        renderList(into: &buffer, area: area, data: data)
        let panel = Rect(x: area.x + Self.listWidth + 1, y: area.y, width: area.width - Self.listWidth - 2, height: area.height)
        for y in area.y..<area.maxY { buffer.write("│", x: area.x + Self.listWidth, y: y, role: .border) }
        if let form {
            render(form, into: &buffer, area: panel)
        } else {
            renderDetails(into: &buffer, area: panel, data: data)
        }
    }

    private enum Line {
        case heading(String)
        case item(Int, String, String)
        case gap
    }

    private func lines(_ data: ConsoleData) -> [Line] {
        let w = data.workspace
        var lines: [Line] = []
        var last: String?
        for (index, item) in items(data).enumerated() {
            let (heading, name, detail): (String, String, String)
            switch item {
            case .eventType(let id):
                let type = w.eventType(id: id)
                (heading, name, detail) = ("EVENT TYPES", type?.name ?? "?", type.map { "\($0.minutes) min" } ?? "")
            case .bookingPage(let id):
                (heading, name, detail) = ("BOOKING PAGES", w.bookingPage(id: id)?.name ?? "?", "")
            case .masterPage(let id):
                let master = w.masterPage(id: id)
                (heading, name, detail) = ("MASTER PAGES", master?.name ?? "?", master.map { "\($0.memberIDs.count) members" } ?? "")
            case .staff(let login):
                (heading, name, detail) = ("STAFF", login, data.staff.first { $0.login == login }?.role.rawValue ?? "")
            }
            if heading != last {
                if last != nil { lines.append(.gap) }
                lines.append(.heading(heading))
                last = heading
            }
            lines.append(.item(index, name, detail))
        }
        return lines
    }

    private func renderList(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let all = lines(data)
        let width = Self.listWidth - 1
        guard !all.isEmpty else {
            buffer.writeClipped(filter.isEmpty ? "Nothing set up yet: a adds a page." : "Nothing matches \"\(filter)\".",
                                x: area.x + 1, y: area.y, maxWidth: width - 1, role: .dim)
            return
        }
        let selectedIndex = min(max(cursor.selected, 0), max(items(data).count - 1, 0))
        let selectedLine = all.firstIndex { if case .item(let i, _, _) = $0 { return i == selectedIndex }; return false } ?? 0
        let first = max(0, selectedLine - (area.height - 1))
        for (row, line) in all.dropFirst(first).prefix(area.height).enumerated() {
            let y = area.y + row
            switch line {
            case .heading(let title): buffer.write(title, x: area.x + 1, y: y, role: .title)
            case .gap: break
            case let .item(index, name, detail):
                let role: StyleRole = index == selectedIndex ? (form == nil ? .selection : .focus) : .normal
                buffer.fill(Rect(x: area.x, y: y, width: width, height: 1), role: role)
                let detailWidth = DisplayWidth.of(detail)
                buffer.writeClipped(name, x: area.x + 2, y: y, maxWidth: width - 4 - detailWidth, role: role)
                if !detail.isEmpty { buffer.write(detail, x: area.x + width - 1 - detailWidth, y: y, role: role == .normal ? .dim : role) }
            }
        }
    }

    // MARK: Details

    private func field(_ label: String, _ value: String, into buffer: inout CellBuffer, area: Rect, y: inout Int,
                       role: StyleRole = .normal) {
        guard y < area.maxY else { return }
        buffer.write(label, x: area.x + 1, y: y, role: .dim)
        for line in TextWrap.lines(value.isEmpty ? "—" : value, width: max(area.width - Self.labelWidth - 1, 8)) {
            guard y < area.maxY else { return }
            buffer.writeClipped(line, x: area.x + Self.labelWidth, y: y, maxWidth: area.width - Self.labelWidth, role: role)
            y += 1
        }
    }

    private func renderDetails(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let w = data.workspace
        var y = area.y
        switch selected(data) {
        case nil: return
        case .eventType(let id)?:
            guard let type = w.eventType(id: id) else { return }
            buffer.writeClipped(type.name, x: area.x + 1, y: y, maxWidth: area.width - 1, role: .title)
            y += 2
            field("Length", DurationText.describe(minutes: type.minutes), into: &buffer, area: area, y: &y)
            let offering = w.pages.filter { $0.eventTypeIDs.contains(id) }.map(\.name)
            field("Offered by", offering.isEmpty ? "no page yet" : offering.joined(separator: ", "), into: &buffer, area: area, y: &y)
            y += 1
            buffer.writeClipped("Offer it: select a booking page, press e.", x: area.x + 1, y: y, maxWidth: area.width - 1, role: .dim)
        case .bookingPage(let id)?:
            guard let page = w.bookingPage(id: id) else { return }
            buffer.writeClipped(page.name, x: area.x + 1, y: y, maxWidth: area.width - 1, role: .title)
            y += 1
            field("Owner", page.owner + (page.ownerLogin.map { " (\($0))" } ?? ""), into: &buffer, area: area, y: &y)
            field("Link", data.url(of: .booking(page)), into: &buffer, area: area, y: &y)
            field("Time zone", page.timeZone, into: &buffer, area: area, y: &y)
            for day in Weekday.allCases {
                let text = HoursText.text(page.availability.ranges(on: day))
                field(day.shortName, text.isEmpty ? "closed" : text, into: &buffer, area: area, y: &y, role: text.isEmpty ? .dim : .normal)
            }
            field("Dates off", page.availability.datesOff.isEmpty ? "none" : HoursText.text(page.availability.datesOff),
                  into: &buffer, area: area, y: &y)
            field("Event types", page.eventTypeIDs.compactMap(w.eventType(id:)).map(\.name).joined(separator: ", "),
                  into: &buffer, area: area, y: &y)
            field("Cancel", page.policy.cancel.summary + " · " + SetupForm.reasonTitle(page.policy.cancelReason),
                  into: &buffer, area: area, y: &y)
            field("Reschedule", page.policy.reschedule.summary + " · " + SetupForm.reasonTitle(page.policy.rescheduleReason),
                  into: &buffer, area: area, y: &y)
            if let controls = page.scheduling, !controls.isEmpty {
                field("Scheduling", SetupForm.schedulingSummary(controls) + " (c edits)", into: &buffer, area: area, y: &y)
            }
        case .masterPage(let id)?:
            guard let master = w.masterPage(id: id) else { return }
            buffer.writeClipped(master.name, x: area.x + 1, y: y, maxWidth: area.width - 1, role: .title)
            y += 1
            field("Link", data.url(of: .master(master)), into: &buffer, area: area, y: &y)
            field("Assignment", master.scenario.title + " · " + master.ruleType.title, into: &buffer, area: area, y: &y)
            field("Team", master.memberIDs.compactMap(w.bookingPage(id:)).map(\.name).joined(separator: ", "),
                  into: &buffer, area: area, y: &y)
            field("Event types", master.eventTypeIDs.compactMap(w.eventType(id:)).map(\.name).joined(separator: ", "),
                  into: &buffer, area: area, y: &y)
            let primaries = master.eventTypeIDs.compactMap(w.eventType(id:)).map { type in
                let primary = master.rules.first { $0.eventTypeID == type.id }.flatMap { w.bookingPage(id: $0.primaryPageID) }
                return "\(type.name) → \(primary?.name ?? "none")"
            }
            field("Primaries", primaries.joined(separator: "; "), into: &buffer, area: area, y: &y)
        case .staff(let login)?:
            guard let member = data.staff.first(where: { $0.login == login }) else { return }
            buffer.writeClipped(member.name, x: area.x + 1, y: y, maxWidth: area.width - 1, role: .title)
            y += 1
            field("Login", member.login, into: &buffer, area: area, y: &y)
            field("Email", member.email, into: &buffer, area: area, y: &y)
            field("Role", member.role.rawValue, into: &buffer, area: area, y: &y)
            let owns = w.bookingPages.filter { $0.ownerLogin == login }.map(\.name)
            field("Owns", owns.isEmpty ? "no booking page" : owns.joined(separator: ", "), into: &buffer, area: area, y: &y)
            let calendars = data.calendars.filter { $0.staffLogin == login }
            if !calendars.isEmpty {
                field("Calendars", calendars.map { calendar in
                    calendar.isStale(at: data.now) ? calendar.staleSentence(at: data.now)
                        : "\(calendar.name) (\(calendar.source.kind), \(calendar.sync.eventCount) busy)"
                }.joined(separator: "; "), into: &buffer, area: area, y: &y)
            }
            y += 1
            buffer.writeClipped("An administrator manages staff: linkdesk staff.", x: area.x + 1, y: y,
                                maxWidth: area.width - 1, role: .dim)
            if data.roleRefusal(.manageCalendars(staffLogin: login)) == nil {
                buffer.writeClipped("l connects a calendar, x disconnects one.", x: area.x + 1, y: y + 1,
                                    maxWidth: area.width - 1, role: .dim)
            }
        }
    }

    // MARK: Editor

    private func render(_ form: SetupForm, into buffer: inout CellBuffer, area: Rect) {
        var y = area.y
        buffer.writeClipped(form.title, x: area.x + 1, y: y, maxWidth: area.width - 1, role: .title)
        y += 2
        // Labels as wide as the widest (event type and page names), within reason.
        let labelWidth = min(max(form.rows.map { DisplayWidth.of($0.label) }.max() ?? 0, 8) + 2, 24)
        let fieldX = area.x + 1 + labelWidth
        let fieldWidth = area.width - labelWidth - 2
        let first = max(0, form.row - (area.height - 6))
        for (index, row) in form.rows.enumerated().dropFirst(first) where y < area.maxY - 3 {
            let focused = index == form.row
            if case .toggle = row {} else {
                buffer.writeClipped(row.label, x: area.x + 1, y: y, maxWidth: labelWidth - 1, role: focused ? .accent : .dim)
            }
            switch row {
            case let .text(_, field, placeholder):
                field.render(into: &buffer, x: fieldX, y: y, width: fieldWidth, role: focused ? .selection : .normal,
                             focused: focused, placeholder: placeholder)
            case let .choice(_, options, selected):
                let value = options.indices.contains(selected) ? options[selected] : ""
                buffer.writeClipped("◀ \(value) ▶", x: fieldX, y: y, maxWidth: fieldWidth, role: focused ? .selection : .normal)
            case let .toggle(label, detail, on):
                // "[x] Sales call   Jordan Reyes": the box first, so the column of boxes lines up.
                var x = area.x + 1 + buffer.write(on ? "[x] " : "[ ] ", x: area.x + 1, y: y, role: on ? .toggleOn : .toggleOff)
                buffer.writeClipped(label, x: x, y: y, maxWidth: labelWidth - 1, role: focused ? .selection : .normal)
                x += labelWidth
                buffer.writeClipped(detail, x: x, y: y, maxWidth: area.maxX - x - 1, role: .dim)
            }
            y += 1
        }
        y += 1
        if let problem = form.problem, y < area.maxY {
            for line in TextWrap.lines("✗ " + problem, width: area.width - 2) where y < area.maxY {
                buffer.writeClipped(line, x: area.x + 1, y: y, maxWidth: area.width - 1, role: .error)
                y += 1
            }
        } else if form.saving, y < area.maxY {
            buffer.write("saving…", x: area.x + 1, y: y, role: .dim)
        } else if y < area.maxY {
            buffer.writeClipped("Enter saves · Esc cancels · Tab next row", x: area.x + 1, y: y,
                                maxWidth: area.width - 1, role: .dim)
        }
    }
}
