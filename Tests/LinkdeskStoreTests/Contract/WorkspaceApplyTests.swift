import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Issue 11: a whole workspace applied at once (`workspace apply`, the Setup view) — one
/// transaction, the consequences SPEC §1 gives slug changes and rule switches exactly as the
/// single-page commands give them, bookings, links and activity kept.
@Suite("applying a workspace")
struct WorkspaceApplyTests {
    typealias F = StoreFixture

    static func editing(_ workspace: Workspace, _ edit: (inout Workspace) -> Void) -> Workspace {
        var copy = workspace
        edit(&copy)
        return copy
    }

    @Test("the workspace as it is plans no change, and applying it writes nothing (SQLite)")
    func unchanged() async throws { try await unchanged(kind: .sqlite) }

    @Test("the workspace as it is plans no change, and applying it writes nothing (PostgreSQL)", .postgres)
    func unchangedOnPostgres() async throws { try await unchanged(kind: .postgres) }

    @Test("the workspace as it is plans no change, and applying it writes nothing (in memory)")
    func unchangedInMemory() async throws { try await unchanged(kind: .memory) }

    func unchanged(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let plan = try await t.linkdesk().planWorkspace(try await t.store.workspace())
        #expect(plan.isEmpty)
        #expect(plan.changes == [])
        let before = try await t.store.activity(limit: 100).count
        try await t.linkdesk().applyWorkspace(plan)
        #expect(try await t.store.activity(limit: 100).count == before)
    }

    @Test("a slug change through apply kills the former link exactly as page set-link does (SQLite)")
    func slugChange() async throws { try await slugChange(kind: .sqlite) }

    @Test("a slug change through apply kills the former link exactly as page set-link does (PostgreSQL)", .postgres)
    func slugChangeOnPostgres() async throws { try await slugChange(kind: .postgres) }

    @Test("a slug change through apply kills the former link exactly as page set-link does (in memory)")
    func slugChangeInMemory() async throws { try await slugChange(kind: .memory) }

    func slugChange(kind: StoreKind) async throws {
        let viaFile = try await TestStore(kind)
        let viaCommand = try await TestStore(kind)
        defer { viaFile.remove(); viaCommand.remove() }
        let booked = try await viaFile.book(Links.general("salescall"), at: F.tuesday(10))
        _ = try await viaCommand.book(Links.general("salescall"), at: F.tuesday(10))

        let proposed = Self.editing(try await viaFile.store.workspace()) { $0.masterPages[0].slug = "sales-team" }
        let plan = try await viaFile.linkdesk().planWorkspace(proposed)
        #expect(plan.changes.contains(.slugChanged(page: "Sales call", from: "salescall", to: "sales-team")))
        #expect(plan.changes.map(\.summary).contains("! \"Sales call\" link salescall → sales-team: the former link stops working at once"))
        try await viaFile.linkdesk().applyWorkspace(plan)
        try await viaCommand.linkdesk().setSlug(page: 20, to: "sales-team")

        for t in [viaFile, viaCommand] {
            await expectRefusal(Refusal.DeadLink.formerSlug.sentence, exact: true) { try await t.linkdesk().resolve(Links.general("salescall")) }
            #expect(try await t.linkdesk().resolve(Links.general("sales-team")).page.id == 20)
            #expect(try await t.store.isFormerSlug("salescall"))
        }
        // Bookings made through the former link: the customer may no longer change them, as after set-link.
        await expectRefusal(Refusal.Reason.formerLink.sentence, exact: true) {
            try await viaFile.linkdesk().cancel(id: booked.id, actor: .customer, reason: "x")
        }
        let fileEvents = try await viaFile.store.activity(limit: 5).filter { $0.kind == .pageLinkChanged }
        let commandEvents = try await viaCommand.store.activity(limit: 5).filter { $0.kind == .pageLinkChanged }
        #expect(fileEvents.map(\.detail) == ["salescall → sales-team"])
        #expect(fileEvents.map(\.detail) == commandEvents.map(\.detail))
        #expect(fileEvents.map(\.subject) == commandEvents.map(\.subject))
    }

    @Test("two pages swapping slugs in one apply (SQLite)")
    func slugSwap() async throws { try await slugSwap(kind: .sqlite) }

    @Test("two pages swapping slugs in one apply (PostgreSQL)", .postgres)
    func slugSwapOnPostgres() async throws { try await slugSwap(kind: .postgres) }

    @Test("two pages swapping slugs in one apply (in memory)")
    func slugSwapInMemory() async throws { try await slugSwap(kind: .memory) }

    func slugSwap(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let proposed = Self.editing(try await t.store.workspace()) {
            $0.bookingPages[0].slug = "ben"
            $0.bookingPages[1].slug = "ann"
        }
        try await t.linkdesk().applyWorkspace(try await t.linkdesk().planWorkspace(proposed))
        let after = try await t.store.workspace()
        #expect(after.bookingPage(id: 10)?.slug == "ben")
        #expect(after.bookingPage(id: 11)?.slug == "ann")
    }

