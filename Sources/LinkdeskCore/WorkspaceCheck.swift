import Foundation

/// What is wrong with a proposed workspace, as a value: the file layer, the console's Setup view
/// and the service word it the same way (`message`) and place it by `path`.
public struct WorkspaceIssue: Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case empty(field: String)
        case duplicateID(Int64)
        case duplicateEventTypeName(String)
        case eventMinutes(Int)
        case invalidSlug(String)
        case slugTaken(String, by: String)
        case unknownTimeZone(String)
        case hoursOutOfDay(String)
        case hoursBackwards(String)
        case hoursOverlap(String, String, day: Weekday)
        case duplicateDateOff(LocalDate)
        case unknownEventType(Int64)
        case notOffered(event: String, page: String)
        case unknownMember(Int64)
        case duplicateMember(String)
        case noMembers
        case ruleNotMember(page: String, master: String)
        case duplicateRule(event: String)
        case policyWindow(minutes: Int)
        /// The id names an existing page of the other kind (a page cannot change kind).
        case idOfOtherKind(Int64, existing: String)
        /// A scheduling control outside its range (`SchedulingControls`), named.
        case schedulingOutOfRange(String)
    }

    public var path: WorkspacePath
    public var problem: Problem

    public init(_ path: WorkspacePath, _ problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var message: String {
        switch problem {
        case .empty(let field): return "\(field) must not be empty"
        case .duplicateID(let id): return "id \(id) is used twice"
        case .duplicateEventTypeName(let name): return "event type \"\(name)\" is defined twice"
        case .eventMinutes(let m): return "an event type lasts 5 minutes to 24 hours, not \(m) minutes"
        case .invalidSlug(let slug): return "invalid page link \"\(slug.prefix(70))\": use 2–64 letters, digits, - or _"
        case .slugTaken(let slug, let name): return Refusal.Reason.slugTaken(slug: slug, by: name).sentence
        case .unknownTimeZone(let zone): return "unknown time zone \"\(zone)\": use an IANA name such as Europe/Paris"
        case .hoursOutOfDay(let range): return "hours \(range) are not within one day (00:00–24:00)"
        case .hoursBackwards(let range): return "hours \(range) close before they open"
        case .hoursOverlap(let a, let b, let day): return "hours \(a) and \(b) overlap on \(day.shortName)"
        case .duplicateDateOff(let date): return "date off \(date) is listed twice"
        case .unknownEventType(let id): return "no event type #\(id) in this workspace"
        case .notOffered(let event, let page): return "event type \"\(event)\" is not offered by any team member of \"\(page)\""
        case .unknownMember(let id): return "no booking page #\(id) to be a team member"
        case .duplicateMember(let name): return "\"\(name)\" is a team member twice"
        case .noMembers: return "a master page needs at least one team member"
        case .ruleNotMember(let page, let master): return "the rule names \"\(page)\", which is not a team member of \"\(master)\""
        case .duplicateRule(let event): return "two rules for event type \"\(event)\""
        case .policyWindow: return "a policy timeframe must be between 15 minutes and 14 days"
        case let .idOfOtherKind(id, existing): return "id \(id) is \(existing); a page cannot change kind (leave the id out for a new page)"
        case .schedulingOutOfRange(let name): return "\(name) is out of range"
        }
    }

    public var description: String { "\(path): \(message)" }
}

