import Foundation
import Testing

/// A real CalDAV server for tests: Debian's `radicale` (3.1.8) on a free loopback port, with its
/// own folder, one user (htpasswd, plain text) and `owner_only` rights, so a client meets real
/// authentication, real 401/403/404/409 answers and a real REPORT implementation rather than a
/// mock that agrees with it.
///
/// What radicale 3.1.8 does with a `calendar-query` REPORT (tried by hand with curl):
/// - `<C:expand start=… end=…/>` inside `<C:calendar-data>` is **ignored**, silently: the answer is
///   byte for byte the one without it, each matching resource as stored (re-serialized by
///   vobject): the master with its RRULE and EXDATE, plus its RECURRENCE-ID overrides. A client
///   must expand recurrences itself (3.1.8 has no expand code at all; it came in 3.2).
/// - The `<C:time-range>` filter does expand, per resource: it honours RRULE with COUNT/UNTIL,
///   EXDATE, TZID with DST, and overrides (a window holding only the original slot of a moved
///   instance does not match; one holding only its new slot does). It does not look at TRANSP or
///   STATUS (transparent and cancelled events match), as RFC 4791 says.
/// - DATE (all-day) values and floating times are taken as **UTC**, not the staff member's zone:
///   an all-day event matches 00:00Z–24:00Z. A client querying for a zone far from UTC must
///   widen the window (by a day) and filter again after expanding.
/// - Zero-length events: DTEND = DTSTART matches only a window strictly around its instant (not
///   one starting at it, as RFC 4791 would have it); a DATE-TIME DTSTART alone counts as one
///   second long. Either way they block no time (see `ExpectedBusy`); filter them out yourself.
/// - One resource holds one UID: a PUT of several VEVENTs with different UIDs answers 400.
///   MKCALENDAR on an existing collection answers 409; another user's home 403.
public final class RadicaleServer: @unchecked Sendable {
    public let port: Int
    public let user: String
    public let password: String
    public let folder: String
    private let curl: String
    private let pid: pid_t
    private let lock = NSLock()
    private var stopped = false

    /// Starts the server; it answers within a fraction of a second, we wait up to 10 s.
    public init(user: String = "staff", password: String = "secret-pw",
                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let python = try Tools.requirePython("radicale", sourceLocation: sourceLocation)
        curl = try Tools.require("curl", sourceLocation: sourceLocation)
        self.user = user
        self.password = password
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-caldav-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        port = freePort()
        try "\(user):\(password)\n".write(toFile: folder + "/users", atomically: true, encoding: .utf8)
        // `--config` replaces the default paths, so Debian's /etc/radicale/config (remote_user
        // auth, rights from a file) is not read at all.
        let config = """
            [server]
            hosts = 127.0.0.1:\(port)

            [auth]
            type = htpasswd
            htpasswd_filename = \(folder)/users
            htpasswd_encryption = plain
            delay = 0

            [rights]
            type = owner_only

            [storage]
            type = multifilesystem
            filesystem_folder = \(folder)/collections
            hook =

            [web]
            type = none

            [logging]
            level = warning
            mask_passwords = True

            """
        try config.write(toFile: folder + "/config", atomically: true, encoding: .utf8)
        pid = try Processes.spawn(python, ["-m", "radicale", "--config", folder + "/config"],
                                  stdout: folder + "/server.out", stderr: folder + "/server.err")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            // Any HTTP status (302 to /.web) means it listens; 000 means nothing answered yet.
            let probe = try? Processes.run(curl, ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "1",
                                                  "http://127.0.0.1:\(port)/"], timeout: 5)
            if let probe, probe.stdoutTrimmed != "000", !probe.stdoutTrimmed.isEmpty { return }
            if Processes.poll(pid) != nil { break }
            usleep(100_000)
        }
        let err = (try? String(contentsOfFile: folder + "/server.err", encoding: .utf8)) ?? ""
        stop()
        Issue.record(Comment(rawValue: "radicale did not start: \(err)"), sourceLocation: sourceLocation)
        throw ProcessError("radicale did not start: \(err)")
    }

    /// The URL of the user's home: calendars are made below it.
    public var homeURL: String { "http://127.0.0.1:\(port)/\(Self.segment(user))/" }

    /// Makes the calendar collection `name` in the user's home and returns its URL (ending in `/`).
    /// Throws when it exists already (409).
    public func makeCalendar(_ name: String) throws -> String {
        let url = homeURL + Self.segment(name) + "/"
        let answer = try request("MKCALENDAR", url)
        guard (200..<300).contains(answer.status) else {
            throw ProcessError("MKCALENDAR \(url): \(answer.status) \(answer.body)")
        }
        return url
    }

    /// Stores `ics` (a VCALENDAR with one UID) as `NAME.ics` in the calendar, made or replaced.
    public func put(_ ics: String, named name: String, in calendarURL: String) throws {
        let url = Self.item(name, in: calendarURL)
        let answer = try request("PUT", url, body: ics, contentType: "text/calendar; charset=utf-8")
        guard (200..<300).contains(answer.status) else {
            throw ProcessError("PUT \(url): \(answer.status) \(answer.body)")
        }
    }

    /// Removes `NAME.ics` from the calendar; throws when it is not there (404).
    public func delete(named name: String, in calendarURL: String) throws {
        let url = Self.item(name, in: calendarURL)
        let answer = try request("DELETE", url)
        guard (200..<300).contains(answer.status) else {
            throw ProcessError("DELETE \(url): \(answer.status) \(answer.body)")
        }
    }

    /// One request as the user, with curl: a test's own look at the server (a REPORT, say).
    /// A failed connection or a timeout (15 s) is thrown; any HTTP answer is returned.
    public func request(_ method: String, _ url: String, body: String? = nil, contentType: String? = nil,
                        headers: [String] = []) throws -> (status: Int, body: String) {
        let name = folder + "/request-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: name + ".body")
            try? FileManager.default.removeItem(atPath: name + ".answer")
        }
        var arguments = ["-sS", "--connect-timeout", "5", "--max-time", "15", "-u", "\(user):\(password)",
                         "-X", method, "-o", name + ".answer", "-w", "%{http_code}"]
        if let contentType { arguments += ["-H", "Content-Type: \(contentType)"] }
        for header in headers { arguments += ["-H", header] }
        if let body {
            try body.write(toFile: name + ".body", atomically: true, encoding: .utf8)
            arguments += ["--data-binary", "@" + name + ".body"]
        }
        arguments.append(url)
        let finished = try Processes.run(curl, arguments, timeout: 30)
        guard finished.status == 0, let status = Int(finished.stdoutTrimmed) else {
            throw ProcessError("\(method) \(url): curl \(finished)")
        }
        // curl writes no file for an empty body.
        let answer = (try? String(contentsOfFile: name + ".answer", encoding: .utf8)) ?? ""
        return (status, answer)
    }

    /// `name` as one path segment (no `/` passes through).
    static func segment(_ name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }

    static func item(_ name: String, in calendarURL: String) -> String {
        let base = calendarURL.hasSuffix("/") ? calendarURL : calendarURL + "/"
        return base + segment(name.hasSuffix(".ics") ? name : name + ".ics")
    }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        _ = Processes.stop(pid)
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit { stop() }
}

