import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService

extension SQLiteStore {
    public func append(_ events: [ActivityEvent]) async throws {
        guard !events.isEmpty else { return }
        try await write { db in try ActivityRows.append(events, to: db, by: self.actingLogin) }
    }

    /// `OneTimeLinkBatch` decides; here each link is one execution of a cached INSERT.
    public func insertOneTimeLinks(_ links: [NewOneTimeLink], at now: Date, relabel: @escaping @Sendable () -> String,
                                   check: @escaping @Sendable (Page) throws -> Void,
                                   event: @escaping @Sendable (OneTimeLink, Page) -> ActivityEvent) async throws -> [OneTimeLink] {
        guard let masterID = try OneTimeLinkBatch.masterPage(of: links) else { return [] }
        return try await write { db in
            // A batch inserts into two indexes at random places: keep their pages cached between
            // chunks (64 MiB; SQLite's default is 2 MiB) instead of reading them back.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            guard let page = try PageRows.find(masterID, in: db) else { throw OneTimeLinkBatch.unknownPage(masterID) }
            try check(page)
            let insert = try db.cachedStatement(sql: """
                INSERT INTO one_time_link (link_id, token_hash, master_id, created_at, expires_at, uses_allowed,
                                           uses_left, personalized_for, made_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (link_id) DO NOTHING
                """)
            let at = now.timeIntervalSince1970
            let made = try OneTimeLinkBatch.store(OneTimeLinkBatch.links(links, on: page, at: now, madeBy: self.actingLogin), relabel: relabel) { batch in
                try batch.map { link in
                    try insert.execute(arguments: [link.linkID, link.tokenHash, link.masterPageID, at,
                                                   link.expiresAt.timeIntervalSince1970, link.usesAllowed, link.usesLeft,
                                                   link.personalizedFor, link.madeBy])
                    return db.changesCount == 1
                }
            }
            try ActivityRows.append(made.map { event($0, page) }, to: db, by: self.actingLogin)
            return made
        }
    }

