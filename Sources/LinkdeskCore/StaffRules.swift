/// Who is acting, as the use cases decide with it (SPEC §8).
public struct Viewer: Equatable, Sendable {
    public let login: String
    public let role: StaffRole
    /// False when the workspace has no staff yet: whoever runs it is an administrator, as before
    /// there were staff, so the demo and single-person use need no setting up.
    public let isStaffMember: Bool

    public init(login: String, role: StaffRole, isStaffMember: Bool) {
        self.login = login
        self.role = role
        self.isStaffMember = isStaffMember
    }

    /// The viewer `login` is in a workspace with `staff`: its staff member's role; an
    /// administrator when there is no staff yet; a refusal when there is staff and `login` is
    /// not one of them (a clear line, never an empty view).
    public static func resolve(login: String, staff: [StaffMember]) throws -> Viewer {
        try resolve(login: login, member: staff.first { $0.login == login }, anyStaff: !staff.isEmpty)
    }

    /// `resolve` from what a store can tell of one login alone: its record, and whether there is any staff.
    public static func resolve(login: String, member: StaffMember?, anyStaff: Bool) throws -> Viewer {
        if let member { return Viewer(login: login, role: member.role, isStaffMember: true) }
        guard !anyStaff else { throw Refusal(.notStaff(login: login)) }
        return Viewer(login: login, role: .administrator, isStaffMember: false)
    }

    /// True when the viewer owns the page with that owner login (nil: a page no staff member owns).
    public func owns(_ ownerLogin: String?) -> Bool { ownerLogin == login }

    /// The booking pages of `workspace` the viewer owns (none before there is staff).
    public func ownedPages(in workspace: Workspace) -> [PageID] {
        isStaffMember ? workspace.bookingPages.filter { owns($0.ownerLogin) }.map(\.id) : []
    }
}

/// What a staff member asks to do, with what decides whether their role allows it.
public enum StaffAction: Equatable, Sendable {
    /// Create, change or remove a master page: scenario, team members, rules.
    case changeMasterPage
    /// Switch a master page between Static and Dynamic rules.
    case switchRuleType
    /// Change a page's link; `ownerLogin` is the page's owner (nil for a master page).
    case changeSlug(ownerLogin: String?)
    /// Apply a workspace file, or add or remove pages and event types in the Setup view.
    case applyWorkspace
    /// Add, change or remove staff members.
    case manageStaff
    /// Change the workspace's settings (where its emails come from).
    case changeSettings
    /// Cancel, reschedule or mark a booking of the page `ownerLogin` owns.
    case changeBooking(ownerLogin: String?)
    /// Revoke a one-time link made by `madeBy` (nil: made before staff existed).
    case revokeLink(madeBy: String?)
    /// Change a booking page's hours, dates off or policy.
    case editPage(ownerLogin: String?)
    /// Make (or replace) the calendar feed URL of the booking page `ownerLogin` owns.
    case calendarFeed(ownerLogin: String?)
    /// Add, remove or sync the calendars of the staff member `staffLogin`.
    case manageCalendars(staffLogin: String)
    /// Share any page's links (general, personalized, one-time, campaign, batch, QR, buttons).
    case share

    /// The sentence that refuses the action to `role`, naming the rule.
    public func refusal(for role: StaffRole) -> String {
        if role == .site { return "the booking site's login acts for customers only: it cannot \(adminPhrase)" }
        switch self {
        case .changeSlug: return "only the owner of this page or an administrator can change its link"
        case .changeBooking: return "only the owner of this booking's page or an administrator can change it"
        case .editPage: return "only the owner of this page or an administrator can change its hours, dates off or policy"
        case .revokeLink: return "only the staff member who made this one-time link or an administrator can revoke it"
        case .calendarFeed: return "only the owner of this page or an administrator can make its calendar feed URL"
        case .manageCalendars: return "only the staff member or an administrator can change their calendars"
        default: return "only an administrator can \(adminPhrase)"
        }
    }

    /// What the action is, as "only an administrator can …" ends.
    var adminPhrase: String {
        switch self {
        case .changeMasterPage: "change a master page"
        case .switchRuleType: "switch a master page's rule type"
        case .changeSlug: "change a page's link"
        case .applyWorkspace: "apply a workspace file or add and remove pages"
        case .manageStaff: "manage staff"
        case .changeSettings: "change the workspace's settings"
        case .changeBooking: "change a booking"
        case .revokeLink: "revoke a one-time link"
        case .editPage: "change a page's hours, dates off or policy"
        case .calendarFeed: "make a calendar feed URL"
        case .manageCalendars: "change a staff member's calendars"
        case .share: "share links"
        }
    }
}

/// The roles' rights, in one place (SPEC §8): an administrator does everything; a member shares
/// any page's links, opens every view, and changes what is theirs (the bookings, hours, dates
/// off and policy of the booking pages they own, the one-time links they made); the site's login
/// acts for customers only and never as staff.
public enum StaffRules {
    public static func allows(_ viewer: Viewer, _ action: StaffAction) -> Bool {
        switch viewer.role {
        case .administrator: return true
        case .site: return false
        case .member:
            switch action {
            case .share: return true
            case .changeSlug(let owner), .changeBooking(let owner), .editPage(let owner), .calendarFeed(let owner):
                return viewer.owns(owner)
            case .revokeLink(let madeBy): return madeBy == viewer.login
            case .manageCalendars(let login): return login == viewer.login
            case .changeMasterPage, .switchRuleType, .applyWorkspace, .manageStaff, .changeSettings: return false
            }
        }
    }

    /// A staff list as a change would leave it: empty (nobody is staff: whoever runs linkdesk is
    /// an administrator again), or with an administrator; and the first staff list, made while
    /// nobody is staff, must name its maker as an administrator — otherwise they would be shut
    /// out of the workspace they just set up.
    public static func checkStaffList(_ proposed: [StaffMember], changedBy viewer: Viewer) throws {
        guard !proposed.isEmpty else { return }
        if !viewer.isStaffMember, !proposed.contains(where: { $0.login == viewer.login && $0.role == .administrator }) {
            throw Refusal(.firstStaffWithoutYou(login: viewer.login))
        }
        guard proposed.contains(where: { $0.role == .administrator }) else { throw Refusal(.staffWithoutAdministrator) }
    }

    /// `allows`, as a refusal that names the rule.
    public static func check(_ viewer: Viewer, _ action: StaffAction) throws {
        guard allows(viewer, action) else { throw Refusal(.notAllowed(action, role: viewer.role)) }
    }
}
