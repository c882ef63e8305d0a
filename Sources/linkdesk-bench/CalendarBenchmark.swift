import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Staff calendars' sync (SPEC §10): `linkdesk calendars sync` over STAFF staff members, each
/// with one CalDAV calendar of EVENTS event occurrences over the year ahead (weekly series and
/// single meetings, `write`), served by Debian's Radicale on this machine, into a SQLite
/// workspace. The events are written straight into Radicale's storage folder (tens of thousands
/// of PUTs would take longer than everything measured). Radicale builds a cache of each item the first time it answers a query over it
/// (minutes, in Python, for a quarter of a million items): that first, cold sync is printed
/// apart. The figures are warm syncs (what `linkdesk serve` does every 5 minutes): with every busy
/// time new to linkdesk (its stored ones deleted first, so all are written again) and with
/// nothing changed (nothing written). Target: ≤ 10 s.
struct CalendarBenchmark {
    let staff: Int
    let events: Int

    func run() {
        let (linkdesk, _) = releaseBinaries()
        let python = "/usr/bin/python3"
        guard timed(python, ["-c", "import radicale"]).status == 0 else { fail("radicale is not installed (apt-get install radicale)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-bench-calendars-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let port = 22_000 + Int(getpid() % 2_000)
        let config = """
            [server]
            hosts = 127.0.0.1:\(port)
            [auth]
            type = none
            [rights]
            type = authenticated
            [storage]
            filesystem_folder = \(dir)/storage
            hook =
            [web]
            type = none
            [logging]
            level = warning
            """
        FileManager.default.createFile(atPath: dir + "/radicale.conf", contents: Data(config.utf8))
        let query = #"<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop>"#
            + #"<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20261129T000000Z" end="20271204T000000Z"/>"#
            + #"</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>"#
        FileManager.default.createFile(atPath: dir + "/query.xml", contents: Data(query.utf8))
        write(into: dir + "/storage/collection-root/bench")

        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LINKDESK_") }
        env["LINKDESK_DB"] = dir + "/calendars.sqlite"
        env["LINKDESK_QUIET"] = "1"
        env["LINKDESK_NOW"] = "2026-12-01T00:00:00Z"
        let me = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
        func must(_ arguments: [String]) {
            let run = timed(linkdesk, arguments, environment: env)
            guard run.status == 0 else { fail("linkdesk \(arguments.joined(separator: " ")) exited \(run.status)") }
        }
        must(["staff", "add", me, "--name", "Bench Admin", "--email", "admin@example.com", "--role", "administrator"])
        for n in 0..<staff {
            must(["staff", "add", "staff\(n)", "--name", "Staff \(n)", "--email", "s\(n)@example.com", "--role", "member"])
            must(["calendars", "add", "staff\(n)", "--caldav", "http://127.0.0.1:\(port)/bench/cal\(n)/", "--name", "work", "--no-sync"])
        }

        let runner = ServeBenchmark(seconds: 1)
        let server = runner.spawn([python], ["-m", "radicale", "--config", dir + "/radicale.conf"], env)
        defer { kill(server, SIGTERM); var status: Int32 = 0; waitpid(server, &status, 0) }
        usleep(1_500_000)

        let sync = ["calendars", "sync", "--timeout", "600"]
        let cold = timed(linkdesk, sync, environment: env)
        guard cold.status == 0, cold.out.components(separatedBy: " busy events").count == staff + 1 else {
            fail("the first sync failed (exit \(cold.status)): \(cold.out.prefix(400))")
        }
        print(String(format: "first sync, Radicale's cache cold: %.1f s", cold.ms / 1000))
        guard let sqlite = which("sqlite3") else { fail("sqlite3 is not installed (apt-get install sqlite3)") }
        var changed: [Double] = [], unchanged: [Double] = [], cpu: [Double] = []
        for _ in 1...3 {
            // What linkdesk kept forgotten: the sync writes every busy time again, from a warm server.
            guard timed(sqlite, [dir + "/calendars.sqlite", "DELETE FROM calendar_busy"]).status == 0 else { fail("sqlite3 failed") }
            let written = timed(linkdesk, sync, environment: env)
            guard written.status == 0 else { fail("a sync failed (exit \(written.status))") }
            changed.append(written.ms / 1000)
            cpu.append(written.cpuMs / 1000)
            let same = timed(linkdesk, sync, environment: env)
            guard same.status == 0 else { fail("a sync failed (exit \(same.status))") }
            unchanged.append(same.ms / 1000)
        }
        print("staff calendars: \(staff) × \(events) event occurrences, CalDAV from Radicale, SQLite workspace")
        print(String(format: "sync writing every busy time: best %.2f s, median %.2f s (linkdesk's CPU %.2f s); target ≤ 10 s",
                     changed.min() ?? 0, changed.sorted()[changed.count / 2], cpu.sorted()[cpu.count / 2]))
        print(String(format: "sync with nothing changed: best %.2f s, median %.2f s", unchanged.min() ?? 0, unchanged.sorted()[unchanged.count / 2]))
    }

    /// Each staff member's calendar as Radicale stores it: a collection folder with its
    /// properties and one .ics per event. Like a working calendar, most of a year's events are
    /// weekly series (a year of Mondays at 10, …: nine in ten occurrences) and the rest single
    /// meetings, an hour apart at most and never two at once.
    func write(into root: String) {
        let base = 1_796_112_000  // 2026-12-01T08:00:00Z
        let series = events * 9 / 10 / 52, singles = events - series * 52
        for n in 0..<staff {
            let folder = root + "/cal\(n)"
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder + "/.Radicale.props", contents: Data(#"{"tag": "VCALENDAR"}"#.utf8))
            func put(_ name: String, start: Int, rule: String) {
                let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//linkdesk bench//EN\r\nBEGIN:VEVENT\r\nUID:\(name)-\(n)@bench\r\n"
                    + "DTSTAMP:20261101T000000Z\r\nDTSTART:\(Self.stamp(start))\r\nDTEND:\(Self.stamp(start + 2_700))\r\n" + rule
                    + "SUMMARY:\(name)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                FileManager.default.createFile(atPath: folder + "/\(name).ics", contents: Data(text.utf8))
            }
            // Series: an hour of the week each, from 08:00 UTC (86 series: up to 20:00).
            for k in 0..<series { put("series\(k)", start: base + (k % 7) * 86_400 + (k / 7) * 3_600, rule: "RRULE:FREQ=WEEKLY;COUNT=52\r\n") }
            // Singles: in the hours the series leave free (21:00 to 24:00 UTC), spread over the year.
            for k in 0..<singles { put("single\(k)", start: base + ((k * 7 + n) % 365) * 86_400 + (13 + k % 3) * 3_600, rule: "") }
        }
    }

    static func stamp(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
