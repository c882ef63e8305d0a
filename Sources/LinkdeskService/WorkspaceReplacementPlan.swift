import LinkdeskCore

/// The writes that carry out a `WorkspaceReplacement`, in the order a store must run them inside
/// its transaction. Each store only turns a step into its own SQL; what is written, and in which
/// order, is decided here once, so that the stores can't drift apart on it. The order is what
/// keeps every constraint true after every statement:
///
/// 1. event types upserted, so that a page written below may refer to a new one;
/// 2. removed pages deleted, after what refers to them (former slugs, calendar token);
/// 3. every page whose slug changes parked on a slug no page can have, so that pages may swap
///    slugs while each slug still belongs to one page;
/// 4. changed pages updated and new ones inserted, in the new workspace's order (unchanged ones
///    are not written at all);
/// 5. removed event types deleted, now that no page refers to them;
/// 6. the former slugs kept, once their slugs are free;
/// 7. the listed master pages' one-time links invalidated, each step answering how many of them
///    were live, which the activity (`WorkspaceReplacement.events`, appended last) reports.
///
/// The check that the store still holds `base` comes before all of these and is the store's own
/// (PostgreSQL locks the tables first).
public struct WorkspaceReplacementPlan: Equatable, Sendable {
    public enum Step: Equatable, Sendable {
        /// Insert the event type, or update the name and minutes of the one with its id.
        case upsertEventType(EventType)
        /// Delete the page, after its former slugs and its calendar token.
        case deletePage(PageID)
        /// Set the page's slug to `slug` for now (step 4 gives it its new one).
        case parkSlug(page: PageID, slug: String)
        case updatePage(Page)
        case insertPage(Page)
        case deleteEventType(EventTypeID)
        case keepFormerSlug(FormerSlugNote)
        /// Mark every one-time link of the master page invalidated; how many were live is counted.
        case invalidateOneTimeLinks(master: PageID)
    }

    public let steps: [Step]

    public init(_ change: WorkspaceReplacement) {
        let base = change.base, new = change.workspace
        let keptPages = Set(new.pages.map(\.id))
        let keptEvents = Set(new.eventTypes.map(\.id))
        var steps = new.eventTypes.map { Step.upsertEventType($0) }
        for page in base.pages where !keptPages.contains(page.id) {
            steps.append(.deletePage(page.id))
        }
        for page in new.pages where base.page(id: page.id).map({ $0.slug != page.slug }) ?? false {
            steps.append(.parkSlug(page: page.id, slug: Self.parkedSlug(page.id)))
        }
        for page in new.pages {
            if let old = base.page(id: page.id) {
                if old != page { steps.append(.updatePage(page)) }
            } else {
                steps.append(.insertPage(page))
            }
        }
        for event in base.eventTypes where !keptEvents.contains(event.id) {
            steps.append(.deleteEventType(event.id))
        }
        steps += change.formerSlugs.map { Step.keepFormerSlug($0) }
        steps += change.invalidatesOneTimeLinks.map { Step.invalidateOneTimeLinks(master: $0) }
        self.steps = steps
    }

    /// A slug no page can have (`Slug` never allows "~"), distinct for each page.
    static func parkedSlug(_ page: PageID) -> String { "~moving-\(page)" }
}
