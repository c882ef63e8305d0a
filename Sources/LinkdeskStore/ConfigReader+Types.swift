import LinkdeskCore

/// The linkdesk types `ConfigReader` reads: each in exactly the shape its synthesized `Codable`
/// conformance writes (see `ConfigReader` for what happens with any other shape).
extension ConfigReader {
    static func bookingPage(_ text: String) -> BookingPage? { bookingPage(Array(text.utf8)) }

    static func bookingPage(_ utf8: [UInt8]) -> BookingPage? {
        read(utf8) { (r: inout ConfigReader) throws(Mismatch) in try r.bookingPage() }
    }

    static func masterPage(_ text: String) -> MasterPage? { masterPage(Array(text.utf8)) }

    static func masterPage(_ utf8: [UInt8]) -> MasterPage? {
        read(utf8) { (r: inout ConfigReader) throws(Mismatch) in try r.masterPage() }
    }

    static func changePolicy(_ text: String) -> ChangePolicy? {
        read(text) { (r: inout ConfigReader) throws(Mismatch) in try r.changePolicy() }
    }

    static func personalization(_ text: String) -> Personalization? {
        read(text) { (r: inout ConfigReader) throws(Mismatch) in try r.personalization() }
    }

    mutating func bookingPage() throws(Mismatch) -> BookingPage {
        var id: Int64?, name: String?, owner: String?, ownerLogin: String?, slug: String?, timeZone: String?
        var availability: WeeklyAvailability?, eventTypeIDs: [Int64]?, policy: ChangePolicy?, reminders: [Int64]?
        var scheduling: SchedulingControls?, eventScheduling: [EventScheduling]?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            switch key {
            case "id": try Self.once(&id, r.int64())
            case "name": try Self.once(&name, r.string())
            case "owner": try Self.once(&owner, r.string())
            case "ownerLogin": try Self.once(&ownerLogin, r.string())
            case "slug": try Self.once(&slug, r.string())
            case "timeZone": try Self.once(&timeZone, r.string())
            case "availability": try Self.once(&availability, r.weeklyAvailability())
            case "eventTypeIDs": try Self.once(&eventTypeIDs, r.int64s())
            case "policy": try Self.once(&policy, r.changePolicy())
            case "reminders": try Self.once(&reminders, r.int64s())
            case "scheduling": try Self.once(&scheduling, r.schedulingControls())
            case "eventScheduling":
                var list: [EventScheduling] = []
                try r.array { (r: inout ConfigReader) throws(Mismatch) in list.append(try r.eventScheduling()) }
                try Self.once(&eventScheduling, list)
            default: throw Mismatch()
            }
        }
        guard let id, let name, let owner, let slug, let timeZone, let availability, let eventTypeIDs, let policy else {
            throw Mismatch()
        }
        var page = BookingPage(id: id, name: name, owner: owner, slug: slug, timeZone: timeZone,
                               availability: availability, eventTypeIDs: eventTypeIDs, policy: policy, ownerLogin: ownerLogin,
                               reminders: reminders.map { $0.map { Int(clamping: $0) } })
        page.scheduling = scheduling
        page.eventScheduling = eventScheduling
        return page
    }

    mutating func eventScheduling() throws(Mismatch) -> EventScheduling {
        var event: Int64?, controls: SchedulingControls?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            switch key {
            case "eventTypeID": try Self.once(&event, r.int64())
            case "controls": try Self.once(&controls, r.schedulingControls())
            default: throw Mismatch()
            }
        }
        guard let event, let controls else { throw Mismatch() }
        return EventScheduling(eventTypeID: event, controls: controls)
    }

    mutating func masterPage() throws(Mismatch) -> MasterPage {
        var id: Int64?, name: String?, slug: String?, scenario: Scenario?, ruleType: RuleType?
        var locale: String?, theme: String?, memberIDs: [Int64]?, eventTypeIDs: [Int64]?, rules: [DynamicRule]?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            switch key {
            case "id": try Self.once(&id, r.int64())
            case "name": try Self.once(&name, r.string())
            case "slug": try Self.once(&slug, r.string())
            case "scenario": try Self.once(&scenario, Self.known(Scenario(rawValue: r.string())))
            case "ruleType": try Self.once(&ruleType, Self.known(RuleType(rawValue: r.string())))
            case "locale": try Self.once(&locale, r.string())
            case "theme": try Self.once(&theme, r.string())
            case "memberIDs": try Self.once(&memberIDs, r.int64s())
            case "eventTypeIDs": try Self.once(&eventTypeIDs, r.int64s())
            case "rules":
                var list: [DynamicRule] = []
                try r.array { (r: inout ConfigReader) throws(Mismatch) in list.append(try r.dynamicRule()) }
                try Self.once(&rules, list)
            default: throw Mismatch()
            }
        }
        guard let id, let name, let slug, let scenario, let ruleType, let locale, let theme, let memberIDs,
              let eventTypeIDs, let rules else { throw Mismatch() }
        return MasterPage(id: id, name: name, slug: slug, scenario: scenario, ruleType: ruleType, locale: locale,
                          theme: theme, memberIDs: memberIDs, eventTypeIDs: eventTypeIDs, rules: rules)
    }

    mutating func dynamicRule() throws(Mismatch) -> DynamicRule {
        var eventTypeID: Int64?, primaryPageID: Int64?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            switch key {
            case "eventTypeID": try Self.once(&eventTypeID, r.int64())
            case "primaryPageID": try Self.once(&primaryPageID, r.int64())
            default: throw Mismatch()
            }
        }
        guard let eventTypeID, let primaryPageID else { throw Mismatch() }
        return DynamicRule(eventTypeID: eventTypeID, primaryPageID: primaryPageID)
    }

    /// Either shape `WeeklyAvailability` writes: one range for every open day (`days`,
    /// `openMinute`, `closeMinute`) or `ranges`; `datesOff` when there are some.
    mutating func weeklyAvailability() throws(Mismatch) -> WeeklyAvailability {
        var days: [Weekday]?, openMinute: Int?, closeMinute: Int?, ranges: [DayRange]?, datesOff: [LocalDate]?
        var dateHours: [DateHours]?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            switch key {
            case "days":
                var list: [Weekday] = []
                list.reserveCapacity(7)
                try r.array { (r: inout ConfigReader) throws(Mismatch) in
                    list.append(try Self.known(Weekday(rawValue: r.int())))
                }
                try Self.once(&days, list)
            case "openMinute": try Self.once(&openMinute, r.int())
            case "closeMinute": try Self.once(&closeMinute, r.int())
            case "ranges":
                var list: [DayRange] = []
                try r.array { (r: inout ConfigReader) throws(Mismatch) in list.append(try r.dayRange()) }
                try Self.once(&ranges, list)
            case "datesOff":
                var list: [LocalDate] = []
                try r.array { (r: inout ConfigReader) throws(Mismatch) in list.append(try Self.known(LocalDate(r.string()))) }
                try Self.once(&datesOff, list)
            case "dateHours":
                var list: [DateHours] = []
                try r.array { (r: inout ConfigReader) throws(Mismatch) in list.append(try r.dateHours()) }
                try Self.once(&dateHours, list)
            default: throw Mismatch()
            }
        }
        var availability: WeeklyAvailability
        if let ranges {
            guard days == nil, openMinute == nil, closeMinute == nil else { throw Mismatch() }
            availability = WeeklyAvailability(ranges: ranges, datesOff: datesOff ?? [])
        } else {
            guard let days, let openMinute, let closeMinute else { throw Mismatch() }
            availability = WeeklyAvailability(days: days, openMinute: openMinute, closeMinute: closeMinute, datesOff: datesOff ?? [])
        }
        availability.dateHours = dateHours ?? []
        return availability
    }

    mutating func dateHours() throws(Mismatch) -> DateHours {
        var date: LocalDate?, spans: [DateHours.Span]?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            switch key {
            case "date": try Self.once(&date, Self.known(LocalDate(r.string())))
            case "spans":
                var list: [DateHours.Span] = []
                try r.array { (r: inout ConfigReader) throws(Mismatch) in
                    var open: Int?, close: Int?
                    try r.object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
                        switch key {
                        case "openMinute": try Self.once(&open, r.int())
                        case "closeMinute": try Self.once(&close, r.int())
                        default: throw Mismatch()
                        }
                    }
                    guard let open, let close else { throw Mismatch() }
                    list.append(DateHours.Span(openMinute: open, closeMinute: close))
                }
                try Self.once(&spans, list)
            default: throw Mismatch()
            }
        }
        guard let date, let spans else { throw Mismatch() }
        return DateHours(date: date, spans: spans)
    }

    mutating func dayRange() throws(Mismatch) -> DayRange {
        var day: Weekday?, openMinute: Int?, closeMinute: Int?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            switch key {
            case "day": try Self.once(&day, Self.known(Weekday(rawValue: r.int())))
            case "openMinute": try Self.once(&openMinute, r.int())
            case "closeMinute": try Self.once(&closeMinute, r.int())
            default: throw Mismatch()
            }
        }
        guard let day, let openMinute, let closeMinute else { throw Mismatch() }
        return DayRange(day: day, openMinute: openMinute, closeMinute: closeMinute)
    }

    mutating func schedulingControls() throws(Mismatch) -> SchedulingControls {
        var controls = SchedulingControls()
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            switch key {
            case "minimumNotice": try Self.once(&controls.minimumNotice, r.int())
            case "horizonDays": try Self.once(&controls.horizonDays, r.int())
            case "interval": try Self.once(&controls.interval, r.int())
            case "dailyLimit": try Self.once(&controls.dailyLimit, r.int())
            case "bufferBefore": try Self.once(&controls.bufferBefore, r.int())
            case "bufferAfter": try Self.once(&controls.bufferAfter, r.int())
            default: throw Mismatch()
            }
        }
        return controls
    }

    mutating func changePolicy() throws(Mismatch) -> ChangePolicy {
        var cancel: ChangeWindow?, cancelReason: ReasonRule?, reschedule: ChangeWindow?, rescheduleReason: ReasonRule?
        var confirmWithin: Int?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            switch key {
            case "confirmWithin": try Self.once(&confirmWithin, r.int())
            case "cancel": try Self.once(&cancel, r.changeWindow())
            case "cancelReason": try Self.once(&cancelReason, Self.known(ReasonRule(rawValue: r.string())))
            case "reschedule": try Self.once(&reschedule, r.changeWindow())
            case "rescheduleReason": try Self.once(&rescheduleReason, Self.known(ReasonRule(rawValue: r.string())))
            default: throw Mismatch()
            }
        }
        guard let cancel, let cancelReason, let reschedule, let rescheduleReason else { throw Mismatch() }
        return ChangePolicy(cancel: cancel, cancelReason: cancelReason, reschedule: reschedule,
                            rescheduleReason: rescheduleReason, confirmWithin: confirmWithin)
    }

    /// The synthesized enum form: one key naming the case, whose object holds the associated values.
    mutating func changeWindow() throws(Mismatch) -> ChangeWindow {
        var window: ChangeWindow?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            guard window == nil else { throw Mismatch() }
            switch key {
            case "anyTime":
                try r.object { (_: inout ConfigReader, _: Key) throws(Mismatch) in throw Mismatch() }
                window = .anyTime
            case "never":
                try r.object { (_: inout ConfigReader, _: Key) throws(Mismatch) in throw Mismatch() }
                window = .never
            case "upTo":
                var minutes: Int?
                try r.object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
                    guard key == "minutes" else { throw Mismatch() }
                    try Self.once(&minutes, r.int())
                }
                guard let minutes else { throw Mismatch() }
                window = .upTo(minutes: minutes)
            default: throw Mismatch()
            }
        }
        guard let window else { throw Mismatch() }
        return window
    }

    /// Absent optional fields are nil (as `decodeIfPresent` reads them); a `null` gives up.
    /// Fields are set as stored: the synthesized decoder does not pass them through the
    /// normalizing initializer either.
    mutating func personalization() throws(Mismatch) -> Personalization {
        var value = Personalization()
        var seen: [String] = []
        var showForm: Bool?
        try object { (r: inout ConfigReader, key: Key) throws(Mismatch) in
            guard !seen.contains(key.text) else { throw Mismatch() }
            seen.append(key.text)
            switch key {
            case "name": value.name = try r.string()
            case "email": value.email = try r.string()
            case "phone": value.phone = try r.string()
            case "mobile": value.mobile = try r.string()
            case "company": value.company = try r.string()
            case "location": value.location = try r.string()
            case "subject": value.subject = try r.string()
            case "note": value.note = try r.string()
            case "showForm": showForm = try r.bool()
            case "timeZone": value.timeZone = try r.string()
            default: throw Mismatch()
            }
        }
        guard let showForm else { throw Mismatch() }
        value.showForm = showForm
        return value
    }

    private static func once<T>(_ slot: inout T?, _ value: T) throws(Mismatch) {
        guard slot == nil else { throw Mismatch() }
        slot = value
    }

    private static func known<T>(_ value: T?) throws(Mismatch) -> T {
        guard let value else { throw Mismatch() }
        return value
    }
}
