import Foundation
import LinkdeskCore
import LinkdeskService

extension PostgresStore {
    public func append(_ events: [ActivityEvent]) async throws {
        guard !events.isEmpty else { return }
        try await write { c in try PostgresRows.append(events, to: c, by: self.actingLogin) }
    }

    /// `OneTimeLinkBatch` decides. The master page is read `FOR SHARE`: a rule switch (which
    /// invalidates the page's links) waits until these links are in, so none is made live after
    /// the switch. Links go in a few hundred per statement; `ON CONFLICT (link_id) DO NOTHING`
    /// leaves out those whose listing id is taken, told apart by the token hashes it returns.
    public func insertOneTimeLinks(_ links: [NewOneTimeLink], at now: Date, relabel: @escaping @Sendable () -> String,
                                   check: @escaping @Sendable (Page) throws -> Void,
                                   event: @escaping @Sendable (OneTimeLink, Page) -> ActivityEvent) async throws -> [OneTimeLink] {
        guard let masterID = try OneTimeLinkBatch.masterPage(of: links) else { return [] }
        return try await write { c in
            guard let page = try PostgresRows.page(masterID, lock: "FOR SHARE", in: c) else {
                throw OneTimeLinkBatch.unknownPage(masterID)
            }
            try check(page)
            let made = try OneTimeLinkBatch.store(OneTimeLinkBatch.links(links, on: page, at: now, madeBy: self.actingLogin), relabel: relabel) { batch in
                var inserted = Set<String>()
                for start in stride(from: 0, to: batch.count, by: 400) {
                    let chunk = batch[start..<min(batch.count, start + 400)]
                    var values: [String] = []
                    var parameters: [PGBindable?] = []
                    for link in chunk {
                        let n = parameters.count
                        values.append("(" + (1...9).map { "$\(n + $0)" }.joined(separator: ", ") + ")")
                        parameters += [link.linkID, link.tokenHash, link.masterPageID, link.createdAt, link.expiresAt,
                                       Int64(link.usesAllowed), Int64(link.usesLeft), link.personalizedFor, link.madeBy]
                    }
                    inserted.formUnion(try c.execute("""
                        INSERT INTO one_time_link (link_id, token_hash, master_id, created_at, expires_at, uses_allowed,
                                                   uses_left, personalized_for, made_by)
                        VALUES \(values.joined(separator: ", "))
                        ON CONFLICT (link_id) DO NOTHING
                        RETURNING token_hash
                        """, parameters).rows.map { $0.string(0) })
                }
                return batch.map { inserted.contains($0.tokenHash) }
            }
            try PostgresRows.append(made.map { event($0, page) }, to: c, by: self.actingLogin)
            return made
        }
    }

