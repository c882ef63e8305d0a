import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// One row of a Setup editor: typed text, a choice among a few values (←/→), or a yes/no (Space).
public enum SetupRow: Equatable, Sendable {
    case text(label: String, field: TextField, placeholder: String)
    case choice(label: String, options: [String], selected: Int)
    case toggle(label: String, detail: String, on: Bool)

    public var label: String {
        switch self {
        case .text(let label, _, _), .choice(let label, _, _), .toggle(let label, _, _): label
        }
    }

    var text: String {
        if case .text(_, let field, _) = self { return field.text.trimmingCharacters(in: .whitespaces) }
        return ""
    }

    var choice: Int {
        if case .choice(_, _, let selected) = self { return selected }
        return 0
    }

    var isOn: Bool {
        if case .toggle(_, _, let on) = self { return on }
        return false
    }
}

/// What a Setup editor edits; it says which rows it has and how its rows become a workspace.
public enum SetupEditorKind: Equatable, Sendable {
    case hours(PageID)
    case datesOff(PageID)
    /// `choices`: the event types the toggle rows stand for, in row order.
    case eventTypes(PageID, choices: [EventTypeID])
    case policy(PageID)
    case scheduling(PageID)
    /// `choices`: the booking pages the toggle rows stand for, in row order.
    case members(PageID, choices: [PageID])
    /// A master page's primary team member for each of its event types (the Dynamic rules).
    case primaries(PageID, eventTypes: [EventTypeID], members: [PageID])
    /// `eventTypes`: what the toggle rows after the five text rows stand for.
    case newBookingPage(eventTypes: [EventTypeID])
    case newEventType
    /// A calendar to connect to the staff member with that login.
    case newCalendar(login: String)
    /// `names`: the calendars the toggle rows stand for, in row order.
    case calendars(login: String, names: [String])
}

/// An open Setup editor: its rows, the focused row, and the problem of the last save (shown under
/// the rows; the editor stays open so nothing typed is lost).
public struct SetupForm: Equatable, Sendable {
    public var kind: SetupEditorKind
    public var title: String
    public var rows: [SetupRow]
    public var row = 0
    public var problem: String?
    /// True while the save is with the store.
    public var saving = false

    public init(kind: SetupEditorKind, title: String, rows: [SetupRow]) {
        self.kind = kind
        self.title = title
        self.rows = rows
    }

    /// True while the focused row is text: letters are typed, not shortcuts.
    public var capturesTyping: Bool {
        guard rows.indices.contains(row), case .text = rows[row] else { return false }
        return true
    }

    public var focusedIsChoice: Bool {
        guard rows.indices.contains(row), case .choice = rows[row] else { return false }
        return true
    }

    public var focusedIsToggle: Bool {
        guard rows.indices.contains(row), case .toggle = rows[row] else { return false }
        return true
    }

    mutating func move(by step: Int) {
        guard !rows.isEmpty else { return }
        row = min(max(row + step, 0), rows.count - 1)
    }

    /// ←/→ on a choice row.
    mutating func cycle(by step: Int) {
        guard rows.indices.contains(row), case let .choice(label, options, selected) = rows[row], !options.isEmpty else { return }
        rows[row] = .choice(label: label, options: options, selected: ((selected + step) % options.count + options.count) % options.count)
    }

    /// Space on a toggle row.
    mutating func toggle() {
        guard rows.indices.contains(row), case let .toggle(label, detail, on) = rows[row] else { return }
        rows[row] = .toggle(label: label, detail: detail, on: !on)
    }

    /// A key for the focused text row; false when it is not a text row or the field ignores the key.
    mutating func type(_ key: Key) -> Bool {
        guard rows.indices.contains(row), case .text(let label, var field, let placeholder) = rows[row] else { return false }
        guard field.handle(key) else { return false }
        rows[row] = .text(label: label, field: field, placeholder: placeholder)
        problem = nil
        return true
    }
}

