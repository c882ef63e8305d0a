import CLibical
import Foundation
import LinkdeskCore

/// The times an iCalendar text's events block, between two instants, with libical doing the
/// parsing, the zones (the text's VTIMEZONEs, else the system's zoneinfo) and the recurrence
/// rules. What blocks is decided here (SPEC §10):
/// - every occurrence of every VEVENT meeting the range: DTSTART, each RRULE, each RDATE (date,
///   time or period), less each EXDATE and each occurrence an override (a VEVENT of the same
///   UID with a RECURRENCE-ID, compared as instants) replaces; an override stands on its own;
/// - its end: DTEND, else DURATION, else a day for an all-day DTSTART, else nothing (an event
///   of no length blocks nothing);
/// - `TRANSP:TRANSPARENT` and `STATUS:CANCELLED` block nothing (on an override too, which
///   then removes its occurrence);
/// - all-day dates are the staff member's local days, floating times their wall clock.
///
/// Why not `icalcomponent_foreach_recurrence`: in libical 3.0 it converts floating and all-day
/// occurrences as UTC, reads `RDATE;TZID=` as UTC, ignores RDATE periods and overrides, and drops
/// a DTSTART that the rule does not produce; each was seen to disagree with Python's
/// `recurring_ical_events` on the same events. So the occurrences are driven here with
/// `icalrecur_iterator`, as the tests compare against that library.
///
/// libical keeps process-wide state (its zone cache), so readings take turns (`lock`); the
/// network waits of several calendars still overlap.
enum ICalendarBusy {
    struct Found: Sendable, Equatable {
        var busy: [BusyInterval]
        /// The occurrences that blocked time.
        var events: Int
    }

    /// A rule that never ends is followed this many times at most (per RRULE).
    static let maximumOccurrences = 100_000

    private static let lock = NSLock()

    static func read(_ texts: [String], from: Date, to: Date, zone: TimeZone) -> Result<Found, CalendarFetchFailure> {
        let lib: Libical
        switch Libical.loaded {
        case .success(let loaded): lib = loaded
        case .failure(let failure): return .failure(failure)
        }
        lock.lock()
        defer { lock.unlock() }
        let staff = lib.icaltimezoneGetBuiltinTimezone(zone.identifier) ?? lib.icaltimezoneGetUtcTimezone()
        var expander = Expander(lib: lib, staff: staff, from: Int64(from.timeIntervalSince1970.rounded(.down)),
                                to: Int64(to.timeIntervalSince1970.rounded(.up)))
        for text in texts {
            // What was answered instead is not repeated: a member could point a calendar at an
            // address only the server reaches, and read the answer in the error.
            guard let root = lib.icalparserParseString(text) else { return .failure(CalendarFetchFailure(text.isEmpty ? "it is empty" : "no calendar in it")) }
            defer { lib.icalcomponentFree(root) }
            let kind = lib.icalcomponentIsa(root)
            if kind == ICAL_VCALENDAR_COMPONENT {
                expander.calendar(root)
            } else if kind == ICAL_XROOT_COMPONENT {  // several VCALENDARs one after the other
                var calendar = lib.icalcomponentGetFirstComponent(root, ICAL_VCALENDAR_COMPONENT)
                while let current = calendar {
                    expander.calendar(current)
                    calendar = lib.icalcomponentGetNextComponent(root, ICAL_VCALENDAR_COMPONENT)
                }
            } else {
                return .failure(CalendarFetchFailure("it holds no VCALENDAR"))
            }
        }
        let busy = expander.out.map {
            BusyInterval(start: Date(timeIntervalSince1970: Double($0.start)), end: Date(timeIntervalSince1970: Double($0.end)))
        }
        return .success(Found(busy: busy, events: busy.count))
    }

}

/// One reading's walk over the components (see `ICalendarBusy` for the rules).
private struct Expander {
    let lib: Libical
    let staff: OpaquePointer?
    let from: Int64
    let to: Int64
    var out: [(start: Int64, end: Int64)] = []

    init(lib: Libical, staff: OpaquePointer?, from: Int64, to: Int64) {
        self.lib = lib
        self.staff = staff
        self.from = from
        self.to = to
    }

    /// An event's length, applied to each occurrence: exact seconds (a DTEND time), or whole
    /// local days plus seconds (a DTEND date, a DURATION, an all-day event's implicit day).
    struct Length {
        var nominal = false
        var seconds: Int64 = 0
        var days: Int32 = 0
    }