/// Checks a whole proposed workspace at once, so that every problem is reported together and
/// nothing is applied while any remains. The same checks the single-page commands make
/// (`Slug`, `Refusal.Reason.slugTaken`, `ChangeWindow`'s bounds), gathered rather than thrown.
public enum WorkspaceCheck {
    public static func issues(in workspace: Workspace) -> [WorkspaceIssue] {
        var issues: [WorkspaceIssue] = []
        let root = WorkspacePath.root
        var ids: Set<Int64> = []

        var eventNames: Set<String> = []
        for (i, event) in workspace.eventTypes.enumerated() {
            let path = root / "eventTypes" / i
            if event.id > 0, !ids.insert(event.id).inserted { issues.append(.init(path / "id", .duplicateID(event.id))) }
            let name = event.name.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { issues.append(.init(path / "name", .empty(field: "name"))) }
            else if !eventNames.insert(name.lowercased()).inserted {
                issues.append(.init(path / "name", .duplicateEventTypeName(event.name)))
            }
            if !(5...24 * 60).contains(event.minutes) { issues.append(.init(path / "minutes", .eventMinutes(event.minutes))) }
        }
        let eventIDs = Set(workspace.eventTypes.map(\.id))
        func eventName(_ id: Int64) -> String { workspace.eventType(id: id)?.name ?? "#\(id)" }

        var pageIDs: Set<Int64> = []
        var slugs: [String: String] = [:]
        func checkPage(id: Int64, name: String, slug: String, path: WorkspacePath) {
            if id > 0, !pageIDs.insert(id).inserted { issues.append(.init(path / "id", .duplicateID(id))) }
            if name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(path / "name", .empty(field: "name"))) }
            if !Slug.isValid(slug) {
                issues.append(.init(path / "slug", .invalidSlug(slug)))
            } else if let other = slugs[slug.lowercased()] {
                issues.append(.init(path / "slug", .slugTaken(slug, by: other)))
            } else {
                slugs[slug.lowercased()] = name
            }
        }
        func checkEvents(_ list: [EventTypeID], path: WorkspacePath) {
            for (j, id) in list.enumerated() where !eventIDs.contains(id) {
                issues.append(.init(path / "eventTypeIDs" / j, .unknownEventType(id)))
            }
        }

        for (i, page) in workspace.bookingPages.enumerated() {
            let path = root / "bookingPages" / i
            checkPage(id: page.id, name: page.name, slug: page.slug, path: path)
            if page.owner.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(path / "owner", .empty(field: "owner"))) }
            if TimeZone(identifier: page.timeZone) == nil { issues.append(.init(path / "timeZone", .unknownTimeZone(page.timeZone))) }
            issues += hoursIssues(page.availability, path: path / "availability")
            checkEvents(page.eventTypeIDs, path: path)
            if let controls = page.scheduling { issues += Self.schedulingIssues(controls, path: path / "scheduling") }
            for (j, own) in (page.eventScheduling ?? []).enumerated() {
                if !page.eventTypeIDs.contains(own.eventTypeID) {
                    issues.append(.init(path / "eventScheduling" / j, .notOffered(event: eventName(own.eventTypeID), page: page.name)))
                }
                issues += Self.schedulingIssues(own.controls, path: path / "eventScheduling" / j)
            }
            for (key, window) in [("cancel", page.policy.cancel), ("reschedule", page.policy.reschedule)] {
                if case .upTo(let m) = window, !(ChangeWindow.minimumMinutes...ChangeWindow.maximumMinutes).contains(m) {
                    issues.append(.init(path / "policy" / key, .policyWindow(minutes: m)))
                }
            }
        }

        for (i, master) in workspace.masterPages.enumerated() {
            let path = root / "masterPages" / i
            checkPage(id: master.id, name: master.name, slug: master.slug, path: path)
            checkEvents(master.eventTypeIDs, path: path)
            if master.memberIDs.isEmpty { issues.append(.init(path / "memberIDs", .noMembers)) }
            var seen: Set<Int64> = []
            for (j, id) in master.memberIDs.enumerated() {
                guard let member = workspace.bookingPage(id: id) else {
                    issues.append(.init(path / "memberIDs" / j, .unknownMember(id)))
                    continue
                }
                if !seen.insert(id).inserted { issues.append(.init(path / "memberIDs" / j, .duplicateMember(member.name))) }
            }
            let offered = Set(master.memberIDs.compactMap(workspace.bookingPage(id:)).flatMap(\.eventTypeIDs))
            for (j, id) in master.eventTypeIDs.enumerated() where eventIDs.contains(id) && !offered.contains(id) && !master.memberIDs.isEmpty {
                issues.append(.init(path / "eventTypeIDs" / j, .notOffered(event: eventName(id), page: master.name)))
            }
            var ruled: Set<Int64> = []
            for (j, rule) in master.rules.enumerated() {
                let rulePath = path / "rules" / j
                if !eventIDs.contains(rule.eventTypeID) {
                    issues.append(.init(rulePath / "eventTypeID", .unknownEventType(rule.eventTypeID)))
                } else if !ruled.insert(rule.eventTypeID).inserted {
                    issues.append(.init(rulePath / "eventTypeID", .duplicateRule(event: eventName(rule.eventTypeID))))
                }
                if !master.memberIDs.contains(rule.primaryPageID) {
                    let name = workspace.page(id: rule.primaryPageID)?.name ?? "#\(rule.primaryPageID)"
                    issues.append(.init(rulePath / "primaryPageID", .ruleNotMember(page: name, master: master.name)))
                }
            }
        }
        return issues
    }

    /// What only the workspace as it is can tell: an id of an existing page used for a page of
    /// the other kind.
    public static func issues(in proposed: Workspace, against current: Workspace) -> [WorkspaceIssue] {
        var issues = issues(in: proposed)
        for (i, page) in proposed.bookingPages.enumerated() {
            if case .master(let m)? = current.page(id: page.id) {
                issues.append(.init(WorkspacePath.root / "bookingPages" / i / "id", .idOfOtherKind(page.id, existing: "master page \"\(m.name)\"")))
            }
        }
        for (i, page) in proposed.masterPages.enumerated() {
            if case .booking(let b)? = current.page(id: page.id) {
                issues.append(.init(WorkspacePath.root / "masterPages" / i / "id", .idOfOtherKind(page.id, existing: "booking page \"\(b.name)\"")))
            }
        }
        return issues
    }

    static func hoursIssues(_ hours: WeeklyAvailability, path: WorkspacePath) -> [WorkspaceIssue] {
        var issues: [WorkspaceIssue] = []
        func text(_ r: DayRange) -> String { "\(WeeklyAvailability.clock(r.openMinute))–\(WeeklyAvailability.clock(r.closeMinute))" }
        for (i, range) in hours.ranges.enumerated() {
            let at = path / "ranges" / i
            if range.openMinute < 0 || range.closeMinute > 24 * 60 {
                issues.append(.init(at, .hoursOutOfDay(text(range))))
            } else if range.closeMinute <= range.openMinute {
                issues.append(.init(at, .hoursBackwards(text(range))))
            } else if let earlier = hours.ranges[..<i].first(where: { $0.overlaps(range) }) {
                issues.append(.init(at, .hoursOverlap(text(earlier), text(range), day: range.day)))
            }
        }
        var dates: Set<LocalDate> = []
        for (i, date) in hours.datesOff.enumerated() where !dates.insert(date).inserted {
            issues.append(.init(path / "datesOff" / i, .duplicateDateOff(date)))
        }
        return issues
    }
}

extension WorkspaceCheck {
    /// Each control within its range, whatever wrote it (a file, the Setup view, a store): the
    /// stores' own overlap checks count on buffers of a day at most.
    static func schedulingIssues(_ c: SchedulingControls, path: WorkspacePath) -> [WorkspaceIssue] {
        let checks: [(String, Int?, ClosedRange<Int>)] = [
            ("minimum notice", c.minimumNotice, SchedulingControls.noticeRange), ("horizon", c.horizonDays, SchedulingControls.horizonRange),
            ("interval", c.interval, SchedulingControls.intervalRange), ("daily limit", c.dailyLimit, SchedulingControls.dailyLimitRange),
            ("buffer before", c.bufferBefore, SchedulingControls.bufferRange), ("buffer after", c.bufferAfter, SchedulingControls.bufferRange),
        ]
        return checks.compactMap { name, value, range in
            guard let value, !range.contains(value) else { return nil }
            return WorkspaceIssue(path, .schedulingOutOfRange(name))
        }
    }
}
