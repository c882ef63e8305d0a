import Foundation

/// A calendar of a staff member's whose busy times block the slots of every booking page they
/// own (SPEC §10): a CalDAV collection read with a login, or an ICS subscription (the "secret
/// address" Google and Outlook give). linkdesk keeps only where to find it and how to log in:
/// a CalDAV password stays in an environment variable or a file the calendar names, so that
/// neither the database nor a workspace export ever holds it. An ICS address is a secret too
/// (whoever has it reads the calendar): it is stored, because nothing else could find the feed,
/// but never printed, logged or exported (`redactedURL`).
public struct StaffCalendar: Equatable, Sendable {
    /// The store's number for it; 0 before it is stored.
    public var id: Int64
    public var staffLogin: String
    /// Unique among the staff member's calendars: how a person names it (`calendars remove`).
    public var name: String
    public var source: CalendarSource
    public var sync: CalendarSyncState

    public init(id: Int64 = 0, staffLogin: String, name: String, source: CalendarSource, sync: CalendarSyncState = CalendarSyncState()) {
        self.id = id
        self.staffLogin = staffLogin
        self.name = name
        self.source = source
        self.sync = sync
    }

    /// A calendar as entered: the login's and the URL's form checked, the name defaulted to
    /// the URL's host (made unique among `taken`, the staff member's other names).
    public static func validated(staffLogin: String, name: String?, source: CalendarSource, taken: [String]) throws(Refusal) -> StaffCalendar {
        let login = try StaffLogin.validated(staffLogin)
        try source.check()
        let chosen: String
        if let name {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 60, !trimmed.contains(where: { $0.isNewline || $0.isWhitespace }) else {
                throw Refusal("a calendar name is one word of at most 60 characters, not \"\(name)\"")
            }
            guard !taken.contains(trimmed) else { throw Refusal("\"\(login)\" already has a calendar named \"\(trimmed)\"") }
            chosen = trimmed
        } else {
            let base = source.host.isEmpty ? "calendar" : source.host
            chosen = taken.contains(base) ? (2...).lazy.map { "\(base)-\($0)" }.first { !taken.contains($0) } ?? base : base
        }
        return StaffCalendar(staffLogin: login, name: chosen, source: source)
    }

    /// The one line that says a calendar may be out of date, and why: the console's status
    /// line and the staff member's page details.
    public func staleSentence(at now: Date) -> String {
        let when = sync.lastGoodSync.map { "last read \(ISO8601.string($0))" } ?? "never read"
        return "calendar \(staffLogin)/\(name) may be out of date (\(when))" + (sync.lastError.map { ": \($0)" } ?? "")
    }

    /// True when its last sync failed, or none has succeeded for `staleAfter` seconds (three
    /// missed rounds of `linkdesk serve`'s default schedule): its busy times may be out of date.
    public func isStale(at now: Date, staleAfter: TimeInterval = CalendarSyncState.staleAfter) -> Bool {
        guard let good = sync.lastGoodSync else { return true }
        return sync.lastError != nil || now.timeIntervalSince(good) > staleAfter
    }
}

/// Where a calendar's events come from.
public enum CalendarSource: Equatable, Sendable {
    /// A CalDAV calendar collection (`REPORT` calendar-query), with an optional login.
    case caldav(url: String, user: String?, password: CalendarPassword?)
    /// An iCalendar feed read whole with `GET`.
    case ics(url: String)

    public var url: String {
        switch self {
        case .caldav(let url, _, _), .ics(let url): url
        }
    }

    public var kind: String {
        switch self {
        case .caldav: "caldav"
        case .ics: "ics"
        }
    }

    /// The URL's host, the one part of it that is safe to show.
    public var host: String { URLComponents(string: url)?.host?.lowercased() ?? "" }

    /// What may be shown of the URL: a CalDAV collection's address is not a secret, a feed's
    /// is (its path is the key), so only its scheme and host are shown.
    public var redactedURL: String {
        switch self {
        case .caldav(let url, _, _): CalendarSource.withoutCredentials(url)
        case .ics(let url):
            (URLComponents(string: url)?.scheme ?? "https") + "://" + host + "/…"
        }
    }

    /// `https://user:pass@host/…` would put a password in the store: refused by `check`; this
    /// only guards what is shown.
    static func withoutCredentials(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        parts.user = nil
        parts.password = nil
        return parts.string ?? url
    }

    /// The URL's form: http or https with a host and no login in it (a password belongs in an
    /// environment variable or a file); `webcal://` is read as `https://`, as calendar apps do.
    func check() throws(Refusal) {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let host = parts.host, !host.isEmpty else {
            throw Refusal("not a calendar address: \"\(redactedURL)\" (use an http:// or https:// URL)")
        }
        guard parts.user == nil, parts.password == nil else {
            throw Refusal("a calendar address may not hold a login: give the user with --user and the password with --password-env or --password-file")
        }
        if case .caldav(_, let user, let password) = self {
            if let user, user.isEmpty || user.contains(where: \.isNewline) { throw Refusal("a CalDAV user name must be one line") }
            if password != nil, user == nil { throw Refusal("a CalDAV password needs a user (--user)") }
            try password?.check()
        }
    }

