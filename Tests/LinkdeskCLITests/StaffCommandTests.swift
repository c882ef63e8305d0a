import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// `linkdesk staff …` and `whoami` end to end on a SQLite workspace, where who acts is the
/// operating-system user running the tests (SPEC §8).
@Suite("staff and whoami through the command line")
struct StaffCommandTests {
    /// The system user these tests run as: who linkdesk acts as on a SQLite file.
    static var me: String { SystemUser.login }

    @Test("no staff: whoever runs it is an administrator; the first staff member must be them")
    func firstStaff() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        #expect(try ws.ok(["whoami"]) == "\(Self.me): administrator (the workspace has no staff yet)\n")
        try ws.expectRefused(["staff", "add", "ben", "--name", "Ben", "--email", "ben@example.com", "--role", "member"],
                             Refusal.Reason.firstStaffWithoutYou(login: Self.me).sentence, exact: true)
        try ws.expectRefused(["staff", "add", "b@d", "--name", "B", "--email", "b@example.com", "--role", "member"], "is not a login")
        try ws.expectRefused(["staff", "add", Self.me, "--name", "Me", "--email", "not-an-email", "--role", "administrator"],
                             "is not a valid email address")
        #expect(try ws.run(["staff", "add", Self.me, "--name", "Me", "--email", "me@example.com", "--role", "boss"]).status == 2,
                "an unknown role is a usage error")
        try ws.ok(["staff", "add", Self.me, "--name", "Me Admin", "--email", "me@example.com", "--role", "administrator"])
        let whoami = try ws.jsonObject(["whoami", "--json"])
        #expect(whoami["login"] as? String == Self.me && whoami["role"] as? String == "administrator" && whoami["staff"] as? Bool == true)
    }

    @Test("add, list with the pages owned, set, remove; the activity names who did it")
    func manage() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["staff", "add", Self.me, "--name", "Me Admin", "--email", "me@example.com", "--role", "administrator"])
        try ws.ok(["staff", "add", "jordan", "--name", "Jordan Reyes", "--email", "jordan@example.com", "--role", "member",
                   "--owns", "salescall555"])
        try ws.expectRefused(["staff", "add", "jordan", "--name", "J", "--email", "j@example.com", "--role", "member"],
                             "is a staff member already")
        try ws.expectRefused(["staff", "add", "maya", "--name", "Maya", "--email", "maya@example.com", "--role", "member",
                              "--owns", "salescall"], "only booking pages have owners")
        let list = try ws.jsonArray(["staff", "list", "--json"])
        #expect(list.compactMap { $0["login"] as? String } == [Self.me, "jordan"].sorted())
        #expect(list.first { $0["login"] as? String == "jordan" }?["owns"] as? [String] == ["salescall555"])
        #expect(try ws.ok(["staff", "list"]).contains("Jordan Reyes"))

        try ws.ok(["staff", "set", "jordan", "--owns", "session555", "--owns", "support-lee"])
        let jordan = try ws.jsonArray(["staff", "list", "--json"]).first { $0["login"] as? String == "jordan" }
        #expect(jordan?["owns"] as? [String] == ["session555", "support-lee"], "--owns replaces the pages owned")
        #expect(jordan?["role"] as? String == "member" && jordan?["email"] as? String == "jordan@example.com")
        try ws.expectRefused(["staff", "set", "nobody", "--role", "member"], "is not a staff member")

        let activity = try ws.jsonArray(["activity", "--json"]).filter { $0["kind"] as? String == "staff changed" }
        #expect(activity.count == 3)
        #expect(activity.allSatisfy { $0["by"] as? String == Self.me }, "the activity names who did it: \(activity)")
        try ws.ok(["book", "http://localhost:8080/session555", "--event", Demo.thirty, "--at", Demo.tuesdayLocal(11),
                   "--name", "Casey", "--email", "casey@example.com"])
        try ws.ok(["book", "http://localhost:8080/cactus-co-main", "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10),
                   "--name", "Dee", "--email", "dee@example.com"])
        #expect(try ws.ok(["report", "--by", "staff", "--csv"]) == "dimension,key,count\nstaff,(no staff member),1\nstaff,jordan,1\n",
                "bookings counted by the staff member who owns the page")
        try ws.ok(["staff", "remove", "jordan"])
        #expect(try ws.jsonArray(["staff", "list", "--json"]).count == 1)
        let pages = try ws.jsonArray(["pages", "--json"])
        #expect(pages.contains { $0["slug"] as? String == "session555" }, "a removed member's pages stay")
    }

    @Test("a member's refusals name the rule; a login that is not staff is refused")
    func memberRefusals() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["staff", "add", Self.me, "--name", "Me", "--email", "me@example.com", "--role", "administrator"])
        try ws.ok(["staff", "add", "ada", "--name", "Ada", "--email", "ada@example.com", "--role", "administrator"])
        try ws.ok(["staff", "set", Self.me, "--role", "member", "--owns", "cactus-co-main"])
        #expect(try ws.jsonObject(["whoami", "--json"])["role"] as? String == "member")
        try ws.expectRefused(["page", "set-rules", "salescall", "static"], "only an administrator can switch a master page's rule type", exact: true)
        try ws.expectRefused(["page", "set-link", "session555", "maya-l"], "only the owner of this page or an administrator can change its link", exact: true)
        try ws.expectRefused(["staff", "add", "x", "--name", "X", "--email", "x@example.com", "--role", "member"],
                             "only an administrator can manage staff", exact: true)
        try ws.ok(["page", "set-link", "cactus-co-main", "cactus-main"])
        try ws.ok(["link", "salescall", "--one-time"])
        try ws.expectRefused(["staff", "remove", Self.me], "only an administrator can manage staff", exact: true)
    }

    @Test("a login that is not a staff member of a workspace with staff gets one line and exit 2")
    func notStaff() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["staff", "add", Self.me, "--name", "Me", "--email", "me@example.com", "--role", "administrator"])
        try ws.ok(["staff", "add", "ada", "--name", "Ada", "--email", "ada@example.com", "--role", "administrator"])
        try ws.ok(["staff", "remove", Self.me])
        // Not staff any more: every command, reads too, is one line and exit 2, not an empty list.
        // (`expectRefused` can't be used: its before-and-after snapshot is read as this same login.)
        let sentence = Refusal.Reason.notStaff(login: Self.me).sentence
        for command in [["whoami"], ["page", "set-rules", "salescall", "static"], ["link", "salescall", "--one-time"],
                        ["pages"], ["pages", "--json"], ["bookings", "--json"], ["bookings", "--live"], ["activity"], ["links"],
                        ["staff", "list"], ["share"]] {
            let result = try ws.run(command)
            #expect(result.status == 2 && result.stdout.isEmpty && result.stderr == "linkdesk: \(sentence)\n", "\(command): \(result)")
        }
    }
}

