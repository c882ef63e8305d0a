import Foundation

/// What the store holds that a workspace change must respect: bookings and one-time links are
/// kept, so a page or event type they refer to cannot be removed.
public struct WorkspaceUsage: Equatable, Sendable {
    public struct Count: Equatable, Sendable {
        public var live: Int
        public var total: Int
        public init(live: Int, total: Int) { self.live = live; self.total = total }
    }
    /// Bookings made through a page or with a team member, by page id.
    public var bookings: [PageID: Count]
    /// Bookings of each event type (all of them).
    public var eventTypeBookings: [EventTypeID: Int]
    /// One-time links of each master page: live at the time of reading, and in all.
    public var oneTimeLinks: [PageID: Count]

    public init(bookings: [PageID: Count] = [:], eventTypeBookings: [EventTypeID: Int] = [:],
                oneTimeLinks: [PageID: Count] = [:]) {
        self.bookings = bookings
        self.eventTypeBookings = eventTypeBookings
        self.oneTimeLinks = oneTimeLinks
    }
}

/// The difference between the workspace as it is and a proposed one, with the consequences
/// SPEC §1 gives slug changes and rule switches, and what stands in the way (`blockers`). Built
/// by `Linkdesk.planWorkspace`, shown to the user, then handed back to `Linkdesk.applyWorkspace`,
/// which refuses it when the workspace changed meanwhile (`base` no longer what the store holds).
public struct WorkspacePlan: Equatable, Sendable {
    public enum Change: Equatable, Sendable {
        case eventTypeAdded(EventType)
        case eventTypeChanged(from: EventType, to: EventType)
        case eventTypeRemoved(EventType)
        case pageAdded(Page)
        /// `fields`: what changed, in the file's words ("hours", "policy", "team members", …).
        case pageChanged(from: Page, to: Page, fields: [String])
        case pageRemoved(Page)
        /// SPEC §1: the former link stops working at once (it is remembered, to say so).
        case slugChanged(page: String, from: String, to: String)
        /// One-time links stop working for good when a master page leaves Dynamic rules.
        case ruleSwitched(id: PageID, page: String, from: RuleType, to: RuleType, oneTimeLinksKilled: Int)
        case scenarioChanged(id: PageID, page: String, from: Scenario, to: Scenario, oneTimeLinksKilled: Int)
    }

    /// Why the plan cannot be applied as it is.
    public enum Blocker: Equatable, Sendable {
        case pageHasBookings(page: String, live: Int, total: Int)
        case pageHasOneTimeLinks(page: String, count: Int)
        case eventTypeHasBookings(event: String, count: Int)

        public var message: String {
            switch self {
            case let .pageHasBookings(page, live, total):
                let which = live > 0 ? "\(live) live booking\(live == 1 ? "" : "s")" + (total > live ? " (\(total) in all)" : "")
                    : "\(total) past booking\(total == 1 ? "" : "s")"
                return "cannot remove \"\(page)\": it has \(which), which linkdesk keeps; cancel them and keep the page, "
                    + "or leave it in the file"
            case let .pageHasOneTimeLinks(page, count):
                return "cannot remove \"\(page)\": it has \(count) one-time link\(count == 1 ? "" : "s"), which linkdesk keeps; "
                    + "leave it in the file (switch it to Static rules to stop them)"
            case let .eventTypeHasBookings(event, count):
                return "cannot remove event type \"\(event)\": \(count) booking\(count == 1 ? " uses" : "s use") it"
            }
        }
    }

    public let base: Workspace
    public let proposed: Workspace
    public let changes: [Change]
    public let blockers: [Blocker]

    public var isEmpty: Bool { changes.isEmpty }