    public func insertBooking(_ new: NewBooking) async throws -> Booking {
        try await groupedWrite { db in
            var booking = new.booking
            // Writes are serialised (one writer at a time), so a look is enough; the key's
            // PRIMARY KEY backs it.
            if let key = new.requestKeyHash,
               try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM booking_request WHERE key_hash = ?"), arguments: [key]) != nil {
                throw StoreConflict.repeatedRequest
            }
            if let slug = new.requiresSlug {
                let current = try String.fetchOne(db.cachedStatement(sql: "SELECT slug FROM page WHERE id = ?"), arguments: [booking.pageID])
                guard current?.caseInsensitiveCompare(slug) == .orderedSame else { throw StoreConflict.stale }
            }
            if try BookingRows.overlaps(member: booking.teamMemberID, start: booking.blockedStart, end: booking.blockedEnd,
                                        excluding: nil, in: db) {
                throw StoreConflict.slotTaken
            }
            if let login = new.busyLogin, try CalendarRows.busy(login: login, start: booking.blockedStart, end: booking.blockedEnd, in: db) {
                throw StoreConflict.busyInCalendar
            }
            if let cap = new.dayCap, try BookingRows.fills(cap, excluding: nil, in: db) { throw StoreConflict.dayFull(limit: cap.limit) }
            if let linkID = new.consumes {
                try db.cachedStatement(sql: Self.spendUse).execute(arguments: [linkID, booking.createdAt.timeIntervalSince1970])
                guard db.changesCount == 1 else { throw StoreConflict.linkSpent }
            }
            booking.id = try BookingRows.insert(booking, into: db)
            if let hash = new.manageTokenHash {
                try db.cachedStatement(sql: "INSERT INTO manage_token (token_hash, booking_id, nonce) VALUES (?, ?, ?)")
                    .execute(arguments: [hash, booking.id, new.manageNonce])
            }
            if let key = new.requestKeyHash {
                try db.cachedStatement(sql: "INSERT INTO booking_request (key_hash, booking_id) VALUES (?, ?)")
                    .execute(arguments: [key, booking.id])
            }
            try OutboxRows.queue(new.notices, for: booking.id, in: db)
            try ActivityRows.append(new.events(booking), to: db, by: self.actingLogin)
            return booking
        }
    }

    /// Spends one use of a link that is live at the booking's time (its text is the cached statement's key).
    static let spendUse = "UPDATE one_time_link SET uses_left = uses_left - 1 WHERE link_id = ? AND \(LinkRows.live)"

    public func updateBooking(_ booking: Booking, expecting previous: Booking, events: [ActivityEvent],
                              manageTokenHash: String?, notices: [OutboxNotice], busyLogin: String?, dayCap: DayCap?) async throws {
        try await write { db in
            let takesNewTime = booking.status.isLive
                && (!previous.status.isLive || booking.start != previous.start || booking.end != previous.end)
            if takesNewTime, try BookingRows.overlaps(member: booking.teamMemberID, start: booking.blockedStart, end: booking.blockedEnd,
                                                      excluding: booking.id, in: db) {
                throw StoreConflict.slotTaken
            }
            if takesNewTime, let busyLogin,
               try CalendarRows.busy(login: busyLogin, start: booking.blockedStart, end: booking.blockedEnd, in: db) {
                throw StoreConflict.busyInCalendar
            }
            if takesNewTime, let dayCap, try BookingRows.fills(dayCap, excluding: booking.id, in: db) {
                throw StoreConflict.dayFull(limit: dayCap.limit)
            }
            try db.execute(sql: """
                UPDATE booking SET start = ?, "end" = ?, status = ?, reason = ?, buffer_before = ?, buffer_after = ?
                WHERE id = ? AND status = ? AND start = ? AND "end" = ?
                """, arguments: [booking.start.timeIntervalSince1970, booking.end.timeIntervalSince1970, booking.status.rawValue,
                                 booking.reason, booking.buffers?.before ?? 0, booking.buffers?.after ?? 0,
                                 booking.id, previous.status.rawValue, previous.start.timeIntervalSince1970,
                                 previous.end.timeIntervalSince1970])
            guard db.changesCount == 1 else { throw StoreConflict.stale }
            try OutboxRows.withdrawReminders(of: booking.id, in: db)
            try OutboxRows.queue(notices, for: booking.id, in: db)
            try ActivityRows.append(events, to: db, by: self.actingLogin)
        }
    }

    /// Grouped with the booking site's writes (`GroupCommit`): a sender's claim and its record
    /// then share a commit, and its fsync, with the bookings of the moment instead of making
    /// the site's next batch wait for one of their own.
    public func claimDue(at now: Date, limit: Int, lease: Double) async throws -> [OutboxItem] {
        try await groupedWrite { db in try OutboxRows.claimDue(at: now, limit: limit, lease: lease, in: db) }
    }

    /// Grouped, as `claimDue`.
    public func recordDeliveries(_ deliveries: [Delivery], at now: Date) async throws {
        try await groupedWrite { db in
            for delivery in deliveries { try OutboxRows.recordDelivery(id: delivery.id, outcome: delivery.outcome, at: now, in: db) }
        }
    }

    public func resendMessage(id: Int64, at now: Date) async throws -> Bool {
        try await write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'pending', due_at = ?, attempts = 0, claimed_until = NULL WHERE id = ? AND state = 'failed'
                """, arguments: [now.timeIntervalSince1970, id])
            return db.changesCount == 1
        }
    }

    public func revokeOneTimeLink(id: String, at now: Date, events: [ActivityEvent]) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE one_time_link SET revoked_at = ? WHERE link_id = ? AND \(LinkRows.live)",
                           arguments: [now.timeIntervalSince1970, id, now.timeIntervalSince1970])
            guard db.changesCount == 1 else { throw StoreConflict.stale }
            try ActivityRows.append(events, to: db, by: self.actingLogin)
        }
    }

    public func updatePage(_ change: PageChange) async throws -> Int {
        try await write { db in
            guard try PageRows.find(change.previous.id, in: db) == change.previous else { throw StoreConflict.stale }
            try PageRows.slugChecked { try PageRows.update(change.page, in: db) }
            if change.keepsFormerSlug, change.previous.slug != change.page.slug {
                try db.execute(sql: "INSERT INTO former_slug (slug, page_id, changed_at) VALUES (?, ?, ?)",
                               arguments: [change.previous.slug, change.page.id, change.at.timeIntervalSince1970])
            }
            let stopped = change.invalidatesOneTimeLinks
                ? try LinkRows.invalidateAll(master: change.page.id, now: change.at, in: db) : 0
            try ActivityRows.append(change.events(stopped), to: db, by: self.actingLogin)
            return stopped
        }
    }

    public func setCalendarToken(member: PageID, tokenHash: String, at now: Date, events: [ActivityEvent]) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO calendar_token (member_id, token_hash, created_at) VALUES (?, ?, ?)
                ON CONFLICT (member_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at
                """, arguments: [member, tokenHash, now.timeIntervalSince1970])
            try ActivityRows.append(events, to: db, by: self.actingLogin)
        }
    }
}
