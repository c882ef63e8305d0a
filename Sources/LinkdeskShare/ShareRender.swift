import LinkdeskTerminal

extension ShareState {
    /// Draws the pop-up, its hint bar and any overlay into `buffer` (the whole screen).
    public func render(into buffer: inout CellBuffer) {
        buffer.clear()
        buffer.cursor = nil
        let screen = ScreenSize(width: buffer.width, height: buffer.height)
        guard screen.fits(ShareLayout.minimum) else {
            TooSmallNotice.render(into: &buffer, minimum: ShareLayout.minimum)
            return
        }
        let layout = ShareLayout(screen: screen)
        buffer.drawBox(layout.box, title: ShareTexts.title)
        buffer.write("Esc ×", x: layout.box.maxX - 7, y: layout.box.y, role: .dim)
        renderPage(&buffer, layout)
        renderToggles(&buffer, layout)
        if offersCampaigns { renderCampaignChoice(&buffer, layout) }
        if let campaign { renderCampaign(campaign, &buffer, layout) } else if personalize { renderCustomer(&buffer, layout) }
        renderURL(&buffer, layout)
        renderButtons(&buffer, layout)
        if let message { buffer.writeClipped(message, x: layout.left, y: layout.message, maxWidth: layout.inner, role: .error) }
        HintBar.draw(bindings, into: &buffer, y: buffer.height - 1)
        renderOverlays(&buffer, layout)
    }

    private func renderPage(_ buffer: inout CellBuffer, _ layout: ShareLayout) {
        buffer.write(ShareTexts.selectPage, x: layout.left, y: layout.pageLabel, role: .title)
        let role: StyleRole = focus == .page && dropdown == nil ? .focus : .selection
        let area = Rect(x: layout.left, y: layout.pageField, width: layout.inner, height: 1)
        buffer.fill(area, role: role)
        buffer.writeClipped(" " + (page.map { PageOption(page: $0).label } ?? "no pages"), x: area.x, y: area.y,
                            maxWidth: area.width - 3, role: role)
        buffer.write("▼", x: area.maxX - 2, y: area.y, role: role)
    }

    private func renderToggles(_ buffer: inout CellBuffer, _ layout: ShareLayout) {
        drawToggle(&buffer, x: layout.left, y: layout.personalize, on: personalize, label: ShareTexts.personalize + " (i)",
                   focused: focus == .personalize)
        let disabled = oneTimeDisabledReason
        drawToggle(&buffer, x: layout.left, y: layout.oneTime, on: oneTime, label: ShareTexts.oneTime + " (i)",
                   focused: focus == .oneTime, disabled: disabled != nil)
        if let disabled {
            for (offset, line) in TextWrap.lines(disabled, width: layout.inner - 6).prefix(2).enumerated() {
                buffer.write(line, x: layout.left + 6, y: layout.reason + offset, role: .dim)
            }
        }
    }

    private func drawToggle(_ buffer: inout CellBuffer, x: Int, y: Int, on: Bool, label: String, focused: Bool,
                            disabled: Bool = false) {
        let switchRole: StyleRole = disabled ? .disabled : (on ? .toggleOn : .toggleOff)
        buffer.write(on ? "[ON ]" : "[OFF]", x: x, y: y, role: focused ? .focus : switchRole)
        buffer.write(label, x: x + 6, y: y, role: disabled ? .disabled : .normal)
    }

    private func renderCustomer(_ buffer: inout CellBuffer, _ layout: ShareLayout) {
        let second = layout.left + layout.columnWidth + 2
        buffer.write(ShareTexts.customerName, x: layout.left, y: layout.fieldLabels, role: .title)
        buffer.write(ShareTexts.customerEmail, x: second, y: layout.fieldLabels, role: .title)
        name.render(into: &buffer, x: layout.left, y: layout.fields, width: layout.columnWidth,
                    role: focus == .name ? .focus : .selection, focused: focus == .name && dropdown == nil,
                    placeholder: "e.g. Jane Smythe")
        let problem = emailProblem
        email.render(into: &buffer, x: second, y: layout.fields, width: layout.columnWidth,
                     role: focus == .email ? .focus : (problem == nil ? .selection : .error),
                     focused: focus == .email && dropdown == nil, placeholder: "jane@example.com")
        if let problem { buffer.write("✗ " + problem, x: second, y: layout.emailProblem, role: .error) }
        drawToggle(&buffer, x: layout.left, y: layout.showForm, on: showForm, label: ShareTexts.showForm,
                   focused: focus == .showForm)
    }