    @Test("a rule switch through apply invalidates one-time links exactly as page set-rules does (SQLite)")
    func ruleSwitch() async throws { try await ruleSwitch(kind: .sqlite) }

    @Test("a rule switch through apply invalidates one-time links exactly as page set-rules does (PostgreSQL)", .postgres)
    func ruleSwitchOnPostgres() async throws { try await ruleSwitch(kind: .postgres) }

    @Test("a rule switch through apply invalidates one-time links exactly as page set-rules does (in memory)")
    func ruleSwitchInMemory() async throws { try await ruleSwitch(kind: .memory) }

    func ruleSwitch(kind: StoreKind) async throws {
        let viaFile = try await TestStore(kind)
        let viaCommand = try await TestStore(kind)
        defer { viaFile.remove(); viaCommand.remove() }
        /// A used link, then two live ones.
        func makeLinks(_ t: TestStore) async throws -> [(link: Link, id: String)] {
            let used = try await t.oneTime()
            try await t.book(used.link, at: F.tuesday(9))
            let live = try await t.oneTime(uses: 3)
            let fresh = try await t.oneTime()
            return [(used.link, used.linkID), (live.link, live.linkID), (fresh.link, fresh.linkID)]
        }
        let fileLinks = try await makeLinks(viaFile)
        let commandLinks = try await makeLinks(viaCommand)
        let proposed = Self.editing(try await viaFile.store.workspace()) { $0.masterPages[0].ruleType = .static }
        let plan = try await viaFile.linkdesk().planWorkspace(proposed)
        #expect(plan.changes.contains(.ruleSwitched(id: 20, page: "Sales call", from: .dynamic, to: .static, oneTimeLinksKilled: 2)))
        #expect(plan.invalidatesOneTimeLinks == [20])
        let stopped = try await viaFile.linkdesk().applyWorkspace(plan)
        let stoppedByCommand = try await viaCommand.linkdesk().setRuleType(master: 20, to: .static)
        #expect(stopped == [20: 2])
        #expect(stoppedByCommand == 2)

        let thursday = F.ny(day: 26, 10)
        for (t, list) in [(viaFile, fileLinks), (viaCommand, commandLinks)] {
            #expect(list.count == 3)
            for dead in list.dropFirst() {
                await expectRefusal(Refusal.DeadLink.invalidated.sentence, exact: true) { try await t.book(dead.link, at: thursday) }
                #expect(try await t.link(dead.id)?.status(at: F.now) == .invalidated)
            }
            await expectRefusal(Refusal.Reason.oneTimeOnlyDynamic.sentence, exact: true) { try await t.oneTime() }
        }
        let fileEvents = try await viaFile.store.activity(limit: 10).filter { [.ruleTypeChanged, .oneTimeInvalidated].contains($0.kind) }
        let commandEvents = try await viaCommand.store.activity(limit: 10).filter { [.ruleTypeChanged, .oneTimeInvalidated].contains($0.kind) }
        #expect(fileEvents.map(\.detail) == commandEvents.map(\.detail))
        #expect(fileEvents.map(\.detail).contains("2 live one-time links stopped working"))
    }

    @Test("removing a page with live bookings is refused with the count, and nothing is applied (SQLite)")
    func removalRefused() async throws { try await removalRefused(kind: .sqlite) }

    @Test("removing a page with live bookings is refused with the count, and nothing is applied (PostgreSQL)", .postgres)
    func removalRefusedOnPostgres() async throws { try await removalRefused(kind: .postgres) }

    @Test("removing a page with live bookings is refused with the count, and nothing is applied (in memory)")
    func removalRefusedInMemory() async throws { try await removalRefused(kind: .memory) }

    func removalRefused(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        try await t.book(Links.general("ben"), event: "15-minute meeting", at: F.tuesday(10))
        try await t.book(Links.general("ben"), event: "15-minute meeting", at: F.tuesday(11))
        let before = try await t.store.workspace()
        let proposed = Self.editing(before) {
            $0.masterPages[0].memberIDs = [10]
            $0.masterPages[0].rules = [DynamicRule(eventTypeID: 1, primaryPageID: 10), DynamicRule(eventTypeID: 2, primaryPageID: 10)]
            $0.masterPages[2].memberIDs = [10]
            $0.bookingPages.remove(at: 1)  // Ben
            $0.bookingPages[0].name = "Ann L."
        }
        let plan = try await t.linkdesk().planWorkspace(proposed)
        #expect(plan.blockers == [.pageHasBookings(page: "Ben", live: 2, total: 2)])
        await expectRefusal("cannot remove \"Ben\": it has 2 live bookings, which linkdesk keeps") {
            try await t.linkdesk().applyWorkspace(plan)
        }
        #expect(try await t.store.workspace() == before, "nothing applied, not even the rename")
    }

