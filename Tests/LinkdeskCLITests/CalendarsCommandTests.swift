import Foundation
import LinkdeskTestSupport
import Testing

/// `linkdesk calendars` end to end: a staff member's feed added, read at once, listed without
/// its secret address, its busy times out of `slots`; a feed that fails keeps them, is shown,
/// and `calendars sync` exits 2; removed, the times are free again.
@Suite("staff calendars through the command line")
struct CalendarsCommandTests {
    static var me: String { SystemUser.login }

    static let feed = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//linkdesk tests//EN\r
        BEGIN:VEVENT\r
        UID:busy@linkdesk.test\r
        DTSTAMP:20261101T000000Z\r
        DTSTART:20261124T140000Z\r
        DTEND:20261124T150000Z\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test("add, list, slots, a failing feed, sync's exit, remove", .tools("python3"))
    func feedLifecycle() throws {
        let server = try ICSFeedServer()
        defer { server.stop() }
        server.serve(Self.feed)
        let ws = try CLIWorkspace()  // Monday 07:00 in New York
        defer { ws.remove() }
        try ws.ok(["staff", "add", Self.me, "--name", "Me Admin", "--email", "me@example.com", "--role", "administrator",
                   "--owns", "salescall555"])
        let slotsArguments = ["slots", "http://localhost:8080/salescall555", "--event", Demo.thirty, "--days", "2", "--json"]
        let before = try ws.jsonArray(slotsArguments).compactMap { $0["start"] as? String }
        #expect(before.contains("2026-11-24T14:00:00Z") && before.contains("2026-11-24T14:30:00Z"))

        let added = try ws.run(["calendars", "add", Self.me, "--ics", server.url])
        #expect(added.status == 0, "\(added)")
        #expect(added.stdout.contains("/127.0.0.1: 1 busy event"), "\(added)")
        #expect(!added.stdout.contains(server.secret) && !added.stderr.contains(server.secret), "the feed's address is a secret")
        let after = try ws.jsonArray(slotsArguments).compactMap { $0["start"] as? String }
        #expect(!after.contains("2026-11-24T14:00:00Z") && !after.contains("2026-11-24T14:30:00Z"))
        #expect(after.contains("2026-11-24T15:00:00Z"))

        let listed = try ws.ok(["calendars"])
        #expect(listed.contains("127.0.0.1") && listed.contains("ics") && !listed.contains(server.secret), "\(listed)")
        let json = try ws.jsonArray(["calendars", "--json"])
        #expect(json.first?["events"] as? Int == 1 && json.first?["lastError"] is NSNull, "\(json)")
        #expect(json.first?["address"] as? String == "http://127.0.0.1/…")
        #expect(!(try ws.ok(["workspace", "export"])).contains(server.secret))

        server.mode(.notFound)
        let failed = try ws.run(["calendars", "sync"])
        #expect(failed.status == 2 && failed.stderr.contains("the feed answered HTTP 404")
                && failed.stderr.contains("1 calendar could not be read"), "\(failed)")
        #expect(try ws.jsonArray(slotsArguments).compactMap { $0["start"] as? String } == after, "the busy times stay")
        #expect(try ws.jsonArray(["calendars", "--json"]).first?["lastError"] as? String == "the feed answered HTTP 404")

        try ws.expectRefused(["calendars", "add", Self.me, "--ics", "ftp://example.com/cal.ics"], "not a calendar address")
        try ws.expectRefused(["calendars", "add", Self.me, "--ics", server.url, "--caldav", server.url], "give one of --caldav URL or --ics URL")
        try ws.expectRefused(["calendars", "add", "nobody", "--ics", server.url], "is not a staff member")
        try ws.expectRefused(["calendars", "add", Self.me, "--caldav", "https://user:pw@dav.example.com/cal/"], "may not hold a login")
        try ws.expectRefused(["calendars", "remove", Self.me, "nope"], "has no calendar named \"nope\"")
        // The syncing process's other secrets are never a calendar password.
        try ws.expectRefused(["calendars", "add", Self.me, "--caldav", "https://dav.example.com/me/", "--user", "me",
                              "--password-env", "LINKDESK_DB"], "a CalDAV password's variable is named LINKDESK_CALDAV_…")

        #expect(try ws.run(["calendars", "remove", Self.me, "127.0.0.1"]).status == 0)
        #expect(try ws.jsonArray(slotsArguments).compactMap { $0["start"] as? String } == before)
        let help = try ws.run(["calendars", "--help"]).stdout
        #expect(["add", "remove", "sync", "CalDAV"].allSatisfy(help.contains), "\(help)")
        #expect(try ws.run(["calendars", "list", "--help"]).stdout.contains("--json"))
    }

    @Test("the workspace file lists each staff member's calendars, a feed's address never; apply adds, changes and removes them")
    func workspaceFile() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.ok(["staff", "add", Self.me, "--name", "Me Admin", "--email", "me@example.com", "--role", "administrator"])
        let secret = "https://calendar.example.com/ical/private-0123456789abcdef/basic.ics"
        try ws.ok(["calendars", "add", Self.me, "--ics", secret, "--name", "google", "--no-sync"])
        try ws.ok(["calendars", "add", Self.me, "--caldav", "https://dav.example.com/me/work/", "--user", "me",
                   "--password-env", "LINKDESK_CALDAV_ME", "--name", "work", "--no-sync"])
        let exported = try ws.ok(["workspace", "export"])
        #expect(!exported.contains("private-0123456789abcdef"), "a feed's address is never exported")
        #expect(exported.contains("ics: kept") && exported.contains("caldav: https://dav.example.com/me/work/")
                && exported.contains("password-env: LINKDESK_CALDAV_ME"), "\(exported)")
        let file = ws.directory.appendingPathComponent("team.yaml")
        try exported.write(to: file, atomically: true, encoding: .utf8)
        #expect(try ws.ok(["workspace", "apply", file.path, "--yes"]) == "no changes\n")

        // The feed dropped, the CalDAV one moved, a new feed added.
        let edited = exported
            .replacingOccurrences(of: "ics: kept", with: "ics: webcal://other.example/feed.ics")
            .replacingOccurrences(of: "name: google", with: "name: other")
            .replacingOccurrences(of: "https://dav.example.com/me/work/", with: "https://dav.example.com/me/office/")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let applied = try ws.run(["workspace", "apply", file.path, "--yes"])
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout.contains("add calendar \(Self.me)/other (ics, https://other.example/…)"), "\(applied)")
        #expect(applied.stdout.contains("change calendar \(Self.me)/work (caldav, https://dav.example.com/me/office/)"))
        #expect(applied.stdout.contains("remove calendar \(Self.me)/google"))
        let listed = try ws.jsonArray(["calendars", "--json"])
        #expect(listed.compactMap { $0["name"] as? String } == ["other", "work"], "\(listed)")
        #expect(listed.last?["address"] as? String == "https://dav.example.com/me/office/")

        // Keeping a calendar that is not there is refused, naming it; nothing changes.
        try edited.replacingOccurrences(of: "name: other", with: "name: missing").replacingOccurrences(of: "ics: webcal://other.example/feed.ics", with: "ics: kept")
            .write(to: file, atomically: true, encoding: .utf8)
        try ws.expectRefused(["workspace", "apply", file.path, "--yes"], "has no calendar \"missing\" to keep")
        #expect(try ws.jsonArray(["calendars", "--json"]).count == 2)
    }
}
