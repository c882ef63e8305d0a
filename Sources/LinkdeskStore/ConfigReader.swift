import LinkdeskCore

/// A strict, allocation-light reader for the JSON columns that every first frame reads
/// (page configurations, a booking's policy and details). `JSONDecoder` costs ~180,000
/// instructions per page configuration (decoder set-up, keyed containers, dynamic casts), which
/// was most of a first frame over a thousand pages.
///
/// It reads exactly the shape the synthesized `Codable` conformances write (keys in any order,
/// any whitespace) and gives up — `nil` — on anything else: an unknown, missing or repeated key, a
/// `null`, a number that is not a plain integer, an unknown enum value. The caller then decodes
/// with `JSONDecoder`, so that every error message and every lenient case stays JSONDecoder's own.
/// `ConfigReaderTests` checks that both give the same values.
struct ConfigReader {
    struct Mismatch: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Runs `body` over the whole text; nil unless it reads all of it.
    static func read<T>(_ text: String, _ body: (inout ConfigReader) throws(Mismatch) -> T) -> T? {
        var text = text
        return text.withUTF8 { buffer -> T? in
            var reader = ConfigReader(buffer)
            do {
                let value = try body(&reader)
                reader.skipSpace()
                return reader.at == buffer.count ? value : nil
            } catch {
                return nil
            }
        }
    }

    // MARK: The linkdesk types

    static func bookingPage(_ text: String) -> BookingPage? {
        read(text) { (r: inout ConfigReader) throws(Mismatch) in try r.bookingPage() }
    }

    static func masterPage(_ text: String) -> MasterPage? {
        read(text) { (r: inout ConfigReader) throws(Mismatch) in try r.masterPage() }
    }

    static func changePolicy(_ text: String) -> ChangePolicy? {
        read(text) { (r: inout ConfigReader) throws(Mismatch) in try r.changePolicy() }
    }

    static func personalization(_ text: String) -> Personalization? {
        read(text) { (r: inout ConfigReader) throws(Mismatch) in try r.personalization() }
    }

    mutating func bookingPage() throws(Mismatch) -> BookingPage {
        var id: Int64?, name: String?, owner: String?, slug: String?, timeZone: String?
        var availability: WeeklyAvailability?, eventTypeIDs: [Int64]?, policy: ChangePolicy?
        try object { (r: inout ConfigReader, key: String) throws(Mismatch) in
            switch key {
            case "id": try Self.once(&id, r.int64())
            case "name": try Self.once(&name, r.string())
            case "owner": try Self.once(&owner, r.string())
            case "slug": try Self.once(&slug, r.string())
            case "timeZone": try Self.once(&timeZone, r.string())
            case "availability": try Self.once(&availability, r.weeklyAvailability())
            case "eventTypeIDs": try Self.once(&eventTypeIDs, r.int64s())
            case "policy": try Self.once(&policy, r.changePolicy())
            default: throw Mismatch()
            }
        }
        guard let id, let name, let owner, let slug, let timeZone, let availability, let eventTypeIDs, let policy else {
            throw Mismatch()
        }
        return BookingPage(id: id, name: name, owner: owner, slug: slug, timeZone: timeZone,
                           availability: availability, eventTypeIDs: eventTypeIDs, policy: policy)
    }

