import Foundation
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

/// The one-time links (SPEC §2.4): id, page, personalized for, created, expires, uses left and
/// status, newest first as the store lists them; `r` revokes the selected live link after asking.
/// The cursor follows the link id, so a link made elsewhere doesn't move the selection.
/// `Q`/F2 shows the selected link as a QR code, for links made in this console session only:
/// the store keeps a token's hash, never the token.
public struct LinksScreen: ConsoleScreen {
    public var filter = ""
    public var cursor = KeyedCursor<String>()
    /// URLs made in this console session, newest first (the console passes them in).
    public var recentURLs: [String] = []
    /// The link whose QR code is shown over the list, by id.
    public var qrLinkID: String?

    public init() {}

    /// While the QR code is shown only its keys (and F1, ^C) work: no letter reaches the list.
    public var capturesTyping: Bool { qrLinkID != nil }

    static let qrUnknownURL = "the token is shown only once, when made: a QR code is possible for links made in this session"

    /// The URL of `link` among the session's URLs: the one whose token hashes to the link's.
    func url(of link: OneTimeLink, data: ConsoleData) -> String? {
        recentURLs.first { url in
            guard case .oneTime(let token)? = try? LinkURL.read(url, base: data.base).target else { return false }
            return Token.hash(token) == link.tokenHash
        }
    }

    /// Why `Q` shows no QR code for the selected row, or nil when it can.
    func qrBlocker(_ data: ConsoleData) -> String? {
        guard let link = selected(data) else { return "no one-time link selected" }
        return url(of: link, data: data) == nil ? Self.qrUnknownURL : nil
    }

    static let columns = Columns([("ID", 9), ("PAGE", 12), ("FOR", 15), ("CREATED", 10), ("EXPIRES", 10), ("USES", 5),
                                  ("STATUS", 0)])

    /// Rows the list gets in an area of `height`: the header and the details line take two.
    static func listRows(_ height: Int) -> Int { max(height - 2, 1) }

    func rows(_ data: ConsoleData) -> [OneTimeLink] {
        guard !filter.isEmpty else { return data.links }
        return data.links.filter { LinkRow($0, data).searchText.localizedCaseInsensitiveContains(filter) }
    }

    func selected(_ data: ConsoleData) -> OneTimeLink? {
        let list = rows(data)
        let id = cursor.selected(in: list.map(\.linkID))
        return list.first { $0.linkID == id }
    }

