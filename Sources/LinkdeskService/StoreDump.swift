import Foundation
import LinkdeskCore

/// A whole store's content, as `linkdesk migrate` moves it from one store to another: the
/// workspace, every one-time link (hash, uses, revocation, invalidation), every booking with
/// its id, the activity oldest first, and the former slugs.
public struct StoreDump: Sendable {
    public var workspace: Workspace
    public var links: [OneTimeLink]
    public var bookings: [Booking]
    /// Oldest first.
    public var activity: [ActivityEvent]
    public var formerSlugs: [FormerSlug]

    public init(workspace: Workspace, links: [OneTimeLink], bookings: [Booking], activity: [ActivityEvent],
                formerSlugs: [FormerSlug]) {
        self.workspace = workspace
        self.links = links
        self.bookings = bookings
        self.activity = activity
        self.formerSlugs = formerSlugs
    }
}

/// A slug a page once had.
public struct FormerSlug: Sendable, Equatable {
    public var slug: String
    public var pageID: PageID
    public var changedAt: Date

    public init(slug: String, pageID: PageID, changedAt: Date) {
        self.slug = slug
        self.pageID = pageID
        self.changedAt = changedAt
    }
}
