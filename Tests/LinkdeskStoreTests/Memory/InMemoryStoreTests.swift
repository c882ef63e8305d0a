import Foundation
import LinkdeskCore
import LinkdeskService
import Testing

/// The use cases tested on their own, over `InMemoryStore`: no file, no server, milliseconds per
/// test. The contract suite runs on it too (`StoreKind.memory`), so what these show of the use
/// cases holds over either database.
@Suite("use cases over the in-memory store")
struct InMemoryStoreTests {
    typealias F = StoreFixture

    static func desk(_ store: any LinkStore, now: Date = F.now) -> Linkdesk {
        Linkdesk(store: store, base: .default, time: FixedTime(now))
    }

    static func request(_ link: Link, at start: Date = F.tuesday(10)) -> CustomerBooking {
        CustomerBooking(link: link, eventName: "30-minute meeting", start: start, form: F.form)
    }

    @Test("a booking through a page's link: stored with the next id, its activity written, the change reported")
    func booking() async throws {
        let store = InMemoryStore(workspace: F.workspace)
        let desk = Self.desk(store)
        let changes = store.changes()
        let stampBefore = try await store.changeStamp()

        let first = try await desk.book(Self.request(Links.general("ann")))
        #expect(first.id == 1)
        #expect(first.teamMemberID == 10 && first.pageID == 10)
        #expect(first.status == .scheduled && first.slugUsed == "ann")
        #expect(first.customer == Customer(name: "Form Filler", email: "form@example.com"))
        #expect(first.policy == F.annPolicy, "the policy in force is kept with the booking")
        #expect(try await store.bookings(BookingQuery()) == [first])
        #expect(try await store.activity(limit: 10).map(\.kind) == [.bookingScheduled])
        #expect(try await store.changeStamp() != stampBefore)
        var reported: StoreEvent?
        for await event in changes {  // buffered: the booking committed after `changes()` returned
            reported = event
            break
        }
        #expect(reported == .changed)

        // Through the master page, 15 minutes go to Ben (Dynamic rule), with the next id.
        let second = try await desk.book(CustomerBooking(link: Links.general("salescall"), eventName: "15-minute meeting",
                                                         start: F.tuesday(10), form: F.form))
        #expect(second.id == 2 && second.teamMemberID == 11 && second.pageID == 20)
        #expect(try await desk.bookings(BookingQuery(teamMember: 11)) == [second])
    }

    @Test("a one-time link is good for one booking: the second is refused and stores nothing")
    func oneTimeLinkUsedOnce() async throws {
        let store = InMemoryStore(workspace: F.workspace)
        let desk = Self.desk(store)
        let salescall = try await desk.workspace().resolvePage("salescall")
        let made = try await desk.makeLink(page: salescall, personalization: Personalization(), oneTime: OneTimeOptions())
        let link = try desk.link(from: made.url)
        let linkID = try #require(made.oneTime?.linkID)
        #expect(try await store.oneTimeLink(id: linkID)?.status(at: F.now) == .live)

        let booked = try await desk.book(Self.request(link))
        #expect(booked.linkKind == .oneTime && booked.linkID == linkID && booked.slugUsed == nil)
        let stamp = try await store.changeStamp()
        await expectRefusal(Refusal.DeadLink.used.sentence, exact: true) { try await desk.book(Self.request(link, at: F.tuesday(11))) }
        #expect(try await store.oneTimeLink(id: linkID)?.usesLeft == 0)
        #expect(try await store.oneTimeLink(id: linkID)?.status(at: F.now) == .used)
        #expect(try await store.bookings(BookingQuery()) == [booked])
        #expect(try await store.activity(limit: 10).map(\.kind) == [.bookingScheduled, .oneTimeUsed, .oneTimeCreated])
        #expect(try await store.changeStamp() == stamp, "a refusal commits nothing")
    }