    /// Why `r` does nothing for the selected row, or nil when it may be revoked.
    func revokeBlocker(_ data: ConsoleData) -> String? {
        guard let link = selected(data) else { return "no one-time link selected" }
        let status = link.status(at: data.now)
        guard status == .live else { return "\(link.linkID) is \(status.rawValue): only a live link can be revoked" }
        return data.roleRefusal(.revokeLink(madeBy: link.madeBy))
    }

    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        if qrLinkID != nil {
            return [KeyBinding([.esc, .enter, .char("Q"), .char("q"), .function(2)], hint: "close",
                               help: "Close the QR code", action: .closePanel, priority: 9)]
        }
        return ListBindings.all + [
            KeyBinding(.char("r"), hint: "revoke", help: "Revoke the selected live one-time link (asks first)",
                       action: .revoke, disabledReason: revokeBlocker(data), priority: 5),
            KeyBinding([.char("Q"), .function(2)], hint: "qr code",
                       help: "Show the selected link as a QR code (links made in this session)",
                       action: .open, disabledReason: qrBlocker(data), priority: 4),
        ]
    }

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows visible: Int) -> ConsoleCommand? {
        if qrLinkID != nil {
            if action == .closePanel { qrLinkID = nil }
            return nil
        }
        if action == .open {
            if let reason = qrBlocker(data) { return .message(reason) }
            qrLinkID = selected(data)?.linkID
            return nil
        }
        if cursor.apply(action, ids: rows(data).map(\.linkID), visible: Self.listRows(visible)) { return nil }
        guard action == .revoke else { return nil }
        if let reason = revokeBlocker(data) { return .message(reason) }
        guard let link = selected(data) else { return nil }
        return .confirm(Self.revokeConfirmation(LinkRow(link, data)))
    }

    static func revokeConfirmation(_ row: LinkRow) -> Confirmation {
        let who = row.personalizedFor.map { " for " + Sanitizer.clip($0, maxWidth: 30) } ?? ""
        return Confirmation(
            title: "Revoke one-time link",
            lines: ["Revoke \(row.id) on \"\(Sanitizer.clip(row.page, maxWidth: 30))\"\(who)?",
                    "Whoever holds it can no longer book through it, and a revoked link stays revoked. "
                        + "Bookings already made through it are kept."],
            confirmLabel: "revoke", effect: .revoke(linkID: row.id))
    }

    public func selectedPage(_ data: ConsoleData) -> PageID? {
        selected(data)?.masterPageID
    }

    public func render(into buffer: inout CellBuffer, area: Rect, data: ConsoleData) {
        if let id = qrLinkID, let link = data.links.first(where: { $0.linkID == id }), let url = url(of: link, data: data) {
            renderQR(LinkRow(link, data), url: url, into: &buffer, area: area)
            return
        }
        let list = rows(data)
        let columns = Self.columns
        columns.draw(columns.titles, into: &buffer, x: area.x, y: area.y, width: area.width, role: .title)
        guard !list.isEmpty else {
            let empty = filter.isEmpty ? "No one-time links yet. Make one with s on master page \"Sales call\" (One-time on)."
                                       : "No one-time link matches \"\(filter)\"."
            buffer.writeClipped(empty, x: area.x + 1, y: area.y + 2, maxWidth: area.width - 2, role: .dim)
            return
        }
        let visible = Self.listRows(area.height)
        let cursor = cursor.resolved(list.map(\.linkID), visible: visible)
        for (offset, index) in cursor.visibleRange(count: list.count, visible: visible).enumerated() {
            let row = LinkRow(list[index], data)
            let role: StyleRole = index == cursor.selected ? .selection : (row.status == .live ? .normal : .dim)
            columns.draw(row.cells, into: &buffer, x: area.x, y: area.y + 1 + offset, width: area.width, role: role)
        }
        if list.indices.contains(cursor.selected) {
            buffer.writeClipped(LinkRow(list[cursor.selected], data).details, x: area.x + 1, y: area.maxY - 1,
                                maxWidth: area.width - 2, role: .dim)
        }
    }
}

extension LinksScreen {
    /// The QR code in the view's area (the tab line, status line and hint bar stay), the link's
    /// words beside it.
    func renderQR(_ row: LinkRow, url: String, into buffer: inout CellBuffer, area: Rect) {
        var notes = [QROverlay.Note("QR code of one-time link \(row.id)", role: .title), .blank,
                     QROverlay.Note(url, role: .accent, isURL: true), .blank,
                     QROverlay.Note("\(row.page) · " + (row.personalizedFor.map { "for " + $0 } ?? "general")),
                     QROverlay.Note("Expires \(DateText.shortDayTime(row.link.expiresAt, in: DateText.utc)) UTC · uses \(row.uses)")]
        if row.status != .live {
            notes += [.blank, QROverlay.Note("This link is \(row.status.rawValue): it no longer books.", role: .warning)]
        }
        QROverlay.draw(url, notes: notes, into: &buffer, area: area, minimum: ConsoleState.minimum)
    }
}

/// One link as the view words it.
struct LinkRow {
    let id: String
    let page: String
    let personalizedFor: String?
    let link: OneTimeLink
    let status: OneTimeLink.Status

    init(_ link: OneTimeLink, _ data: ConsoleData) {
        self.link = link
        id = link.linkID
        page = data.workspace.page(id: link.masterPageID)?.name ?? "#\(link.masterPageID)"
        personalizedFor = link.personalizedFor
        status = link.status(at: data.now)
    }

    var uses: String { "\(link.usesLeft)/\(link.usesAllowed)" }

    var cells: [String] {
        [id, page, personalizedFor ?? "—", DateText.numericDay(link.createdAt, in: DateText.utc),
         DateText.numericDay(link.expiresAt, in: DateText.utc), uses, status.rawValue]
    }

    var searchText: String { [id, page, personalizedFor ?? "", status.rawValue].joined(separator: " ") }

    /// The selected link's exact times and full name, under the list (the columns clip them).
    var details: String {
        let created = DateText.shortDayTime(link.createdAt, in: DateText.utc)
        let expires = DateText.shortDayTime(link.expiresAt, in: DateText.utc)
        return "\(id) · created \(created) · expires \(expires) UTC · " + (personalizedFor.map { "for " + $0 } ?? "general")
    }
}
