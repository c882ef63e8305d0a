/// What a workspace sets for itself as a whole rather than per page: the address its booking
/// emails come from and an optional reply-to (the workspace file's `notifications: {from,
/// reply-to}`), and how many bookings the site takes from one client in an hour (`site:`). Kept as named text values (`values`), so that a store holds them in a plain
/// two-column table that an administrator can read in psql, and a later setting needs no new
/// column.
public struct WorkspaceSettings: Equatable, Sendable {
    /// The sender of every booking email; nil: not set (the sender then falls back to
    /// `LINKDESK_MAIL_FROM`, else waits with the messages pending).
    public var mailFrom: MailAddress?
    public var mailReplyTo: MailAddress?
    /// How many bookings the booking site takes from one client address in an hour (the file's
    /// `site: {bookings-per-client-per-hour: 5}`; 0: no limit); nil: `defaultBookingsPerClientHour`.
    public var bookingsPerClientHour: Int?
    /// The minimum notice a booking page added later gets when it names none (the file's
    /// `site: {new-page-minimum-notice: 4h}`), in minutes; `linkdesk init --empty` sets
    /// `newWorkspaceMinimumNotice`, so a new workspace's pages never offer a slot that starts in
    /// two minutes, while a workspace from before keeps what its pages always offered.
    public var newPageMinimumNotice: Int?

    /// Four hours, as the peers default to.
    public static let newWorkspaceMinimumNotice = 4 * 60

    /// A handful an hour: a family or a small office books a few times; a script that books
    /// every free slot of a page is stopped after five.
    public static let defaultBookingsPerClientHour = 5

    /// The limit in force (0: none).
    public var bookingLimit: Int { bookingsPerClientHour ?? Self.defaultBookingsPerClientHour }

    public init(mailFrom: MailAddress? = nil, mailReplyTo: MailAddress? = nil, bookingsPerClientHour: Int? = nil,
                newPageMinimumNotice: Int? = nil) {
        self.mailFrom = mailFrom
        self.mailReplyTo = mailReplyTo
        self.bookingsPerClientHour = bookingsPerClientHour
        self.newPageMinimumNotice = newPageMinimumNotice
    }

    /// The stored names. A name this linkdesk does not know is kept by the store and ignored here
    /// (a newer version's setting).
    public enum Name: String, CaseIterable, Sendable {
        case mailFrom = "mail-from"
        case mailReplyTo = "mail-reply-to"
        case bookingsPerClientHour = "bookings-per-client-per-hour"
        case newPageMinimumNotice = "new-page-minimum-notice"
    }

    /// The settings as stored: only those that are set.
    public var values: [Name: String] {
        var values: [Name: String] = [:]
        if let mailFrom { values[.mailFrom] = mailFrom.text }
        if let mailReplyTo { values[.mailReplyTo] = mailReplyTo.text }
        if let bookingsPerClientHour { values[.bookingsPerClientHour] = String(bookingsPerClientHour) }
        if let newPageMinimumNotice { values[.newPageMinimumNotice] = String(newPageMinimumNotice) }
        return values
    }

    /// Settings from stored values; a value that does not read back is refused with its name
    /// (someone wrote it by hand), never silently dropped.
    public init(values: [String: String]) throws(Refusal) {
        func address(_ name: Name) throws(Refusal) -> MailAddress? {
            guard let text = values[name.rawValue] else { return nil }
            do {
                return try MailAddress.parse(text)
            } catch {
                throw Refusal(.input("the workspace setting \(name.rawValue) is not an address: \(error.message)"))
            }
        }
        var limit: Int?
        if let text = values[Name.bookingsPerClientHour.rawValue] {
            guard let number = Int(text), number >= 0 else {
                throw Refusal(.input("the workspace setting \(Name.bookingsPerClientHour.rawValue) is not a count: \(text)"))
            }
            limit = number
        }
        var notice: Int?
        if let text = values[Name.newPageMinimumNotice.rawValue] {
            guard let minutes = Int(text), SchedulingControls.noticeRange.contains(minutes) else {
                throw Refusal(.input("the workspace setting \(Name.newPageMinimumNotice.rawValue) is not a number of minutes: \(text)"))
            }
            notice = minutes
        }
        self.init(mailFrom: try address(.mailFrom), mailReplyTo: try address(.mailReplyTo), bookingsPerClientHour: limit,
                  newPageMinimumNotice: notice)
    }

    /// A line for each setting `proposed` changes, as `workspace apply` announces them (none: no change).
    public func changes(to proposed: WorkspaceSettings) -> [String] {
        var lines: [String] = []
        for name in Name.allCases where values[name] != proposed.values[name] {
            let before = values[name].map { "\"\($0)\"" } ?? "not set"
            let after = proposed.values[name].map { "\"\($0)\"" } ?? "not set"
            lines.append("setting \(name.rawValue): \(before) → \(after)")
        }
        return lines
    }
}

extension WorkspaceSettings {
    /// `proposed` with every booking page it names without an id (`id` ≤ 0: new, or a file's
    /// entry found by its slug) and with no minimum notice of its own given `newPageMinimumNotice`.
    public func withNewPageDefaults(_ proposed: Workspace) -> Workspace {
        guard let notice = newPageMinimumNotice else { return proposed }
        var workspace = proposed
        for index in workspace.bookingPages.indices where workspace.bookingPages[index].id <= 0 {
            var controls = workspace.bookingPages[index].scheduling ?? SchedulingControls()
            guard controls.minimumNotice == nil else { continue }
            controls.minimumNotice = notice
            workspace.bookingPages[index].scheduling = controls.isEmpty ? nil : controls
        }
        return workspace
    }
}