    /// One statement, hence one transaction and one round trip (a booking is the busiest write
    /// a team's servers make): the slug it came through is still the page's (the page row read
    /// `FOR SHARE`, so a slug change waits), the one-time use is spent by a conditional update,
    /// and only then does the booking row go in — with its request key, its manage token and its
    /// activity. A request key that already made a booking is answered first, as SQLite does
    /// (`.repeatedRequest`, before a use the first request spent or a time it took), and writes
    /// nothing; one committed meanwhile by a racing twin is refused by the key's uniqueness
    /// (23505), or finds the use spent, and `Linkdesk.book` then answers the twin's booking. The
    /// exclusion constraint refuses an overlap with any live booking of the member, committed or
    /// committing (23P01), and the whole statement with it. No slug or no use left: nothing is
    /// written at all, and nobody is notified: the statement sends its one notification itself
    /// when it made the booking, and tells the tables' triggers (migration 10) to stand aside,
    /// which saves three trigger calls. Should they run anyway (the plan evaluates `quiet`
    /// after a write finished), they notify once more in the same transaction, which
    /// PostgreSQL folds into one.
    ///
    /// The activity names the booking's id, which the database assigns in this statement: the
    /// events are written with `idMarker` for the id, which the statement replaces by the id
    /// (only digits and a minus sign can form the marker, so customer text can at worst contain
    /// it literally and show the id there).
    ///
    /// A daily limit (`NewBooking.dayCap`) costs one round trip more: the member's day is locked
    /// first (`lockDay`), in a transaction, so that the statement's count sees every booking a
    /// racing customer made of that day (a statement's snapshot is taken before it waits on a
    /// lock, so a lock inside the statement would not do).
    public func insertBooking(_ new: NewBooking) async throws -> Booking {
        let b = new.booking
        var marked = b
        marked.id = Self.idMarker
        let events = new.events(marked)
        let book: @Sendable (PGConnection) throws -> Booking = { c in
            var parameters: [PGBindable?] = [
                b.pageID, b.slugUsed, b.teamMemberID, b.eventTypeID, b.start, b.end, b.status.rawValue,
                b.customer.name, b.customer.email, try StoredJSON.encode(b.details), b.linkKind.rawValue, b.linkID,
                try StoredJSON.encode(b.policy), b.createdAt, b.reason,
                new.requestKeyHash, new.manageTokenHash, new.consumes, new.requiresSlug,
            ]
            if !events.isEmpty { parameters.append(String(Self.idMarker)) }  // $20
            var rows: [String] = []
            for (n, event) in events.enumerated() {
                let k = parameters.count
                rows.append("(\(n), $\(k + 1)::timestamptz, $\(k + 2)::text, $\(k + 3)::text, $\(k + 4)::text, $\(k + 5)::text, $\(k + 6)::text)")
                parameters += [event.at, event.actor.rawValue, event.kind.rawValue, event.subject, event.detail,
                               event.by ?? (event.actor == .staff ? self.actingLogin : nil)]
            }
            parameters.append(new.manageNonce)
            let nonce = "$\(parameters.count)::text"
            parameters.append(new.busyLogin)
            let busyLogin = "$\(parameters.count)::text"
            parameters += [new.dayCap.map { Int64($0.limit) }, new.dayCap?.from, new.dayCap?.until]
            let cap = "$\(parameters.count - 2)::integer", capFrom = "$\(parameters.count - 1)::timestamptz",
                capUntil = "$\(parameters.count)::timestamptz"
            let blocked = PostgresRows.blocked(b)
            parameters += [blocked.from, blocked.until]
            let blockedFrom = "$\(parameters.count - 1)::timestamptz", blockedUntil = "$\(parameters.count)::timestamptz"
            var queued: [String] = []
            for notice in new.notices {
                let k = parameters.count
                queued.append("($\(k + 1)::text, $\(k + 2)::timestamptz, $\(k + 3)::integer, $\(k + 4)::integer)")
                parameters += [notice.kind.rawValue, notice.due, notice.sequence, notice.before]
            }
            let outbox = queued.isEmpty ? "" : """
                ,
                queued AS (
                    INSERT INTO outbox (booking_id, kind, due_at, sequence, before_seconds)
                    SELECT made.id, q.kind, q.due_at, q.sequence, q.before_seconds
                    FROM made, (VALUES \(queued.joined(separator: ", "))) AS q(kind, due_at, sequence, before_seconds))
                """
            let activity = rows.isEmpty ? "" : """
                ,
                logged AS (
                    INSERT INTO activity (at, actor, kind, subject, detail, by_login)
                    SELECT e.at, e.actor, e.kind, replace(e.subject, $20, made.id::text), replace(e.detail, $20, made.id::text), e.by_login
                    FROM made, (VALUES \(rows.joined(separator: ", "))) AS e(n, at, actor, kind, subject, detail, by_login)
                    ORDER BY e.n)
                """
            // Only the checks and writes this booking needs are in its statement: a check whose
            // parameter is NULL would be a constant-false part the executor still sets up on every
            // run (about a tenth of the statement's time went to setting up its plan). Each shape
            // is a prepared statement of its own; the parameters the shape leaves out are named in
            // `quiet` so that every parameter keeps a type.
            let consumes = new.consumes != nil, slugged = new.requiresSlug != nil, keyed = new.requestKeyHash != nil
            let busyChecked = new.busyLogin != nil, capped = new.dayCap != nil, tokened = new.manageTokenHash != nil
            var guards: [String] = []
            if keyed { guards.append("NOT EXISTS (SELECT 1 FROM repeated)") }
            if busyChecked { guards.append("NOT EXISTS (SELECT 1 FROM busy)") }
            if capped { guards.append("NOT EXISTS (SELECT 1 FROM full_day)") }
            if slugged { guards.append("EXISTS (SELECT 1 FROM slug)") }
            let spentGuard = guards.isEmpty ? "" : " AND " + guards.joined(separator: " AND ")
            let madeGuard = guards + (consumes ? ["EXISTS (SELECT 1 FROM spent)"] : [])
            var checks: [String] = []
            if keyed {
                checks.append("""
                    repeated AS (
                        SELECT 1 WHERE linkdesk_request_key_booking($16::text) IS NOT NULL)
                    """)
            }
            if slugged {
                checks.append("""
                    slug AS (
                        SELECT 1 WHERE linkdesk_lock_slug($1, $19::text))
                    """)
            }
            if busyChecked {
                checks.append("""
                    busy AS (
                        SELECT 1 FROM calendar_busy WHERE staff_login = \(busyLogin) AND starts_at < coalesce(\(blockedUntil), $6::timestamptz)
                          AND starts_at > coalesce(\(blockedFrom), $5::timestamptz) - interval '\(Int(BusyInterval.longest)) seconds'
                          AND ends_at > coalesce(\(blockedFrom), $5::timestamptz) LIMIT 1)
                    """)
            }
            if capped {
                checks.append("""
                    full_day AS (
                        SELECT 1 WHERE (
                            SELECT count(*) FROM booking WHERE team_member_id = $3 AND starts_at >= \(capFrom) AND starts_at < \(capUntil)
                              AND status IN \(PostgresSchema.liveStatuses)) >= \(cap))
                    """)
            }
            if consumes {
                checks.append("""
                    spent AS (
                        UPDATE one_time_link SET uses_left = uses_left - 1
                        WHERE link_id = $18::text AND \(PostgresRows.live(now: "$14"))\(spentGuard)
                        RETURNING 1)
                    """)
            }
            var writes: [String] = []
            if keyed {
                writes.append("""
                    request AS (
                        INSERT INTO booking_request (key_hash, booking_id) SELECT $16::text, id FROM made)
                    """)
            }
            if tokened {
                writes.append("""
                    token AS (
                        INSERT INTO manage_token (token_hash, booking_id, nonce) SELECT $17::text, id, \(nonce) FROM made)
                    """)
            }
            let count = { (present: Bool, cte: String) in present ? "(SELECT count(*) FROM \(cte))" : "0" }
            let row = try c.execute("""
                WITH quiet AS (
                    SELECT set_config('\(PostgresSchema.notifiedSetting)', 'on', true),
                           $16::text, $17::text, $18::text, $19::text, \(nonce), \(busyLogin), \(cap), \(capFrom), \(capUntil), \(blockedFrom), \(blockedUntil)),
                \((checks + [""]).joined(separator: ",\n"))made AS (
                    INSERT INTO booking (page_id, slug_used, team_member_id, event_type_id, starts_at, ends_at, status,
                        customer_name, customer_email, details, link_kind, link_id, policy, created_at, reason, blocked_from, blocked_until)
                    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13::jsonb, $14, $15, \(blockedFrom), \(blockedUntil)
                    FROM quiet\(madeGuard.isEmpty ? "" : "\n    WHERE " + madeGuard.joined(separator: " AND "))
                    RETURNING id)\(writes.map { ",\n" + $0 }.joined())\(activity)\(outbox)
                SELECT (SELECT id FROM made) AS id, \(count(keyed, "repeated")) AS repeated, \(count(busyChecked, "busy")) AS busy,
                       \(count(capped, "full_day")) AS full_day,
                       \(count(slugged, "slug")) AS slug, (SELECT pg_notify('linkdesk', '') FROM made) AS notified
                """, parameters).rows[0]
            guard let id = row.optionalInt("id") else {
                if row.int("repeated") > 0 { throw StoreConflict.repeatedRequest }
                if row.int("busy") > 0 { throw StoreConflict.busyInCalendar }
                if let cap = new.dayCap, row.int("full_day") > 0 { throw StoreConflict.dayFull(limit: cap.limit) }
                if new.requiresSlug != nil && row.int("slug") == 0 { throw StoreConflict.stale }
                throw StoreConflict.linkSpent
            }
            var booking = b
            booking.id = id
            return booking
        }
        guard let cap = new.dayCap else { return try await writeOne(book) }
        return try await write { c in
            try Self.lockDay(cap, in: c)
            return try book(c)
        }
    }