    @Test("added and removed pages and event types; every change is in the activity; bookings kept (SQLite)")
    func addRemove() async throws { try await addRemove(kind: .sqlite) }

    @Test("added and removed pages and event types; every change is in the activity; bookings kept (PostgreSQL)", .postgres)
    func addRemoveOnPostgres() async throws { try await addRemove(kind: .postgres) }

    @Test("added and removed pages and event types; every change is in the activity; bookings kept (in memory)")
    func addRemoveInMemory() async throws { try await addRemove(kind: .memory) }

    func addRemove(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let booking = try await t.book(Links.general("ann"), at: F.tuesday(10))
        let proposed = Self.editing(try await t.store.workspace()) {
            $0.eventTypes.append(EventType(id: -1, name: "Demo", minutes: 45))
            $0.bookingPages.append(BookingPage(id: -1, name: "Dee", owner: "Dee Vos", slug: "dee", timeZone: "Europe/Paris",
                                               availability: WeeklyAvailability(ranges: [
                                                   DayRange(day: .monday, openMinute: 540, closeMinute: 720),
                                                   DayRange(day: .monday, openMinute: 780, closeMinute: 1020)]),
                                               eventTypeIDs: [-1, 2], policy: .lenient))
            $0.masterPages[1].memberIDs = [10, 12, -1]
            $0.masterPages.remove(at: 2)  // Pool: no bookings, no links
        }
        let plan = try await t.linkdesk().planWorkspace(proposed)
        #expect(plan.blockers.isEmpty)
        try await t.linkdesk().applyWorkspace(plan)
        let after = try await t.store.workspace()
        let dee = try #require(after.bookingPages.first { $0.slug == "dee" })
        let demo = try #require(after.eventTypes.first { $0.name == "Demo" })
        #expect(dee.id > 22 && demo.id > 3)
        #expect(dee.eventTypeIDs == [demo.id, 2])
        #expect(after.masterPages.first { $0.id == 21 }?.memberIDs == [10, 12, dee.id])
        #expect(after.page(id: 22) == nil)
        #expect(dee.availability.ranges.count == 2)
        #expect(try await t.linkdesk().booking(id: booking.id).id == booking.id)
        let details = try await t.store.activity(limit: 10).filter { $0.kind == .workspaceChanged }.map { "\($0.subject): \($0.detail)" }
        #expect(details.contains("Demo: event type added (45 min)"))
        #expect(details.contains("Dee: booking page added as dee"))
        #expect(details.contains("Team: changed: team members"))
        #expect(details.contains("Pool: master page pool removed"))
        // Applying the same proposal again plans nothing.
        #expect(try await t.linkdesk().planWorkspace(after).isEmpty)
    }

    @Test("a plan made before someone else changed the workspace is refused whole (SQLite)")
    func stalePlan() async throws { try await stalePlan(kind: .sqlite) }

    @Test("a plan made before someone else changed the workspace is refused whole (PostgreSQL)", .postgres)
    func stalePlanOnPostgres() async throws { try await stalePlan(kind: .postgres) }

    @Test("a plan made before someone else changed the workspace is refused whole (in memory)")
    func stalePlanInMemory() async throws { try await stalePlan(kind: .memory) }

    func stalePlan(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let proposed = Self.editing(try await t.store.workspace()) { $0.bookingPages[0].owner = "Ann Lee-Smith" }
        let plan = try await t.linkdesk().planWorkspace(proposed)
        try await t.linkdesk().setSlug(page: 11, to: "ben-ode")
        await expectRefusal("the workspace changed since this plan was made") { try await t.linkdesk().applyWorkspace(plan) }
        #expect(try await t.store.workspace().bookingPage(id: 10)?.owner == "Ann Lee")
    }

    @Test("a proposal with problems is refused with every issue and its place (SQLite)")
    func invalid() async throws { try await invalid(kind: .sqlite) }

    @Test("a proposal with problems is refused with every issue and its place (PostgreSQL)", .postgres)
    func invalidOnPostgres() async throws { try await invalid(kind: .postgres) }

    @Test("a proposal with problems is refused with every issue and its place (in memory)")
    func invalidInMemory() async throws { try await invalid(kind: .memory) }

    func invalid(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let proposed = Self.editing(try await t.store.workspace()) {
            $0.bookingPages[1].slug = "ANN"
            $0.bookingPages[2].timeZone = "Mars/Olympus"
            $0.masterPages[0].rules[0].primaryPageID = 12
        }
        do {
            _ = try await t.linkdesk().planWorkspace(proposed)
            Issue.record("expected WorkspaceInvalid")
        } catch let invalid as WorkspaceInvalid {
            #expect(invalid.issues.map(\.path.description) == [
                "bookingPages[1].slug", "bookingPages[2].timeZone", "masterPages[0].rules[0].primaryPageID"])
            #expect(invalid.issues[0].message == "the link ANN is taken by \"Ann\"")
        }
    }
}
