import Foundation
import GRDB
import LinkdeskCore

extension SQLiteStore {
    public func workspace() throws -> Workspace {
        try read { try PageRows.load($0) }
    }

    /// SPEC §1: Dynamic → Static makes every one-time link generated before unusable, for good
    /// (switching back does not revive them). Returns how many live links stopped working.
    public func setRuleType(master: PageID, to ruleType: RuleType, now: Date) throws -> Int {
        try write { db in
            let workspace = try PageRows.load(db)
            guard case .master(var page)? = workspace.page(id: master) else {
                throw Refusal("rule types belong to master pages only")
            }
            guard page.scenario == .ruleBased else {
                throw Refusal("\"\(page.name)\" uses \(page.scenario.title): rule types apply to Rule-based assignment only")
            }
            guard page.ruleType != ruleType else { return 0 }
            let previous = page.ruleType
            page.ruleType = ruleType
            try PageRows.update(.master(page), in: db)
            var stopped = 0
            if previous == .dynamic {
                stopped = try LinkRows.invalidateAll(master: master, now: now, in: db)
            }
            try ActivityRows.append(ActivityEvent(at: now, actor: .staff, kind: .ruleTypeChanged, subject: page.name,
                                                  detail: "\(previous.title) → \(ruleType.title)"), to: db)
            if stopped > 0 || previous == .dynamic {
                try ActivityRows.append(ActivityEvent(at: now, actor: .staff, kind: .oneTimeInvalidated, subject: page.name,
                                                      detail: "\(stopped) live one-time link\(stopped == 1 ? "" : "s") stopped working"), to: db)
            }
            return stopped
        }
    }

    /// SPEC §1: the former link dies at once, with no redirect; it is remembered only so that a
    /// customer who follows it is told why, and so bookings made through it can be recognised.
    public func setSlug(page id: PageID, to slug: String, now: Date) throws {
        let slug = try Slug.validate(slug)
        try write { db in
            let workspace = try PageRows.load(db)
            guard var page = workspace.page(id: id) else { throw Refusal("unknown page #\(id)") }
            if let other = workspace.page(slug: slug) {
                if other.id == id, other.slug == slug { throw Refusal("\"\(page.name)\" already uses the link \(slug)") }
                if other.id != id { throw Refusal("the link \(slug) is taken by \"\(other.name)\"") }
            }
            let former = page.slug
            switch page {
            case .booking(var p): p.slug = slug; page = .booking(p)
            case .master(var p): p.slug = slug; page = .master(p)
            }
            try PageRows.update(page, in: db)
            try db.execute(sql: "INSERT INTO former_slug (slug, page_id, changed_at) VALUES (?, ?, ?)",
                           arguments: [former, id, now.timeIntervalSince1970])
            try ActivityRows.append(ActivityEvent(at: now, actor: .staff, kind: .pageLinkChanged, subject: page.name,
                                                  detail: "\(former) → \(slug)"), to: db)
        }
    }
}
