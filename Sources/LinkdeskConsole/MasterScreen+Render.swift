import LinkdeskCore
import LinkdeskTerminal

/// The overview laid out like the seeds' Figure 1: the page's name, the Share & Publish box,
/// the settings, then team members and event types side by side (the seeds put them below).
extension MasterScreen {
    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        guard let master = shown(data) else {
            buffer.write("No master pages yet.", x: area.x + 1, y: area.y, role: .dim)
            return
        }
        renderHeader(master, into: &buffer, area: area, data: data)
        var y = renderSharePublish(master, into: &buffer, area: area, y: area.y + 1, data: data) + 1
        y = renderSettings(master, into: &buffer, area: area, y: y) + 1
        renderLists(master, into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: area.maxY - y), data: data)
        warning?.render(into: &buffer, data: data)
    }

    /// The name on the left; on the right which master page this is and how to see the others.
    private func renderHeader(_ master: MasterPage, into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let list = masters(data)
        var note: String
        if let index = list.firstIndex(where: { $0.id == master.id }) {
            note = "master page \(index + 1) of \(list.count)" + (list.count > 1 ? "  ←/→ others" : "")
        } else {
            note = filter.isEmpty ? "" : "no master page matches the filter"
        }
        let noteWidth = DisplayWidth.of(note)
        buffer.write(note, x: area.maxX - 1 - noteWidth, y: area.y, role: .dim)
        buffer.writeClipped(master.name, x: area.x + 1, y: area.y, maxWidth: area.width - noteWidth - 4, role: .title)
    }

    /// The Share & Publish box; returns the row after it.
    private func renderSharePublish(_ master: MasterPage, into buffer: inout CellBuffer, area: Rect, y: Int,
                                    data: ConsoleData) -> Int {
        let page = Page.master(master)
        let inner = area.width - 6
        let reason = page.oneTimeRefusal.map { TextWrap.lines($0.message, width: inner) } ?? []
        let box = Rect(x: area.x + 1, y: y, width: area.width - 2, height: 4 + reason.count)
        buffer.drawBox(box, title: "Share & Publish")
        let x = box.x + 2
        let label = buffer.write("Public link  ", x: x, y: y + 1, role: .title)
        buffer.writeClipped(data.url(of: page), x: x + label, y: y + 1, maxWidth: inner - label, role: .accent)
        let button = "[ Generate a one-time link ]"
        buffer.write(button, x: x, y: y + 2, role: reason.isEmpty ? .focus : .disabled)
        if reason.isEmpty { buffer.write("(o)", x: x + DisplayWidth.of(button) + 1, y: y + 2, role: .accent) }
        let live = "Live one-time links: \(PageText.liveLinks(of: master.id, data: data))"
        buffer.write(live, x: x + DisplayWidth.of(button) + 7, y: y + 2)
        for (offset, line) in reason.enumerated() {
            buffer.write(line, x: x, y: y + 3 + offset, role: .warning)
        }
        return box.maxY
    }

    /// Scenario, rule type, locale, theme; returns the row after them.
    private func renderSettings(_ master: MasterPage, into buffer: inout CellBuffer, area: Rect, y: Int) -> Int {
        let rules = master.scenario == .ruleBased ? master.ruleType.title : "none (\(master.scenario.title))"
        let rows = [("Scenario", master.scenario.title), ("Rule type", rules), ("Locale", master.locale), ("Theme", master.theme)]
        for (offset, row) in rows.enumerated() {
            buffer.write(row.0, x: area.x + 2, y: y + offset, role: .title)
            buffer.writeClipped(row.1, x: area.x + 16, y: y + offset, maxWidth: area.width - 18)
        }
        return y + rows.count
    }

    /// Included team members on the left, offered event types on the right.
    private func renderLists(_ master: MasterPage, into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let half = area.width / 2
        let left = Rect(x: area.x + 2, y: area.y, width: half - 3, height: area.height)
        let right = Rect(x: area.x + half + 1, y: area.y, width: area.width - half - 2, height: area.height)
        let members = master.memberIDs.compactMap(data.workspace.bookingPage(id:))
        let memberLines = members.map { MasterLine(text: "\($0.name) (\($0.owner))", role: .normal) }
        drawList(title: "Included team members (\(members.count))", lines: memberLines, into: &buffer, in: left)
        let events = master.eventTypeIDs.compactMap(data.workspace.eventType(id:))
        drawList(title: "Offers \(PageText.count(events.count, "Event type"))",
                 lines: events.flatMap { eventLines($0, master, data: data) }, into: &buffer, in: right)
    }

    /// An event type, and under it, for Dynamic rules, the rule's primary team member.
    private func eventLines(_ event: EventType, _ master: MasterPage, data: ConsoleData) -> [MasterLine] {
        let name = MasterLine(text: event.name, role: .normal)
        guard master.scenario == .ruleBased, master.ruleType == .dynamic else { return [name] }
        guard let rule = master.rules.first(where: { $0.eventTypeID == event.id }),
              let primary = data.workspace.bookingPage(id: rule.primaryPageID) else {
            return [name, MasterLine(text: "  no rule: customers can't book it", role: .warning)]
        }
        return [name, MasterLine(text: "  primary team member: \(primary.name)", role: .dim)]
    }

    /// A titled column of lines, cut with "… n more" when it is taller than `area`.
    private func drawList(title: String, lines: [MasterLine], into buffer: inout CellBuffer, in area: Rect) {
        guard area.height > 0, area.width > 0 else { return }
        buffer.writeClipped(title, x: area.x, y: area.y, maxWidth: area.width, role: .title)
        let room = area.height - 1
        let cut = lines.count > room
        let shown = cut ? Array(lines.prefix(max(room - 1, 0))) : lines
        for (offset, line) in shown.enumerated() {
            buffer.writeClipped(line.text, x: area.x, y: area.y + 1 + offset, maxWidth: area.width, role: line.role)
        }
        if cut, room > 0 {
            buffer.write("… \(lines.count - shown.count) more", x: area.x, y: area.y + room, role: .dim)
        }
    }
}

/// One row of the overview's lists, with how it is drawn.
struct MasterLine {
    var text: String
    var role: StyleRole
}