    /// `proposed` must have passed `WorkspaceCheck` and carry its final ids
    /// (`Workspace.assigningIDs(after:)`).
    public init(base: Workspace, proposed: Workspace, usage: WorkspaceUsage) {
        self.base = base
        self.proposed = proposed
        var changes: [Change] = []
        var blockers: [Blocker] = []

        let oldEvents = Dictionary(base.eventTypes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newEventIDs = Set(proposed.eventTypes.map(\.id))
        for event in proposed.eventTypes {
            if let old = oldEvents[event.id] {
                if old != event { changes.append(.eventTypeChanged(from: old, to: event)) }
            } else {
                changes.append(.eventTypeAdded(event))
            }
        }
        for event in base.eventTypes where !newEventIDs.contains(event.id) {
            changes.append(.eventTypeRemoved(event))
            if let n = usage.eventTypeBookings[event.id], n > 0 { blockers.append(.eventTypeHasBookings(event: event.name, count: n)) }
        }

        for page in proposed.pages {
            guard let old = base.page(id: page.id) else { changes.append(.pageAdded(page)); continue }
            guard old != page else { continue }
            let fields = Self.changedFields(old, page, base: base, proposed: proposed)
            if !fields.isEmpty { changes.append(.pageChanged(from: old, to: page, fields: fields)) }
            if old.slug != page.slug { changes.append(.slugChanged(page: page.name, from: old.slug, to: page.slug)) }
            if case .master(let was) = old, case .master(let now) = page {
                let killed = was.allowsOneTimeLinks && !now.allowsOneTimeLinks ? usage.oneTimeLinks[page.id]?.live ?? 0 : 0
                if was.ruleType != now.ruleType {
                    changes.append(.ruleSwitched(id: now.id, page: now.name, from: was.ruleType, to: now.ruleType,
                                                 oneTimeLinksKilled: was.scenario == now.scenario ? killed : 0))
                }
                if was.scenario != now.scenario {
                    changes.append(.scenarioChanged(id: now.id, page: now.name, from: was.scenario, to: now.scenario, oneTimeLinksKilled: killed))
                }
            }
        }
        for page in base.pages where proposed.page(id: page.id) == nil {
            changes.append(.pageRemoved(page))
            if let count = usage.bookings[page.id], count.total > 0 {
                blockers.append(.pageHasBookings(page: page.name, live: count.live, total: count.total))
            }
            if let links = usage.oneTimeLinks[page.id], links.total > 0 {
                blockers.append(.pageHasOneTimeLinks(page: page.name, count: links.total))
            }
        }
        self.changes = changes
        self.blockers = blockers
    }

    /// Master pages whose one-time links stop working when this plan is applied: exactly those
    /// `page set-rules` would invalidate (leaving Dynamic rules of Rule-based assignment).
    public var invalidatesOneTimeLinks: [PageID] {
        proposed.masterPages.compactMap { now in
            guard case .master(let was)? = base.page(id: now.id), was.allowsOneTimeLinks, !now.allowsOneTimeLinks else { return nil }
            return now.id
        }
    }

    /// Pages whose former slug is kept, so a customer who follows it is told it stopped working.
    public var formerSlugs: [(page: PageID, slug: String)] {
        proposed.pages.compactMap { page in
            guard let old = base.page(id: page.id), old.slug != page.slug else { return nil }
            return (page.id, old.slug)
        }
    }

    /// The activity this plan writes, given how many live one-time links each master page's
    /// switch stopped. Slug changes and rule switches write what `page set-link` and
    /// `page set-rules` write.
    public func events(at now: Date, stopped: [PageID: Int]) -> [ActivityEvent] {
        var events: [ActivityEvent] = []
        for change in changes {
            switch change {
            case .eventTypeAdded(let e):
                events.append(ActivityEvent(at: now, actor: .staff, kind: .workspaceChanged, subject: e.name,
                                            detail: "event type added (\(e.minutes) min)"))
            case .eventTypeChanged(let from, let to):
                events.append(ActivityEvent(at: now, actor: .staff, kind: .workspaceChanged, subject: to.name,
                                            detail: from.name == to.name ? "event type: \(from.minutes) → \(to.minutes) min"
                                                : "event type renamed from \(from.name), \(to.minutes) min"))
            case .eventTypeRemoved(let e):
                events.append(ActivityEvent(at: now, actor: .staff, kind: .workspaceChanged, subject: e.name, detail: "event type removed"))
            case .pageAdded(let p):
                events.append(ActivityEvent(at: now, actor: .staff, kind: .workspaceChanged, subject: p.name,
                                            detail: "\(p.kind.rawValue) page added as \(p.slug)"))
            case .pageChanged(_, let to, let fields):
                events.append(ActivityEvent(at: now, actor: .staff, kind: .workspaceChanged, subject: to.name,
                                            detail: "changed: " + fields.joined(separator: ", ")))
            case .pageRemoved(let p):
                events.append(ActivityEvent(at: now, actor: .staff, kind: .workspaceChanged, subject: p.name,
                                            detail: "\(p.kind.rawValue) page \(p.slug) removed"))
            case let .slugChanged(page, from, to):
                events.append(PageRules.slugChangedEvent(page: page, from: from, to: to, at: now))
            case let .ruleSwitched(id, page, from, to, _):
                // The same two entries `page set-rules` writes; a switch within Pooled availability
                // (where rule types do not apply) stops nothing.
                let stops = from == .dynamic && invalidatesOneTimeLinks.contains(id)
                events += PageRules.ruleSwitchEvents(page: page, from: from, to: to, at: now, stopped: stops ? stopped[id] ?? 0 : nil)
            case let .scenarioChanged(id, page, from, to, _):
                events.append(ActivityEvent(at: now, actor: .staff, kind: .workspaceChanged, subject: page,
                                            detail: "scenario: \(from.title) → \(to.title)"))
                let switchedToo = changes.contains { if case .ruleSwitched(id, _, .dynamic, _, _) = $0 { true } else { false } }
                if invalidatesOneTimeLinks.contains(id), !switchedToo {
                    events.append(PageRules.invalidatedEvent(page: page, stopped: stopped[id] ?? 0, at: now))
                }
            }
        }
        return events
    }

    static func changedFields(_ old: Page, _ new: Page, base: Workspace, proposed: Workspace) -> [String] {
        var fields: [String] = []
        func add(_ changed: Bool, _ name: String) { if changed { fields.append(name) } }
        add(old.name != new.name, "name")
        switch (old, new) {
        case (.booking(let a), .booking(let b)):
            add(a.owner != b.owner, "owner")
            add(a.ownerLogin != b.ownerLogin, "owned by " + (b.ownerLogin ?? "no staff member"))
            add(a.timeZone != b.timeZone, "time zone \(a.timeZone) → \(b.timeZone)")
            add(a.availability.ranges != b.availability.ranges, "hours \(a.availability.summary) → \(b.availability.summary)")
            add(a.availability.datesOff != b.availability.datesOff, "dates off")
            add(a.availability.dateHours != b.availability.dateHours, "date hours")
            add(a.eventTypeIDs != b.eventTypeIDs, "event types")
            add(a.policy != b.policy, "policy")
            add(a.scheduling != b.scheduling, "scheduling")
            add(a.eventScheduling != b.eventScheduling, "event types' scheduling")
            add(a.reminders != b.reminders, "reminders " + (b.reminders.map { $0.isEmpty ? "none" : $0.map { DurationText.describe(minutes: $0 / 60) }.joined(separator: ", ") } ?? "as by default"))
        case (.master(let a), .master(let b)):
            add(a.memberIDs != b.memberIDs, "team members")
            add(a.eventTypeIDs != b.eventTypeIDs, "event types")
            add(a.rules != b.rules, "Dynamic rules")
            add(a.locale != b.locale, "locale")
            add(a.theme != b.theme, "theme")
        default:
            fields.append("kind")
        }
        return fields
    }
}

extension WorkspacePlan.Change {
    /// One line for the plan as `workspace apply` and the Setup view show it.
    public var summary: String {
        switch self {
        case .eventTypeAdded(let e): return "+ event type \"\(e.name)\" (\(e.minutes) min)"
        case let .eventTypeChanged(from, to):
            return "~ event type \"\(from.name)\"" + (from.name != to.name ? " → \"\(to.name)\"" : "")
                + (from.minutes != to.minutes ? ": \(from.minutes) → \(to.minutes) min" : "")
        case .eventTypeRemoved(let e): return "- event type \"\(e.name)\""
        case .pageAdded(let p): return "+ \(p.kind.rawValue) page \"\(p.name)\" (\(p.slug))"
        case let .pageChanged(_, to, fields): return "~ \(to.kind.rawValue) page \"\(to.name)\": " + fields.joined(separator: "; ")
        case .pageRemoved(let p): return "- \(p.kind.rawValue) page \"\(p.name)\" (\(p.slug))"
        case let .slugChanged(page, from, to):
            return "! \"\(page)\" link \(from) → \(to): the former link stops working at once"
        case let .ruleSwitched(_, page, from, to, killed):
            return "! \"\(page)\" \(from.title) → \(to.title)"
                + (from == .dynamic ? ": \(killed) live one-time link\(killed == 1 ? "" : "s") stop working for good" : "")
        case let .scenarioChanged(_, page, from, to, killed):
            return "! \"\(page)\" \(from.title) → \(to.title)"
                + (killed > 0 || from == .ruleBased ? ": \(killed) live one-time link\(killed == 1 ? "" : "s") stop working for good" : "")
        }
    }
}

extension Workspace {
    /// The workspace with every id ≤ 0 (a new entry: the file layer and the Setup view number
    /// them -1, -2, … so that references between them resolve) replaced, references included:
    /// by the id of the existing page of the same kind and slug (event type: of the same name)
    /// when there is one no other entry claims, so that a file without ids applies twice the
    /// same; else by a fresh id above any in `current` or here.
    public func assigningIDs(after current: Workspace) -> Workspace {
        var next = ([current.eventTypes.map(\.id), current.pages.map(\.id), eventTypes.map(\.id), pages.map(\.id)]
            .joined().max() ?? 0) + 1
        func fresh() -> Int64 { defer { next += 1 }; return next }
        var claimedEvents = Set(eventTypes.map(\.id).filter { $0 > 0 })
        var claimedPages = Set(pages.map(\.id).filter { $0 > 0 })
        var eventMap: [Int64: Int64] = [:]
        for e in eventTypes where e.id <= 0 && eventMap[e.id] == nil {
            let existing = current.eventTypes.first { $0.name.caseInsensitiveCompare(e.name) == .orderedSame }?.id
            if let existing, claimedEvents.insert(existing).inserted { eventMap[e.id] = existing } else { eventMap[e.id] = fresh() }
        }
        var pageMap: [Int64: Int64] = [:]
        for p in pages where p.id <= 0 && pageMap[p.id] == nil {
            let existing = current.page(slug: p.slug).flatMap { $0.kind == p.kind ? $0.id : nil }
            if let existing, claimedPages.insert(existing).inserted { pageMap[p.id] = existing } else { pageMap[p.id] = fresh() }
        }
        func event(_ id: Int64) -> Int64 { eventMap[id] ?? id }
        func page(_ id: Int64) -> Int64 { pageMap[id] ?? id }
        var result = self
        result.eventTypes = eventTypes.map { e in var e = e; e.id = event(e.id); return e }
        result.bookingPages = bookingPages.map { p in
            var p = p; p.id = page(p.id); p.eventTypeIDs = p.eventTypeIDs.map(event)
            p.eventScheduling = p.eventScheduling?.map { EventScheduling(eventTypeID: event($0.eventTypeID), controls: $0.controls) }
            return p
        }
        result.masterPages = masterPages.map { m in
            var m = m
            m.id = page(m.id)
            m.eventTypeIDs = m.eventTypeIDs.map(event)
            m.memberIDs = m.memberIDs.map(page)
            m.rules = m.rules.map { DynamicRule(eventTypeID: event($0.eventTypeID), primaryPageID: page($0.primaryPageID)) }
            return m
        }
        return result
    }
}