// MARK: - Opening editors

extension SetupForm {
    static let reasonRules: [ReasonRule] = [.mandatory, .optional, .notAsked]

    static func reasonTitle(_ rule: ReasonRule) -> String {
        switch rule {
        case .mandatory: "reason required"
        case .optional: "reason optional"
        case .notAsked: "reason not asked"
        }
    }

    static func windowText(_ window: ChangeWindow) -> String {
        switch window {
        case .anyTime: "any"
        case .never: "never"
        case .upTo(let minutes): DurationText.describe(minutes: minutes)
        }
    }

    public static func hours(_ page: BookingPage) -> SetupForm {
        SetupForm(kind: .hours(page.id), title: "Weekly hours of \(page.name) (\(page.timeZone))",
                  rows: Weekday.allCases.map { day in
                      .text(label: day.shortName, field: TextField(HoursText.text(page.availability.ranges(on: day))),
                            placeholder: "closed")
                  })
    }

    public static func datesOff(_ page: BookingPage) -> SetupForm {
        SetupForm(kind: .datesOff(page.id), title: "Dates off of \(page.name)",
                  rows: [.text(label: "Dates", field: TextField(HoursText.text(page.availability.datesOff)),
                               placeholder: "none (e.g. 2026-12-24, 2026-12-31)")])
    }

    public static func eventTypes(_ page: BookingPage, workspace: Workspace) -> SetupForm {
        SetupForm(kind: .eventTypes(page.id, choices: workspace.eventTypes.map(\.id)), title: "Event types of \(page.name)",
                  rows: workspace.eventTypes.map { type in
                      .toggle(label: type.name, detail: DurationText.describe(minutes: type.minutes),
                              on: page.eventTypeIDs.contains(type.id))
                  })
    }

    public static func policy(_ page: BookingPage) -> SetupForm {
        let policy = page.policy
        let reasons = reasonRules.map(reasonTitle)
        return SetupForm(kind: .policy(page.id), title: "Cancel and reschedule policy of \(page.name)", rows: [
            .text(label: "Cancel", field: TextField(windowText(policy.cancel)), placeholder: "any, never, or e.g. 2h, 1d"),
            .choice(label: "  reason", options: reasons, selected: reasonRules.firstIndex(of: policy.cancelReason) ?? 1),
            .text(label: "Reschedule", field: TextField(windowText(policy.reschedule)), placeholder: "any, never, or e.g. 2h, 1d"),
            .choice(label: "  reason", options: reasons,
                    selected: reasonRules.firstIndex(of: policy.rescheduleReason) ?? 2),
        ])
    }

    /// The page's scheduling controls, each a duration (or a count) or `off`.
    public static func scheduling(_ page: BookingPage) -> SetupForm {
        let c = page.scheduling ?? SchedulingControls()
        func duration(_ minutes: Int?) -> String { minutes.map(durationText) ?? "off" }
        return SetupForm(kind: .scheduling(page.id), title: "Scheduling controls of \(page.name)", rows: [
            .text(label: "Buffer before", field: TextField(duration(c.bufferBefore)), placeholder: "off, or e.g. 10m"),
            .text(label: "Buffer after", field: TextField(duration(c.bufferAfter)), placeholder: "off, or e.g. 10m"),
            .text(label: "Min. notice", field: TextField(duration(c.minimumNotice)), placeholder: "off, or e.g. 4h"),
            .text(label: "Horizon", field: TextField(c.horizonDays.map { "\($0)d" } ?? "off"), placeholder: "off, or e.g. 60d"),
            .text(label: "Interval", field: TextField(duration(c.interval)), placeholder: "off (back to back), or e.g. 15m"),
            .text(label: "Daily limit", field: TextField(c.dailyLimit.map(String.init) ?? "off"), placeholder: "off, or a number"),
        ])
    }