    /// The instant of a libical time: an all-day date is the staff member's local midnight, a
    /// floating time their wall clock, any other time its own zone's (UTC included).
    func instant(_ time: icaltimetype) -> Int64 {
        var t = time
        if t.is_date != 0 {
            t.is_date = 0
            t.hour = 0
            t.minute = 0
            t.second = 0
            return Int64(lib.icaltimeAsTimetWithZone(t, staff))
        }
        return Int64(lib.icaltimeAsTimetWithZone(t, t.zone ?? staff))
    }

    /// Overrides first (each stands on its own, and hides the occurrence it replaces), then the
    /// series and single events. One loop over a component's children at a time: libical keeps
    /// one child iterator per component.
    mutating func calendar(_ calendar: OpaquePointer) {
        var overrides: [(uid: String?, rid: Int64)] = []
        var masters: [OpaquePointer] = []
        var event = lib.icalcomponentGetFirstComponent(calendar, ICAL_VEVENT_COMPONENT)
        while let current = event {
            if let rid = lib.icalcomponentGetFirstProperty(current, ICAL_RECURRENCEID_PROPERTY) {
                // RECURRENCE-ID's TZID is resolved only through the property with its component.
                overrides.append((uid(current), instant(lib.icalpropertyGetDatetimeWithComponent(rid, current))))
                single(current)
            } else {
                masters.append(current)
            }
            event = lib.icalcomponentGetNextComponent(calendar, ICAL_VEVENT_COMPONENT)
        }
        for master in masters { series(master, in: calendar, overrides: overrides) }
    }

    func uid(_ event: OpaquePointer) -> String? { lib.icalcomponentGetUid(event).map { String(cString: $0) } }

    func blocks(_ event: OpaquePointer) -> Bool {
        if let transp = lib.icalcomponentGetFirstProperty(event, ICAL_TRANSP_PROPERTY),
           lib.icalpropertyGetTransp(transp) == ICAL_TRANSP_TRANSPARENT { return false }
        return lib.icalcomponentGetStatus(event) != ICAL_STATUS_CANCELLED
    }

    func length(_ event: OpaquePointer, start: icaltimetype) -> Length {
        var length = Length()
        if let end = lib.icalcomponentGetFirstProperty(event, ICAL_DTEND_PROPERTY) {
            let dtend = lib.icalpropertyGetDatetimeWithComponent(end, event)
            if start.is_date != 0 && dtend.is_date != 0 {
                length.nominal = true
                length.days = Int32(clamping: (Int64(lib.icaltimeAsTimet(dtend)) - Int64(lib.icaltimeAsTimet(start))) / 86_400)
            } else {
                length.seconds = instant(dtend) - instant(start)
            }
        } else if let durationProperty = lib.icalcomponentGetFirstProperty(event, ICAL_DURATION_PROPERTY) {
            let d = lib.icalpropertyGetDuration(durationProperty)
            if d.is_neg == 0 {
                length.nominal = true
                length.days = Int32(clamping: Int64(d.weeks) * 7 + Int64(d.days))
                length.seconds = Int64(d.hours) * 3_600 + Int64(d.minutes) * 60 + Int64(d.seconds)
            }
        } else if start.is_date != 0 {
            length.nominal = true
            length.days = 1
        }
        return length
    }

    /// The end of an occurrence starting at local time `time` (instant `start`).
    func end(_ time: icaltimetype, start: Int64, _ length: Length) -> Int64 {
        guard length.nominal else { return start + length.seconds }
        var t = time
        lib.icaltimeAdjust(&t, length.days, 0, 0, 0)  // calendar days, the same wall clock
        return instant(t) + length.seconds
    }

    /// Kept within the range read: an event that runs for years (a crafted DTEND or DURATION)
    /// blocks the range, not a billion stored pieces of it.
    mutating func emit(_ start: Int64, _ end: Int64) {
        if end > start && start < to && end > from { out.append((max(start, from), min(end, to))) }
    }

    /// An override, or any event read as one occurrence.
    mutating func single(_ event: OpaquePointer) {
        let start = lib.icalcomponentGetDtstart(event)
        guard lib.icaltimeIsNullTime(start) == 0, blocks(event) else { return }
        let s = instant(start)
        emit(s, end(start, start: s, length(event, start: start)))
    }

    /// The zone of a property's TZID, found as libical finds DTSTART's: the calendar's own
    /// VTIMEZONE, then the system's zone of that name (RDATE's TZID is not resolved by libical).
    func zone(of property: OpaquePointer, in calendar: OpaquePointer) -> OpaquePointer? {
        guard let parameter = lib.icalpropertyGetFirstParameter(property, ICAL_TZID_PARAMETER),
              let tzid = lib.icalparameterGetTzid(parameter) else { return nil }
        return lib.icalcomponentGetTimezone(calendar, tzid) ?? lib.icaltimezoneGetBuiltinTimezone(tzid)
    }

