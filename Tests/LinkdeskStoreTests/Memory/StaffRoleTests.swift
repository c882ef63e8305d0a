import Foundation
import LinkdeskCore
import LinkdeskService
import Testing

/// Staff and roles (SPEC §8) as the use cases keep them, over the in-memory store: each login is
/// a session of its own on one store, as each staff member's database session would be.
@Suite("staff and roles: the use cases")
struct StaffRoleTests {
    typealias F = StoreFixture

    static let admin = StaffMember(login: "ada", name: "Ada Admin", email: "ada@example.com", role: .administrator)
    static let ben = StaffMember(login: "ben", name: "Ben Ode", email: "ben@example.com", role: .member)
    static let cleo = StaffMember(login: "cleo", name: "Cleo Park", email: "cleo@example.com", role: .member)

    /// A store whose staff is Ada (administrator), Ben (member, owns "ben") and Cleo (member, owns
    /// "cleo"), and a use-case facade for any login on it.
    static func team() async throws -> (store: InMemoryStore, as: (String) -> Linkdesk) {
        let store = InMemoryStore(workspace: F.workspace, login: admin.login)
        let ada = Linkdesk(store: store, base: .default, time: FixedTime(F.now))
        try await ada.saveStaff(admin)
        try await ada.saveStaff(ben, owns: [11])
        try await ada.saveStaff(cleo, owns: [12])
        return (store, { login in Linkdesk(store: store.session(as: login), base: .default, time: FixedTime(F.now)) })
    }

    static func refusal(_ body: () async throws -> Void) async -> Refusal.Reason? {
        do { try await body() } catch let refusal as Refusal { return refusal.reason } catch { return nil }
        return nil
    }

    static func book(_ desk: Linkdesk, _ slug: String, at start: Date) async throws -> Booking {
        try await desk.book(CustomerBooking(link: Links.general(slug), eventName: "30-minute meeting", start: start, form: F.form))
    }

    @Test("a workspace with no staff: whoever runs it is an administrator, as before")
    func noStaff() async throws {
        let desk = Linkdesk(store: InMemoryStore(workspace: F.workspace, login: "anyone"), base: .default, time: FixedTime(F.now))
        #expect(try await desk.viewer() == Viewer(login: "anyone", role: .administrator, isStaffMember: false))
        #expect(try await desk.setRuleType(master: 20, to: .static) == 0)
    }

    @Test("the first staff member must be whoever adds them, as an administrator; the list keeps an administrator")
    func firstStaff() async throws {
        let store = InMemoryStore(workspace: F.workspace, login: "ada")
        let desk = Linkdesk(store: store, base: .default, time: FixedTime(F.now))
        #expect(await Self.refusal { try await desk.saveStaff(Self.ben) } == .firstStaffWithoutYou(login: "ada"))
        #expect(try await store.staff().isEmpty, "nothing was saved")
        try await desk.saveStaff(Self.admin)
        #expect(try await desk.viewer() == Viewer(login: "ada", role: .administrator, isStaffMember: true))
        var adaAsMember = Self.admin
        adaAsMember.role = .member
        #expect(await Self.refusal { try await desk.saveStaff(adaAsMember) } == .staffWithoutAdministrator)
        #expect(await Self.refusal { try await desk.removeStaff(login: "ada") } == nil, "removing the last staff member empties the list")
        #expect(try await store.staff().isEmpty)
    }

