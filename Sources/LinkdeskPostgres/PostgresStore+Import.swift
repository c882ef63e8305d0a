import Foundation
import LinkdeskCore
import LinkdeskService

extension PostgresStore {
    /// What an import wrote, counted back from the tables in its own transaction.
    public struct ImportCounts: Equatable, Sendable {
        public var eventTypes, pages, links, bookings, activity, formerSlugs, manageTokens, requestKeys, calendarTokens, outbox: Int
    }

    /// Writes a whole store's content into this database, which must hold no workspace yet
    /// (open it with `seed: nil`), in one transaction: ids are kept (bookings' ids are in their
    /// manage links), identity counters continue after them, and the counts are checked
    /// before committing. The database's own constraints check the data on the way in.
    public func importDump(_ dump: StoreDump) async throws -> ImportCounts {
        try await write(workspace: true) { c in
            guard try c.execute("SELECT 1 FROM page LIMIT 1").rowCount == 0,
                  try c.execute("SELECT 1 FROM meta WHERE key = 'seeded'").rowCount == 0 else {
                throw StoreError("the PostgreSQL database already holds a workspace: migrate into a new, empty database")
            }
            try PostgresRows.insert(dump.workspace, into: c)
            try c.execute("INSERT INTO meta (key, value) VALUES ('seeded', 'migrated')")
            for former in dump.formerSlugs {
                try c.execute("INSERT INTO former_slug (slug, page_id, changed_at) VALUES ($1, $2, $3)",
                              [former.slug, former.pageID, former.changedAt])
            }
            for link in dump.links {
                try c.execute("""
                    INSERT INTO one_time_link (link_id, token_hash, master_id, created_at, expires_at, uses_allowed, uses_left,
                                               revoked_at, invalidated_at, personalized_for, made_by)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                    """, [link.linkID, link.tokenHash, link.masterPageID, link.createdAt, link.expiresAt,
                          Int64(link.usesAllowed), Int64(link.usesLeft), link.revokedAt, link.invalidatedAt, link.personalizedFor,
                          link.madeBy])
            }
            for member in dump.staff { try PostgresRows.save(member, in: c) }
            for (calendar, busy) in dump.calendars {
                let columns = CalendarColumns(calendar.source)
                let id = try c.execute("""
                    INSERT INTO calendar (staff_login, name, kind, url, "user", password_env, password_file,
                                          last_good_sync, last_attempt, event_count, last_error)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
                    """, [calendar.staffLogin, calendar.name, columns.kind, columns.url, columns.user, columns.passwordEnv,
                          columns.passwordFile, calendar.sync.lastGoodSync, calendar.sync.lastAttempt, calendar.sync.eventCount,
                          calendar.sync.lastError]).rows[0].int("id")
                for time in busy {
                    try c.execute("INSERT INTO calendar_busy (calendar_id, staff_login, starts_at, ends_at) VALUES ($1, $2, $3, $4)",
                                  [id, calendar.staffLogin, time.start, time.end])
                }
            }
            for (name, value) in dump.settings {
                try c.execute("INSERT INTO setting (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                              [name, value])
            }
            for b in dump.bookings {
                try c.execute("""
                    INSERT INTO booking (id, page_id, slug_used, team_member_id, event_type_id, starts_at, ends_at, status,
                        customer_name, customer_email, details, link_kind, link_id, policy, created_at, reason, blocked_from, blocked_until)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14::jsonb, $15, $16, $17, $18)
                    """, [b.id, b.pageID, b.slugUsed, b.teamMemberID, b.eventTypeID, b.start, b.end, b.status.rawValue,
                          b.customer.name, b.customer.email, try StoredJSON.encode(b.details), b.linkKind.rawValue, b.linkID,
                          try StoredJSON.encode(b.policy), b.createdAt, b.reason, PostgresRows.blocked(b).from, PostgresRows.blocked(b).until])
            }
            for token in dump.manageTokens {
                try c.execute("INSERT INTO manage_token (token_hash, booking_id, nonce) VALUES ($1, $2, $3)",
                              [token.hash, token.bookingID, token.nonce])
            }
            for key in dump.requestKeys {
                try c.execute("INSERT INTO booking_request (key_hash, booking_id) VALUES ($1, $2)", [key.hash, key.bookingID])
            }
            for token in dump.calendarTokens {
                try c.execute("INSERT INTO calendar_token (member_id, token_hash, created_at) VALUES ($1, $2, $3)",
                              [token.memberID, token.hash, token.createdAt])
            }
            try PostgresRows.append(dump.activity, to: c, by: nil)
            for item in dump.outbox {
                try c.execute("""
                    INSERT INTO outbox (id, booking_id, kind, due_at, sequence, before_seconds, state, attempts, last_error, sent_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                    """, [item.id, item.bookingID, item.notice.kind.rawValue, item.notice.due, item.notice.sequence,
                          item.notice.before, item.state.rawValue, item.attempts, item.lastError, item.sentAt])
            }
            try c.script("""
                SELECT setval(pg_get_serial_sequence('booking', 'id'), coalesce((SELECT max(id) FROM booking), 0) + 1, false);
                SELECT setval(pg_get_serial_sequence('activity', 'id'), coalesce((SELECT max(id) FROM activity), 0) + 1, false);
                SELECT setval(pg_get_serial_sequence('outbox', 'id'), coalesce((SELECT max(id) FROM outbox), 0) + 1, false);
                """)
            let row = try c.execute("""
                SELECT (SELECT count(*) FROM event_type) AS e, (SELECT count(*) FROM page) AS p,
                       (SELECT count(*) FROM one_time_link) AS l, (SELECT count(*) FROM booking) AS b,
                       (SELECT count(*) FROM activity) AS a, (SELECT count(*) FROM former_slug) AS f,
                       (SELECT count(*) FROM manage_token) AS m, (SELECT count(*) FROM booking_request) AS r,
                       (SELECT count(*) FROM calendar_token) AS c, (SELECT count(*) FROM outbox) AS o
                """).rows[0]
            let counts = ImportCounts(eventTypes: Int(row.int("e")), pages: Int(row.int("p")), links: Int(row.int("l")),
                                      bookings: Int(row.int("b")), activity: Int(row.int("a")), formerSlugs: Int(row.int("f")),
                                      manageTokens: Int(row.int("m")), requestKeys: Int(row.int("r")),
                                      calendarTokens: Int(row.int("c")), outbox: Int(row.int("o")))
            let expected = ImportCounts(eventTypes: dump.workspace.eventTypes.count, pages: dump.workspace.pages.count,
                                        links: dump.links.count, bookings: dump.bookings.count, activity: dump.activity.count,
                                        formerSlugs: dump.formerSlugs.count, manageTokens: dump.manageTokens.count,
                                        requestKeys: dump.requestKeys.count, calendarTokens: dump.calendarTokens.count,
                                        outbox: dump.outbox.count)
            guard counts == expected else {
                throw StoreError("the copy does not add up (expected \(expected), found \(counts)): nothing was written")
            }
            return counts
        }
    }
}
