import Foundation
import LinkdeskCore
import Yams

/// What the workspace file says of staff (and their calendars) and of event types' own scheduling controls.
extension WorkspaceFileReader {
    /// `staff: [{login, name, email, role}, …]`: every entry checked as `staff add` checks it.
    mutating func staffList(_ node: Node) -> [StaffMember] {
        var members: [StaffMember] = []
        for item in list(node, "staff") {
            guard let f = fields(item, Key.staffEntry, required: Key.staff, what: "a staff member") else { continue }
            guard let login = string(f["login"]?.value, "login"), let name = string(f["name"]?.value, "name"),
                  let email = string(f["email"]?.value, "email"),
                  let role = choice(f["role"]?.value, "role", StaffRole.allCases.map { ($0.rawValue, $0) }) else { continue }
            do {
                let member = try StaffMember.validated(login: login, name: name, email: email, role: role)
                guard !members.contains(where: { $0.login == member.login }) else {
                    fail(f["login"]?.value, "the login \"\(member.login)\" appears twice in staff")
                    continue
                }
                members.append(member)
                staffMarks[member.login] = item.mark
                if let node = f["calendars"]?.value { calendars[member.login] = calendarList(node) }
            } catch {
                fail(item, (error as? Refusal)?.message ?? "\(error)")
            }
        }
        return members
    }

    /// A staff member's `calendars: [{name, caldav: URL, user, password-env | password-file} |
    /// {name, ics: URL | kept}]`: `ics: kept` keeps the address stored (an export never writes a
    /// feed's address), and so does an entry with no address at all.
    mutating func calendarList(_ node: Node) -> [CalendarEntry] {
        var entries: [CalendarEntry] = []
        for item in list(node, "calendars") {
            guard let f = fields(item, Key.calendar, required: ["name"], what: "a calendar"),
                  let name = string(f["name"]?.value, "name") else { continue }
            let caldav = string(f["caldav"]?.value, "caldav")
            let ics = string(f["ics"]?.value, "ics")
            let user = string(f["user"]?.value, "user")
            let env = string(f["password-env"]?.value, "password-env")
            let file = string(f["password-file"]?.value, "password-file")
            switch (caldav, ics) {
            case (let url?, nil):
                guard env == nil || file == nil else { fail(item, "give password-env or password-file, not both"); continue }
                let password = env.map(CalendarPassword.environment) ?? file.map(CalendarPassword.file)
                entries.append(CalendarEntry(name: name, source: .caldav(url: CalendarSource.normalized(url), user: user, password: password)))
            case (nil, let url?):
                guard user == nil, env == nil, file == nil else { fail(item, "an ics calendar takes no user or password"); continue }
                entries.append(CalendarEntry(name: name, source: url == "kept" ? nil : .ics(url: CalendarSource.normalized(url))))
            case (nil, nil):
                entries.append(CalendarEntry(name: name, source: nil))
            default:
                fail(item, "a calendar is caldav: or ics:, not both")
            }
        }
        return entries
    }

    /// `event-scheduling: {60-minute meeting: {buffer-after: 30m}, …}`: an event type the page
    /// offers, and the controls its meetings have instead of the page's (the same keys as
    /// `scheduling:`).
    mutating func eventScheduling(_ node: Node, offered: [EventTypeID], _ path: WorkspacePath,
                                          _ context: Context) -> ([EventScheduling]?, Bool) {
        note(path, node)
        guard let mapping = node.mapping else {
            fail(node, "event-scheduling maps event types to their controls ({60-minute meeting: {buffer-after: 30m}})")
            return (nil, false)
        }
        var result: [EventScheduling] = []
        var ok = true
        for (index, (key, value)) in mapping.enumerated() {
            guard let name = string(key, "an event type") else { ok = false; continue }
            guard let id = context.eventByName[name.lowercased()] else {
                fail(key, "no event type named \"\(name)\" in this file")
                ok = false
                continue
            }
            guard offered.contains(id) else {
                fail(key, "event-scheduling: this page does not offer \"\(name)\"")
                ok = false
                continue
            }
            guard let controls = scheduling(value, path / index) else { ok = false; continue }
            if !controls.isEmpty { result.append(EventScheduling(eventTypeID: id, controls: controls)) }
        }
        return (result, ok)
    }
}
