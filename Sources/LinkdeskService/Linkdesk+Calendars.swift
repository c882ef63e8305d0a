import Foundation
import LinkdeskCore

/// Reads a calendar's busy times over a range (CalDAV, ICS over HTTP: LinkdeskCalendars). Kept
/// as a protocol so the use cases stay free of the network; `zone` is the staff member's, in
/// which an all-day event blocks its whole day.
public protocol CalendarReader: Sendable {
    func read(_ calendar: StaffCalendar, from: Date, to: Date, zone: TimeZone) async -> CalendarReading
}

/// One calendar's sync as `syncCalendars` reports it.
public struct CalendarSyncOutcome: Sendable, Equatable {
    public var calendar: StaffCalendar
    /// nil when it read the calendar; else why not (its busy times were kept).
    public var error: String?
}

/// Staff calendars (SPEC §10): each staff member may list calendars whose busy times block the
/// slots of the booking pages they own. Reading them is `CalendarReader`'s; what is kept, who
/// may change what, and where the busy times count are decided here.
extension Linkdesk {
    public func calendars() async throws -> [StaffCalendar] {
        _ = try await viewer()
        return try await store.calendars()
    }

    /// Adds a calendar to `staffLogin` (a staff member; a member may add their own, an
    /// administrator anyone's). Its busy times count from its first sync.
    @discardableResult
    public func addCalendar(staffLogin: String, name: String?, source: CalendarSource) async throws -> StaffCalendar {
        let viewer = try await authorize(.manageCalendars(staffLogin: staffLogin))
        try Self.checkPasswordFile(source, viewer: viewer)
        try await requireStaffMember(staffLogin)
        let taken = try await store.calendars().filter { $0.staffLogin == staffLogin }.map(\.name)
        let calendar = try StaffCalendar.validated(staffLogin: staffLogin, name: name, source: source, taken: taken)
        return try await store.saveCalendar(calendar, events: [
            ActivityEvent(at: now, actor: .staff, kind: .staffChanged, subject: staffLogin,
                          detail: "calendar \"\(calendar.name)\" added (\(source.kind), \(source.redactedURL))"),
        ])
    }

    /// Removes the calendar `name` of `staffLogin`: its busy times stop blocking at once.
    public func removeCalendar(staffLogin: String, name: String) async throws {
        try await authorize(.manageCalendars(staffLogin: staffLogin))
        guard let calendar = try await store.calendars().first(where: { $0.staffLogin == staffLogin && $0.name == name }) else {
            throw Refusal("\"\(staffLogin)\" has no calendar named \"\(name)\"")
        }
        _ = try await store.removeCalendar(id: calendar.id, events: [
            ActivityEvent(at: now, actor: .staff, kind: .staffChanged, subject: staffLogin, detail: "calendar \"\(name)\" removed"),
        ])
    }

    /// What a workspace file's `calendars:` lists would change (nothing is changed): each staff
    /// member named must be one (or be added by the same file: `staff`), and the viewer must be
    /// allowed to manage their calendars.
    public func planCalendars(_ proposed: [String: [CalendarEntry]], staff: [String]? = nil) async throws -> CalendarPlan {
        let known: Set<String>
        if let staff { known = Set(staff) } else { known = Set(try await store.staff().map(\.login)) }
        for login in proposed.keys.sorted() {
            let viewer = try await authorize(.manageCalendars(staffLogin: login))
            for entry in proposed[login] ?? [] { try Self.checkPasswordFile(entry.source, viewer: viewer) }
            guard known.contains(login) else { throw Refusal("calendars for \"\(login)\", who is not a staff member") }
        }
        return try CalendarPlan(current: try await store.calendars(), proposed: proposed)
    }

    /// Applies a `CalendarPlan`: each calendar added, changed or removed in a transaction of its
    /// own (a calendar is read by its next sync). New ones are read at once by `linkdesk
    /// workspace apply` only if a sync follows; `linkdesk serve` reads them on its schedule.
    public func applyCalendars(_ plan: CalendarPlan) async throws {
        let now = self.now
        for calendar in plan.removals {
            _ = try await store.removeCalendar(id: calendar.id, events: [
                ActivityEvent(at: now, actor: .staff, kind: .staffChanged, subject: calendar.staffLogin,
                              detail: "calendar \"\(calendar.name)\" removed"),
            ])
        }
        for calendar in plan.changes + plan.adds {
            _ = try await store.saveCalendar(calendar, events: [
                ActivityEvent(at: now, actor: .staff, kind: .staffChanged, subject: calendar.staffLogin,
                              detail: "calendar \"\(calendar.name)\" " + (calendar.id == 0 ? "added" : "changed")
                                  + " (\(calendar.source.kind), \(calendar.source.redactedURL))"),
            ])
        }
    }

