import Foundation
import LinkdeskCore
import Testing

/// SPEC §1: the token is shown once; the store keeps only its hash and a short link id.
@Suite("one-time tokens are never stored")
struct TokenStorageTests {
    static func token(of url: String) throws -> String {
        let afterDot = try #require(url.range(of: "/.")).upperBound
        let token = String(url[afterDot...].prefix { $0 != "?" })
        #expect(Token.isWellFormed(token), "\(url)")
        return token
    }

    /// The database file and its -wal and -shm companions, whichever exist.
    static func databaseBytes(_ ws: CLIWorkspace) throws -> [(String, Data)] {
        try ["", "-wal", "-shm"].compactMap { suffix in
            let path = ws.dbPath + suffix
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    @Test("the raw token appears in no byte of the .sqlite, -wal or -shm files; its hash and link id do")
    func tokenNotInDatabase() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        var made: [(token: String, linkID: String)] = []
        let variants: [[String]] = [
            [], ["--uses", "5"], ["--name", "Jane Smythe", "--email", "jane@example.com"],
            ["--expires", "7d", "--param", "note=keep me"], ["--show-form", "--name", "Ann", "--email", "ann@example.com"],
        ]
        for extra in variants {
            let link = try ws.oneTimeLink(extra)
            made.append((try Self.token(of: link.url), link.linkID))
        }
        // Use one link, so the booking and activity rows exist too.
        let first = try ws.oneTimeLink()
        made.append((try Self.token(of: first.url), first.linkID))
        try ws.ok(["book", first.url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                   "--name", "Casey", "--email", "casey@example.com"])
        #expect(Set(made.map(\.token)).count == made.count)

        let files = try Self.databaseBytes(ws)
        #expect(!files.isEmpty)
        let all = files.reduce(Data()) { $0 + $1.1 }
        for (token, linkID) in made {
            for (path, bytes) in files {
                #expect(bytes.range(of: Data(token.utf8)) == nil, "token \(token) found in \(path)")
                #expect(bytes.range(of: Data(token.lowercased().utf8)) == nil, "lower-case token found in \(path)")
            }
            // Positive controls: we are reading the right files.
            #expect(all.range(of: Data(Token.hash(token).utf8)) != nil, "hash of \(token) not found")
            #expect(all.range(of: Data(linkID.utf8)) != nil, "link id \(linkID) not found")
        }
    }
}