    /// Another customer books the same time after the use case looked and before it wrote: the
    /// store answers `.slotTaken`, and the use case, deciding again on fresh reads, refuses with
    /// the rule's sentence.
    @Test("a slot taken meanwhile: the store's .slotTaken becomes the refusal 'that slot is already taken'")
    func slotTakenMeanwhile() async throws {
        let inner = InMemoryStore(workspace: F.workspace)
        let rival = NewBooking(booking: F.draft("Rival", "rival@example.com", at: F.tuesday(10, 15)), consumes: nil,
                               requiresSlug: "ann", events: { _ in [] })
        let store = RivalFirstStore(inner, rival: rival)

        await expectRefusal(Refusal.Reason.slotTaken.sentence, exact: true) { try await Self.desk(store).book(Self.request(Links.general("ann"))) }
        let conflicts = await store.log.conflicts
        #expect(conflicts == [.slotTaken], "the store's guarantee refused the first attempt")
        let stored = try await inner.bookings(BookingQuery())
        #expect(stored.map(\.customer.name) == ["Rival"], "only the rival's booking holds the time")
        #expect(try await inner.activity(limit: 10).isEmpty, "the refused booking wrote no activity")

        // The store on its own: the same time twice is refused, whatever the caller read.
        await expectConflict(.slotTaken) {
            try await inner.insertBooking(NewBooking(booking: F.draft("Late", "late@example.com", at: F.tuesday(9, 50)),
                                                     consumes: nil, requiresSlug: nil, events: { _ in [] }))
        }
        #expect(try await inner.bookings(BookingQuery()) == stored)
    }

    @Test("a one-time use spent meanwhile: the store's .linkSpent becomes 'one-time link already used', nothing else spent")
    func linkSpentMeanwhile() async throws {
        let inner = InMemoryStore(workspace: F.workspace)
        let salescall = try await inner.workspace().resolvePage("salescall")
        let made = try await Self.desk(inner).makeLink(page: salescall, personalization: Personalization(), oneTime: OneTimeOptions())
        let linkID = try #require(made.oneTime?.linkID)
        let rival = NewBooking(booking: F.draft("Rival", "rival@example.com", at: F.tuesday(14), linkID: linkID),
                               consumes: linkID, requiresSlug: nil, events: { _ in [] })
        let store = RivalFirstStore(inner, rival: rival)
        let desk = Self.desk(store)
        let link = try desk.link(from: made.url)

        await expectRefusal(Refusal.DeadLink.used.sentence, exact: true) { try await desk.book(Self.request(link)) }
        let conflicts = await store.log.conflicts
        #expect(conflicts == [.linkSpent], "the store's guarantee refused the first attempt")
        #expect(try await inner.oneTimeLink(id: linkID)?.usesLeft == 0)
        #expect(try await inner.bookings(BookingQuery()).map(\.start) == [F.tuesday(14)], "the rival's booking alone")
    }

    @Test("a refused write leaves the store as it was: a slug another page has, any case")
    func refusedWriteLeavesNothing() async throws {
        let store = InMemoryStore(workspace: F.workspace)
        let desk = Self.desk(store)
        _ = try await desk.book(Self.request(Links.general("ben"), at: F.tuesday(11)))
        let before = try await StoreGuaranteeTests.Snapshot(store)
        let salescall = try #require(try await store.page(id: 20))
        await expectConflict(.slugTaken) {
            try await store.updatePage(PageChange(page: StoreGuaranteeTests.salescall(slug: "BEN"), previous: salescall, at: F.now,
                                                  keepsFormerSlug: true, invalidatesOneTimeLinks: true) { _ in
                [ActivityEvent(at: F.now, actor: .staff, kind: .pageLinkChanged, subject: "Sales call")]
            })
        }
        #expect(try await StoreGuaranteeTests.Snapshot(store) == before)
        #expect(try await !store.isFormerSlug("salescall"))
        await expectRefusal("taken by \"Ben\"") { try await desk.setSlug(page: 20, to: "Ben") }
    }
}
