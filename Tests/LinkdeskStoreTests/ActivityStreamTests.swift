import Foundation
import LinkdeskCore
import LinkdeskStore
import Testing

/// SPEC §1: every event goes to the append-only activity stream with time, actor and subject.
@Suite("activity stream")
struct ActivityStreamTests {
    typealias F = StoreFixture

    @Test("each action appends its entry with the right actor, newest first, earlier entries untouched")
    func everyAction() throws {
        let t = try TestStore()
        defer { t.remove() }
        var expected: [(ActivityEvent.Kind, Actor)] = []
        func check(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let events = try t.store.activity(limit: 1_000)
            let got = events.reversed().map { "\($0.kind.rawValue)/\($0.actor.rawValue)" }
            #expect(got == expected.map { "\($0.0.rawValue)/\($0.1.rawValue)" }, "after \(step)", sourceLocation: sourceLocation)
        }
        let maker = LinkMaker(store: t.store, base: .default, random: SystemRandomSource(), now: F.now)
        let salescall = try t.store.workspace().resolvePage("salescall")

        _ = try maker.make(page: salescall, personalization: Personalization(name: "Jane", email: "jane@example.com"), oneTime: nil)
        expected.append((.linkShared, .staff)); try check("share")
        let link = try t.oneTime(uses: 2)
        expected.append((.oneTimeCreated, .staff)); try check("one-time created")
        let booking = try t.book(link.link, at: F.tuesday(10))
        expected += [(.oneTimeUsed, .customer), (.bookingScheduled, .customer)]; try check("book")
        _ = try t.store.reschedule(id: booking.id, actor: .customer, to: F.tuesday(11), reason: nil, now: F.now)
        expected.append((.bookingRescheduled, .customer)); try check("reschedule")
        _ = try t.store.cancel(id: booking.id, actor: .staff, reason: "conflict", now: F.now)
        expected.append((.bookingCanceled, .staff)); try check("cancel")
        _ = try t.store.revoke(linkID: link.linkID, now: F.now)
        expected.append((.oneTimeRevoked, .staff)); try check("revoke")

        let general = try t.book(Links.general("ann"), at: F.tuesday(12))
        let other = try t.book(Links.general("ann"), at: F.tuesday(13))
        expected += [(.bookingScheduled, .customer), (.bookingScheduled, .customer)]
        expectRefusal("has not started yet") { try t.store.mark(id: general.id, as: .completed, now: F.now) }
        try check("refused mark")
        _ = try t.store.mark(id: general.id, as: .completed, now: F.tuesday(12, 30))
        _ = try t.store.mark(id: other.id, as: .noShow, now: F.tuesday(14))
        expected += [(.bookingCompleted, .staff), (.bookingNoShow, .staff)]; try check("mark")

        try t.store.setSlug(page: 10, to: "ann-lee", now: F.now)
        expected.append((.pageLinkChanged, .staff)); try check("set slug")

        _ = try t.oneTime()
        _ = try t.oneTime()
        _ = try t.store.setRuleType(master: 20, to: .static, now: F.now)
        expected += [(.oneTimeCreated, .staff), (.oneTimeCreated, .staff), (.ruleTypeChanged, .staff), (.oneTimeInvalidated, .staff)]
        try check("set rules")

        let events = try t.store.activity(limit: 1_000)
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
        #expect(try t.store.activity(limit: 3).count == 3)
    }

    @Test("expiry happens by the clock: noted once, when links are next listed")
    func expiryNotedOnce() throws {
        let t = try TestStore()
        defer { t.remove() }
        let link = try t.oneTime(expiresAt: F.now + F.days(1))
        let later = F.now + F.days(2)
        _ = try t.store.oneTimeLinks(now: F.now)
        #expect(try t.activityKinds().filter { $0 == .oneTimeExpired }.isEmpty)
        _ = try t.store.oneTimeLinks(now: later)
        _ = try t.store.oneTimeLinks(now: later + 60)
        let expired = try t.store.activity(limit: 100).filter { $0.kind == .oneTimeExpired }
        #expect(expired.count == 1)
        #expect(expired.first?.detail == link.linkID)
    }

    @Test("refused actions append nothing")
    func refusalsAppendNothing() throws {
        let t = try TestStore()
        defer { t.remove() }
        let booking = try t.book(Links.general("cleo"), at: F.tuesday(13))
        let before = try t.store.activity(limit: 1_000)
        expectRefusal("does not let customers cancel") {
            try t.store.cancel(id: booking.id, actor: .customer, reason: "x", now: F.now)
        }
        expectRefusal("requires a reason") { try t.store.cancel(id: booking.id, actor: .staff, reason: nil, now: F.now) }
        expectRefusal("taken") { try t.store.setSlug(page: 20, to: "ann", now: F.now) }
        expectRefusal(RuleText.oneTimeOnlyDynamic) { try t.oneTime("team") }
        expectRefusal("unknown one-time link id") { try t.store.revoke(linkID: "ot-zzzzzz", now: F.now) }
        #expect(try t.store.activity(limit: 1_000) == before)
    }
}
