import CCurl
import Dispatch
import Foundation
import LinkdeskMail

/// One HTTP exchange for a calendar (a feed's `GET`, a CalDAV `REPORT`) through libcurl, the
/// client the booking emails already load (`Curl`): TLS, redirects, Basic and Digest auth
/// and timeouts as every other tool does them, rather than written here.
struct CalendarHTTP: Sendable {
    struct Response: Sendable {
        var status: Int
        var body: [UInt8]
    }

    /// Connecting gives up after this many seconds, the whole exchange after `timeout`.
    var connectTimeout = 10
    var timeout = 60
    /// A calendar larger than this is refused rather than read into memory (a year of 5,000
    /// events is about 3 MB).
    var maximumBytes = 64 << 20

    /// `request` on a thread of its own (libcurl blocks), never on Swift's cooperative pool.
    func request(_ method: String, url: String, body: String? = nil, headers: [String] = [],
                 user: String? = nil, password: String? = nil) async -> Result<Response, CalendarFetchFailure> {
        await withCheckedContinuation { continuation in
            Self.queue.async {
                continuation.resume(returning: requestBlocking(method, url: url, body: body, headers: headers, user: user, password: password))
            }
        }
    }

    /// Calendars are read a few at a time (`Linkdesk.syncCalendars`); each waits on the network.
    private static let queue = DispatchQueue(label: "linkdesk-calendars", qos: .utility, attributes: .concurrent)

    func requestBlocking(_ method: String, url: String, body: String?, headers: [String],
                         user: String?, password: String?) -> Result<Response, CalendarFetchFailure> {
        let curl: Curl
        switch Curl.loaded {
        case .success(let loaded): curl = loaded
        case .failure(let failure): return .failure(CalendarFetchFailure(failure.reason))
        }
        guard let handle = curl.easyInit() else { return .failure(CalendarFetchFailure("libcurl could not start a transfer")) }
        defer { curl.easyCleanup(handle) }
        let download = Download(limit: maximumBytes)
        let context = Unmanaged.passRetained(download)
        defer { context.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { if let headerList { curl.slistFreeAll(headerList) } }
        let result: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            let set = curl.easySetopt
            func string(_ option: CURLoption, _ value: String) -> CURLcode { linkdesk_curl_setopt_string(set, handle, option, value) }
            func long(_ option: CURLoption, _ value: Int) -> CURLcode { linkdesk_curl_setopt_long(set, handle, option, value) }
            var setup = [
                string(CURLOPT_URL, url),
                // A calendar address is http(s) only, redirects included: never file:// or another protocol.
                string(CURLOPT_PROTOCOLS_STR, "http,https"),
                string(CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
                long(CURLOPT_FOLLOWLOCATION, 1),
                long(CURLOPT_MAXREDIRS, 5),
                long(CURLOPT_NOSIGNAL, 1),
                long(CURLOPT_CONNECTTIMEOUT, connectTimeout),
                long(CURLOPT_TIMEOUT, timeout),
                string(CURLOPT_ACCEPT_ENCODING, ""),
                string(CURLOPT_USERAGENT, "linkdesk"),
                string(CURLOPT_CUSTOMREQUEST, method),
                linkdesk_curl_setopt_write(set, handle, Download.write),
                linkdesk_curl_setopt_pointer(set, handle, CURLOPT_WRITEDATA, context.toOpaque()),
                linkdesk_curl_setopt_pointer(set, handle, CURLOPT_ERRORBUFFER, errors.baseAddress),
            ]
            if let user {
                setup.append(string(CURLOPT_USERNAME, user))
                setup.append(string(CURLOPT_PASSWORD, password ?? ""))
                setup.append(long(CURLOPT_HTTPAUTH, 1 | 2))  // CURLAUTH_BASIC | CURLAUTH_DIGEST (macros Swift does not import)
            }
            if let body { setup.append(string(CURLOPT_COPYPOSTFIELDS, body)) }
            for header in headers { headerList = curl.slistAppend(headerList, header) }
            if let headerList { setup.append(linkdesk_curl_setopt_pointer(set, handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList))) }
            if let failed = setup.first(where: { $0 != CURLE_OK }) { return failed }
            return curl.easyPerform(handle)
        }
        if download.overflowed { return .failure(CalendarFetchFailure("the calendar is larger than \(maximumBytes >> 20) MB")) }
        guard result == CURLE_OK else {
            let detail = errorBuffer.withUnsafeBufferPointer { $0.baseAddress.map { String(cString: $0) } ?? "" }
            let reason = detail.isEmpty ? curl.easyStrerror(result).map { String(cString: $0) } ?? "libcurl error \(result.rawValue)" : detail
            return .failure(CalendarFetchFailure(reason))
        }
        var code = 0
        _ = linkdesk_curl_getinfo_long(curl.easyGetinfo, handle, CURLINFO_RESPONSE_CODE, &code)
        return .success(Response(status: code, body: download.bytes))
    }
}

/// Why a calendar could not be read, as one line (it is kept and shown with the calendar).
struct CalendarFetchFailure: Error, Sendable {
    let reason: String
    init(_ reason: String) {
        self.reason = reason.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}

/// The answer's body as libcurl hands it over, up to a limit.
private final class Download: @unchecked Sendable {
    var bytes: [UInt8] = []
    var overflowed = false
    let limit: Int

    init(limit: Int) { self.limit = limit }

    static let write: linkdesk_curl_write_fn = { data, size, count, context in
        guard let context, let data else { return 0 }
        let download = Unmanaged<Download>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard download.bytes.count + length <= download.limit else {
            download.overflowed = true
            return 0  // libcurl stops the transfer
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) { download.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
        return length
    }
}
