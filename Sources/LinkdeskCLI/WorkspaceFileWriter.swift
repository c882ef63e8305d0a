import Foundation
import LinkdeskCore

/// Writes the workspace in the form `WorkspaceFile` reads — YAML by hand rather than through an
/// emitter, so that the file keeps one stable, reviewable layout (keys in a fixed order, one page
/// per block, flow lists for short lists) and a diff in git shows only what changed. `json` writes
/// the same tree as JSON. Reading back what this wrote gives the same workspace.
enum WorkspaceFileWriter {
    enum Format: String, CaseIterable {
        case yaml, json
    }

    /// A value of the tree: the writer's own small model, so both formats share one walk.
    indirect enum Value {
        case text(String)
        case number(Int64)
        case list([Value])
        case map([(String, Value)])
    }

    /// `staff`: written as the file's `staff:` list when there is any (a workspace with no staff
    /// exports as it did before there were staff members).
    /// `settings`: the `notifications:` mapping when any is set.
    /// `calendars`: each staff member's, under their entry (a feed's address never: `ics: kept`).
    static func write(_ workspace: Workspace, staff: [StaffMember] = [], settings: WorkspaceSettings = WorkspaceSettings(),
                      calendars: [StaffCalendar] = [], as format: Format) -> String {
        let tree = self.tree(workspace, staff: staff, settings: settings, calendars: calendars)
        switch format {
        case .yaml:
            return "# linkdesk workspace: edit, then `linkdesk workspace apply FILE` shows what changes and applies it.\n"
                + "# Entries without an id are new. Members and primary team members are booking pages' slugs.\n"
                + yaml(tree, indent: 0)
        case .json:
            return json(tree, indent: 0) + "\n"
        }
    }

    static func tree(_ workspace: Workspace, staff: [StaffMember] = [], settings: WorkspaceSettings = WorkspaceSettings(),
                     calendars: [StaffCalendar] = []) -> Value {
        func name(_ id: EventTypeID) -> Value { .text(workspace.eventType(id: id)?.name ?? "#\(id)") }
        func slug(_ id: PageID) -> Value { .text(workspace.page(id: id)?.slug ?? "#\(id)") }
        let events: [Value] = workspace.eventTypes.map {
            .map([("id", .number($0.id)), ("name", .text($0.name)), ("minutes", .number(Int64($0.minutes)))])
        }
        let booking: [Value] = workspace.bookingPages.map { page in
            var fields: [(String, Value)] = [
                ("id", .number(page.id)), ("name", .text(page.name)), ("owner", .text(page.owner)),
            ]
            if let login = page.ownerLogin { fields.append(("owned-by", .text(login))) }
            fields += [
                ("slug", .text(page.slug)), ("time-zone", .text(page.timeZone)),
                ("hours", .map(page.availability.days.map { day in
                    (WorkspaceFile.Key.days[day.rawValue - 1], .list(page.availability.ranges(on: day).map {
                        .text(WeeklyAvailability.clock($0.openMinute) + "-" + WeeklyAvailability.clock($0.closeMinute))
                    }))
                })),
            ]
            if !page.availability.datesOff.isEmpty {
                fields.append(("dates-off", .list(page.availability.datesOff.map { .text($0.description) })))
            }
            if !page.availability.dateHours.isEmpty {
                fields.append(("date-hours", .map(page.availability.dateHours.map { own in
                    (own.date.description, .list(own.spans.map {
                        .text(WeeklyAvailability.clock($0.openMinute) + "-" + WeeklyAvailability.clock($0.closeMinute))
                    }))
                })))
            }
            fields.append(("event-types", .list(page.eventTypeIDs.map(name))))
            var policy: [(String, Value)] = [
                ("cancel", .text(window(page.policy.cancel))), ("cancel-reason", .text(page.policy.cancelReason.rawValue)),
                ("reschedule", .text(window(page.policy.reschedule))),
                ("reschedule-reason", .text(page.policy.rescheduleReason.rawValue)),
            ]
            if let minutes = page.policy.confirmWithin { policy.append(("confirm-by-email", .text(window(.upTo(minutes: minutes))))) }
            fields.append(("policy", .map(policy)))
            func scheduling(_ controls: SchedulingControls) -> Value {
                var entries: [(String, Value)] = []
                if let notice = controls.minimumNotice { entries.append(("minimum-notice", .text(notice == 0 ? "0" : window(.upTo(minutes: notice))))) }
                if let days = controls.horizonDays { entries.append(("horizon", .text("\(days)d"))) }
                if let interval = controls.interval { entries.append(("interval", .text(window(.upTo(minutes: interval))))) }
                if let limit = controls.dailyLimit { entries.append(("daily-limit", .number(Int64(limit)))) }
                if let before = controls.bufferBefore { entries.append(("buffer-before", .text(window(.upTo(minutes: before))))) }
                if let after = controls.bufferAfter { entries.append(("buffer-after", .text(window(.upTo(minutes: after))))) }
                return .map(entries)
            }
            if let controls = page.scheduling, !controls.isEmpty { fields.append(("scheduling", scheduling(controls))) }
            if let own = page.eventScheduling, !own.isEmpty {
                fields.append(("event-scheduling", .map(own.map { (workspace.eventType(id: $0.eventTypeID)?.name ?? "#\($0.eventTypeID)",
                                                                   scheduling($0.controls)) })))
            }
            if let reminders = page.reminders {
                fields.append(("reminders", .list(reminders.map { .text(window(.upTo(minutes: $0 / 60))) })))
            }
            return .map(fields)
        }
        let master: [Value] = workspace.masterPages.map { page in
            var fields: [(String, Value)] = [
                ("id", .number(page.id)), ("name", .text(page.name)), ("slug", .text(page.slug)),
                ("scenario", .text(page.scenario.rawValue)), ("rule-type", .text(page.ruleType.rawValue)),
                ("locale", .text(page.locale)), ("theme", .text(page.theme)),
                ("members", .list(page.memberIDs.map(slug))), ("event-types", .list(page.eventTypeIDs.map(name))),
            ]
            if !page.rules.isEmpty {
                fields.append(("dynamic-rules", .map(page.rules.map {
                    (workspace.eventType(id: $0.eventTypeID)?.name ?? "#\($0.eventTypeID)", slug($0.primaryPageID))
                })))
            }
            return .map(fields)
        }
        var top: [(String, Value)] = [("event-types", .list(events)), ("booking-pages", .list(booking)), ("master-pages", .list(master))]
        if !staff.isEmpty {
            top.append(("staff", .list(staff.map { member in
                var fields: [(String, Value)] = [("login", .text(member.login)), ("name", .text(member.name)), ("email", .text(member.email)),
                                                 ("role", .text(member.role.rawValue))]
                let theirs = calendars.filter { $0.staffLogin == member.login }
                if !theirs.isEmpty { fields.append(("calendars", .list(theirs.map(calendar)))) }
                return .map(fields)
            })))
        }
        var notifications: [(String, Value)] = []
        if let from = settings.mailFrom { notifications.append(("from", .text(from.text))) }
        if let replyTo = settings.mailReplyTo { notifications.append(("reply-to", .text(replyTo.text))) }
        if !notifications.isEmpty { top.append(("notifications", .map(notifications))) }
        var site: [(String, Value)] = []
        if let limit = settings.bookingsPerClientHour { site.append(("bookings-per-client-per-hour", .number(Int64(limit)))) }
        if let notice = settings.newPageMinimumNotice {
            site.append(("new-page-minimum-notice", .text(notice == 0 ? "0" : window(.upTo(minutes: notice)))))
        }
        if !site.isEmpty { top.append(("site", .map(site))) }
        return .map(top)
    }

