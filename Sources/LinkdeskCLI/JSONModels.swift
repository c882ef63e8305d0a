import Foundation
import LinkdeskCore

/// The stable `--json` shapes documented in README. They are separate from the domain types so
/// that refactoring the core never changes what scripts read. Each says which members it writes
/// (`JSONText` sorts them); an absent optional is left out unless the shape documents a null.
protocol JSONShape {
    var json: JSONValue { get }
}

struct PageJSON: JSONShape {
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

    var json: JSONValue {
        var members = [
            JSONMember("kind", .string(kind)),
            JSONMember("name", .string(name)),
            JSONMember("slug", .string(slug)),
            JSONMember("ruleType", .string(orNull: ruleType)),  // explicit null for booking pages
            JSONMember("url", .string(url)),
            JSONMember("eventTypes", .array(eventTypes.map(JSONValue.string))),
            JSONMember("oneTimeLinks", .bool(oneTimeLinks)),
        ]
        members.append("scenario", ifPresent: scenario)
        members.append("owner", ifPresent: owner)
        members.append("timeZone", ifPresent: timeZone)
        return .object(members)
    }
}

/// `link --json`; a campaign link (`--merge`) also says which merge-field format it carries.
struct LinkJSON: JSONShape {
    let url: String
    let kind: String
    let page: String
    var merge: String? = nil
    let linkId: String?
    let expiresAt: String?
    let usesLeft: Int?

    var json: JSONValue {
        var members = [JSONMember("url", .string(url)), JSONMember("kind", .string(kind)), JSONMember("page", .string(page))]
        members.append("merge", ifPresent: merge)
        members.append("linkId", ifPresent: linkId)
        members.append("expiresAt", ifPresent: expiresAt)
        members.append("usesLeft", ifPresent: usesLeft)
        return .object(members)
    }
}

struct OneTimeLinkJSON: JSONShape {
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

    var json: JSONValue {
        var members = [
            JSONMember("linkId", .string(linkId)), JSONMember("page", .string(page)), JSONMember("status", .string(status)),
            JSONMember("usesLeft", .int(usesLeft)), JSONMember("usesAllowed", .int(usesAllowed)),
            JSONMember("createdAt", .string(createdAt)), JSONMember("expiresAt", .string(expiresAt)),
        ]
        members.append("personalizedFor", ifPresent: personalizedFor)
        return .object(members)
    }
}

struct BookingJSON: JSONShape {
    struct CustomerJSON { let name: String; let email: String }
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
        case .awaitingConfirmation: "awaiting-confirmation"
        case .expired: "expired"
        }
    }

    var json: JSONValue {
        var members = [
            JSONMember("id", .int(Int(id))), JSONMember("page", .string(page)), JSONMember("teamMember", .string(teamMember)),
            JSONMember("event", .string(event)), JSONMember("start", .string(start)), JSONMember("end", .string(end)),
            JSONMember("status", .string(status)),
            JSONMember("customer", .object([JSONMember("name", .string(customer.name)), JSONMember("email", .string(customer.email))])),
            JSONMember("linkKind", .string(linkKind)),
            JSONMember("linkId", .string(orNull: linkId)),  // explicit null when not one-time
            JSONMember("createdAt", .string(createdAt)),
        ]
        members.append("reason", ifPresent: reason)
        return .object(members)
    }
}

struct SlotJSON: JSONShape {
    let event: String
    let start: String
    let teamMember: String

    var json: JSONValue {
        .object([JSONMember("event", .string(event)), JSONMember("start", .string(start)), JSONMember("teamMember", .string(teamMember))])
    }
}

struct ActivityJSON: JSONShape {
    let at: String
    let actor: String
    let kind: String
    let subject: String
    let detail: String
    /// The staff member's login (null for customers, the clock, and events from before staff).
    let by: String?

    init(_ e: ActivityEvent) {
        at = ISO8601.string(e.at)
        actor = e.actor.rawValue
        kind = e.kind.rawValue
        subject = e.subject
        detail = e.detail
        by = e.by
    }

    var json: JSONValue {
        .object([JSONMember("at", .string(at)), JSONMember("actor", .string(actor)), JSONMember("kind", .string(kind)),
                 JSONMember("subject", .string(subject)), JSONMember("detail", .string(detail)),
                 JSONMember("by", .string(orNull: by))])
    }
}
