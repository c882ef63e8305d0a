import LinkdeskCore
import LinkdeskTerminal

/// Page facts as the Pages view and the Master page overview word them. Names come from outside
/// (anyone with access to the workspace can type one), so every text meant for a dialog is cleaned
/// and clipped here: `DialogBox` wraps by spaces and a 10,000-character name must not push
/// through the box's border.
enum PageText {
    /// Widest name put into a sentence.
    static let nameWidth = 32

    static func name(_ page: Page) -> String { Sanitizer.clean(page.name, maxWidth: nameWidth) }
    static func name(_ text: String) -> String { Sanitizer.clean(text, maxWidth: nameWidth) }

    /// The public link, clipped to fit on one line of a dialog.
    static func url(_ page: Page, data: ConsoleData) -> String {
        Sanitizer.clip(data.url(of: page), maxWidth: DialogText.width)
    }

    /// "Dynamic rules", "Static rules", or the scenario when it has no rule types.
    static func rules(_ master: MasterPage) -> String {
        master.scenario == .ruleBased ? master.ruleType.title : master.scenario.title
    }

    /// One-time links of this master page that a customer could still use now.
    static func liveLinks(of master: PageID, data: ConsoleData) -> Int {
        data.links.filter { $0.masterPageID == master && $0.status(at: data.now) == .live }.count
    }

    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    static func eventNames(_ ids: [EventTypeID], data: ConsoleData) -> [String] {
        ids.compactMap { data.workspace.eventType(id: $0)?.name }
    }
}

/// The text width inside `DialogBox` (a 70-column box with a 2-column margin each side and a
/// border): lines longer than this would be cut by the box.
enum DialogText {
    static let width = 62
}
