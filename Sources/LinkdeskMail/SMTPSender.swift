import CCurl
import Dispatch
import Foundation
import LinkdeskCore

/// The failures of a send (`MailFailure`, in LinkdeskCore where the outbox's rules read them).
public typealias SMTPFailure = MailFailure

/// Sends one message to the team's mail server through libcurl's SMTP client (STARTTLS, AUTH,
/// dot-stuffing, the reply codes) rather than one written here. Messages sent one after another
/// share a connection (libcurl keeps it with the transfer handle, which `SMTPConnections` keeps
/// between sends: a round of fifty messages was fifty connects, greetings and QUITs, on both
/// sides); a send that fails drops its handle, connection and all, so a failure stays with the
/// message it belongs to, and a connection idle for `SMTPConnections.maxIdle` is not reused.
public struct SMTPSender: Sendable {
    public let server: SMTPServer
    /// Connecting gives up after this many seconds, the whole exchange after `timeout`.
    public var connectTimeout = 10
    public var timeout = 60

    public init(server: SMTPServer) { self.server = server }

    /// Delivers `message` to its recipient; nil when the server accepted it. Blocks its thread
    /// for the exchange: call it off Swift's cooperative pool (`send(_:) async` does).
    public func sendBlocking(_ message: MailMessage) -> SMTPFailure? {
        let curl: Curl
        switch Curl.loaded {
        case .success(let loaded): curl = loaded
        case .failure(let failure): return failure
        }
        let key = SMTPConnections.key(server)
        guard let handle = SMTPConnections.shared.take(key, curl: curl) else {
            return SMTPFailure(kind: .setUp, code: nil, reason: "libcurl could not start a transfer")
        }
        var reusable = false
        defer {
            if reusable { SMTPConnections.shared.put(handle, key) } else { curl.easyCleanup(handle) }
        }
        let upload = Upload(Array(message.rendered().utf8))
        let context = Unmanaged.passRetained(upload)
        defer { context.release() }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var recipients: UnsafeMutablePointer<curl_slist>?
        defer { if let recipients { curl.slistFreeAll(recipients) } }

        let result: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            let set = curl.easySetopt
            func string(_ option: CURLoption, _ value: String) -> CURLcode { linkdesk_curl_setopt_string(set, handle, option, value) }
            func long(_ option: CURLoption, _ value: Int) -> CURLcode { linkdesk_curl_setopt_long(set, handle, option, value) }
            var setup = [
                string(CURLOPT_URL, server.curlURL),
                string(CURLOPT_PROTOCOLS_STR, "smtp,smtps"),
                long(CURLOPT_NOSIGNAL, 1),
                long(CURLOPT_MAXAGE_CONN, SMTPConnections.maxIdle),
                long(CURLOPT_CONNECTTIMEOUT, connectTimeout),
                long(CURLOPT_TIMEOUT, timeout),
                long(CURLOPT_USE_SSL, Int(server.requiresTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue)),
                string(CURLOPT_MAIL_FROM, "<\(message.from.address)>"),
                long(CURLOPT_UPLOAD, 1),
                linkdesk_curl_setopt_read(set, handle, Upload.read),
                linkdesk_curl_setopt_pointer(set, handle, CURLOPT_READDATA, context.toOpaque()),
                linkdesk_curl_setopt_pointer(set, handle, CURLOPT_ERRORBUFFER, errors.baseAddress),
            ]
            if let user = server.user { setup.append(string(CURLOPT_USERNAME, user)) }
            if let password = server.password { setup.append(string(CURLOPT_PASSWORD, password)) }
            if let caFile = server.caFile { setup.append(string(CURLOPT_CAINFO, caFile)) }
            recipients = curl.slistAppend(nil, "<\(message.to.address)>")
            setup.append(linkdesk_curl_setopt_pointer(set, handle, CURLOPT_MAIL_RCPT, recipients.map { UnsafeMutableRawPointer($0) }))
            if let failed = setup.first(where: { $0 != CURLE_OK }) { return failed }
            return curl.easyPerform(handle)
        }
        guard result != CURLE_OK else {
            reusable = true
            return nil
        }
        var code = 0
        _ = linkdesk_curl_getinfo_long(curl.easyGetinfo, handle, CURLINFO_RESPONSE_CODE, &code)
        let detail = errorBuffer.withUnsafeBufferPointer { $0.baseAddress.map { String(cString: $0) } ?? "" }
        let reason = MailHeader.singleLine(detail.isEmpty ? curl.easyStrerror(result).map { String(cString: $0) } ?? "libcurl error \(result.rawValue)" : detail)
        let reply = code > 0 ? code : nil
        if let reply, reply >= 500 {
            return SMTPFailure(kind: .permanent, code: reply, reason: reason)
        }
        return SMTPFailure(kind: .transient, code: reply, reason: reason)
    }

    /// `sendBlocking` on the mail thread, outside Swift's cooperative pool.
    public func send(_ message: MailMessage) async -> SMTPFailure? {
        await background { sendBlocking(message) }
    }

    /// `work` on the mail thread (the sender makes its messages there too).
    public func background<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            MailThread.shared.run { continuation.resume(returning: work()) }
        }
    }
}

