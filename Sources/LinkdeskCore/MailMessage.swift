import Foundation

/// One email as linkdesk sends it (RFC 5322 with MIME): plain text and HTML alternatives, and,
/// for a booking, its calendar invitation as a third alternative (`text/calendar` with its iTIP
/// method, the form calendar clients act on). Bodies go base64-encoded, so no line of customer
/// text can ever reach the message's structure; headers go through `MailHeader`.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var replyTo: MailAddress?
    public var subject: String
    /// Without the angle brackets. Stable for one message (a resend carries the same id, so the
    /// reader's client can tell it is the same message).
    public var messageID: String
    public var date: Date
    public var text: String
    public var html: String
    /// The iCalendar document and its iTIP method (REQUEST, CANCEL), or nil.
    public var calendar: (method: String, document: String)?

    public init(from: MailAddress, to: MailAddress, replyTo: MailAddress? = nil, subject: String, messageID: String,
                date: Date, text: String, html: String, calendar: (method: String, document: String)? = nil) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.date = date
        self.text = text
        self.html = html
        self.calendar = calendar
    }

    /// The message as it goes to the mail server: CRLF line ends, long headers folded, bodies in
    /// base64 lines of 76 characters.
    public func rendered() -> String {
        // "=_" can't occur in base64, so the boundary never occurs in a body.
        let boundary = "=_linkdesk_" + String(UInt64(truncatingIfNeeded: stableHash(messageID)), radix: 36)
        var lines = [
            "From: " + from.header,
            "To: " + to.header,
        ]
        if let replyTo { lines.append("Reply-To: " + replyTo.header) }
        lines += [
            "Subject: " + MailHeader.unstructured(subject),
            "Date: " + MailHeader.date(date),
            "Message-ID: <" + MailHeader.singleLine(messageID).replacingOccurrences(of: " ", with: "") + ">",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        var parts = [("text/plain; charset=utf-8", text), ("text/html; charset=utf-8", html)]
        if let calendar {
            let method = calendar.method.filter { $0.isLetter }
            parts.append(("text/calendar; charset=utf-8; method=\(method)", calendar.document))
        }
        for (type, body) in parts {
            lines += ["--" + boundary, "Content-Type: " + type, "Content-Transfer-Encoding: base64", ""]
            lines += Self.base64Lines(body)
        }
        lines.append("--" + boundary + "--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Base64 in lines of 76 characters (RFC 2045 §6.8).
    static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }

    /// FNV-1a: the same boundary for the same message on every run (Swift's `hashValue` is seeded).
    private func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