    /// Reads every calendar (of `staffLogin` alone, when given) and keeps what each gave: its
    /// busy times when it read, else its error beside the busy times it had (a calendar that
    /// fails never opens a slot). Calendars are read a few at a time; one that hangs costs its
    /// reader's timeout, not the others'.
    ///
    /// Any staff member may sync (it changes no setting, only refreshes what the calendars say);
    /// the site's login in team mode syncs from `linkdesk serve`.
    public func syncCalendars(staffLogin: String? = nil, reader: any CalendarReader) async throws -> [CalendarSyncOutcome] {
        let all = try await store.calendars()
        let chosen = staffLogin.map { login in all.filter { $0.staffLogin == login } } ?? all
        if let staffLogin, chosen.isEmpty { throw Refusal("\"\(staffLogin)\" has no calendars") }
        let workspace = try await store.workspace()
        let window = CalendarRange.window(at: now)
        let started = now
        let readings = await Self.readAll(chosen, width: 4) { calendar in
            await reader.read(calendar, from: window.from, to: window.to,
                              zone: Self.staffZone(calendar.staffLogin, in: workspace))
        }
        var outcomes: [CalendarSyncOutcome] = []
        for (calendar, reading) in zip(chosen, readings) {
            var synced = calendar
            switch reading {
            case .busy(let busy, let events):
                try await store.recordCalendarSync(id: calendar.id, reading: .busy(BusyInterval.stored(busy), events: events), at: started)
                synced.sync = CalendarSyncState(lastGoodSync: started, eventCount: events, lastError: nil, lastAttempt: started)
                outcomes.append(CalendarSyncOutcome(calendar: synced, error: nil))
            case .failed(let reason):
                try await store.recordCalendarSync(id: calendar.id, reading: reading, at: started)
                synced.sync.lastError = reason
                synced.sync.lastAttempt = started
                outcomes.append(CalendarSyncOutcome(calendar: synced, error: reason))
            }
        }
        return outcomes
    }

    /// `read` of each calendar, at most `width` at a time, in the calendars' order.
    static func readAll(_ calendars: [StaffCalendar], width: Int,
                        _ read: @escaping @Sendable (StaffCalendar) async -> CalendarReading) async -> [CalendarReading] {
        await withTaskGroup(of: (Int, CalendarReading).self) { group in
            var results = [CalendarReading?](repeating: nil, count: calendars.count)
            var next = 0
            func start() {
                guard next < calendars.count else { return }
                let index = next, calendar = calendars[index]
                next += 1
                group.addTask { (index, await read(calendar)) }
            }
            for _ in 0..<width { start() }
            while let (index, reading) = await group.next() {
                results[index] = reading
                start()
            }
            return results.map { $0 ?? .failed("not read") }
        }
    }

    /// Calendar sync as a service (`linkdesk serve`): every calendar read at start and every
    /// `interval` seconds, until the task is cancelled. A calendar that fails is logged once
    /// (again when its error changes) and keeps its busy times; a store that fails is logged
    /// and tried again next round. Nothing is logged of a calendar but its staff member and
    /// name: the address may be a secret.
    public func runCalendarSync(reader: any CalendarReader, interval: Double, log: @escaping @Sendable (String) -> Void) async {
        var said: [String: String] = [:]
        var storeSaid: String?
        while !Task.isCancelled {
            do {
                let outcomes = try await syncCalendars(reader: reader)
                storeSaid = nil
                for outcome in outcomes {
                    let key = "\(outcome.calendar.staffLogin)/\(outcome.calendar.name)"
                    if let error = outcome.error {
                        if said[key] != error { log("calendar \(key): not read, its last busy times are kept: \(error)") }
                        said[key] = error
                    } else if said.removeValue(forKey: key) != nil {
                        log("calendar \(key): read again (\(outcome.calendar.sync.eventCount) busy events)")
                    }
                }
            } catch {
                let line = "calendars wait: \((error as? Refusal)?.message ?? (error as? StoreError)?.message ?? "\(error)")"
                if line != storeSaid { log(line) }
                storeSaid = line
            }
            try? await Task.sleep(nanoseconds: UInt64(max(interval, 1) * 1_000_000_000))
        }
    }

    /// The zone a staff member's all-day events are days of: the zone of the first booking page
    /// they own (their working hours are kept in it), else UTC.
    static func staffZone(_ login: String, in workspace: Workspace) -> TimeZone {
        workspace.bookingPages.first { $0.ownerLogin == login }.flatMap { TimeZone(identifier: $0.timeZone) }
            ?? TimeZone(identifier: "UTC") ?? .current
    }

    /// The calendars whose busy times may be out of date (their last sync failed, or none
    /// succeeded lately): the console names them on its status line.
    public func staleCalendars() async throws -> [StaffCalendar] {
        let now = self.now
        return try await store.calendars().filter { $0.isStale(at: now) }
    }

    /// Whoever names a password file has the syncing process send that file to a server they
    /// choose: an administrator's decision alone (a member uses a `LINKDESK_CALDAV_…` variable).
    static func checkPasswordFile(_ source: CalendarSource?, viewer: Viewer) throws {
        guard case .caldav(_, _, .file?)? = source, viewer.role != .administrator else { return }
        throw Refusal("only an administrator can name a CalDAV password file: use a \(CalendarPassword.variablePrefix)… variable")
    }

    private func requireStaffMember(_ login: String) async throws {
        guard try await store.staffMember(login: login) != nil else {
            throw Refusal("\"\(login)\" is not a staff member: calendars belong to staff members (add them with `linkdesk staff add`)")
        }
    }

    /// The busy times of the owners' calendars as they block the booking pages in `pages`
    /// between `from` and `to`; nothing read when no page has an owner (no calendar can count).
    func calendarTimes(pages: [BookingPage], from: Date, to: Date) async throws -> [BusyTime] {
        let logins = Array(Set(pages.compactMap(\.ownerLogin))).sorted()
        guard !logins.isEmpty else { return [] }
        return BusyTime.blocking(try await store.calendarBusy(from: from, to: to, staffLogins: logins), pages: pages)
    }
}