    /// "any", "never" or the largest whole unit ("1d", "2h", "90m"), as `ChangeWindow.parse` reads.
    static func window(_ window: ChangeWindow) -> String {
        switch window {
        case .anyTime: return "any"
        case .never: return "never"
        case .upTo(let m):
            if m % (24 * 60) == 0 { return "\(m / (24 * 60))d" }
            if m % 60 == 0 { return "\(m / 60)h" }
            return "\(m)m"
        }
    }

    // MARK: YAML

    /// A calendar as the file lists it: a CalDAV one whole (its password only by where it is
    /// read from), a feed as `ics: kept` (its address is a secret).
    static func calendar(_ calendar: StaffCalendar) -> Value {
        var fields: [(String, Value)] = [("name", .text(calendar.name))]
        switch calendar.source {
        case .caldav(let url, let user, let password):
            fields.append(("caldav", .text(url)))
            if let user { fields.append(("user", .text(user))) }
            switch password {
            case .environment(let name)?: fields.append(("password-env", .text(name)))
            case .file(let path)?: fields.append(("password-file", .text(path)))
            case nil: break
            }
        case .ics:
            fields.append(("ics", .text("kept")))
        }
        return .map(fields)
    }

    static func yaml(_ value: Value, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        guard case .map(let fields) = value else { return pad + inline(value) + "\n" }
        var out = ""
        for (key, item) in fields {
            switch item {
            case .map(let inner) where inner.isEmpty:
                out += pad + scalar(key) + ": {}\n"
            case .map:
                out += pad + scalar(key) + ":\n" + yaml(item, indent: indent + 2)
            case .list(let items) where items.contains(where: { if case .map = $0 { true } else { false } }):
                out += (indent == 0 && !out.isEmpty ? "\n" : "") + pad + scalar(key) + ":\n"
                for element in items {
                    let body = yaml(element, indent: indent + 4)
                    // "  - id: 1" then the other keys under it.
                    out += pad + "  - " + body.dropFirst(indent + 4)
                }
            default:
                out += pad + scalar(key) + ": " + inline(item) + "\n"
            }
        }
        return out
    }

    static func inline(_ value: Value) -> String {
        switch value {
        case .text(let t): return scalar(t)
        case .number(let n): return "\(n)"
        case .list(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .map(let fields): return "{" + fields.map { scalar($0.0) + ": " + inline($0.1) }.joined(separator: ", ") + "}"
        }
    }

    /// Plain when it reads back as the same text in any position (block or flow), else
    /// double-quoted with JSON's escapes (which YAML's double quotes accept).
    static func scalar(_ text: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._/-:()+'")
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { safe.contains($0) }
            && text.first != " " && text.last != " " && text.last != ":" && !text.contains(": ")
            && !"-:'".contains(text.first ?? " ")
        return plain ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    // MARK: JSON

    static func json(_ value: Value, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2), end = String(repeating: " ", count: indent)
        switch value {
        case .text(let t): return quoted(t)
        case .number(let n): return "\(n)"
        case .list(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .map = $0 { false } else { true } }) {
                return "[" + items.map { json($0, indent: indent) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { pad + json($0, indent: indent + 2) }.joined(separator: ",\n") + "\n" + end + "]"
        case .map(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { pad + quoted($0.0) + ": " + json($0.1, indent: indent + 2) }.joined(separator: ",\n")
                + "\n" + end + "}"
        }
    }
}
