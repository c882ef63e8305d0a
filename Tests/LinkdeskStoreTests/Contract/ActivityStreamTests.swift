import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// SPEC §1: every event goes to the append-only activity stream with time, actor and subject.
@Suite("activity stream")
struct ActivityStreamTests {
    typealias F = StoreFixture

    @Test("each action appends its entry with the right actor, newest first, earlier entries untouched (SQLite)")
    func everyAction() async throws { try await everyAction(kind: .sqlite) }

    @Test("each action appends its entry with the right actor, newest first, earlier entries untouched (PostgreSQL)", .postgres)
    func everyActionOnPostgres() async throws { try await everyAction(kind: .postgres) }

    @Test("each action appends its entry with the right actor, newest first, earlier entries untouched (in memory)")
    func everyActionInMemory() async throws { try await everyAction(kind: .memory) }

    func everyAction(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        var expected: [(ActivityEvent.Kind, Actor)] = []
        func check(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let events = try await t.linkdesk().activity(limit: 1_000)
            let got = events.reversed().map { "\($0.kind.rawValue)/\($0.actor.rawValue)" }
            #expect(got == expected.map { "\($0.0.rawValue)/\($0.1.rawValue)" }, "after \(step)", sourceLocation: sourceLocation)
        }
        let desk = t.linkdesk()
        let salescall = try await desk.workspace().resolvePage("salescall")

        _ = try await desk.makeLink(page: salescall, personalization: Personalization(name: "Jane", email: "jane@example.com"),
                                    oneTime: nil)
        expected.append((.linkShared, .staff)); try await check("share")
        let link = try await t.oneTime(uses: 2)
        expected.append((.oneTimeCreated, .staff)); try await check("one-time created")
        let booking = try await t.book(link.link, at: F.tuesday(10))
        expected += [(.oneTimeUsed, .customer), (.bookingScheduled, .customer)]; try await check("book")
        _ = try await desk.reschedule(id: booking.id, actor: .customer, to: F.tuesday(11), reason: nil)
        expected.append((.bookingRescheduled, .customer)); try await check("reschedule")
        _ = try await desk.cancel(id: booking.id, actor: .staff, reason: "conflict")
        expected.append((.bookingCanceled, .staff)); try await check("cancel")
        _ = try await desk.revoke(linkID: link.linkID)
        expected.append((.oneTimeRevoked, .staff)); try await check("revoke")

        let general = try await t.book(Links.general("ann"), at: F.tuesday(12))
        let other = try await t.book(Links.general("ann"), at: F.tuesday(13))
        expected += [(.bookingScheduled, .customer), (.bookingScheduled, .customer)]
        await expectRefusal("has not started yet") { try await desk.mark(id: general.id, as: .completed) }
        try await check("refused mark")
        _ = try await t.linkdesk(F.tuesday(12, 30)).mark(id: general.id, as: .completed)
        _ = try await t.linkdesk(F.tuesday(14)).mark(id: other.id, as: .noShow)
        expected += [(.bookingCompleted, .staff), (.bookingNoShow, .staff)]; try await check("mark")

        try await desk.setSlug(page: 10, to: "ann-lee")
        expected.append((.pageLinkChanged, .staff)); try await check("set slug")

        _ = try await t.oneTime()
        _ = try await t.oneTime()
        _ = try await desk.setRuleType(master: 20, to: .static)
        expected += [(.oneTimeCreated, .staff), (.oneTimeCreated, .staff), (.ruleTypeChanged, .staff), (.oneTimeInvalidated, .staff)]
        try await check("set rules")

        let events = try await desk.activity(limit: 1_000)
        let invalidated = try #require(events.first { $0.kind == .oneTimeInvalidated })
        #expect(invalidated.detail.contains("2 live one-time links"), "the count is in the entry: \(invalidated.detail)")
        #expect(invalidated.subject == "Sales call")
        let changed = try #require(events.first { $0.kind == .pageLinkChanged })
        #expect(changed.detail.contains("ann") && changed.detail.contains("ann-lee"))
        #expect(changed.subject == "Ann")
        let used = try #require(events.first { $0.kind == .oneTimeUsed })
        #expect(used.detail.contains(link.linkID))
        let canceled = try #require(events.first { $0.kind == .bookingCanceled })
        #expect(canceled.detail == "conflict")
        #expect(canceled.subject.contains("#\(booking.id)"))
        #expect(events.first?.kind == .oneTimeInvalidated, "newest first")
        #expect(try await desk.activity(limit: 3).count == 3)
    }

    /// A link's expiry happens by the clock, not by an action: it is computed when the stream is
    /// read, shown at the moment the link expired, and never written.
    @Test("expiry happens by the clock: computed when read, once, at the expiry time, and reading writes nothing (SQLite)")
    func expiryComputedWhenRead() async throws { try await expiryComputedWhenRead(kind: .sqlite) }

    @Test("expiry happens by the clock: computed when read, once, at the expiry time, and reading writes nothing (PostgreSQL)", .postgres)
    func expiryComputedWhenReadOnPostgres() async throws { try await expiryComputedWhenRead(kind: .postgres) }

