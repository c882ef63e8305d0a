import Foundation
import LinkdeskCore

/// The stable `--json` shapes documented in README. They are separate from the domain types so
/// that refactoring the core never changes what scripts read.
struct PageJSON: Encodable {
    let kind: String
    let name: String
    let slug: String
    let ruleType: String?
    let url: String
    let scenario: String?
    let owner: String?
    let timeZone: String?
    let eventTypes: [String]
    let oneTimeLinks: Bool

    init(_ page: Page, workspace: Workspace, url: String) {
        kind = page.kind.rawValue
        name = page.name
        slug = page.slug
        ruleType = page.ruleType?.rawValue
        self.url = url
        eventTypes = page.eventTypeIDs.compactMap { workspace.eventType(id: $0)?.name }
        oneTimeLinks = page.oneTimeRefusal == nil
        switch page {
        case .booking(let p): scenario = nil; owner = p.owner; timeZone = p.timeZone
        case .master(let m): scenario = m.scenario.rawValue; owner = nil; timeZone = nil
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(name, forKey: .name)
        try c.encode(slug, forKey: .slug)
        try c.encode(ruleType, forKey: .ruleType)  // explicit null for booking pages
        try c.encode(url, forKey: .url)
        try c.encodeIfPresent(scenario, forKey: .scenario)
        try c.encodeIfPresent(owner, forKey: .owner)
        try c.encodeIfPresent(timeZone, forKey: .timeZone)
        try c.encode(eventTypes, forKey: .eventTypes)
        try c.encode(oneTimeLinks, forKey: .oneTimeLinks)
    }

    enum CodingKeys: String, CodingKey {
        case kind, name, slug, ruleType, url, scenario, owner, timeZone, eventTypes, oneTimeLinks
    }
}

struct LinkJSON: Encodable {
    let url: String
    let kind: String
    let page: String
    let linkId: String?
    let expiresAt: String?
    let usesLeft: Int?
}

struct OneTimeLinkJSON: Encodable {
    let linkId: String
    let page: String
    let status: String
    let usesLeft: Int
    let usesAllowed: Int
    let createdAt: String
    let expiresAt: String
    let personalizedFor: String?

    init(_ link: OneTimeLink, workspace: Workspace, now: Date) {
        linkId = link.linkID
        page = workspace.page(id: link.masterPageID)?.name ?? "#\(link.masterPageID)"
        status = link.status(at: now).rawValue
        usesLeft = link.usesLeft
        usesAllowed = link.usesAllowed
        createdAt = ISO8601.string(link.createdAt)
        expiresAt = ISO8601.string(link.expiresAt)
        personalizedFor = link.personalizedFor
    }
}

struct BookingJSON: Encodable {
    struct CustomerJSON: Encodable { let name: String; let email: String }
    let id: BookingID
    let page: String
    let teamMember: String
    let event: String
    let start: String
    let end: String
    let status: String
    let customer: CustomerJSON
    let linkKind: String
    let linkId: String?
    let createdAt: String
    let reason: String?

    init(_ b: Booking, workspace: Workspace) {
        id = b.id
        page = workspace.page(id: b.pageID)?.name ?? "#\(b.pageID)"
        teamMember = workspace.page(id: b.teamMemberID)?.name ?? "#\(b.teamMemberID)"
        event = workspace.eventType(id: b.eventTypeID)?.name ?? "#\(b.eventTypeID)"
        start = ISO8601.string(b.start)
        end = ISO8601.string(b.end)
        status = Self.statusValue(b.status)
        customer = CustomerJSON(name: b.customer.name, email: b.customer.email)
        linkKind = b.linkKind.rawValue
        linkId = b.linkID
        createdAt = ISO8601.string(b.createdAt)
        reason = b.reason
    }

    static func statusValue(_ status: BookingStatus) -> String {
        switch status {
        case .scheduled: "scheduled"
        case .rescheduled: "rescheduled"
        case .canceledByCustomer: "canceled-by-customer"
        case .canceledByStaff: "canceled-by-staff"
        case .completed: "completed"
        case .noShow: "no-show"
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(page, forKey: .page)
        try c.encode(teamMember, forKey: .teamMember)
        try c.encode(event, forKey: .event)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(status, forKey: .status)
        try c.encode(customer, forKey: .customer)
        try c.encode(linkKind, forKey: .linkKind)
        try c.encode(linkId, forKey: .linkId)  // explicit null when not one-time
        try c.encode(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(reason, forKey: .reason)
    }

    enum CodingKeys: String, CodingKey {
        case id, page, teamMember, event, start, end, status, customer, linkKind, linkId, createdAt, reason
    }
}

struct SlotJSON: Encodable {
    let event: String
    let start: String
    let teamMember: String
}

struct ActivityJSON: Encodable {
    let at: String
    let actor: String
    let kind: String
    let subject: String
    let detail: String

    init(_ e: ActivityEvent) {
        at = ISO8601.string(e.at)
        actor = e.actor.rawValue
        kind = e.kind.rawValue
        subject = e.subject
        detail = e.detail
    }
}
