import Foundation
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore
import LinkdeskTestSupport
import Testing

/// What only the PostgreSQL store has: guarantees that hold for writers that bypass linkdesk,
/// many connections at once, migrations raced by processes starting together, and a server
/// that drops connections.
@Suite("PostgreSQL store", .postgres)
struct PostgresStoreTests {
    typealias F = StoreFixture

    static func events(_ booking: Booking) -> [ActivityEvent] {
        [ActivityEvent(at: F.now, actor: .customer, kind: .bookingScheduled, subject: "#\(booking.id)")]
    }

    static func sqlState(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as PostgresError { return error.sqlState } catch { return "\(error)" }
    }

    @Test("a plain-SQL INSERT that overlaps a live booking is refused by the database (23P01); a canceled one is not in the way")
    func plainSQLOverlap() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let url = try #require(t.postgresURL)
        let booking = try await t.book(Links.general("ann"), at: F.tuesday(10))
        func insert(_ start: String, _ end: String, status: String = "Scheduled") -> String? {
            Self.sqlState {
                _ = try PostgresStore.execute("""
                    INSERT INTO booking (page_id, team_member_id, event_type_id, starts_at, ends_at, status, customer_name,
                        customer_email, details, link_kind, policy, created_at)
                    SELECT page_id, team_member_id, event_type_id, '\(start)', '\(end)', '\(status)', 'Psql', 'psql@example.com',
                        details, link_kind, policy, now() FROM booking WHERE id = \(booking.id)
                    """, at: url)
            }
        }
        // Tuesday 24 November 2026, 10:00–10:30 in New York is 15:00–15:30 UTC.
        #expect(insert("2026-11-24 15:15:00+00", "2026-11-24 15:45:00+00") == "23P01", "a partial overlap")
        #expect(insert("2026-11-24 14:50:00+00", "2026-11-24 15:05:00+00") == "23P01", "a 15-minute meeting inside")
        #expect(insert("2026-11-24 15:15:00+00", "2026-11-24 15:45:00+00", status: "Rescheduled") == "23P01")
        #expect(insert("2026-11-24 15:30:00+00", "2026-11-24 16:00:00+00") == nil, "back to back is fine")
        #expect(insert("2026-11-24 15:00:00+00", "2026-11-24 15:30:00+00", status: "Canceled by staff") == nil,
                "a canceled booking holds no time")
        // Making the canceled copy live again overlaps: refused too.
        #expect(Self.sqlState {
            _ = try PostgresStore.execute("UPDATE booking SET status = 'Scheduled' WHERE status = 'Canceled by staff'", at: url)
        } == "23P01")
        #expect(try await t.allBookings().count == 3)
    }

    @Test("the kept workspace follows every change: plain SQL on event types and pages, another store's page change")
    func workspaceVersion() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let url = try #require(t.postgresURL)
        #expect(try await t.store.workspace() == F.workspace)
        #expect(try await t.store.workspace() == F.workspace, "read again while nothing changed: the same")
        _ = try PostgresStore.execute("UPDATE event_type SET name = 'Quick chat' WHERE id = 1", at: url)
        #expect(try await t.store.workspace().eventType(id: 1)?.name == "Quick chat", "a plain-SQL change is seen at once")
        let other = try await t.secondConnection()
        let ann = try #require(try await other.workspace().pages.first { $0.slug == "ann" })
        _ = try await Linkdesk(store: other, base: .default, time: FixedTime(F.now)).setSlug(page: ann.id, to: "ann-smith")
        #expect(try await t.store.workspace().page(id: ann.id)?.slug == "ann-smith", "another store's change is seen at once")
        _ = try PostgresStore.execute("DELETE FROM former_slug; UPDATE page SET slug = 'ann', config = jsonb_set(config, '{slug}', '\"ann\"') WHERE id = \(ann.id)", at: url)
        #expect(try await t.store.workspace().page(id: ann.id)?.slug == "ann")
        let version = try PostgresStore.execute("SELECT n FROM workspace_version", at: url)
        _ = try await t.book(Links.general("ann"), at: F.tuesday(10))
        #expect(try PostgresStore.execute("SELECT n FROM workspace_version", at: url) == version,
                "a booking does not move the workspace's version (it would serialize every booking on one row)")
    }

    @Test("while its listener runs, the kept workspace is used with no round trip and still follows every change")
    func pushedWorkspaceStamp() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let url = try #require(t.postgresURL)
        _ = try await t.store.changeStamp()  // starts the listener, as the booking site does
        let first = try await t.store.workspace()
        // With the version row out of reach, only the pushed stamp can answer.
        _ = try PostgresStore.execute("ALTER TABLE workspace_version RENAME TO workspace_version_away", at: url)
        #expect(try await t.store.workspace() == first, "kept, without reading the version row")
        _ = try await t.book(Links.general("ann"), at: F.tuesday(10))
        #expect(try await t.store.workspace() == first, "a booking keeps it")
        _ = try PostgresStore.execute("ALTER TABLE workspace_version_away RENAME TO workspace_version", at: url)

        _ = try PostgresStore.execute("UPDATE event_type SET name = 'Quick chat' WHERE id = 1", at: url)
        #expect(try await Self.eventually { try await t.store.workspace().eventType(id: 1)?.name == "Quick chat" },
                "a plain-SQL change is seen once its notification arrives")
        let ann = try #require(first.pages.first { $0.slug == "ann" })
        _ = try await t.linkdesk().setSlug(page: ann.id, to: "ann-smith")
        #expect(try await t.store.workspace().page(id: ann.id)?.slug == "ann-smith", "the store's own change is seen at once")
        let other = try await t.secondConnection()
        _ = try await Linkdesk(store: other, base: .default, time: FixedTime(F.now)).setSlug(page: ann.id, to: "ann-s")
        #expect(try await Self.eventually { try await t.store.workspace().page(id: ann.id)?.slug == "ann-s" },
                "another store's change is seen once its notification arrives")
    }

    /// A booking sends its notification itself and sets `linkdesk.notified` so that the tables'
    /// triggers stand aside (migration 10); the setting must end with its transaction, or the
    /// next write on that pooled connection would notify nobody.
    @Test("a booking notifies by itself; the next write on the same connection, and plain SQL, still notify through the triggers")
    func bookingNotifiesItself() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let url = try #require(t.postgresURL)
        let single = try PostgresStore(url: url, connections: 1)
        let watcher = try await t.secondConnection()
        let afterBooking = await subscribed(watcher)
        _ = try await Linkdesk(store: single, base: .default, time: FixedTime(F.now))
            .book(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting", start: F.tuesday(10), form: F.form))
        #expect(await yields(afterBooking, within: .seconds(1)), "the booking's own notification")

        let afterWrite = await subscribed(watcher)
        try await single.append([ActivityEvent(at: F.now, actor: .staff, kind: .linkShared, subject: "Ann", detail: "general")])
        #expect(await yields(afterWrite, within: .seconds(1)), "the same connection's next write, through the triggers")

        let afterSQL = await subscribed(watcher)
        _ = try PostgresStore.execute("UPDATE booking SET reason = 'plain SQL'", at: url)
        #expect(await yields(afterSQL, within: .seconds(1)), "plain SQL on a table a booking writes")
    }

    /// True once `check` holds, polled for up to 5 s (a notification crosses a socket and a thread).
    static func eventually(_ check: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<500 {
            if try await check() { return true }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        return try await check()
    }

    @Test("a SQLite store's dump moves into an empty PostgreSQL database: manage links, request keys, calendar feeds and the outbox keep working")
    func dumpMovesWebTokens() async throws {
        let source = try await TestStore(.sqlite)
        defer { source.remove() }
        let sqlite = try #require(source.store as? SQLiteStore)
        let desk = source.linkdesk()
        let key = desk.newRequestKey()
        let made = try await desk.bookOnline(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting",
                                                             start: F.tuesday(10), form: F.form), requestKey: key)
        let feed = try await desk.makeCalendarURL(member: "ann", rotate: false)
        let emails = try Notifications(secret: [UInt8](repeating: 0x5A, count: 32), reminders: [3_600])
        let notifying = Linkdesk(store: sqlite, base: .default, time: FixedTime(F.now), notifications: emails)
        let secondKey = desk.newRequestKey()
        let owed = try await notifying.bookOnline(CustomerBooking(link: Links.general("ann"), eventName: "30-minute meeting",
                                                                  start: F.tuesday(14), form: F.form), requestKey: secondKey)
        _ = try await notifying.cancel(id: owed.booking.id, actor: .staff, reason: nil)
        let outbox = try await sqlite.outbox(booking: nil, limit: 100)
        #expect(outbox.count == 3, "confirmation, reminder (withdrawn), cancellation: no staff member owns the page")

        let server = try PostgresServer.require()
        let database = "linkdesk_m_" + UUID().uuidString.prefix(8).lowercased()
        _ = try PostgresStore.execute("CREATE DATABASE \(database)", at: server)
        defer { _ = try? PostgresStore.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", at: server) }
        let target = try PostgresStore(url: try TestStore.url(server, database: database))
        let counts = try await target.importDump(try await sqlite.dump())
        #expect(counts.bookings == 2 && counts.manageTokens == 2 && counts.requestKeys == 2 && counts.calendarTokens == 1
                && counts.outbox == 3, "\(counts)")
        #expect(try await target.outbox(booking: nil, limit: 100) == outbox, "the outbox, states and all: no message owed is lost")

        let moved = Linkdesk(store: target, base: .default, time: FixedTime(F.now))
        #expect(try await moved.managedBooking(token: made.manageToken).id == made.booking.id, "the customer's manage link")
        #expect(try await moved.bookedEarlier(requestKey: key)?.booking.id == made.booking.id,
                "a retried POST of a form rendered before the move answers with its booking, not a second one")
        let movedWithEmails = Linkdesk(store: target, base: .default, time: FixedTime(F.now), notifications: emails)
        #expect(try await movedWithEmails.bookedEarlier(requestKey: secondKey)?.manageToken == owed.manageToken,
                "a link made from the secret is made again after the move (its nonce moved with it)")
        #expect(try await moved.managedBooking(token: owed.manageToken).id == owed.booking.id)
        let token = try #require(feed.url.split(separator: "/").last).replacingOccurrences(of: ".ics", with: "")
        #expect(try await moved.calendarFeed(token: token).bookings.map(\.id) == [made.booking.id], "the calendar feed")
    }

    @Test("16 connections booking through ONE one-time link at once: exactly one booking, its use spent once")
    func sixteenBookers() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let link = try await t.oneTime().link
        let results = try await race(16, setup: { _ in
            Linkdesk(store: try await t.secondConnection(), base: .default, time: FixedTime(F.now))
        }) { i, desk in
            try await desk.book(CustomerBooking(link: link, eventName: "30-minute meeting",
                                                start: F.tuesday(9 + i / 2, (i % 2) * 30),
                                                form: Personalization(name: "Racer \(i)", email: "racer\(i)@example.com"))).id
        }
        let winners = results.compactMap { try? $0.get() }
        #expect(winners.count == 1, "\(results)")
        for case .failure(let error) in results {
            #expect((error as? Refusal)?.message == Refusal.DeadLink.used.sentence, "\(error)")
        }
        #expect(try await t.allBookings().map(\.id) == winners)
        #expect(try await t.linkdesk().oneTimeLinks().first?.usesLeft == 0)
        #expect(try await t.activityKinds().filter { $0 == .oneTimeUsed }.count == 1)
    }

    @Test("a booking spends its one-time link's use on the link's own page (a heap-only update), even when links were made in a batch")
    func linkUseStaysOnItsPage() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let url = try #require(t.postgresURL)
        // Enough links to fill the table's first pages: packed full, the first link's new row
        // version would have to go to another page, and into every index of the table.
        var links: [(link: Link, linkID: String)] = []
        for _ in 0..<150 { let made = try await t.oneTime(); links.append((made.link, made.linkID)) }
        func page(of id: String) throws -> String? {
            try PostgresStore.execute("SELECT (ctid::text::point)[0]::int FROM one_time_link WHERE link_id = '\(id)'", at: url).first?.first ?? nil
        }
        let first = try #require(links.first)
        let before = try page(of: first.linkID)
        #expect(before == "0", "the first link is on the first page")
        try await t.book(first.link, at: F.tuesday(10))
        #expect(try await t.link(first.linkID)?.usesLeft == 0)
        #expect(try page(of: first.linkID) == before, "its spent version stays on its page")
    }

    @Test("two customers racing for overlapping times of one member (30 and 15 minutes): one booking")
    func overlappingShapes() async throws {
        for round in 0..<5 {
            let t = try await TestStore(.postgres)
            defer { t.remove() }
            let results = try await race(2, setup: { _ in try await t.secondConnection() }) { i, store in
                var draft = F.draft("Racer \(i)", "racer\(i)@example.com", at: i == 0 ? F.tuesday(10) : F.tuesday(10, 15))
                if i == 1 { draft.end = draft.start + 15 * 60; draft.eventTypeID = 1 }
                return try await store.insertBooking(NewBooking(booking: draft, consumes: nil, requiresSlug: nil,
                                                                events: Self.events)).id
            }
            #expect(results.filter { (try? $0.get()) != nil }.count == 1, "round \(round): \(results)")
            for case .failure(let error) in results {
                #expect(error as? StoreConflict == .slotTaken, "\(error)")
            }
            #expect(try await t.allBookings().count == 1)
        }
    }

    @Test("8 stores opening a brand-new database at once: all succeed, migrated once, seeded once")
    func firstOpenRace() async throws {
        let server = try PostgresServer.require()
        for round in 0..<3 {
            let database = "linkdesk_open_\(UUID().uuidString.prefix(8).lowercased())"
            _ = try PostgresStore.execute("CREATE DATABASE \(database)", at: server)
            defer { _ = try? PostgresStore.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)", at: server) }
            let url = try TestStore.url(server, database: database)
            let results = runTogether(8, setup: { _ in () }) { _, _ in try PostgresStore(url: url, seed: { F.workspace }) }
            for case .failure(let error) in results { Issue.record("round \(round): \(error)") }
            for case .success(let store) in results { #expect(try await store.workspace() == F.workspace) }
            // One row per migration, each applied once: the versions are 1…n without repeats.
            #expect(try PostgresStore.execute("SELECT count(*) = count(DISTINCT version) AND count(*) = max(version) FROM schema_version",
                                              at: url) == [["t"]])
            #expect(try PostgresStore.execute("SELECT count(*) FROM page", at: url) == [["\(F.workspace.pages.count)"]])
        }
    }

    @Test("a server that can't be reached is a one-line StoreError naming it, within the connect timeout")
    func unreachable() throws {
        let started = Date()
        do {
            _ = try PostgresStore(url: "postgres://nobody@127.0.0.1:1/linkdesk?connect_timeout=2")
            Issue.record("connected to port 1")
        } catch let error as StoreError {
            #expect(error.message.hasPrefix("cannot reach PostgreSQL at postgres://nobody@127.0.0.1:1/linkdesk"), "\(error)")
            #expect(!error.message.contains("\n"), "\(error)")
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("a write sent alone as the first thing on a connection the server dropped while idle is made, not 'may or may not have been saved'")
    func writeAfterDrop() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let url = try #require(t.postgresURL), server = try PostgresServer.require()
        let store = try PostgresStore(url: url, connections: 1)
        _ = try await store.workspace()  // its one connection, now idle in the pool
        let database = try #require(url.split(separator: "/").last?.split(separator: "?").first.map(String.init))
        _ = try PostgresStore.execute("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = '\(database)' AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """, at: server)
        try await Task.sleep(for: .milliseconds(300))  // the backend's FATAL message and its close reach the socket
        let booking = try await store.insertBooking(NewBooking(
            booking: F.draft("Ada", "ada@example.com", at: F.tuesday(11)), consumes: nil, requiresSlug: nil,
            events: { b in [ActivityEvent(at: F.now, actor: .customer, kind: .bookingScheduled, subject: "#\(b.id) Ada")] }))
        #expect(try await store.booking(id: booking.id)?.customer.name == "Ada")
        #expect(try await store.activity(limit: 1).first?.subject == "#\(booking.id) Ada", "the activity names the id the database gave")
    }

    @Test("connections the server drops are replaced: reads and writes go on, changes() resyncs and keeps reporting")
    func droppedConnections() async throws {
        let t = try await TestStore(.postgres)
        defer { t.remove() }
        let url = try #require(t.postgresURL), server = try PostgresServer.require()
        let other = try await t.secondConnection()
        _ = try await t.store.workspace()
        let changes = t.store.changes()
        let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
        _ = try PostgresStore.execute("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()
            """, at: server)
        // Pooled connections died while idle: the next read and write reconnect by themselves.
        #expect(try await t.store.workspace() == F.workspace)
        _ = try await t.book(Links.general("ann"), at: F.tuesday(10))
        // The listener saw its connection go and came back: `.changed`, since commits may have been missed.
        #expect(await yields(changes, within: .seconds(3)))
        let again = await subscribed(t.store)
        try await other.append([ActivityEvent(at: F.now, actor: .staff, kind: .linkShared, subject: "Ann")])
        #expect(await yields(again, within: .seconds(1)))
    }
}
