import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import LinkdeskTestSupport
import Testing

/// `linkdesk batch PAGE --customers FILE.csv`: CSV in, CSV with url (and linkId) out, malformed
/// rows on stderr with their line numbers.
@Suite("batch: links for a CSV of customers")
struct BatchTests {
    static let base = try! BaseURL("http://localhost:8080")

    /// Writes `text` as a file of the workspace and returns its path.
    static func file(_ ws: CLIWorkspace, _ text: String, name: String = "customers.csv") throws -> String {
        let path = ws.directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("one-time batch: input columns (unknown ones too) plus url and linkId; every link live and personalized")
    func oneTimeBatch() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let csv = """
            Name,EMAIL,company,crm_id,note
            Jane Smythe,jane.smythe@example.com,"Acme, Inc.",0042,"says ""hi"" & leaves"
            José Núñez,jose@example.com,Ünïcødé GmbH,0043,"two
            lines"
            Zoë 😀,zoe+tag@example.com,,0044,
            """
        let result = try ws.run(["batch", "salescall", "--customers", try Self.file(ws, csv), "--one-time"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        let rows = TestCSV.parse(result.stdout)
        #expect(rows.first == ["Name", "EMAIL", "company", "crm_id", "note", "url", "linkId"])
        let input = TestCSV.parse(csv + "\n")
        #expect(rows.count == 4)
        let links = Dictionary(uniqueKeysWithValues: try ws.links().map { ($0["linkId"] as? String ?? "", $0) })
        for (row, source) in zip(rows.dropFirst(), input.dropFirst()) {
            #expect(Array(row.prefix(5)) == source, "input columns come back unchanged")
            let link = try LinkURL.read(row[5], base: Self.base)
            guard case .oneTime = link.target else { Issue.record("not a one-time URL: \(row[5])"); continue }
            #expect(link.personalization.name == source[0])
            #expect(link.personalization.email == source[1])
            #expect(link.personalization.company == (source[2].isEmpty ? nil : source[2]))
            #expect(link.personalization.note == (source[4].isEmpty ? nil : source[4]))
            let stored = try #require(links[row[6]], "linkId \(row[6]) is stored")
            #expect(stored["status"] as? String == "live")
            #expect(stored["personalizedFor"] as? String == "\(source[0]) <\(source[1])>")
            #expect(stored["page"] as? String == "Sales call")
        }
        #expect(links.count == 3)
        // Each URL opens for the customer: slots resolves the token.
        let first = rows[1][5]
        #expect(try ws.run(["slots", first, "--days", "2", "--json"]).status == 0)
        let created = try ws.jsonArray(["activity", "--json"]).filter { $0["kind"] as? String == "one-time link created" }
        #expect(created.count == 3)
    }

    @Test("malformed rows are reported with their line numbers and skipped; the rest are made; exit 2")
    func malformedRows() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let csv = """
            name,email,mobile,note\r
            Good One,one@example.com,5551234,"a quoted
            note over two lines"\r
            Bad Email,not-an-email,,\r
            Too,few@example.com\r
            Too,many@example.com,1,2,3\r
            Stray"Quote,q@example.com,,\r
            "Closed"early,c@example.com,,\r
            Letters,l@example.com,555-CALL,\r
            \r
            Good Two,two@example.com,,last\r
            "Never closed,n@example.com,,
            Good Three,three@example.com,,
            """
        let result = try ws.run(["batch", "salescall", "--customers", try Self.file(ws, csv), "--one-time"])
        #expect(result.status == 2, "\(result)")
        let path = ws.directory.appendingPathComponent("customers.csv").path
        #expect(result.stderrLines == [
            "linkdesk: \(path) line 4: invalid email \"not-an-email\" (row skipped)",
            "linkdesk: \(path) line 5: 2 fields where the header has 4 (row skipped)",
            "linkdesk: \(path) line 6: 5 fields where the header has 4 (row skipped)",
            "linkdesk: \(path) line 7: field 1 has a quote inside an unquoted field (quote the field and double the quote) (row skipped)",
            "linkdesk: \(path) line 8: field 1 has text after its closing quote (a quote inside a quoted field is written \"\") (row skipped)",
            "linkdesk: \(path) line 9: mobile takes digits only, got \"555-CALL\" (row skipped)",
            "linkdesk: \(path) line 12: the quote that opens field 1 on line 12 never closes (row skipped)",
            "linkdesk: made 3 links; skipped 7 rows (lines 4, 5, 6, 7, 8, 9, 12)",
        ], "\(result)")
        let rows = TestCSV.parse(result.stdout)
        #expect(rows.map { $0.first ?? "" } == ["name", "Good One", "Good Two", "Good Three"], "\(result)")
        #expect(rows[1][3] == "a quoted\nnote over two lines")
        #expect(try ws.links().count == 3)
    }

    @Test("personalized (not one-time) batch: url column only; skip=0 and --show-form show the form")
    func personalizedBatch() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let csv = "\u{FEFF}email,name,skip,phone\nann@example.com,Ann,0,+1 555 0100\nbob@example.com,Bob,,\nnobody@example.com,,1,\n"
        let out = try ws.ok(["batch", "salescall", "--customers", try Self.file(ws, csv)])
        #expect(out == """
            email,name,skip,phone,url
            ann@example.com,Ann,0,+1 555 0100,http://localhost:8080/salescall?name=Ann&email=ann@example.com&phone=%2B1%20555%200100&skip=0
            bob@example.com,Bob,,,http://localhost:8080/salescall?name=Bob&email=bob@example.com
            nobody@example.com,,1,,http://localhost:8080/salescall?email=nobody@example.com

            """)
        #expect(try ws.links().isEmpty, "no one-time links without --one-time")
        let shared = try ws.jsonArray(["activity", "--json"]).filter { $0["kind"] as? String == "link shared" }
        #expect(shared.count == 3)
        let all = try ws.ok(["batch", "cactus-co-main", "--customers", try Self.file(ws, csv), "--show-form"])
        // --show-form on every row, except where the row itself says skip=1.
        #expect(TestCSV.parse(all).dropFirst().map { $0.last?.hasSuffix("skip=0") == true } == [true, true, false], "\(all)")
    }

    @Test("--uses and --expires apply to every link of the batch")
    func usesAndExpiry() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let path = try Self.file(ws, "name,email\nA,a@example.com\nB,b@example.com\n")
        try ws.ok(["batch", "salescall", "--customers", path, "--one-time", "--uses", "3", "--expires", "7d"])
        let links = try ws.links()
        #expect(links.count == 2)
        for link in links {
            #expect(link["usesAllowed"] as? Int == 3)
            #expect(link["expiresAt"] as? String == "2026-11-30T12:00:00Z")
        }
    }

    @Test("small chunks: rows come out in input order, every one committed", arguments: [1, 2, 7])
    func chunks(size: Int) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let names = (1...15).map { "Customer \($0)" }
        let path = try Self.file(ws, "name,email\n" + names.enumerated().map { "\($1),c\($0)@example.com\n" }.joined())
        let out = try ws.ok(["batch", "salescall", "--customers", path, "--one-time", "--chunk", String(size)])
        let rows = TestCSV.parse(out).dropFirst()
        #expect(rows.map { $0[0] } == names)
        let live = Set(try ws.links().filter { $0["status"] as? String == "live" }.compactMap { $0["linkId"] as? String })
        #expect(Set(rows.map { $0[3] }) == live)
    }

    @Test("the CSV can come from stdin (--customers -)")
    func standardInput() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let path = try Self.file(ws, "name,email\nAnn,ann@example.com\n")
        let result = try Processes.run("/bin/sh", ["-c", "\"$0\" batch salescall --customers - < \"$1\"", try Products.path("linkdesk"), path],
                                       environment: .exactly(ws.environment()), timeout: 30)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "name,email,url\nAnn,ann@example.com,http://localhost:8080/salescall?name=Ann&email=ann@example.com\n")
    }

    @Test("refused before any link is made: exit 2, one line, nothing printed, nothing stored", arguments: [
        ("name,email\nA,a@example.com\n", ["cactus-co-main", "--one-time"], Refusal.Reason.oneTimeOnlyDynamic.sentence),
        ("name,email\nA,a@example.com\n", ["marketing", "--one-time"], Refusal.Reason.oneTimeOnlyDynamic.sentence),
        ("name,email\nA,a@example.com\n", ["salescall", "--uses", "2"], "--uses and --expires apply to one-time links only"),
        ("name,email\nA,a@example.com\n", ["salescall", "--one-time", "--expires", "91d"], "90 days"),
        ("name,email\nA,a@example.com\n", ["no-such-page"], "unknown page \"no-such-page\""),
        ("", ["salescall"], "is empty: expected a header row"),
        ("\n\n", ["salescall"], "is empty: expected a header row"),
        ("name,email\n", ["salescall"], "has a header row only"),
        ("first;last;mail\nA;B;a@example.com\n", ["salescall"], "names none of the columns name, email"),
        ("name,email,url\nA,a@example.com,x\n", ["salescall"], "already has a column \"url\""),
        ("name,Email,email\nA,a@example.com,b@example.com\n", ["salescall"], "names the column \"email\" twice"),
        ("name,\"email\nA,a@example.com\n", ["salescall"], "(the header row): the quote that opens field 2 on line 1 never closes"),
    ])
    func refusals(csv: String, arguments: [String], reason: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let path = try Self.file(ws, csv)
        try ws.expectRefused(["batch"] + arguments.prefix(1) + ["--customers", path] + arguments.dropFirst(), reason)
    }

    @Test("a missing file is named")
    func missingFile() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.expectRefused(["batch", "salescall", "--customers", "/no/such/customers.csv"],
                             "cannot read /no/such/customers.csv: no such file")
    }

    @Test("every row malformed: each reported, nothing printed, exit 2")
    func allRowsBad() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let path = try Self.file(ws, "name,email\nA,a@\nB\n")
        let result = try ws.run(["batch", "salescall", "--customers", path, "--one-time"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 3, "\(result)")
        #expect(result.stderrLines.last == "linkdesk: no links made: all 2 rows of \(path) were skipped")
        #expect(try ws.links().isEmpty)
    }

    @Test("a listing id already taken is drawn again inside the batch transaction")
    func linkIDCollision() async throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["pages"])
        let store = try SQLiteStore(path: ws.dbPath)
        let page = try await store.workspace().resolvePage("salescall")
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let requests = (0..<3).map { i in
            NewOneTimeLink(masterPageID: page.id, tokenHash: Token.hash("TOKEN\(i)"), linkID: "ot-same",
                           options: OneTimeOptions(), expiresAt: now.addingTimeInterval(86_400), personalizedFor: "Customer \(i)")
        }
        let fresh = FreshIDs(["ot-fresh1", "ot-fresh2"])
        let made = try await store.insertOneTimeLinks(requests, at: now, relabel: { fresh.next() }, check: { _ in },
                                                      event: { link, page in
            ActivityEvent(at: now, actor: .staff, kind: .oneTimeCreated, subject: page.name, detail: link.linkID)
        })
        #expect(made.map(\.linkID) == ["ot-same", "ot-fresh1", "ot-fresh2"])
        #expect(Set(try await store.oneTimeLinks().map(\.linkID)) == ["ot-same", "ot-fresh1", "ot-fresh2"])
    }
}

/// Listing ids handed out in order, from any thread.
final class FreshIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String]
    init(_ ids: [String]) { self.ids = ids }
    func next() -> String {
        lock.lock()
        defer { lock.unlock() }
        return ids.isEmpty ? "ot-spare" : ids.removeFirst()
    }
}

/// A strict RFC 4180 reader for checking output, independent of the one under test.
enum TestCSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r", chars.first == "\n" { chars.removeFirst() }
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