    @Test("expiry happens by the clock: computed when read, once, at the expiry time, and reading writes nothing (in memory)")
    func expiryComputedWhenReadInMemory() async throws { try await expiryComputedWhenRead(kind: .memory) }

    func expiryComputedWhenRead(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let expiry = F.now + F.days(1)
        let link = try await t.oneTime(expiresAt: expiry)
        let used = try await t.oneTime(expiresAt: expiry)
        let revoked = try await t.oneTime(expiresAt: expiry)
        try await t.book(used.link, at: F.tuesday(10))
        _ = try await t.linkdesk().revoke(linkID: revoked.linkID)
        let recorded = try await t.store.activity(limit: 1_000)
        #expect(!recorded.contains { $0.kind == .oneTimeExpired })

        // Not before the expiry, not at the last second before it.
        for at in [F.now, expiry - 1] {
            #expect(try await t.activityKinds(now: at).filter { $0 == .oneTimeExpired }.isEmpty, "at \(at)")
        }
        // From the expiry on: once, at the link's expiry time, however often it is read.
        let watcher = try await t.secondConnection()
        for at in [expiry, expiry + 60, F.now + F.days(30), F.now + F.days(30)] {
            let changes = await subscribed(watcher)
            let events = try await t.linkdesk(at).activity(limit: 1_000)
            let expired = events.filter { $0.kind == .oneTimeExpired }
            #expect(expired.count == 1, "at \(at): \(expired)")
            #expect(expired.first?.detail == link.linkID, "a used or revoked link does not expire")
            #expect(expired.first?.at == expiry, "shown at the moment it expired, not when read")
            #expect(expired.first?.subject == "Sales call")
            #expect(expired.first?.actor == .staff)
            // Newest first, the computed event in its place among the recorded ones.
            #expect(events.map(\.at) == events.map(\.at).sorted(by: >))
            #expect(events.count == recorded.count + 1)
            // Reading wrote nothing: the recorded stream is as it was, and no commit happened.
            #expect(try await t.store.activity(limit: 1_000) == recorded)
            #expect(await !yields(changes, within: .milliseconds(500)), "reading the activity stream committed something")
        }
        // The limit counts the computed event too; it is the newest here.
        let newest = try await t.linkdesk(expiry).activity(limit: 1)
        #expect(newest.map(\.kind) == [.oneTimeExpired])
    }

    @Test("a link invalidated before its expiry does not expire; one that expired before the switch does (SQLite)")
    func expiryAndInvalidation() async throws { try await expiryAndInvalidation(kind: .sqlite) }

    @Test("a link invalidated before its expiry does not expire; one that expired before the switch does (PostgreSQL)", .postgres)
    func expiryAndInvalidationOnPostgres() async throws { try await expiryAndInvalidation(kind: .postgres) }

    @Test("a link invalidated before its expiry does not expire; one that expired before the switch does (in memory)")
    func expiryAndInvalidationInMemory() async throws { try await expiryAndInvalidation(kind: .memory) }

    func expiryAndInvalidation(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let early = try await t.oneTime(expiresAt: F.now + F.hours(1))
        let late = try await t.oneTime(expiresAt: F.now + F.days(3))
        let switchAt = F.now + F.days(1)  // after `early` expired, before `late` would
        #expect(try await t.linkdesk(switchAt).setRuleType(master: 20, to: .static) == 1, "only `late` was live")
        let expired = try await t.linkdesk(F.now + F.days(10)).activity(limit: 1_000).filter { $0.kind == .oneTimeExpired }
        #expect(expired.map(\.detail) == [early.linkID], "not \(late.linkID)")
        #expect(expired.first?.at == F.now + F.hours(1))
    }

    @Test("refused actions append nothing (SQLite)")
    func refusalsAppendNothing() async throws { try await refusalsAppendNothing(kind: .sqlite) }

    @Test("refused actions append nothing (PostgreSQL)", .postgres)
    func refusalsAppendNothingOnPostgres() async throws { try await refusalsAppendNothing(kind: .postgres) }

    @Test("refused actions append nothing (in memory)")
    func refusalsAppendNothingInMemory() async throws { try await refusalsAppendNothing(kind: .memory) }

    func refusalsAppendNothing(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let desk = t.linkdesk()
        let booking = try await t.book(Links.general("cleo"), at: F.tuesday(13))
        let before = try await desk.activity(limit: 1_000)
        await expectRefusal("does not let customers cancel") {
            try await desk.cancel(id: booking.id, actor: .customer, reason: "x")
        }
        await expectRefusal("requires a reason") { try await desk.cancel(id: booking.id, actor: .staff, reason: nil) }
        await expectRefusal("taken") { try await desk.setSlug(page: 20, to: "ann") }
        await expectRefusal(Refusal.Reason.oneTimeOnlyDynamic.sentence) { try await t.oneTime("team") }
        await expectRefusal("unknown one-time link id") { try await desk.revoke(linkID: "ot-zzzzzz") }
        #expect(try await desk.activity(limit: 1_000) == before)
    }
}
