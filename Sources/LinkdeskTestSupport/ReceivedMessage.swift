import Foundation
import Testing

/// What Python's `email` parser reads in a message a mail server received: its Message-ID, its
/// addresses, subject, plain-text body, the calendar part's METHOD and how many defects the
/// parser found.
public struct ReceivedMessage: Sendable {
    public let messageID: String
    public let to: String
    public let from: String
    public let replyTo: String
    public let subject: String
    public let text: String
    /// The text/calendar part's METHOD parameter (REQUEST, CANCEL), empty without one.
    public let calendarMethod: String
    public let defects: Int

    static let script = """
        import sys, json, email, email.policy
        m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
        cal = next((p for p in m.walk() if p.get_content_type() == 'text/calendar'), None)
        print(json.dumps({"id": str(m["Message-ID"]), "to": m["To"].addresses[0].addr_spec,
                          "from": str(m["From"].addresses[0]), "replyTo": str(m["Reply-To"] or ""),
                          "subject": str(m["Subject"]), "text": m.get_body(("plain",)).get_content(),
                          "method": (cal.get_param("method") or "") if cal else "", "defects": str(len(m.defects))}))
        """

    public init(_ data: Data) throws {
        let python = try Tools.requirePython()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-eml-\(UUID().uuidString)").path
        try data.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try Processes.run(python, ["-c", Self.script, file])
        try #require(run.status == 0, Comment(rawValue: run.stderr))
        let read = try JSONDecoder().decode([String: String].self, from: run.stdoutData)
        messageID = read["id"] ?? ""
        to = read["to"] ?? ""
        from = read["from"] ?? ""
        replyTo = read["replyTo"] ?? ""
        subject = read["subject"] ?? ""
        text = read["text"] ?? ""
        calendarMethod = read["method"] ?? ""
        defects = Int(read["defects"] ?? "") ?? -1
    }
}
