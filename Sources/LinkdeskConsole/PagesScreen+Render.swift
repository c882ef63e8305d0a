import LinkdeskCore
import LinkdeskTerminal

/// Where the parts of the Pages view go in an area `height` rows tall: the event types line and a
/// gap on top, the details of the selected page at the bottom, the list in between. The list
/// needs up to three rows besides its pages (a heading, and a gap plus a heading where booking
/// pages end and master pages begin), so the cursor scrolls over `pageRows`.
struct PagesLayout {
    let height: Int
    static let top = 2
    static let details = 5
    static let headings = 3

    var listRows: Int { max(height - Self.top - Self.details, 1) }
    var pageRows: Int { max(listRows - Self.headings, 1) }
    var detailsY: Int { height - Self.details }
}

extension PagesScreen {
    static let bookingColumns = Columns([("BOOKING PAGES", 22), ("OWNER", 18), ("PUBLIC LINK", 0)])
    static let masterColumns = Columns([("MASTER PAGES", 22), ("RULE TYPE", 18), ("PUBLIC LINK", 0)])

    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let layout = PagesLayout(height: area.height)
        renderEventTypes(into: &buffer, area: area, data: data)
        let list = rows(data)
        let anchorY = renderList(list, into: &buffer, area: area, layout: layout, data: data)
        if let index = selectedIndex(list) {
            renderDetails(list[index], into: &buffer, area: area, y: area.y + layout.detailsY, data: data)
        }
        if let menu, let page = page(menu.pageID, data), let anchorY {
            menu.render(into: &buffer, page: page, anchorY: anchorY, area: area, data: data)
        }
        warning?.render(into: &buffer, data: data)
    }

    private func renderEventTypes(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        let x = area.x + 1 + buffer.write("Event types  ", x: area.x + 1, y: area.y, role: .title)
        let names = data.workspace.eventTypes.map(\.name).joined(separator: " · ")
        buffer.writeClipped(names.isEmpty ? "none" : names, x: x, y: area.y, maxWidth: area.maxX - x - 1)
    }

    /// Draws the visible pages under their headings; returns the row of the selected page.
    private func renderList(_ list: [Page], into buffer: inout CellBuffer, area: Rect, layout: PagesLayout,
                            data: ConsoleData) -> Int? {
        var y = area.y + PagesLayout.top
        guard let selected = selectedIndex(list) else {
            // An empty workspace (`linkdesk init --empty`): say where pages come from.
            let text = filter.isEmpty ? "No pages yet: describe them in a file, then linkdesk workspace apply FILE."
                : "Nothing matches \"\(filter)\"."
            buffer.writeClipped(text, x: area.x + 1, y: y, maxWidth: area.width - 2, role: .dim)
            return nil
        }
        var view = cursor
        view.selected = selected
        view.clamp(count: list.count, visible: layout.pageRows)
        var previous: Page.Kind?
        var selectedY: Int?
        for index in view.visibleRange(count: list.count, visible: layout.pageRows) {
            let page = list[index]
            let columns = page.kind == .booking ? Self.bookingColumns : Self.masterColumns
            if page.kind != previous {
                if previous != nil { y += 1 }
                columns.draw(columns.titles, into: &buffer, x: area.x, y: y, width: area.width, role: .title)
                y += 1
                previous = page.kind
            }
            let isSelected = index == selected
            columns.draw(cells(page, data: data), into: &buffer, x: area.x, y: y, width: area.width,
                         role: isSelected ? .selection : .normal)
            if isSelected {
                buffer.write("›", x: area.x, y: y, role: .selection)
                selectedY = y
            }
            y += 1
        }
        return selectedY
    }

    private func cells(_ page: Page, data: ConsoleData) -> [String] {
        switch page {
        // "Owned by you" (the seed's Figure 4) on the viewer's own booking pages.
        case .booking(let p): [p.name, data.viewer.isStaffMember && data.viewer.owns(p.ownerLogin) ? "Owned by you" : p.owner, data.url(of: page)]
        case .master(let m): [m.name, PageText.rules(m), data.url(of: page)]
        }
    }

    /// The selected page in words: what it is, what it offers, whether it can have one-time
    /// links (and if not, the rule that says so, in full: the status line is too short for it).
    private func renderDetails(_ page: Page, into buffer: inout CellBuffer, area: Rect, y: Int, data: ConsoleData) {
        buffer.horizontalRule(y: y, x: area.x + 1, width: area.width - 2)
        var lines = [summary(page, data: data)]
        let offered = PageText.eventNames(page.eventTypeIDs, data: data)
        lines.append("Offers " + (offered.isEmpty ? "no event types" : offered.joined(separator: ", ")))
        lines += TextWrap.lines(oneTimeLine(page, data: data), width: area.width - 2)
        if case .booking(let p) = page, let line = calendarLine(p, data: data) { lines.insert(line, at: 1) }
        for (offset, line) in lines.prefix(PagesLayout.details - 1).enumerated() {
            buffer.writeClipped(line, x: area.x + 1, y: y + 1 + offset, maxWidth: area.width - 2, role: offset == 0 ? .normal : .dim)
        }
    }

    private func summary(_ page: Page, data: ConsoleData) -> String {
        switch page {
        case .booking(let p):
            let owner = data.viewer.isStaffMember && data.viewer.owns(p.ownerLogin) ? "you" : p.owner
            return "Booking page of \(owner) · \(p.availability.summary) \(p.timeZone)"
        case .master(let m):
            let team = m.memberIDs.compactMap { data.workspace.bookingPage(id: $0)?.name }
            return "Master page · \(m.scenario.title) · team: " + (team.isEmpty ? "nobody yet" : team.joined(separator: ", "))
        }
    }

    /// The owner's calendars and whether each is up to date (nil: none the viewer may see).
    private func calendarLine(_ page: BookingPage, data: ConsoleData) -> String? {
        let mine = data.calendars.filter { $0.staffLogin == page.ownerLogin }
        guard !mine.isEmpty else { return nil }
        if let stale = mine.first(where: { $0.isStale(at: data.now) }) { return stale.staleSentence(at: data.now) }
        return "Calendars: " + mine.map { "\($0.name) (\($0.sync.eventCount) busy)" }.joined(separator: ", ")
    }

    private func oneTimeLine(_ page: Page, data: ConsoleData) -> String {
        if let refusal = page.oneTimeRefusal { return "One-time links: no. " + refusal.message }
        return "One-time links: \(PageText.liveLinks(of: page.id, data: data)) live (o generates one)"
    }
}
