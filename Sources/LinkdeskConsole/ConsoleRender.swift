import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

extension ConsoleState {
    /// Draws the whole console: tab line, view title, the view, status line, hint bar, modal.
    public func render(into buffer: inout CellBuffer, data: ConsoleData) {
        buffer.clear()
        buffer.cursor = nil
        guard ScreenSize(width: buffer.width, height: buffer.height).fits(Self.minimum) else {
            TooSmallNotice.render(into: &buffer, minimum: Self.minimum)
            return
        }
        if case .share(let share)? = modal {
            share.render(into: &buffer)  // the pop-up owns the whole screen, as in `linkdesk share`
            return
        }
        renderTabs(&buffer)
        renderTitle(&buffer)
        let area = Rect(x: 0, y: 2, width: buffer.width, height: Self.viewRows(height: buffer.height))
        screen.render(into: &buffer, area: area, data: data)
        renderStatus(&buffer)
        // While a confirmation, prompt or help is open only its keys work: the bar shows those.
        if let modal {
            HintBar.draw(modal.bindings, into: &buffer, y: buffer.height - 1)
        } else {
            HintBar.draw(bindings(data), into: &buffer, y: buffer.height - 1)
        }
        renderModal(&buffer, data: data)
    }

    private func renderTabs(_ buffer: inout CellBuffer) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), role: .hint)
        // " 1 Pages 2 Master …": one space each side of a number, so nine views fit 80 columns.
        var x = 1
        for id in ViewID.allCases {
            let label = " \(id.rawValue) \(id.shortTitle)"
            x += buffer.write(label, x: x, y: 0, role: id == view ? .focus : .hint)
        }
    }

    private func renderTitle(_ buffer: inout CellBuffer) {
        buffer.write(view.title, x: 1, y: 1, role: .title)
        let filter = screen.filter
        if filtering || !filter.isEmpty {
            let text = "filter: " + filter
            buffer.writeClipped(text, x: max(buffer.width - 2 - DisplayWidth.of(text), 20), y: 1, maxWidth: buffer.width - 22,
                                role: .accent)
        }
    }

    private func renderStatus(_ buffer: inout CellBuffer) {
        let y = buffer.height - 2
        if filtering {
            buffer.write("/", x: 1, y: y, role: .accent)
            TextField(screen.filter).render(into: &buffer, x: 3, y: y, width: buffer.width - 4, role: .selection,
                                            focused: true, placeholder: "type to filter, Enter keeps, Esc clears")
            return
        }
        if let status {
            buffer.writeClipped(status, x: 1, y: y, maxWidth: buffer.width - 2, role: statusFailed ? .error : .success)
        } else if let storeProblem {
            buffer.writeClipped("store unavailable, retrying: " + storeProblem, x: 1, y: y, maxWidth: buffer.width - 2, role: .error)
        }
    }

    private func renderModal(_ buffer: inout CellBuffer, data: ConsoleData) {
        switch modal {
        case .help?: HelpOverlay.draw(bindings(data), title: view.title + " keys", into: &buffer)
        case .confirm(let c)?: DialogBox.draw(title: c.title, lines: c.lines, footer: dialogFooter(c.bindings),
                                               into: &buffer)
        case .prompt(let p)?: DialogBox.drawPrompt(p, into: &buffer)
        case .share?, nil: break
        }
    }
}

/// Centred boxes for confirmations and prompts.
enum DialogBox {
    static func draw(title: String, lines: [String], footer: String, into buffer: inout CellBuffer) {
        let width = min(buffer.width - 4, 70)
        let wrapped = lines.flatMap { TextWrap.lines($0, width: width - 4) }
        let box = buffer.bounds.centered(width: width, height: wrapped.count + 5)
        buffer.fill(box)
        buffer.drawBox(box, title: title)
        for (offset, line) in wrapped.enumerated() { buffer.write(line, x: box.x + 2, y: box.y + 2 + offset) }
        buffer.write(footer, x: box.x + 2, y: box.maxY - 2, role: .accent)
    }

    static func drawPrompt(_ prompt: PromptState, into buffer: inout CellBuffer) {
        let width = min(buffer.width - 4, 70)
        let box = buffer.bounds.centered(width: width, height: 7)
        buffer.fill(box)
        buffer.drawBox(box, title: prompt.title)
        buffer.write(prompt.label, x: box.x + 2, y: box.y + 1, role: .title)
        prompt.field.render(into: &buffer, x: box.x + 2, y: box.y + 2, width: width - 4, role: .selection, focused: true)
        if let problem = prompt.problem {
            buffer.writeClipped("✗ " + problem, x: box.x + 2, y: box.y + 3, maxWidth: width - 4, role: .error)
        }
        buffer.write(dialogFooter(prompt.bindings), x: box.x + 2, y: box.maxY - 2, role: .accent)
    }
}
