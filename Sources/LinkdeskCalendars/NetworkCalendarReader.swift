import Dispatch
import Foundation
import LinkdeskCore
import LinkdeskService

/// Reads staff calendars over the network: an ICS feed with `GET`, a CalDAV collection with a
/// `REPORT` calendar-query over the range (RFC 4791 §7.8). Either way the events are expanded
/// here with libical (`ICalendarBusy`): servers differ in whether they expand recurrences
/// (Radicale 3.1 does not), and a feed is never expanded.
public struct NetworkCalendarReader: CalendarReader {
    /// Where `--password-env` variables are looked up.
    let environment: [String: String]
    var http = CalendarHTTP()

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Int = 60) {
        self.environment = environment
        http.timeout = timeout
        http.connectTimeout = min(10, timeout)
    }

    public func read(_ calendar: StaffCalendar, from: Date, to: Date, zone: TimeZone) async -> CalendarReading {
        switch calendar.source {
        case .ics(let url):
            switch await http.request("GET", url: url, headers: ["Accept: text/calendar"]) {
            case .failure(let failure): return .failed(failure.reason)
            case .success(let response):
                guard (200..<300).contains(response.status) else { return .failed("the feed answered HTTP \(response.status)") }
                return await Self.busy([String(decoding: response.body, as: UTF8.self)], from: from, to: to, zone: zone, what: "the feed")
            }
        case .caldav(let url, let user, let password):
            let secret: String?
            switch Self.password(password, environment: environment) {
            case .success(let value): secret = value
            case .failure(let failure): return .failed(failure.reason)
            }
            // A day wider on each side: servers compare all-day and floating events in UTC, and
            // the staff member's zone is applied after expanding.
            let body = CalDAVQuery.body(from: from.addingTimeInterval(-86_400), to: to.addingTimeInterval(86_400))
            let answer = await http.request("REPORT", url: url, body: body,
                                            headers: ["Depth: 1", "Content-Type: application/xml; charset=utf-8"],
                                            user: user, password: secret)
            switch answer {
            case .failure(let failure): return .failed(failure.reason)
            case .success(let response):
                switch response.status {
                case 207: break
                case 401, 403: return .failed("the CalDAV server refused the login (HTTP \(response.status))")
                case 404: return .failed("no calendar at that address (HTTP 404)")
                default: return .failed("the CalDAV server answered HTTP \(response.status) to a calendar query")
                }
                guard let texts = CalDAVQuery.calendarData(in: String(decoding: response.body, as: UTF8.self)) else {
                    return .failed("the CalDAV server's answer is not a calendar query's (no multistatus)")
                }
                return await Self.busy(texts, from: from, to: to, zone: zone, what: "the CalDAV server's answer")
            }
        }
    }

    /// Parsing runs on a thread of its own, one calendar at a time (libical's are taken in
    /// turns anyway), never on Swift's cooperative pool, where it would hold up the site's requests.
    static func busy(_ texts: [String], from: Date, to: Date, zone: TimeZone, what: String) async -> CalendarReading {
        await withCheckedContinuation { continuation in
            parsing.async {
                switch ICalendarBusy.read(texts, from: from, to: to, zone: zone) {
                case .success(let found): continuation.resume(returning: .busy(found.busy, events: found.events))
                case .failure(let failure): continuation.resume(returning: .failed("\(what) is not an iCalendar calendar: \(failure.reason)"))
                }
            }
        }
    }

    private static let parsing = DispatchQueue(label: "linkdesk-calendar-parsing", qos: .utility)

    /// The CalDAV password from where the calendar says, read at each sync (so that a changed
    /// password needs no change in linkdesk); one trailing newline of a file is not part of it.
    static func password(_ password: CalendarPassword?, environment: [String: String]) -> Result<String?, CalendarFetchFailure> {
        switch password {
        case nil: return .success(nil)
        case .environment(let name)?:
            guard let value = environment[name], !value.isEmpty else {
                return .failure(CalendarFetchFailure("the password variable $\(name) is not set for this process"))
            }
            return .success(value)
        case .file(let path)?:
            // A regular file of a password's size: never a device, a pipe or a large file.
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  (attributes[.size] as? NSNumber)?.intValue ?? Int.max <= CalendarPassword.largestFile,
                  let data = FileManager.default.contents(atPath: path) else {
                return .failure(CalendarFetchFailure("cannot read the password file \(path) (a regular file of at most \(CalendarPassword.largestFile) bytes)"))
            }
            var text = String(decoding: data, as: UTF8.self)
            if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
            return .success(text)
        }
    }
}

/// The calendar-query a sync sends, and the calendars in the server's multistatus answer.
enum CalDAVQuery {
    static func body(from: Date, to: Date) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop><C:calendar-data/></D:prop>
          <C:filter>
            <C:comp-filter name="VCALENDAR">
              <C:comp-filter name="VEVENT">
                <C:time-range start="\(stamp(from))" end="\(stamp(to))"/>
              </C:comp-filter>
            </C:comp-filter>
          </C:filter>
        </C:calendar-query>
        """
    }

    /// `20261204T000000Z`: the form CalDAV's time-range takes.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
    }

    /// The text of every `calendar-data` element of a multistatus answer (any namespace
    /// prefix, CDATA or escaped text), or nil when the answer is no multistatus. Only this one
    /// element is read, so a scan does it: the answer's other elements (hrefs, etags,
    /// statuses) are not needed, and an XML library (FoundationXML) would bring libxml2 into
    /// the binaries' static link for one element.
    static func calendarData(in xml: String) -> [String]? {
        guard xml.range(of: "multistatus", options: .caseInsensitive) != nil else { return nil }
        var texts: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "calendar-data") {
            // The start tag: `<prefix:calendar-data …>` (not an end tag, not a self-closing one).
            let before = rest[..<open.lowerBound]
            guard let lt = before.lastIndex(of: "<"), !rest[lt...].hasPrefix("</"),
                  let gt = rest[open.upperBound...].firstIndex(of: ">") else {
                rest = rest[open.upperBound...]
                continue
            }
            if rest[rest.index(before: gt)] == "/" { rest = rest[rest.index(after: gt)...]; continue }
            let content = rest[rest.index(after: gt)...]
            guard let close = content.range(of: "calendar-data>") ,
                  let closeStart = content[..<close.lowerBound].lastIndex(of: "<") else { return nil }
            texts.append(unescape(String(content[..<closeStart])))
            rest = content[close.upperBound...]
        }
        return texts
    }

    /// XML text as written: CDATA sections as they are, entities and character references decoded.
    static func unescape(_ text: String) -> String {
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(where: { $0 == "&" || $0 == "<" }) {
            out += rest[..<amp]
            let tail = rest[amp...]
            if tail.hasPrefix("<![CDATA["), let end = tail.range(of: "]]>") {
                out += tail[tail.index(amp, offsetBy: 9)..<end.lowerBound]
                rest = tail[end.upperBound...]
                continue
            }
            guard tail.first == "&", let semicolon = tail.firstIndex(of: ";"), tail.distance(from: amp, to: semicolon) <= 10 else {
                out.append(tail.first ?? "&")
                rest = tail.dropFirst()
                continue
            }
            let name = tail[tail.index(after: amp)..<semicolon]
            switch name {
            case "lt": out += "<"
            case "gt": out += ">"
            case "amp": out += "&"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += "&" + name + ";" }
            }
            rest = tail[tail.index(after: semicolon)...]
        }
        return out + rest
    }
}