    @Test("a login that is not staff of a workspace with staff is refused, naming the login")
    func notStaff() async throws {
        let (_, desk) = try await Self.team()
        let stranger = desk("mallory")
        #expect(await Self.refusal { _ = try await stranger.viewer() } == .notStaff(login: "mallory"))
        #expect(await Self.refusal {
            _ = try await stranger.makeLink(page: F.workspace.page(id: 10)!, personalization: Personalization(), oneTime: nil)
        } == .notStaff(login: "mallory"))
        #expect(Refusal(.notStaff(login: "mallory")).message.contains("\"mallory\" is not a staff member"))
    }

    @Test("a member changes the bookings of the pages they own, not another member's; an administrator changes any")
    func bookingsByOwner() async throws {
        let (_, desk) = try await Self.team()
        let onBen = try await Self.book(desk("ada"), "ben", at: F.tuesday(10))
        let onCleo = try await Self.book(desk("ada"), "cleo", at: F.tuesday(13))
        let ben = desk("ben")
        #expect(try await ben.cancel(id: onBen.id, actor: .staff, reason: "sick").status == .canceledByStaff)
        #expect(await Self.refusal { _ = try await ben.cancel(id: onCleo.id, actor: .staff, reason: "mine now") }
                == .notAllowed(.changeBooking(ownerLogin: "cleo"), role: .member))
        #expect(await Self.refusal { _ = try await ben.mark(id: onCleo.id, as: .completed) } != nil)
        #expect(Refusal(.notAllowed(.changeBooking(ownerLogin: "cleo"), role: .member)).message
                == "only the owner of this booking's page or an administrator can change it")
        #expect(try await desk("ada").cancel(id: onCleo.id, actor: .staff, reason: "closed").status == .canceledByStaff)
    }

    @Test("only an administrator switches a master page's rule type, changes another's link or manages staff")
    func administratorOnly() async throws {
        let (store, desk) = try await Self.team()
        let ben = desk("ben")
        let refused = await Self.refusal { _ = try await ben.setRuleType(master: 20, to: .static) }
        #expect(refused == .notAllowed(.switchRuleType, role: .member))
        #expect(Refusal(refused!).message == "only an administrator can switch a master page's rule type")
        #expect(await Self.refusal { _ = try await ben.setSlug(page: 12, to: "cleo-2") } == .notAllowed(.changeSlug(ownerLogin: "cleo"), role: .member))
        #expect(try await ben.setSlug(page: 11, to: "ben-ode").slug == "ben-ode", "their own page's link is theirs to change")
        #expect(await Self.refusal { try await ben.saveStaff(Self.cleo) } == .notAllowed(.manageStaff, role: .member))
        #expect(await Self.refusal { try await ben.removeStaff(login: "cleo") } == .notAllowed(.manageStaff, role: .member))
        #expect(try await store.staff().count == 3)
        #expect(try await store.workspace().masterPage(id: 20)?.ruleType == .dynamic)
    }

    @Test("a member shares any page's links and revokes the one-time links they made, not another's")
    func linksByMaker() async throws {
        let (store, desk) = try await Self.team()
        let salescall = try #require(F.workspace.page(id: 20))
        let byBen = try #require(try await desk("ben").makeLink(page: salescall, personalization: Personalization(), oneTime: OneTimeOptions()).oneTime)
        let byCleo = try #require(try await desk("cleo").makeLink(page: salescall, personalization: Personalization(), oneTime: OneTimeOptions()).oneTime)
        #expect(byBen.madeBy == "ben" && byCleo.madeBy == "cleo")
        #expect(await Self.refusal { _ = try await desk("ben").revoke(linkID: byCleo.linkID) }
                == .notAllowed(.revokeLink(madeBy: "cleo"), role: .member))
        #expect(try await desk("ben").revoke(linkID: byBen.linkID).revokedAt != nil)
        let created = try await store.activity(limit: 10).filter { $0.kind == .oneTimeCreated }
        #expect(Set(created.compactMap(\.by)) == ["ben", "cleo"], "the activity names who made each link")
    }

    @Test("in the Setup view a member edits their own page's hours and policy, and nothing else")
    func editsByRole() async throws {
        let (store, desk) = try await Self.team()
        let ben = desk("ben")
        var closed = ChangePolicy.lenient
        closed.cancelReason = .mandatory
        #expect(try await ben.applyEdit { w in
            var w = w
            w.bookingPages = w.bookingPages.map { var p = $0; if p.id == 11 { p.policy = closed }; return p }
            return w
        })
        #expect(try await store.workspace().bookingPage(id: 11)?.policy == closed)
        let other = await Self.refusal {
            _ = try await ben.applyEdit { w in
                var w = w
                w.bookingPages = w.bookingPages.map { var p = $0; if p.id == 12 { p.policy = closed }; return p }
                return w
            }
        }
        #expect(other == .notAllowed(.editPage(ownerLogin: "cleo"), role: .member))
        let rename = await Self.refusal {
            _ = try await ben.applyEdit { w in
                var w = w
                w.bookingPages = w.bookingPages.map { var p = $0; if p.id == 11 { p.name = "Benjamin" }; return p }
                return w
            }
        }
        #expect(rename == .notAllowed(.applyWorkspace, role: .member), "a page's name is the administrator's")
        let plan = try await ben.planWorkspace(try await store.workspace())
        #expect(await Self.refusal { try await ben.applyWorkspace(plan) } == .notAllowed(.applyWorkspace, role: .member),
                "applying a workspace file is an administrator's, whatever it holds")
    }

    @Test("the activity names the staff member who acted; customers stay customers")
    func activityNamesStaff() async throws {
        let (store, desk) = try await Self.team()
        let booking = try await Self.book(desk("ada"), "ben", at: F.tuesday(10))
        _ = try await desk("ben").cancel(id: booking.id, actor: .staff, reason: "ill")
        let events = try await store.activity(limit: 20)
        #expect(events.first { $0.kind == .bookingCanceled }?.by == "ben")
        #expect(events.first { $0.kind == .bookingScheduled }?.by == nil, "a customer's booking names no staff member")
        #expect(events.filter { $0.kind == .staffChanged }.allSatisfy { $0.by == "ada" })
    }

    @Test("a staff list from a file: the applier may demote themself in it, and a list that would be refused changes nothing")
    func staffPlan() async throws {
        let (store, desk) = try await Self.team()
        var adaMember = Self.admin
        adaMember.role = .member
        let ben = StaffMember(login: "ben", name: "Ben Ode", email: "ben@example.com", role: .administrator)
        let carol = StaffMember(login: "carol", name: "Carol", email: "carol@example.com", role: .member)
        // Ada makes Ben an administrator, adds Carol, drops Cleo and steps down herself: she keeps
        // the right to manage staff until her own step, which comes last.
        let plan = StaffPlan(current: try await store.staff(), proposed: [adaMember, ben, carol])
        #expect(plan.steps(by: "ada").last == .save(adaMember))
        try await desk("ada").applyStaff(plan)
        #expect(try await store.staff() == [adaMember, ben, carol])
        // A list with no administrator is refused before its first step.
        let none = StaffPlan(current: try await store.staff(), proposed: [adaMember, carol])
        #expect(await Self.refusal { try await desk("ben").applyStaff(none) } == .staffWithoutAdministrator)
        #expect(try await store.staff() == [adaMember, ben, carol])
    }

    @Test("owning pages: --owns gives them, and a page left out goes back to nobody")
    func owning() async throws {
        let (store, desk) = try await Self.team()
        #expect(try await store.workspace().bookingPage(id: 11)?.ownerLogin == "ben")
        #expect(try await store.workspace().bookingPage(id: 11)?.owner == "Ben Ode")
        try await desk("ada").saveStaff(Self.ben, owns: [10])
        let workspace = try await store.workspace()
        #expect(workspace.bookingPage(id: 10)?.ownerLogin == "ben" && workspace.bookingPage(id: 11)?.ownerLogin == nil)
        #expect(await Self.refusal { try await desk("ada").saveStaff(Self.ben, owns: [20]) } != nil, "a master page has no owner")
    }
}