    /// Minutes as the shortest duration text that reads back the same (`90m`, `4h`, `2d`).
    static func durationText(_ minutes: Int) -> String {
        if minutes > 0, minutes % (24 * 60) == 0 { return "\(minutes / (24 * 60))d" }
        if minutes > 0, minutes % 60 == 0 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }

    public static func members(_ master: MasterPage, workspace: Workspace) -> SetupForm {
        SetupForm(kind: .members(master.id, choices: workspace.bookingPages.map(\.id)), title: "Team members of \(master.name)",
                  rows: workspace.bookingPages.map { page in
                      .toggle(label: page.name, detail: page.owner, on: master.memberIDs.contains(page.id))
                  })
    }

    /// Nil when the master page has no team members or no event types to give a primary to.
    public static func primaries(_ master: MasterPage, workspace: Workspace) -> SetupForm? {
        let members = master.memberIDs.filter { workspace.bookingPage(id: $0) != nil }
        let types = master.eventTypeIDs.compactMap(workspace.eventType(id:))
        guard !members.isEmpty, !types.isEmpty else { return nil }
        let names = members.compactMap { workspace.bookingPage(id: $0)?.name }
        return SetupForm(kind: .primaries(master.id, eventTypes: types.map(\.id), members: members),
                         title: "Primary team members of \(master.name)",
                         rows: types.map { type in
                             let primary = master.rules.first { $0.eventTypeID == type.id }?.primaryPageID
                             return .choice(label: type.name, options: names,
                                            selected: primary.flatMap { members.firstIndex(of: $0) } ?? 0)
                         })
    }

    public static func newBookingPage(workspace: Workspace) -> SetupForm {
        let zone = workspace.bookingPages.first?.timeZone ?? "UTC"
        return SetupForm(kind: .newBookingPage(eventTypes: workspace.eventTypes.map(\.id)), title: "New booking page", rows: [
            .text(label: "Name", field: TextField(), placeholder: "e.g. Onboarding call"),
            .text(label: "Owner", field: TextField(), placeholder: "the team member's name"),
            .text(label: "Link", field: TextField(), placeholder: "slug, e.g. onboarding"),
            .text(label: "Time zone", field: TextField(zone), placeholder: "e.g. Europe/Berlin"),
            .text(label: "Hours", field: TextField("09:00–17:00"), placeholder: "Mon–Fri, e.g. 09:00–12:00, 13:00–17:00"),
        ] + workspace.eventTypes.enumerated().map { index, type in
            .toggle(label: type.name, detail: DurationText.describe(minutes: type.minutes), on: index == 0)
        })
    }

    public static func newEventType() -> SetupForm {
        SetupForm(kind: .newEventType, title: "New event type", rows: [
            .text(label: "Name", field: TextField(), placeholder: "e.g. 45-minute meeting"),
            .text(label: "Length", field: TextField(), placeholder: "e.g. 45m, 1h, 90m"),
        ])
    }
}

// MARK: - Saving

extension SetupForm {
    /// The workspace as it would be after this edit, and a phrase for the status line; or the
    /// first problem of the rows. The runner applies the edit to the workspace as the store holds
    /// it when the edit is saved (not to the console's older snapshot), so a change made meanwhile
    /// elsewhere is kept; rows stand for ids, not positions, for the same reason. The plan then
    /// checks the whole workspace again, as `workspace apply` does.
    public func proposal(from workspace: Workspace) -> Result<(workspace: Workspace, summary: String), Refusal> {
        do {
            return .success(try propose(workspace))
        } catch let refusal as Refusal {
            return .failure(refusal)
        } catch {
            return .failure(Refusal("\(error)"))
        }
    }

    private func bookingPage(_ id: PageID, in workspace: Workspace) throws(Refusal) -> (Int, BookingPage) {
        guard let index = workspace.bookingPages.firstIndex(where: { $0.id == id }) else {
            throw Refusal("that booking page no longer exists (changed elsewhere)")
        }
        return (index, workspace.bookingPages[index])
    }

