import Foundation
import LinkdeskCore
import LinkdeskService
import Testing

/// The steps both stores run to replace a workspace, and their order (the stores' contract
/// tests, `WorkspaceApplyTests`, check what the steps do in each database).
@Suite("workspace replacement plan")
struct WorkspaceReplacementPlanTests {
    typealias F = StoreFixture

    static func replacement(_ workspace: Workspace, formerSlugs: [FormerSlugNote] = [],
                            invalidating masters: [PageID] = []) -> WorkspaceReplacement {
        WorkspaceReplacement(base: F.workspace, workspace: workspace, at: F.now, formerSlugs: formerSlugs,
                             invalidatesOneTimeLinks: masters, events: { _ in [] })
    }

    @Test("the workspace as it is: the event types upserted, nothing else written")
    func unchanged() {
        let plan = WorkspaceReplacementPlan(Self.replacement(F.workspace))
        let upserts = F.workspace.eventTypes.map { WorkspaceReplacementPlan.Step.upsertEventType($0) }
        #expect(plan.steps == upserts)
    }

    @Test("upserts, deletions, parked slugs, page writes, event type deletions, former slugs, invalidations: in that order")
    func order() throws {
        var new = F.workspace
        new.eventTypes.removeAll { $0.id == 3 }
        let demo = EventType(id: 4, name: "Demo", minutes: 45)
        new.eventTypes.append(demo)
        new.bookingPages[0].slug = "ben"                // Ann and Ben swap slugs
        new.bookingPages[0].eventTypeIDs = [1, 2]
        new.bookingPages[1].slug = "ann"
        new.bookingPages[2].owner = "Cleo Park-Lee"     // changed, same slug
        var dee = new.bookingPages[2]
        dee.id = 30
        dee.slug = "dee"
        new.bookingPages.append(dee)
        new.masterPages.removeAll { $0.id == 22 }
        let notes = [FormerSlugNote(pageID: 10, slug: "ann"), FormerSlugNote(pageID: 11, slug: "ben")]

        let plan = WorkspaceReplacementPlan(Self.replacement(new, formerSlugs: notes, invalidating: [20]))
        let expected: [WorkspaceReplacementPlan.Step] = [
            .upsertEventType(F.workspace.eventTypes[0]), .upsertEventType(F.workspace.eventTypes[1]), .upsertEventType(demo),
            .deletePage(22),
            .parkSlug(page: 10, slug: "~moving-10"), .parkSlug(page: 11, slug: "~moving-11"),
            .updatePage(.booking(new.bookingPages[0])), .updatePage(.booking(new.bookingPages[1])),
            .updatePage(.booking(new.bookingPages[2])), .insertPage(.booking(dee)),
            .deleteEventType(3),
            .keepFormerSlug(notes[0]), .keepFormerSlug(notes[1]),
            .invalidateOneTimeLinks(master: 20),
        ]
        #expect(plan.steps == expected)
    }

    @Test("a parked slug is no slug a page may have, and differs from page to page")
    func parkedSlugs() {
        var new = F.workspace
        for i in new.bookingPages.indices { new.bookingPages[i].slug += "-x" }
        let parked = WorkspaceReplacementPlan(Self.replacement(new)).steps.compactMap { step -> String? in
            if case .parkSlug(_, let slug) = step { return slug }
            return nil
        }
        #expect(parked.count == 3)
        #expect(Set(parked).count == 3)
        #expect(parked.allSatisfy { !Slug.isValid($0) })
    }
}
