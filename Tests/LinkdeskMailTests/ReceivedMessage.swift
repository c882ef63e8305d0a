import Foundation
import LinkdeskTestSupport
import Testing

/// What Python's `email` parser reads in a message a mail server received: its Message-ID, its
/// recipient, its plain-text body and how many defects the parser found.
struct ReceivedMessage {
    let messageID: String
    let to: String
    let text: String
    let defects: Int

    static let script = """
        import sys, json, email, email.policy
        m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
        print(json.dumps({"id": str(m["Message-ID"]), "to": m["To"].addresses[0].addr_spec,
                          "text": m.get_body(("plain",)).get_content(), "defects": str(len(m.defects))}))
        """

    init(_ data: Data) throws {
        let python = try Tools.requirePython()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-eml-\(UUID().uuidString)").path
        try data.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try Processes.run(python, ["-c", Self.script, file])
        try #require(run.status == 0, Comment(rawValue: run.stderr))
        let read = try JSONDecoder().decode([String: String].self, from: run.stdoutData)
        messageID = read["id"] ?? ""
        to = read["to"] ?? ""
        text = read["text"] ?? ""
        defects = Int(read["defects"] ?? "") ?? -1
    }
}
