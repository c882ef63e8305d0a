import Foundation
import LinkdeskCore
import Yams

/// Walks the composed nodes, gathering every problem rather than stopping at the first.
struct WorkspaceFileReader {
    typealias Problem = WorkspaceFile.Problem
    typealias Key = WorkspaceFile.Key

    var problems: [Problem] = []
    var positions: [WorkspacePath: Mark] = [:]
    /// The `staff:` list (nil when the file has no such key), and where things were written.
    var staff: [StaffMember]?
    var staffMarks: [String: Mark] = [:]
    var ownerMarks: [Int64: Mark] = [:]
    /// The `notifications:` settings (nil when the file has no such key: the settings stay as they are).
    var settings: WorkspaceSettings?
    /// Each staff member's `calendars:`, for the entries that have one.
    var calendars: [String: [CalendarEntry]] = [:]
    private var nextNew: Int64 = 0

    mutating func fail(_ node: Node?, _ message: String) {
        let mark = node?.mark
        problems.append(Problem(line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    mutating func note(_ path: WorkspacePath, _ node: Node?) {
        if let mark = node?.mark { positions[path] = mark }
    }

    private mutating func newID() -> Int64 {
        nextNew -= 1
        return nextNew
    }

    /// The keys of a mapping, checked against those allowed; nil (and a problem) when `node` is
    /// not a mapping. Missing required keys are reported at the mapping.
    mutating func fields(_ node: Node, _ allowed: [String], required: [String], what: String) -> [String: (key: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            fail(node, "\(what) must be a mapping of keys (\(allowed.joined(separator: ", ")))")
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            if !allowed.contains(name) {
                fail(key, "unknown key \"\(name)\" in \(what) (known: \(allowed.joined(separator: ", ")))")
            } else if result[name] != nil {
                fail(key, "key \"\(name)\" appears twice in \(what)")
            } else {
                result[name] = (key, value)
            }
        }
        for name in required where result[name] == nil {
            fail(node, "\(what) needs \"\(name)\"")
        }
        return result
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            fail(node, "\(what) must be a single value")
            return nil
        }
        return scalar.string
    }

    mutating func int(_ node: Node?, _ what: String) -> Int64? {
        guard let text = string(node, what) else { return nil }
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            fail(node, "\(what) must be a whole number, not \"\(text)\"")
            return nil
        }
        return value
    }

    /// A list; an empty value (`dates-off:`) is an empty list, and a single value a list of one.
    mutating func list(_ node: Node?, _ what: String) -> [Node] {
        guard let node else { return [] }
        if let sequence = node.sequence { return Array(sequence) }
        if let scalar = node.scalar {
            return scalar.string.isEmpty && scalar.style == .plain ? [] : [node]
        }
        fail(node, "\(what) must be a list")
        return []
    }

    mutating func choice<T>(_ node: Node?, _ what: String, _ options: [(String, T)]) -> T? {
        guard let text = string(node, what) else { return nil }
        if let hit = options.first(where: { $0.0 == text.lowercased() }) { return hit.1 }
        fail(node, "\(what) must be \(options.map(\.0).joined(separator: " or ")), not \"\(text)\"")
        return nil
    }

    // MARK: The workspace

    mutating func workspace(_ root: Node?) -> Workspace? {
        guard let root else { return nil }
        guard let top = fields(root, Key.top, required: [], what: "the workspace") else { return nil }
        let path = WorkspacePath.root

        var eventTypes: [EventType] = []
        var eventByName: [String: Int64] = [:]
        for (i, node) in list(top["event-types"]?.value, "event-types").enumerated() {
            guard let event = eventType(node, path / "eventTypes" / i) else { continue }
            eventTypes.append(event)
            if eventByName[event.name.lowercased()] == nil { eventByName[event.name.lowercased()] = event.id }
        }

        // Pages are numbered first, so that team members may be named by slug wherever they are.
        let bookingNodes = list(top["booking-pages"]?.value, "booking-pages")
        let masterNodes = list(top["master-pages"]?.value, "master-pages")
        var memberBySlug: [String: Int64] = [:]
        var bookingIDs: [Int64] = []
        for node in bookingNodes {
            let id = pageID(node)
            bookingIDs.append(id)
            if let slug = node.mapping?["slug"]?.scalar?.string, memberBySlug[slug.lowercased()] == nil {
                memberBySlug[slug.lowercased()] = id
            }
        }
        let context = Context(eventByName: eventByName, memberBySlug: memberBySlug)

        var bookingPages: [BookingPage] = []
        for (i, node) in bookingNodes.enumerated() {
            if let page = bookingPage(node, id: bookingIDs[i], path / "bookingPages" / i, context) { bookingPages.append(page) }
        }
        var masterPages: [MasterPage] = []
        for (i, node) in masterNodes.enumerated() {
            if let page = masterPage(node, path / "masterPages" / i, context) { masterPages.append(page) }
        }
        if let node = top["staff"]?.value { staff = staffList(node) }
        if top["notifications"] != nil || top["site"] != nil {
            var read = notifications(top["notifications"]?.value)
            var site: (limit: Int?, notice: Int?)? = (nil, nil)
            if let node = top["site"]?.value { site = self.site(node) }
            if let site {
                read?.bookingsPerClientHour = site.limit
                read?.newPageMinimumNotice = site.notice
            } else {
                read = nil
            }
            settings = read
        }
        return Workspace(eventTypes: eventTypes, bookingPages: bookingPages, masterPages: masterPages)
    }

    struct Context {
        var eventByName: [String: Int64]
        var memberBySlug: [String: Int64]
    }

    private mutating func pageID(_ node: Node) -> Int64 {
        guard let idNode = node.mapping?["id"] else { return newID() }
        guard let id = int(idNode, "id") else { return newID() }
        guard id > 0 else {
            fail(idNode, "id must be positive (leave it out for a new page)")
            return newID()
        }
        return id
    }

    private mutating func eventType(_ node: Node, _ path: WorkspacePath) -> EventType? {
        note(path, node)
        guard let f = fields(node, Key.eventType, required: ["name", "minutes"], what: "an event type") else { return nil }
        var id = newID()
        if let idNode = f["id"]?.value, let given = int(idNode, "id") {
            if given > 0 { id = given } else { fail(idNode, "id must be positive (leave it out for a new event type)") }
            note(path / "id", idNode)
        }
        note(path / "name", f["name"]?.value)
        note(path / "minutes", f["minutes"]?.value)
        guard let name = string(f["name"]?.value, "name"), let minutes = int(f["minutes"]?.value, "minutes") else { return nil }
        return EventType(id: id, name: name, minutes: Int(clamping: minutes))
    }

    private mutating func eventIDs(_ node: Node?, _ path: WorkspacePath, _ context: Context) -> [EventTypeID] {
        note(path, node)
        var ids: [EventTypeID] = []
        for (j, item) in list(node, "event-types").enumerated() {
            guard let name = string(item, "an event type") else { continue }
            guard let id = context.eventByName[name.lowercased()] else {
                fail(item, "no event type named \"\(name)\" in this file")
                continue
            }
            note(path / j, item)
            ids.append(id)
        }
        return ids
    }

    private mutating func bookingPage(_ node: Node, id: Int64, _ path: WorkspacePath, _ context: Context) -> BookingPage? {
        note(path, node)
        guard let f = fields(node, Key.bookingPage, required: ["name", "owner", "slug", "time-zone"], what: "a booking page") else {
            return nil
        }
        for (key, model) in [("id", "id"), ("name", "name"), ("owner", "owner"), ("slug", "slug"), ("time-zone", "timeZone")] {
            note(path / model, f[key]?.value)
        }
        let name = string(f["name"]?.value, "name")
        let owner = string(f["owner"]?.value, "owner")
        var ownerLogin: String?
        if let node = f["owned-by"]?.value, let text = string(node, "owned-by") {
            do {
                ownerLogin = try StaffLogin.validated(text)
                ownerMarks[id] = node.mark
            } catch { fail(node, "owned-by: " + error.message) }
        }
        let slug = string(f["slug"]?.value, "slug")
        let zone = string(f["time-zone"]?.value, "time-zone")
        var hours = availability(f["hours"]?.value, f["dates-off"]?.value, path / "availability")
        if let node = f["date-hours"]?.value {
            if let own = dateHours(node, path / "availability" / "dateHours") { hours?.dateHours = own } else { hours = nil }
        }
        let events = eventIDs(f["event-types"]?.value, path / "eventTypeIDs", context)
        let changePolicy: ChangePolicy? = f["policy"].map { self.policy($0.value, path / "policy") } ?? ChangePolicy.lenient
        let reminders: [Int]?? = f["reminders"].map { .some(self.reminders($0.value, path / "reminders")) } ?? .some(nil)
        let scheduling: SchedulingControls?? = f["scheduling"].map { .some(self.scheduling($0.value, path / "scheduling")) } ?? .some(nil)
        var ownControls: [EventScheduling]?
        var ownOK = true
        if let node = f["event-scheduling"]?.value {
            (ownControls, ownOK) = eventScheduling(node, offered: events, path / "eventScheduling", context)
        }
        guard let name, let owner, let slug, let zone, let hours, let changePolicy, let reminders, let scheduling, ownOK else { return nil }
        var page = BookingPage(id: id, name: name, owner: owner, slug: slug, timeZone: zone, availability: hours,
                               eventTypeIDs: events, policy: changePolicy, ownerLogin: ownerLogin, reminders: reminders)
        page.scheduling = scheduling.flatMap { $0.isEmpty ? nil : $0 }
        page.eventScheduling = ownControls.flatMap { $0.isEmpty ? nil : $0 }
        return page
    }

    /// `hours: {mon: [09:00-12:00, 13:00-17:00], …}` and `dates-off: [2026-12-24, …]`.
    private mutating func availability(_ hoursNode: Node?, _ datesNode: Node?, _ path: WorkspacePath) -> WeeklyAvailability? {
        var ranges: [(DayRange, Node)] = []
        var ok = true
        if let hoursNode {
            note(path, hoursNode)
            if let f = fields(hoursNode, Key.days, required: [], what: "hours") {
                for (index, key) in Key.days.enumerated() {
                    guard let value = f[key]?.value, let day = Weekday(rawValue: index + 1) else { continue }
                    for item in list(value, "hours of \(key)") {
                        guard let text = string(item, "hours") else { ok = false; continue }
                        guard let hours = Self.range(text) else {
                            fail(item, "hours must look like 09:00-17:00, not \"\(text)\"")
                            ok = false
                            continue
                        }
                        ranges.append((DayRange(day: day, openMinute: hours.0, closeMinute: hours.1), item))
                    }
                }
            } else { ok = false }
        }
        // Core keeps ranges sorted; the positions follow them.
        ranges.sort { $0.0 < $1.0 }
        for (i, entry) in ranges.enumerated() { note(path / "ranges" / i, entry.1) }
        var dates: [(LocalDate, Node)] = []
        for item in list(datesNode, "dates-off") {
            guard let text = string(item, "a date off") else { ok = false; continue }
            guard let date = LocalDate(text) else {
                fail(item, "a date off must be a date written 2026-12-24, not \"\(text)\"")
                ok = false
                continue
            }
            dates.append((date, item))
        }
        dates.sort { $0.0 < $1.0 }
        for (i, entry) in dates.enumerated() { note(path / "datesOff" / i, entry.1) }
        return ok ? WeeklyAvailability(ranges: ranges.map(\.0), datesOff: dates.map(\.0)) : nil
    }

    /// "09:00-17:00" (a hyphen or an en dash) as minutes; "24:00" closes at midnight. The same
    /// reading as the console's Setup view (`HoursText`).
    static func range(_ text: String) -> (Int, Int)? { HoursText.range(text, strict: true) }

    private mutating func policy(_ node: Node, _ path: WorkspacePath) -> ChangePolicy? {
        note(path, node)
        guard let f = fields(node, Key.policy, required: [], what: "a policy") else { return nil }
        let base = ChangePolicy.lenient
        func window(_ key: String, _ fallback: ChangeWindow, _ reader: inout WorkspaceFileReader) -> ChangeWindow? {
            guard let value = f[key]?.value else { return fallback }
            reader.note(path / key, value)
            guard let text = reader.string(value, key) else { return nil }
            do {
                return try ChangeWindow.parse(text)
            } catch {
                reader.fail(value, "\(key): \(error.message) (or any, never)")
                return nil
            }
        }
        func reason(_ key: String, _ fallback: ReasonRule, _ reader: inout WorkspaceFileReader) -> ReasonRule? {
            guard let value = f[key]?.value else { return fallback }
            return reader.choice(value, key, ReasonRule.allCases.map { ($0.rawValue, $0) })
        }
        // `confirm-by-email: 30m` (how long the slot is held), `on` for the default, `off` for none.
        var confirmWithin: Int?
        var confirmOK = true
        if let value = f["confirm-by-email"]?.value {
            note(path / "confirmWithin", value)
            if let text = string(value, "confirm-by-email") {
                switch text.lowercased() {
                case "off", "no", "false": break
                case "on", "yes", "true": confirmWithin = ChangePolicy.defaultConfirmMinutes
                default:
                    do {
                        let minutes = try DurationText.minutes(text)
                        if ChangePolicy.confirmRange.contains(minutes) {
                            confirmWithin = minutes
                        } else {
                            fail(value, "confirm-by-email holds a slot 5m to 1d, not \(text)")
                            confirmOK = false
                        }
                    } catch {
                        fail(value, "confirm-by-email: \(error.message) (or on, off)")
                        confirmOK = false
                    }
                }
            } else { confirmOK = false }
        }
        guard let cancel = window("cancel", base.cancel, &self), let cancelReason = reason("cancel-reason", base.cancelReason, &self),
              let reschedule = window("reschedule", base.reschedule, &self),
              let rescheduleReason = reason("reschedule-reason", base.rescheduleReason, &self), confirmOK else { return nil }
        return ChangePolicy(cancel: cancel, cancelReason: cancelReason, reschedule: reschedule, rescheduleReason: rescheduleReason,
                            confirmWithin: confirmWithin)
    }

    private mutating func masterPage(_ node: Node, _ path: WorkspacePath, _ context: Context) -> MasterPage? {
        note(path, node)
        let id = pageID(node)
        guard let f = fields(node, Key.masterPage, required: ["name", "slug", "members"], what: "a master page") else { return nil }
        for (key, model) in [("id", "id"), ("name", "name"), ("slug", "slug"), ("scenario", "scenario"), ("rule-type", "ruleType")] {
            note(path / model, f[key]?.value)
        }
        let name = string(f["name"]?.value, "name")
        let slug = string(f["slug"]?.value, "slug")
        let scenario = f["scenario"].map { choice($0.value, "scenario", [("rule-based", Scenario.ruleBased), ("pooled", .pooled)]) }
            ?? .ruleBased
        let ruleType = f["rule-type"].map { choice($0.value, "rule-type", RuleType.allCases.map { ($0.rawValue, $0) }) } ?? .dynamic
        let locale = f["locale"].map { string($0.value, "locale") } ?? "en"
        let theme = f["theme"].map { string($0.value, "theme") } ?? "default"

        let membersNode = f["members"]?.value
        note(path / "memberIDs", membersNode)
        var members: [PageID] = []
        for (j, item) in list(membersNode, "members").enumerated() {
            guard let slug = string(item, "a team member") else { continue }
            guard let member = context.memberBySlug[slug.lowercased()] else {
                fail(item, "no booking page with the link \"\(slug)\" in this file to be a team member")
                continue
            }
            note(path / "memberIDs" / j, item)
            members.append(member)
        }
        let events = eventIDs(f["event-types"]?.value, path / "eventTypeIDs", context)

        var rules: [DynamicRule] = []
        if let rulesNode = f["dynamic-rules"]?.value {
            note(path / "rules", rulesNode)
            if let mapping = rulesNode.mapping {
                for (key, value) in mapping {
                    guard let eventName = string(key, "an event type"), let memberSlug = string(value, "a team member") else { continue }
                    guard let event = context.eventByName[eventName.lowercased()] else {
                        fail(key, "no event type named \"\(eventName)\" in this file")
                        continue
                    }
                    guard let member = context.memberBySlug[memberSlug.lowercased()] else {
                        fail(value, "no booking page with the link \"\(memberSlug)\" in this file")
                        continue
                    }
                    let at = path / "rules" / rules.count
                    note(at, key)
                    note(at / "eventTypeID", key)
                    note(at / "primaryPageID", value)
                    rules.append(DynamicRule(eventTypeID: event, primaryPageID: member))
                }
            } else if !(rulesNode.scalar?.string.isEmpty ?? false) {
                fail(rulesNode, "dynamic-rules must map an event type to its primary team member (\"15-minute meeting: ann\")")
            }
        }
        guard let name, let slug, let scenario, let ruleType, let locale, let theme else { return nil }
        return MasterPage(id: id, name: name, slug: slug, scenario: scenario, ruleType: ruleType, locale: locale, theme: theme,
                          memberIDs: members, eventTypeIDs: events, rules: rules)
    }
}
