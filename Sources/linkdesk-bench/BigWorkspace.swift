import Foundation

/// A database with `pages` booking pages (plus the demo) and `bookings` bookings, made by the
/// sqlite3 CLI in one transaction so building it takes seconds, not minutes.
enum BigWorkspace {
    /// A temporary folder with the big database, and the environment that points linkdesk at it
    /// on a real terminal type with no clipboard. The caller removes `dir`.
    static func prepare(_ name: String, linkdesk: String) -> (dir: String, env: [String: String]) {
        guard FileManager.default.isExecutableFile(atPath: linkdesk) else { fail("no linkdesk binary at \(linkdesk): build it first") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-bench-\(name)-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let db = dir + "/big.sqlite"
        create(at: db, linkdesk: linkdesk, pages: 1_000, bookings: 100_000)
        var env = ProcessInfo.processInfo.environment
        env["LINKDESK_DB"] = db
        env["LINKDESK_QUIET"] = "1"
        env["TERM"] = "xterm-256color"
        env["LINKDESK_CLIPBOARD"] = "none"
        return (dir, env)
    }

    static func create(at db: String, linkdesk: String, pages: Int, bookings: Int) {
        var env = ProcessInfo.processInfo.environment
        env["LINKDESK_DB"] = db
        env["LINKDESK_QUIET"] = "1"
        guard timed(linkdesk, ["pages"], environment: env).status == 0 else { fail("could not create \(db)") }
        guard let sqlite3 = which("sqlite3") else { fail("sqlite3 is not installed (apt-get install sqlite3)") }
        let sql = """
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(pages))
            INSERT INTO page (id, kind, name, slug, config)
            SELECT 1000 + i, 'booking', 'Team member ' || i, 'member-' || i,
              '{"availability":{"closeMinute":1020,"days":[1,2,3,4,5],"openMinute":540},"eventTypeIDs":[1,2,3],' ||
              '"id":' || (1000 + i) || ',"name":"Team member ' || i || '","owner":"Owner ' || i || '",' ||
              '"policy":{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"anyTime":{}},"rescheduleReason":"not-asked"},' ||
              '"slug":"member-' || i || '","timeZone":"America/New_York"}' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(bookings))
            INSERT INTO booking (page_id, slug_used, team_member_id, event_type_id, start, "end", status, customer_name,
                                 customer_email, details, link_kind, link_id, policy, created_at)
            SELECT 1000 + (i % \(pages)) + 1, 'member-' || ((i % \(pages)) + 1), 1000 + (i % \(pages)) + 1, 2,
                   1767000000 + i * 1800, 1767000000 + i * 1800 + 1800, 'Scheduled', 'Customer ' || i,
                   'customer' || i || '@example.com', '{"showForm":false}', 'general', NULL,
                   '{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"anyTime":{}},"rescheduleReason":"not-asked"}',
                   1767000000 FROM n;
            COMMIT;
            """
        guard timed(sqlite3, [db, sql]).status == 0 else { fail("could not fill \(db)") }
    }
}