    /// `webcal://` (what calendar apps hand out for subscriptions) as the `https://` it means.
    public static func normalized(_ url: String) -> String {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("webcal://") else { return trimmed }
        return "https://" + trimmed.dropFirst("webcal://".count)
    }
}

/// Where a CalDAV password is read from when a sync needs it: never the password itself. A
/// variable's name begins with `LINKDESK_CALDAV_`; a file is named by an administrator alone
/// (`Linkdesk.addCalendar`), since whoever names one has the syncing process send its content.
public enum CalendarPassword: Equatable, Sendable {
    case environment(String)
    case file(String)

    public static let variablePrefix = "LINKDESK_CALDAV_"
    /// A password file larger than this is not a password.
    public static let largestFile = 4_096

    func check() throws(Refusal) {
        switch self {
        case .environment(let name):
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }),
                  let first = name.unicodeScalars.first, !("0"..."9").contains(first) else {
                throw Refusal("not an environment variable name: \"\(name)\"")
            }
            // The process that syncs holds other secrets in its environment (the database's and
            // the mail server's logins): only variables meant for calendars may be sent to one.
            guard name.hasPrefix(Self.variablePrefix), name.count > Self.variablePrefix.count else {
                throw Refusal("a CalDAV password's variable is named \(Self.variablePrefix)…, not \"\(name)\" (so that no other secret of the process can be sent to a calendar server)")
            }
        case .file(let path):
            guard path.hasPrefix("/") else { throw Refusal("a password file is named by its full path, not \"\(path)\"") }
        }
    }

    /// How the listing shows it: where it is read from.
    public var description: String {
        switch self {
        case .environment(let name): "$" + name
        case .file(let path): path
        }
    }
}

/// How a calendar's syncs went.
public struct CalendarSyncState: Equatable, Sendable {
    /// The last sync that read the calendar whole; its busy times are the ones kept.
    public var lastGoodSync: Date?
    /// Events (occurrences) that blocked time in the range last read.
    public var eventCount: Int
    /// The last sync's error when it failed (cleared by the next good one).
    public var lastError: String?
    public var lastAttempt: Date?

    public init(lastGoodSync: Date? = nil, eventCount: Int = 0, lastError: String? = nil, lastAttempt: Date? = nil) {
        self.lastGoodSync = lastGoodSync
        self.eventCount = eventCount
        self.lastError = lastError
        self.lastAttempt = lastAttempt
    }

    /// Three missed rounds of the default five-minute schedule.
    public static let staleAfter: TimeInterval = 15 * 60
}

/// A time a calendar event blocks: `[start, end)` in absolute time.
public struct BusyInterval: Equatable, Hashable, Sendable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
}

/// A calendar's busy time as the slot rules see it: whose it is.
public struct CalendarBusy: Equatable, Sendable {
    public var staffLogin: String
    public var start: Date
    public var end: Date

    public init(staffLogin: String, start: Date, end: Date) {
        self.staffLogin = staffLogin
        self.start = start
        self.end = end
    }
}

extension BusyInterval {
    /// No stored busy time is longer: a store finds every busy time meeting `[start, end)` by
    /// looking at those that start after `start - longest`, on an index of starts.
    public static let longest: TimeInterval = 7 * 86_400

    /// `busy` as stored: overlapping and touching times merged, then cut into pieces of at most
    /// `longest`, sorted; times that block nothing (empty) dropped.
    public static func stored(_ busy: [BusyInterval]) -> [BusyInterval] {
        var merged: [BusyInterval] = []
        for time in busy.filter({ $0.end > $0.start }).sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = merged.last, time.start <= last.end {
                merged[merged.count - 1].end = max(last.end, time.end)
            } else {
                merged.append(time)
            }
        }
        return merged.flatMap { time -> [BusyInterval] in
            stride(from: time.start.timeIntervalSince1970, to: time.end.timeIntervalSince1970, by: longest).map { start in
                BusyInterval(start: Date(timeIntervalSince1970: start),
                             end: min(time.end, Date(timeIntervalSince1970: start + longest)))
            }
        }
    }
}

/// What reading a calendar gave: its busy times and how many event occurrences made them, or
/// why it could not be read.
public enum CalendarReading: Sendable, Equatable {
    case busy([BusyInterval], events: Int)
    case failed(String)
}

/// How far a sync reads: from the start of today (so a meeting running now still blocks) to
/// the furthest a slot query can look (`SlotFinder.dayRange`) and a day more.
public enum CalendarRange {
    public static func window(at now: Date) -> (from: Date, to: Date) {
        let from = now.addingTimeInterval(-86_400)
        return (from, now.addingTimeInterval(Double(SlotFinder.dayRange.upperBound + 1) * 86_400))
    }
}
