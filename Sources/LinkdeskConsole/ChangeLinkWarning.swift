import LinkdeskCore
import LinkdeskTerminal

/// The warning shown before a page's link is changed (SPEC §1 "Changing a page's link"), shared
/// by Pages and the Master page overview.
///
/// Order: warning first, then the prompt for the new link (`.newSlug`). The console's prompt turns
/// its answer straight into the `.setSlug` effect, so the warning has to come before it; it is the
/// view's own small dialog (not the console's `.confirm`, whose answer can only be an effect). The
/// prompt starts with the current link filled in, so the user edits the old one into the new one.
struct ChangeLinkWarning: Equatable, Sendable {
    var pageID: PageID

    /// Keys while the warning is open; the view sets `capturesTyping` so other shortcuts rest.
    static let bindings: [KeyBinding<ConsoleAction>] = [
        KeyBinding([.char("y"), .enter], hint: "choose a new link", help: "Go on: type the new link", action: .open, priority: 9),
        KeyBinding([.char("n"), .esc], hint: "keep", help: "Keep the current link", action: .closePanel, priority: 8),
        KeyBinding(.char("?"), hint: "help", help: "List every key of this view", action: .help, priority: 7, showsInHintBar: false),
    ]

    static func title(_ page: Page) -> String { "Change the link of \(PageText.name(page))?" }

    /// What changing the link does, in the words of SPEC §1.
    static func lines(_ page: Page, data: ConsoleData) -> [String] {
        var lines = [
            "The current link stops working at once, with no redirect:",
            PageText.url(page, data: data),
            "Customers who booked through it can no longer cancel or reschedule those bookings"
                + " themselves (staff still can).",
        ]
        if page.kind == .master { lines.append("One-time links are not tied to the link: they keep working.") }
        return lines
    }

    /// The prompt that follows "y": the current slug prefilled, the base shown in the label.
    static func prompt(_ page: Page, data: ConsoleData) -> PromptState {
        let label = Sanitizer.clip("Link after " + data.base.text + "/ (letters, digits, - or _)", maxWidth: DialogText.width)
        return PromptState(title: "New link for \(PageText.name(page))", label: label, purpose: .newSlug(page.id),
                           text: page.slug)
    }

    /// y: the prompt; n/Esc: nothing (the view closes the warning either way).
    func perform(_ action: ConsoleAction, data: ConsoleData) -> ConsoleCommand? {
        guard action == .open, let page = data.workspace.page(id: pageID) else { return nil }
        return .prompt(Self.prompt(page, data: data))
    }

    func render(into buffer: inout CellBuffer, data: ConsoleData) {
        guard let page = data.workspace.page(id: pageID) else { return }
        DialogBox.draw(title: Self.title(page), lines: Self.lines(page, data: data),
                       footer: "y choose a new link   n/Esc keep the link", into: &buffer)
    }
}