/// The one thread a process makes and sends mail on, at the lowest CPU priority (nice +19): in
/// `linkdesk serve` the sender is background work, and under load the booking site's requests
/// come first (a message waits a little; a customer's page does not). The lowest rather than
/// +10: on a saturated machine +10 still took a tenth of a core from the site, and its share of
/// a core (about 1.5 % when every core is busy) still keeps messages going out. Sends are one at
/// a time, as the sender makes them.
final class MailThread: @unchecked Sendable {
    static let shared = MailThread()
    static let niceness: Int32 = 19
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "linkdesk-mail"
        thread.start()
    }

    func run(_ job: @escaping () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        // Linux keeps a nice value per thread: this one alone is lowered.
        _ = linkdesk_nice_this_thread(Self.niceness)
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}

/// Transfer handles kept between sends, one per mail server and login, each with the connection
/// libcurl keeps open in it. A handle is taken for a send (so two threads never share one) and
/// put back only after a send that succeeded; taken again, it is reset (`curl_easy_reset` keeps
/// its connection) and set up afresh.
final class SMTPConnections: @unchecked Sendable {
    static let shared = SMTPConnections()
    /// Seconds a connection may sit idle and still be reused (servers close idle ones after minutes).
    static let maxIdle = 20
    private let lock = NSLock()
    private var idle: [String: UnsafeMutableRawPointer] = [:]  // guarded by `lock`

    static func key(_ server: SMTPServer) -> String { server.curlURL + "\u{0}" + (server.user ?? "") + "\u{0}" + (server.caFile ?? "") }

    func take(_ key: String, curl: Curl) -> UnsafeMutableRawPointer? {
        lock.lock()
        let kept = idle.removeValue(forKey: key)
        lock.unlock()
        if let kept {
            curl.easyReset(kept)
            return kept
        }
        return curl.easyInit()
    }

    func put(_ handle: UnsafeMutableRawPointer, _ key: String) {
        lock.lock()
        let replaced = idle.updateValue(handle, forKey: key)
        lock.unlock()
        if let replaced, case .success(let curl) = Curl.loaded { curl.easyCleanup(replaced) }
    }
}

/// The message's bytes, handed to libcurl as it asks for them.
private final class Upload {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static let read: linkdesk_curl_read_fn = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
        let n = min(size * count, upload.bytes.count - upload.offset)
        guard n > 0 else { return 0 }
        upload.bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { memcpy(buffer, base + upload.offset, n) }
        }
        upload.offset += n
        return n
    }
}
extension SMTPSender: MailTransport {}