    /// Waits, in the caller's transaction, for any other write that may fill the cap's day (a
    /// transaction-scoped advisory lock per member and local day; nothing else takes these).
    static func lockDay(_ cap: DayCap, in c: PGConnection) throws {
        try c.execute("SELECT pg_advisory_xact_lock(\(dayLockSpace), hashtext($1::text))",
                      ["\(cap.member)@\(Int64(cap.from.timeIntervalSince1970))"])
    }

    /// The first key of the day locks (`lockDay`): the lock space no other lock of linkdesk's uses.
    static let dayLockSpace: Int32 = 7_305

    /// Stands for a new booking's id in its activity until the database has assigned it.
    static let idMarker: BookingID = -7_305_918_264_601

    /// A compare-and-set on the booking's status and times; a new live time that overlaps
    /// another live booking of the member is refused by the exclusion constraint.
    public func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent],
                              manageTokenHash: String?, notices: [OutboxNotice], busyLogin: String?, dayCap: DayCap?) async throws {
        try await write { c in
            let takesNewTime = booking.status.isLive
                && (!previous.status.isLive || booking.start != previous.start || booking.end != previous.end)
            if takesNewTime, let dayCap {
                try Self.lockDay(dayCap, in: c)
                if try c.execute("""
                    SELECT count(*) AS n FROM booking WHERE team_member_id = $1 AND starts_at >= $2 AND starts_at < $3 AND id <> $4
                      AND status IN \(PostgresSchema.liveStatuses)
                    """, [dayCap.member, dayCap.from, dayCap.until, booking.id]).rows[0].int("n") >= dayCap.limit {
                    throw StoreConflict.dayFull(limit: dayCap.limit)
                }
            }
            if takesNewTime, let busyLogin, try c.execute("""
                SELECT 1 FROM calendar_busy WHERE staff_login = $1 AND starts_at < $2 AND starts_at > $3 AND ends_at > $4 LIMIT 1
                """, [busyLogin, booking.blockedEnd, booking.blockedStart.addingTimeInterval(-BusyInterval.longest),
                      booking.blockedStart]).rowCount > 0 {
                throw StoreConflict.busyInCalendar
            }
            // The site's login may change a booking only through its manage token (`PostgresRoles`).
            if let manageTokenHash { try c.execute("SELECT set_config('linkdesk.manage_token', $1, true)", [manageTokenHash]) }
            let changed = try c.execute("""
                UPDATE booking SET starts_at = $1, ends_at = $2, status = $3, reason = $4, blocked_from = $9, blocked_until = $10
                WHERE id = $5 AND status = $6 AND starts_at = $7 AND ends_at = $8
                """, [booking.start, booking.end, booking.status.rawValue, booking.reason, booking.id,
                      previous.status.rawValue, previous.start, previous.end,
                      PostgresRows.blocked(booking).from, PostgresRows.blocked(booking).until]).affectedRows
            guard changed == 1 else { throw StoreConflict.stale }
            try c.execute("UPDATE outbox SET state = 'withdrawn' WHERE booking_id = $1 AND kind = 'reminder' AND state = 'pending'",
                          [booking.id])
            for notice in notices {
                try c.execute("INSERT INTO outbox (booking_id, kind, due_at, sequence, before_seconds) VALUES ($1, $2, $3, $4, $5)",
                              [booking.id, notice.kind.rawValue, notice.due, notice.sequence, notice.before])
            }
            try PostgresRows.append(events, to: c, by: self.actingLogin)
        }
    }

    /// One statement: the due rows are locked `FOR UPDATE SKIP LOCKED`, so two senders claiming at
    /// once take different rows, and marked claimed until the lease ends.
    public func claimDue(at now: Date, limit: Int, lease: Double) async throws -> [OutboxItem] {
        try await writeOne { c in
            try Self.outboxItems(c.execute("""
                WITH due AS (
                    SELECT id FROM outbox
                    WHERE state = 'pending' AND due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
                    ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
                UPDATE outbox SET claimed_until = $3 FROM due WHERE outbox.id = due.id
                RETURNING \(Self.qualifiedOutboxColumns)
                """, [now, max(limit, 0), now.addingTimeInterval(lease)]))
                .sorted { ($0.notice.due, $0.id) < ($1.notice.due, $1.id) }
        }
    }

    public func resendMessage(id: Int64, at now: Date) async throws -> Bool {
        try await writeOne { c in
            try c.execute("""
                UPDATE outbox SET state = 'pending', due_at = $1, attempts = 0, claimed_until = NULL WHERE id = $2 AND state = 'failed'
                """, [now, id]).rowCount == 1
        }
    }

    public func recordDeliveries(_ deliveries: [Delivery], at now: Date) async throws {
        try await write { c in
            for delivery in deliveries { try Self.record(delivery.id, delivery.outcome, at: now, in: c) }
        }
    }

    private static func record(_ id: Int64, _ outcome: OutboxOutcome, at now: Date, in c: PGConnection) throws {
            switch outcome {
            case .sent:
                _ = try c.execute("""
                    UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = $1, last_error = NULL, claimed_until = NULL WHERE id = $2
                    """, [now, id])
            case .retry(let at, let reason):
                _ = try c.execute("""
                    UPDATE outbox SET attempts = attempts + 1, due_at = $1, last_error = $2, claimed_until = NULL WHERE id = $3
                    """, [at, reason, id])
            case .failed(let reason):
                _ = try c.execute("""
                    UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = $1, claimed_until = NULL WHERE id = $2
                    """, [reason, id])
            case .withdrawn:
                _ = try c.execute("UPDATE outbox SET state = 'withdrawn', claimed_until = NULL WHERE id = $1", [id])
            case .deferred(let until):
                _ = try c.execute("UPDATE outbox SET due_at = $1, claimed_until = NULL WHERE id = $2", [until, id])
            }
    }

    public func revokeOneTimeLink(id: String, at now: Date, events: [ActivityEvent]) async throws {
        try await write { c in
            let changed = try c.execute("""
                UPDATE one_time_link SET revoked_at = $1 WHERE link_id = $2 AND \(PostgresRows.live(now: "$1"))
                """, [now, id]).affectedRows
            guard changed == 1 else { throw StoreConflict.stale }
            try PostgresRows.append(events, to: c, by: self.actingLogin)
        }
    }

    /// The page is read `FOR UPDATE` and compared with `previous`; the unique `page_slug_key`
    /// refuses a slug another page has (23505).
    public func updatePage(_ change: PageChange) async throws -> Int {
        try await write(workspace: true) { c in
            guard try PostgresRows.page(change.previous.id, lock: "FOR UPDATE", in: c) == change.previous else {
                throw StoreConflict.stale
            }
            try c.execute("UPDATE page SET name = $1, slug = $2, config = $3::jsonb WHERE id = $4",
                          [change.page.name, change.page.slug, try PageConfigCodec.encode(change.page), change.page.id])
            if change.keepsFormerSlug, change.previous.slug != change.page.slug {
                try c.execute("INSERT INTO former_slug (slug, page_id, changed_at) VALUES ($1, $2, $3)",
                              [change.previous.slug, change.page.id, change.at])
            }
            let stopped = change.invalidatesOneTimeLinks
                ? try PostgresRows.invalidateOneTimeLinks(master: change.page.id, at: change.at, in: c) : 0
            try PostgresRows.append(change.events(stopped), to: c, by: self.actingLogin)
            return stopped
        }
    }
}