    private func masterPage(_ id: PageID, in workspace: Workspace) throws(Refusal) -> (Int, MasterPage) {
        guard let index = workspace.masterPages.firstIndex(where: { $0.id == id }) else {
            throw Refusal("that master page no longer exists (changed elsewhere)")
        }
        return (index, workspace.masterPages[index])
    }

    private func propose(_ original: Workspace) throws(Refusal) -> (workspace: Workspace, summary: String) {
        var workspace = original
        switch kind {
        case .hours(let id):
            var (index, page) = try bookingPage(id, in: workspace)
            var ranges: [DayRange] = []
            for (day, row) in zip(Weekday.allCases, rows) { ranges += try HoursText.ranges(row.text, day: day) }
            let own = page.availability.dateHours  // not edited here: kept as the file set them
            page.availability = WeeklyAvailability(ranges: ranges, datesOff: page.availability.datesOff)
            page.availability.dateHours = own
            workspace.bookingPages[index] = page
            return (workspace, "weekly hours of \(page.name): \(page.availability.summary)")
        case .datesOff(let id):
            var (index, page) = try bookingPage(id, in: workspace)
            page.availability.datesOff = try HoursText.datesOff(rows.first?.text ?? "")
            workspace.bookingPages[index] = page
            let count = page.availability.datesOff.count
            return (workspace, "dates off of \(page.name): \(count == 0 ? "none" : "\(count)")")
        case let .eventTypes(id, choices):
            var (index, page) = try bookingPage(id, in: workspace)
            let chosen = zip(choices, rows).filter { $0.1.isOn }.map(\.0)
            guard !chosen.isEmpty else { throw Refusal("a booking page offers at least one event type") }
            page.eventTypeIDs = chosen
            workspace.bookingPages[index] = page
            return (workspace, "event types of \(page.name): \(chosen.count)")
        case .policy(let id):
            var (index, page) = try bookingPage(id, in: workspace)
            let reasons = Self.reasonRules
            guard rows.count == 4 else { throw Refusal("the policy editor is incomplete") }
            page.policy = ChangePolicy(cancel: try ChangeWindow.parse(rows[0].text),
                                       cancelReason: reasons[min(rows[1].choice, reasons.count - 1)],
                                       reschedule: try ChangeWindow.parse(rows[2].text),
                                       rescheduleReason: reasons[min(rows[3].choice, reasons.count - 1)],
                                       confirmWithin: page.policy.confirmWithin)  // not edited here: kept as the file set it
            workspace.bookingPages[index] = page
            return (workspace, "policy of \(page.name): cancel \(page.policy.cancel.summary), reschedule \(page.policy.reschedule.summary)")
        case .scheduling(let id):
            var (index, page) = try bookingPage(id, in: workspace)
            guard rows.count == 6 else { throw Refusal("the scheduling editor is incomplete") }
            func minutes(_ row: Int, _ name: String, _ range: ClosedRange<Int>, unit: Int = 1) throws(Refusal) -> Int? {
                try SchedulingControls.value(rows[row].text, name, range: range, unit: unit)
            }
            var controls = SchedulingControls()
            controls.bufferBefore = try minutes(0, "the buffer before", SchedulingControls.bufferRange)
            controls.bufferAfter = try minutes(1, "the buffer after", SchedulingControls.bufferRange)
            controls.minimumNotice = try minutes(2, "the minimum notice", SchedulingControls.noticeRange)
            controls.horizonDays = try minutes(3, "the horizon", SchedulingControls.horizonRange, unit: 24 * 60)
            controls.interval = try minutes(4, "the interval", SchedulingControls.intervalRange)
            let limit = rows[5].text
            if !limit.isEmpty, limit.lowercased() != "off" {
                guard let count = Int(limit), SchedulingControls.dailyLimitRange.contains(count) else {
                    throw Refusal("the daily limit takes 1 to 1000, or off")
                }
                controls.dailyLimit = count
            }
            page.scheduling = controls.isEmpty ? nil : controls
            workspace.bookingPages[index] = page
            return (workspace, "scheduling controls of \(page.name): " + SetupForm.schedulingSummary(controls))
        case let .members(id, choices):
            var (index, master) = try masterPage(id, in: workspace)
            let chosen = zip(choices, rows).filter { $0.1.isOn }.map(\.0)
            guard !chosen.isEmpty else { throw Refusal("a master page needs at least one team member") }
            master.memberIDs = chosen
            // A rule whose primary left the team goes with them; Setup's primaries editor sets a new one.
            master.rules.removeAll { !chosen.contains($0.primaryPageID) }
            workspace.masterPages[index] = master
            return (workspace, "team members of \(master.name): \(chosen.count)")
        case let .primaries(id, eventTypes, members):
            var (index, master) = try masterPage(id, in: workspace)
            master.rules = zip(eventTypes, rows).map { type, row in
                DynamicRule(eventTypeID: type, primaryPageID: members[min(row.choice, members.count - 1)])
            }
            workspace.masterPages[index] = master
            return (workspace, "primary team members of \(master.name)")
        case .newBookingPage(let eventTypes):
            guard rows.count >= 5 else { throw Refusal("the new page form is incomplete") }
            let name = rows[0].text, owner = rows[1].text, slug = rows[2].text, zone = rows[3].text
            guard !name.isEmpty else { throw Refusal("type the page's name") }
            guard !owner.isEmpty else { throw Refusal("type the owner's name") }
            guard Slug.isValid(slug) else { throw Refusal("the link: use 2–64 letters, digits, - or _") }
            guard TimeZone(identifier: zone) != nil else { throw Refusal("\(zone) is not a time zone (e.g. Europe/Berlin)") }
            var ranges: [DayRange] = []
            for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] {
                ranges += try HoursText.ranges(rows[4].text, day: day)
            }
            let types = zip(eventTypes, rows.dropFirst(5)).filter { $0.1.isOn }.map(\.0)
            guard !types.isEmpty else { throw Refusal("a booking page offers at least one event type") }
            // A new page's id is ≤ 0 until the plan gives it one (WorkspaceCheck, assigningIDs).
            workspace.bookingPages.append(BookingPage(id: -1, name: name, owner: owner, slug: slug, timeZone: zone,
                                                      availability: WeeklyAvailability(ranges: ranges), eventTypeIDs: types,
                                                      policy: .lenient))
            return (workspace, "booking page \(name) added")
        case .newCalendar, .calendars:
            throw Refusal("a calendar is not part of the workspace")  // `calendarEdit()` is what the runner applies
        case .newEventType:
            guard rows.count >= 2 else { throw Refusal("the new event type form is incomplete") }
            let name = rows[0].text
            guard !name.isEmpty else { throw Refusal("type the event type's name") }
            let minutes = try DurationText.minutes(rows[1].text)
            guard (5...(24 * 60)).contains(minutes) else { throw Refusal("an event type lasts from 5 minutes to 24 hours") }
            workspace.eventTypes.append(EventType(id: -1, name: name, minutes: minutes))
            return (workspace, "event type \(name) added (offer it under a page's event types)")
        }
    }
}

extension SetupForm {
    /// The controls in a few words, for the status line and the page's details.
    public static func schedulingSummary(_ c: SchedulingControls) -> String {
        var parts: [String] = []
        if let buffers = c.buffers { parts.append("buffers \(durationText(buffers.before))/\(durationText(buffers.after))") }
        if let notice = c.minimumNotice { parts.append("notice \(durationText(notice))") }
        if let days = c.horizonDays { parts.append("up to \(days)d ahead") }
        if let interval = c.interval { parts.append("every \(durationText(interval))") }
        if let limit = c.dailyLimit { parts.append("\(limit) a day") }
        return parts.isEmpty ? "none" : parts.joined(separator: " · ")
    }
}