    mutating func masterPage() throws(Mismatch) -> MasterPage {
        var id: Int64?, name: String?, slug: String?, scenario: Scenario?, ruleType: RuleType?
        var locale: String?, theme: String?, memberIDs: [Int64]?, eventTypeIDs: [Int64]?, rules: [DynamicRule]?
        try object { (r: inout ConfigReader, key: String) throws(Mismatch) in
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
        try object { (r: inout ConfigReader, key: String) throws(Mismatch) in
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
        try object { (r: inout ConfigReader, key: String) throws(Mismatch) in
            switch key {
            case "days":
                var list: [Weekday] = []
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
            default: throw Mismatch()
            }
        }
        if let ranges {
            guard days == nil, openMinute == nil, closeMinute == nil else { throw Mismatch() }
            return WeeklyAvailability(ranges: ranges, datesOff: datesOff ?? [])
        }
        guard let days, let openMinute, let closeMinute else { throw Mismatch() }
        return WeeklyAvailability(days: days, openMinute: openMinute, closeMinute: closeMinute, datesOff: datesOff ?? [])
    }

    mutating func dayRange() throws(Mismatch) -> DayRange {
        var day: Weekday?, openMinute: Int?, closeMinute: Int?
        try object { (r: inout ConfigReader, key: String) throws(Mismatch) in
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

    mutating func changePolicy() throws(Mismatch) -> ChangePolicy {
        var cancel: ChangeWindow?, cancelReason: ReasonRule?, reschedule: ChangeWindow?, rescheduleReason: ReasonRule?
        try object { (r: inout ConfigReader, key: String) throws(Mismatch) in
            switch key {
            case "cancel": try Self.once(&cancel, r.changeWindow())
            case "cancelReason": try Self.once(&cancelReason, Self.known(ReasonRule(rawValue: r.string())))
            case "reschedule": try Self.once(&reschedule, r.changeWindow())
            case "rescheduleReason": try Self.once(&rescheduleReason, Self.known(ReasonRule(rawValue: r.string())))
            default: throw Mismatch()
            }
        }
        guard let cancel, let cancelReason, let reschedule, let rescheduleReason else { throw Mismatch() }
        return ChangePolicy(cancel: cancel, cancelReason: cancelReason, reschedule: reschedule,
                            rescheduleReason: rescheduleReason)
    }

    /// The synthesized enum form: one key naming the case, whose object holds the associated values.
    mutating func changeWindow() throws(Mismatch) -> ChangeWindow {
        var window: ChangeWindow?
        try object { (r: inout ConfigReader, key: String) throws(Mismatch) in
            guard window == nil else { throw Mismatch() }
            switch key {
            case "anyTime":
                try r.object { (_: inout ConfigReader, _: String) throws(Mismatch) in throw Mismatch() }
                window = .anyTime
            case "never":
                try r.object { (_: inout ConfigReader, _: String) throws(Mismatch) in throw Mismatch() }
                window = .never
            case "upTo":
                var minutes: Int?
                try r.object { (r: inout ConfigReader, key: String) throws(Mismatch) in
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
        try object { (r: inout ConfigReader, key: String) throws(Mismatch) in
            guard !seen.contains(key) else { throw Mismatch() }
            seen.append(key)
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

    // MARK: JSON

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D: at += 1
            default: return
            }
        }
    }

    private mutating func next() throws(Mismatch) -> UInt8 {
        skipSpace()
        guard at < bytes.count else { throw Mismatch() }
        return bytes[at]
    }

    private mutating func expect(_ byte: UInt8) throws(Mismatch) {
        guard try next() == byte else { throw Mismatch() }
        at += 1
    }

    /// `{ "key": value, … }`; `member` reads each value.
    mutating func object(_ member: (inout ConfigReader, String) throws(Mismatch) -> Void) throws(Mismatch) {
        try expect(UInt8(ascii: "{"))
        if try next() == UInt8(ascii: "}") { at += 1; return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            let byte = try next()
            at += 1
            if byte == UInt8(ascii: "}") { return }
            guard byte == UInt8(ascii: ",") else { throw Mismatch() }
        }
    }

    mutating func array(_ element: (inout ConfigReader) throws(Mismatch) -> Void) throws(Mismatch) {
        try expect(UInt8(ascii: "["))
        if try next() == UInt8(ascii: "]") { at += 1; return }
        while true {
            try element(&self)
            let byte = try next()
            at += 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw Mismatch() }
        }
    }

    mutating func int64s() throws(Mismatch) -> [Int64] {
        var list: [Int64] = []
        try array { (r: inout ConfigReader) throws(Mismatch) in list.append(try r.int64()) }
        return list
    }

    mutating func int() throws(Mismatch) -> Int { Int(try int64()) }

    /// A plain integer (`-?digits`); fractions, exponents and overflow give up.
    mutating func int64() throws(Mismatch) -> Int64 {
        _ = try next()
        var negative = false
        if bytes[at] == UInt8(ascii: "-") { negative = true; at += 1 }
        let start = at
        var value: Int64 = 0
        while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
            let digit = Int64(bytes[at] - UInt8(ascii: "0"))
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw Mismatch() }
            value = sum
            at += 1
        }
        guard at > start, at - start == 1 || bytes[start] != UInt8(ascii: "0") else { throw Mismatch() }
        if at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw Mismatch()
            default: break
            }
        }
        return value
    }

    mutating func bool() throws(Mismatch) -> Bool {
        _ = try next()
        if literal("true") { return true }
        if literal("false") { return false }
        throw Mismatch()
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - at >= count else { return false }
        for k in 0..<count where bytes[at + k] != word.utf8Start[k] { return false }
        at += count
        return true
    }

    /// A string; escapes are decoded, control characters give up.
    mutating func string() throws(Mismatch) -> String {
        try expect(UInt8(ascii: "\""))
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw Mismatch() }
            at += 1
        }
        throw Mismatch()
    }

    private mutating func escapedString(from start: Int) throws(Mismatch) -> String {
        var utf8 = Array(bytes[start..<at])
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard at < bytes.count else { throw Mismatch() }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A surrogate pair; a lone half gives up (JSONDecoder's business).
                        guard literal("\\u") else { throw Mismatch() }
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw Mismatch() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw Mismatch()
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Mismatch() }
                    UTF8.encode(unicode) { utf8.append($0) }
                default: throw Mismatch()
                }
            default:
                guard byte >= 0x20 else { throw Mismatch() }
                utf8.append(byte)
            }
        }
        throw Mismatch()
    }

    private mutating func hex4() throws(Mismatch) -> UInt32 {
        guard bytes.count - at >= 4 else { throw Mismatch() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[at]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Mismatch()
            }
            value = value << 4 | UInt32(digit)
            at += 1
        }
        return value
    }
}
