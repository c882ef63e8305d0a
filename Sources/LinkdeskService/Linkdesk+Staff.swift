import Foundation
import LinkdeskCore

/// Staff and roles (SPEC §8): who is acting, what their role lets them do, and the staff list.
extension Linkdesk {
    /// Refuses a staff plan before anything is applied: the viewer must manage staff, and the
    /// list it leaves must pass `StaffRules.checkStaffList`. `workspace apply` asks this before
    /// it applies the pages, so a file whose staff list is refused changes nothing.
    @discardableResult
    public func checkStaffPlan(_ plan: StaffPlan) async throws -> Viewer {
        let viewer = try await authorize(.manageStaff)
        try StaffRules.checkStaffList(plan.final(from: try await store.staff()), changedBy: viewer)
        return viewer
    }

    /// Who is acting: the store's login (`LinkStore.login()`) as the staff list knows it. A
    /// workspace with no staff yet makes whoever runs it an administrator; a login that is not
    /// a staff member of a workspace that has staff is refused (`.notStaff`).
    public func viewer() async throws -> Viewer {
        if let knownViewer { return knownViewer }
        let status = try await store.staffStatus()
        return try Viewer.resolve(login: try await store.login(), member: status.member, anyStaff: status.anyStaff)
    }

    /// Refuses `action` unless the viewer's role allows it.
    @discardableResult
    func authorize(_ action: StaffAction) async throws -> Viewer {
        let viewer = try await viewer()
        try StaffRules.check(viewer, action)
        return viewer
    }

    /// The owner of a booking page (nil: no staff member owns it, or it is a master page).
    func ownerLogin(of page: PageID) async throws -> String? {
        try await store.workspace().bookingPage(id: page)?.ownerLogin
    }

    public func staff() async throws -> [StaffMember] { try await store.staff() }

    /// Adds `member`, or changes the staff member with its login; with `owns`, those booking
    /// pages become theirs (their owner's name becomes the member's). An administrator's action.
    /// The staff list keeps an administrator, and the first one added while nobody is staff
    /// must include whoever adds it as an administrator (`StaffRules.checkStaffList`), so that
    /// nobody locks themselves out.
    public func saveStaff(_ member: StaffMember, owns: [PageID]? = nil, password: String? = nil) async throws {
        let viewer = try await authorize(.manageStaff)
        let current = try await store.staff()
        let proposed = current.filter { $0.login != member.login } + [member]
        try StaffRules.checkStaffList(proposed, changedBy: viewer)
        // The pages are checked before anything is written: a page that can't be theirs refuses the whole change.
        var ownership: WorkspacePlan?
        if let owns { ownership = try await ownershipPlan(of: member, to: owns) }
        let now = self.now
        let existed = current.contains { $0.login == member.login }
        try await store.saveStaff(member, password: password, events: [
            ActivityEvent(at: now, actor: .staff, kind: .staffChanged, subject: member.login,
                          detail: (existed ? "changed: " : "added: ") + "\(member.name) <\(member.email)>, \(member.role.rawValue)"),
        ])
        if let ownership, !ownership.isEmpty { _ = try await apply(ownership, by: viewer) }
    }

    /// Removes the staff member with that login. Their pages, links and bookings stay (an
    /// administrator can give the pages to someone else). An administrator's action.
    public func removeStaff(login: String) async throws {
        let viewer = try await authorize(.manageStaff)
        let current = try await store.staff()
        guard current.contains(where: { $0.login == login }) else { throw Refusal("\"\(login)\" is not a staff member") }
        try StaffRules.checkStaffList(current.filter { $0.login != login }, changedBy: viewer)
        _ = try await store.removeStaff(login: login, events: [
            ActivityEvent(at: now, actor: .staff, kind: .staffChanged, subject: login, detail: "removed"),
        ])
    }

    /// The plan that makes exactly `pages` the booking pages `member` owns: each listed page
    /// becomes theirs (with their name as its owner's), and a page they owned that is not listed
    /// is nobody's until an administrator gives it on. Applied without a second role check:
    /// managing staff, already allowed, is what decides who owns what.
    func ownershipPlan(of member: StaffMember, to pages: [PageID]) async throws -> WorkspacePlan {
        let workspace = try await store.workspace()
        for page in pages where workspace.bookingPage(id: page) == nil {
            throw Refusal(workspace.page(id: page) == nil ? "unknown page #\(page)"
                          : "\"\(workspace.page(id: page)?.name ?? "")\" is a master page: only booking pages have owners")
        }
        var edited = workspace
        edited.bookingPages = workspace.bookingPages.map { page in
            var page = page
            if pages.contains(page.id) {
                page.ownerLogin = member.login
                page.owner = member.name
            } else if page.ownerLogin == member.login {
                page.ownerLogin = nil
            }
            return page
        }
        return try await planWorkspace(edited)
    }
}

extension Linkdesk {
    /// A workspace file's staff list, applied member by member (`StaffPlan.steps`): an
    /// administrator's action, each step checked as `saveStaff` and `removeStaff` check theirs.
    /// Not one transaction with the pages: a step refused stops there, and the message says
    /// which; what was applied before it stays (each step is whole).
    public func applyStaff(_ plan: StaffPlan) async throws {
        let viewer = try await checkStaffPlan(plan)
        for step in plan.steps(by: viewer.login) {
            switch step {
            case .save(let member): try await saveStaff(member)
            case .remove(let login): try await removeStaff(login: login)
            }
        }
    }
}