/// Staff in the workspace file (SPEC §8): `staff:` and each booking page's `owned-by`.
@Suite("staff in the workspace file")
struct StaffWorkspaceFileTests {
    @Test("export writes the staff and each page's owner login; applying it back changes nothing; a file's staff list is applied")
    func roundTrip() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let me = StaffCommandTests.me
        let plain = try ws.ok(["workspace", "export"])
        #expect(!plain.contains("staff:") && !plain.contains("owned-by"), "a workspace with no staff exports as before")
        try ws.ok(["staff", "add", me, "--name", "Me Admin", "--email", "me@example.com", "--role", "administrator"])
        try ws.ok(["staff", "add", "jordan", "--name", "Jordan Reyes", "--email", "jordan@example.com", "--role", "member",
                   "--owns", "salescall555"])
        let (path, text) = try WorkspaceFileTests.export(ws)
        #expect(text.contains("owned-by: jordan") && text.contains("staff:") && text.contains("login: jordan"))
        #expect(try ws.ok(["workspace", "apply", path, "--yes"]) == "no changes\n", "export then apply changes nothing")

        // Maya joins and takes session555; Jordan leaves the list.
        let edited = text
            .replacingOccurrences(of: "  - login: jordan\n    name: Jordan Reyes\n    email: \"jordan@example.com\"\n    role: member\n",
                                  with: "  - login: maya\n    name: Maya Lopez\n    email: maya@example.com\n    role: member\n")
            .replacingOccurrences(of: "owner: Jordan Reyes\n    owned-by: jordan\n", with: "owner: Jordan Reyes\n")
            .replacingOccurrences(of: "owner: Maya Lopez\n", with: "owner: Maya Lopez\n    owned-by: maya\n")
        #expect(edited != text)
        let out = try ws.ok(["workspace", "apply", try WorkspaceFileTests.write(edited, ws, "edited.yaml"), "--yes"])
        #expect(out.contains("+ staff maya") && out.contains("- staff jordan"), "\(out)")
        let staff = try ws.jsonArray(["staff", "list", "--json"])
        #expect(staff.compactMap { $0["login"] as? String }.sorted() == ["maya", me].sorted())
        #expect(staff.first { $0["login"] as? String == "maya" }?["owns"] as? [String] == ["session555"])
    }

    @Test("an owned-by that names no staff member is refused at its place in the file, and nothing is applied")
    func strayOwner() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["staff", "add", StaffCommandTests.me, "--name", "Me", "--email", "me@example.com", "--role", "administrator"])
        let (_, text) = try WorkspaceFileTests.export(ws)
        let edited = text.replacingOccurrences(of: "owner: Maya Lopez\n", with: "owner: Maya Lopez\n    owned-by: nobody\n")
        let path = try WorkspaceFileTests.write(edited, ws, "stray.yaml")
        let before = try ws.snapshot()
        let result = try ws.run(["workspace", "apply", path, "--yes"])
        #expect(result.status == 2)
        let line = WorkspaceFileTests.position(of: "nobody", in: edited)
        #expect(result.stderr.contains("stray.yaml:\(line): owned-by \"nobody\" is not a staff member"), "\(result)")
        #expect(try ws.snapshot() == before)
    }
}