    private func renderURL(_ buffer: inout CellBuffer, _ layout: ShareLayout) {
        let rows = TextWrap.hard(url, width: layout.inner)
        for (offset, row) in rows.prefix(ShareLayout.urlRows).enumerated() {
            let last = offset == ShareLayout.urlRows - 1 && rows.count > ShareLayout.urlRows
            buffer.write(last ? String(row.dropLast()) + "…" : row, x: layout.left, y: layout.url + offset, role: .accent)
        }
    }

    private func renderButtons(_ buffer: inout CellBuffer, _ layout: ShareLayout) {
        let copy = "[ \(ShareTexts.copy) ]", cancel = "[ \(ShareTexts.cancel) ]"
        let copyX = layout.box.maxX - 2 - copy.count
        let cancelX = copyX - 2 - cancel.count
        buffer.write(cancel, x: cancelX, y: layout.buttons, role: focus == .cancel ? .focus : .normal)
        buffer.write(copy, x: copyX, y: layout.buttons,
                     role: focus == .copy ? .focus : (copyBlocker == nil ? .accent : .disabled))
    }

    private func renderOverlays(_ buffer: inout CellBuffer, _ layout: ShareLayout) {
        if let dropdown { renderDropdown(dropdown, &buffer, layout) }
        if let info {
            let text = info == .oneTime ? ShareTexts.oneTimeInfo : ShareTexts.personalizeInfo
            let title = info == .oneTime ? ShareTexts.oneTime : ShareTexts.personalize
            let lines = TextWrap.lines(text, width: 50)
            let box = buffer.bounds.centered(width: 54, height: lines.count + 4)
            buffer.fill(box)
            buffer.drawBox(box, title: "(i) " + title)
            for (offset, line) in lines.enumerated() { buffer.write(line, x: box.x + 2, y: box.y + 2 + offset) }
        }
        if showHelp { HelpOverlay.draw(helpBindings, title: "Share pop-up keys", into: &buffer) }
        if showQR { renderQR(&buffer) }
    }

    private func renderDropdown(_ list: Dropdown, _ buffer: inout CellBuffer, _ layout: ShareLayout) {
        let matches = list.matches(options)
        let visible = 9
        let box = Rect(x: layout.left, y: layout.pageField + 1, width: layout.inner, height: visible + 3)
        buffer.fill(box)
        buffer.drawBox(box)
        buffer.write("Filter: ", x: box.x + 2, y: box.y + 1, role: .dim)
        list.filter.render(into: &buffer, x: box.x + 10, y: box.y + 1, width: box.width - 12, role: .selection,
                           focused: true, placeholder: "type to filter")
        let rows = visible - 1                       // the filter takes the first line
        let first = max(0, min(list.highlighted - rows + 1, matches.count - rows))
        for (row, index) in matches.dropFirst(first).prefix(rows).enumerated() {
            let highlighted = first + row == list.highlighted
            let mark = index == selected ? "✓ " : "  "
            buffer.writeClipped(mark + options[index].label, x: box.x + 2, y: box.y + 2 + row, maxWidth: box.width - 4,
                                role: highlighted ? .focus : .normal)
        }
        if matches.isEmpty { buffer.write("no page matches", x: box.x + 2, y: box.y + 2, role: .dim) }
    }

    /// Every key of the pop-up for the `?` overlay: the bindings of each focus, without repeats.
    var helpBindings: [KeyBinding<ShareAction>] {
        var copy = self
        copy.showHelp = false
        var seen = Set<String>(), all: [KeyBinding<ShareAction>] = []
        for focus in ShareFocus.allCases {
            copy.focus = focus
            for binding in copy.bindings where seen.insert(binding.keyLabels + binding.help).inserted { all.append(binding) }
        }
        return all
    }
}
