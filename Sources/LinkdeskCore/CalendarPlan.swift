import Foundation

/// A staff member's calendar as a workspace file lists it: its name, and where to read it — or
/// nil for "as stored", which is how a file exported by linkdesk lists a feed, whose address is a
/// secret no export writes (`ics: kept`).
public struct CalendarEntry: Equatable, Sendable {
    public var name: String
    public var source: CalendarSource?

    public init(name: String, source: CalendarSource?) {
        self.name = name
        self.source = source
    }
}

/// What applying a file's `calendars:` lists changes: for each staff member the file lists
/// calendars for, the calendars it adds, changes and removes (a staff member whose entry has no
/// `calendars:` keeps theirs as they are). Computed before anything is applied, so that a bad
/// entry refuses the whole file.
public struct CalendarPlan: Equatable, Sendable {
    public var adds: [StaffCalendar] = []
    public var changes: [StaffCalendar] = []
    public var removals: [StaffCalendar] = []

    public init() {}

    public var isEmpty: Bool { adds.isEmpty && changes.isEmpty && removals.isEmpty }
    public var count: Int { adds.count + changes.count + removals.count }

    /// `proposed`: by login, the whole list of calendars the file gives that staff member.
    public init(current: [StaffCalendar], proposed: [String: [CalendarEntry]]) throws(Refusal) {
        for login in proposed.keys.sorted() {
            let entries = proposed[login] ?? []
            let theirs = current.filter { $0.staffLogin == login }
            var seen: Set<String> = []
            for entry in entries {
                guard seen.insert(entry.name).inserted else { throw Refusal("\"\(login)\" lists the calendar \"\(entry.name)\" twice") }
                if let stored = theirs.first(where: { $0.name == entry.name }) {
                    guard let source = entry.source, source != stored.source else { continue }
                    try source.check()
                    var changed = stored
                    changed.source = source
                    changes.append(changed)
                } else {
                    guard let source = entry.source else {
                        throw Refusal("\"\(login)\" has no calendar \"\(entry.name)\" to keep: give its address (caldav: or ics:)")
                    }
                    adds.append(try StaffCalendar.validated(staffLogin: login, name: entry.name, source: source, taken: theirs.map(\.name)))
                }
            }
            removals += theirs.filter { !seen.contains($0.name) }
        }
    }

    /// One line per change, as `workspace apply` shows them (never a feed's address).
    public var lines: [String] {
        adds.map { "add calendar \($0.staffLogin)/\($0.name) (\($0.source.kind), \($0.source.redactedURL))" }
            + changes.map { "change calendar \($0.staffLogin)/\($0.name) (\($0.source.kind), \($0.source.redactedURL))" }
            + removals.map { "remove calendar \($0.staffLogin)/\($0.name)" }
    }
}