/// An HTTP server for tests that stands in for a published calendar feed (`webcal`), and can be
/// made to fail in the ways real feeds fail: gone (404), not a calendar, or never answering.
/// Threaded, so a hanging request does not hold up the next one.
public final class ICSFeedServer: @unchecked Sendable {
    /// What the server does with each request from now on (read per request).
    public enum Mode: String, Sendable {
        /// 200 with the file `serve` wrote (404 until then, or for any other path).
        case ok
        case notFound
        /// 200, `text/calendar`, body `this is not a calendar`.
        case garbage
        /// Takes the connection and sends nothing for 60 s: the client's timeout must act.
        case hang
    }

    public let port: Int
    public let folder: String
    /// The feed's secret path segment, as in `/feed/SECRET.ics`.
    public let secret: String
    private let pid: pid_t
    private let lock = NSLock()
    private var stopped = false

    static let script = #"""
        import sys, os, time, threading
        from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
        folder, port, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        lock = threading.Lock()
        def read(name, default):
            try:
                with open(os.path.join(folder, name), 'rb') as f: return f.read()
            except OSError: return default
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args): pass
            def answer(self, status, body, kind):
                self.send_response(status)
                self.send_header('Content-Type', kind)
                self.send_header('Content-Length', str(len(body)))
                self.send_header('Connection', 'close')
                self.end_headers()
                if self.command != 'HEAD': self.wfile.write(body)
            def do_GET(self):
                with lock:
                    count = int(read('requests', b'0') or b'0') + 1
                    with open(os.path.join(folder, 'requests.tmp'), 'w') as f: f.write(str(count))
                    os.replace(os.path.join(folder, 'requests.tmp'), os.path.join(folder, 'requests'))
                mode = read('mode', b'ok').decode().strip()
                feed = read('feed.ics', None)
                if mode == 'hang':
                    time.sleep(60)
                    self.close_connection = True
                    return
                if mode == 'garbage':
                    return self.answer(200, b'this is not a calendar', 'text/calendar; charset=utf-8')
                if mode == 'notFound' or feed is None or self.path.split('?')[0] != '/feed/' + secret + '.ics':
                    return self.answer(404, b'not found', 'text/plain; charset=utf-8')
                self.answer(200, feed, 'text/calendar; charset=utf-8')
            do_HEAD = do_GET
        ThreadingHTTPServer.daemon_threads = True
        server = ThreadingHTTPServer(('127.0.0.1', port), Handler)
        print('READY', flush=True)
        server.serve_forever()
        """#

    /// Starts the server, in mode `ok` with no feed yet.
    public init(secret: String = UUID().uuidString.lowercased(), sourceLocation: SourceLocation = #_sourceLocation) throws {
        let python = try Tools.requirePython(sourceLocation: sourceLocation)
        self.secret = secret
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-feed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        port = freePort()
        let out = folder + "/server.out"
        pid = try Processes.spawn(python, ["-c", Self.script, folder, String(port), secret],
                                  stdout: out, stderr: folder + "/server.err")
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: out, encoding: .utf8), text.contains("READY") { return }
            if Processes.poll(pid) != nil { break }
            usleep(50_000)
        }
        let err = (try? String(contentsOfFile: folder + "/server.err", encoding: .utf8)) ?? ""
        stop()
        Issue.record(Comment(rawValue: "the feed server did not start: \(err)"), sourceLocation: sourceLocation)
        throw ProcessError("the feed server did not start: \(err)")
    }

    public var url: String { "http://127.0.0.1:\(port)/feed/\(secret).ics" }

    /// Makes `ics` the feed's content (replaced whole, so no request sees half of it).
    public func serve(_ ics: String, sourceLocation: SourceLocation = #_sourceLocation) {
        place(ics, named: "feed.ics", sourceLocation: sourceLocation)
    }

    public func mode(_ m: Mode, sourceLocation: SourceLocation = #_sourceLocation) {
        place(m.rawValue, named: "mode", sourceLocation: sourceLocation)
    }

    /// The requests received so far, whatever their path or the mode (a hanging one counts at once).
    public func requests() -> Int {
        let text = (try? String(contentsOfFile: folder + "/requests", encoding: .utf8)) ?? ""
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    private func place(_ text: String, named name: String, sourceLocation: SourceLocation) {
        do {
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        } catch {
            Issue.record(Comment(rawValue: "cannot write the feed server's \(name): \(error)"), sourceLocation: sourceLocation)
        }
    }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        _ = Processes.stop(pid)
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit { stop() }
}

/// The busy times a calendar client should find, worked out independently of it by Python's
/// `recurring_ical_events` (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides, TZID): the oracle
/// for tests of the client's own expansion.
///
/// The rules are the ones free/busy uses: TRANSP:TRANSPARENT and STATUS:CANCELLED occurrences
/// (an override may cancel one instance) block nothing; all-day (DATE) events block from
/// midnight to midnight in `zone`, the staff member's zone (an all-day DTSTART alone blocks its
/// day); floating times are in `zone`; zero-length events block nothing.
public enum ExpectedBusy {
    static let script = #"""
        import sys, json, datetime, zoneinfo
        import icalendar, recurring_ical_events
        zone = zoneinfo.ZoneInfo(sys.argv[1])
        start = datetime.datetime.fromtimestamp(float(sys.argv[2]), zone)
        stop = datetime.datetime.fromtimestamp(float(sys.argv[3]), zone)
        day = datetime.timedelta(days=1)
        def instant(value):
            if isinstance(value, datetime.datetime):
                return value if value.tzinfo is not None else value.replace(tzinfo=zone)
            return datetime.datetime.combine(value, datetime.time(0), tzinfo=zone)
        busy = []
        # A CalDAV answer puts several VCALENDARs one after the other.
        calendars = [c for path in sys.argv[4:] for c in icalendar.Calendar.from_ical(open(path, 'rb').read(), multiple=True)]
        for calendar in calendars:
            # A day more on each side: the library places DATE and floating values in the span's
            # zone its own way; the exact test against the window is done below.
            for event in recurring_ical_events.of(calendar).between(start - day, stop + day):
                if str(event.get('TRANSP', 'OPAQUE')).upper() == 'TRANSPARENT': continue
                if str(event.get('STATUS', '')).upper() == 'CANCELLED': continue
                first = event['DTSTART'].dt
                if 'DTEND' in event: last = event['DTEND'].dt
                elif 'DURATION' in event: last = first + event['DURATION'].dt
                else: last = first
                # The library gives a lone DATE DTSTART an end equal to it; RFC 5545 says one day.
                if not isinstance(first, datetime.datetime) and last <= first: last = first + day
                begin, end = instant(first), instant(last)
                if end <= begin or end <= start or begin >= stop: continue
                busy.append([begin.timestamp(), end.timestamp()])
        busy.sort()
        print(json.dumps(busy))
        """#

    /// The occurrences in `ics` (each text one VCALENDAR or several in a row) that block time and overlap
    /// `from..<to`, sorted by start: whole, not clipped to the window, not merged.
    /// `zone`: an IANA name (`Europe/Berlin`).
    public static func intervals(ics: [String], from: Date, to: Date, zone: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws -> [(start: Date, end: Date)] {
        let python = try Tools.requirePython("recurring_ical_events", "icalendar", sourceLocation: sourceLocation)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-busy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var paths: [String] = []
        for (index, text) in ics.enumerated() {
            let path = folder + "/\(index).ics"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let arguments = ["-c", script, zone, String(from.timeIntervalSince1970), String(to.timeIntervalSince1970)] + paths
        let finished = try Processes.run(python, arguments, timeout: 60)
        guard finished.status == 0 else { throw ProcessError("expected busy times: \(finished)") }
        let pairs = try JSONDecoder().decode([[Double]].self, from: finished.stdoutData)
        let found = pairs.compactMap { pair -> (start: Date, end: Date)? in
            guard pair.count == 2 else { return nil }
            return (start: Date(timeIntervalSince1970: pair[0]), end: Date(timeIntervalSince1970: pair[1]))
        }
        return found.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }
}