    mutating func series(_ event: OpaquePointer, in calendar: OpaquePointer, overrides: [(uid: String?, rid: Int64)]) {
        let dtstart = lib.icalcomponentGetDtstart(event)
        guard lib.icaltimeIsNullTime(dtstart) == 0, blocks(event) else { return }
        let length = length(event, start: dtstart)
        let uid = uid(event)
        let longest = length.seconds + Int64(length.days) * 86_400 + (length.nominal ? 2 * 86_400 : 0)
        var occurrences: [(time: icaltimetype, start: Int64, end: Int64)] = []
        func add(_ time: icaltimetype, _ start: Int64, _ end: Int64) {
            if start < to && end > from { occurrences.append((time, start, end)) }
        }

        var exdates: [icaltimetype] = []
        var property = lib.icalcomponentGetFirstProperty(event, ICAL_EXDATE_PROPERTY)
        while let current = property {
            exdates.append(lib.icalpropertyGetDatetimeWithComponent(current, event))
            property = lib.icalcomponentGetNextProperty(event, ICAL_EXDATE_PROPERTY)
        }

        // DTSTART is always the first occurrence (RFC 5545 §3.8.5.3).
        let first = instant(dtstart)
        add(dtstart, first, end(dtstart, start: first, length))

        property = lib.icalcomponentGetFirstProperty(event, ICAL_RRULE_PROPERTY)
        while let current = property {
            let rule = lib.icalpropertyGetRrule(current)
            if let iterator = lib.icalrecurIteratorNew(rule, dtstart) {
                // An open or UNTIL rule starts near the range (not with COUNT, which counts from
                // DTSTART; not hourly or finer, whose phase libical 3.0 gets wrong when skipping).
                let daily = [ICAL_DAILY_RECURRENCE, ICAL_WEEKLY_RECURRENCE, ICAL_MONTHLY_RECURRENCE, ICAL_YEARLY_RECURRENCE]
                if rule.count == 0, daily.contains(rule.freq) {
                    let jump = from - longest - 2 * 86_400
                    if jump > first {
                        let start = lib.icaltimeFromTimetWithZone(time_t(jump), dtstart.is_date, lib.icaltimezoneGetUtcTimezone())
                        _ = lib.icalrecurIteratorSetStart(iterator, start)
                    }
                }
                for _ in 0..<ICalendarBusy.maximumOccurrences {
                    let time = lib.icalrecurIteratorNext(iterator)
                    if lib.icaltimeIsNullTime(time) != 0 { break }
                    let s = instant(time)
                    if s >= to { break }  // occurrences come in order
                    add(time, s, end(time, start: s, length))
                }
                lib.icalrecurIteratorFree(iterator)
            }
            property = lib.icalcomponentGetNextProperty(event, ICAL_RRULE_PROPERTY)
        }

        property = lib.icalcomponentGetFirstProperty(event, ICAL_RDATE_PROPERTY)
        while let current = property {
            let rdate = lib.icalpropertyGetRdate(current)
            let zone = zone(of: current, in: calendar)
            if lib.icaltimeIsNullTime(rdate.time) == 0 {
                var t = rdate.time
                if let zone, t.is_date == 0, lib.icaltimeIsUtc(t) == 0 { t.zone = zone }
                let s = instant(t)
                add(t, s, end(t, start: s, length))
            } else if lib.icaltimeIsNullTime(rdate.period.start) == 0 {
                var t = rdate.period.start
                if let zone, lib.icaltimeIsUtc(t) == 0 { t.zone = zone }
                let s = instant(t)
                var e: Int64
                if lib.icaltimeIsNullTime(rdate.period.end) == 0 {
                    var te = rdate.period.end
                    if let zone, lib.icaltimeIsUtc(te) == 0 { te.zone = zone }
                    e = instant(te)
                } else {
                    e = s + Int64(lib.icaldurationtypeAsInt(rdate.period.duration))
                }
                add(t, s, e)
            }
            property = lib.icalcomponentGetNextProperty(event, ICAL_RDATE_PROPERTY)
        }

        occurrences.sort { $0.start < $1.start }
        var previous: Int64?
        for occurrence in occurrences {
            defer { previous = occurrence.start }
            if occurrence.start == previous { continue }  // made twice (DTSTART and the rule, an RDATE…)
            let excluded = exdates.contains { ex in
                ex.is_date != 0
                    ? ex.year == occurrence.time.year && ex.month == occurrence.time.month && ex.day == occurrence.time.day
                    : instant(ex) == occurrence.start
            }
            if excluded { continue }
            if overrides.contains(where: { uid != nil && $0.uid == uid && $0.rid == occurrence.start }) { continue }
            emit(occurrence.start, occurrence.end)
        }
    }
}
