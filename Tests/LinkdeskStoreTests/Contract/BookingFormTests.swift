import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// SPEC §1: a name and a valid email in the link skip the booking form (unless skip=0);
/// without both, the form is shown prefilled whatever skip says.
@Suite("booking form skipping")
struct BookingFormTests {
    typealias F = StoreFixture
    static let typed = Personalization(name: "Typed Name", email: "typed@example.com")

    @Test("name + valid email in the link: no form needed; what the form would say is not used (SQLite)")
    func skipped() async throws { try await skipped(kind: .sqlite) }

    @Test("name + valid email in the link: no form needed; what the form would say is not used (PostgreSQL)", .postgres)
    func skippedOnPostgres() async throws { try await skipped(kind: .postgres) }

    @Test("name + valid email in the link: no form needed; what the form would say is not used (in memory)")
    func skippedInMemory() async throws { try await skipped(kind: .memory) }

    func skipped(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = Link(target: .page(slug: "salescall"),
                        personalization: Personalization(name: "Jane Smythe", email: "jane@example.com", company: "Cactus Co"))
        let noForm = try await t.book(link, at: F.tuesday(10), form: Personalization())
        #expect(noForm.customer == Customer(name: "Jane Smythe", email: "jane@example.com"))
        #expect(noForm.details.company == "Cactus Co")
        #expect(noForm.linkKind == .personalized)
        let ignored = try await t.book(link, at: F.tuesday(11), form: Self.typed)
        #expect(ignored.customer.name == "Jane Smythe")
    }

    @Test("skip=0: the form is shown, prefilled by the link; what the customer types is used (SQLite)")
    func showFormRequested() async throws { try await showFormRequested(kind: .sqlite) }

    @Test("skip=0: the form is shown, prefilled by the link; what the customer types is used (PostgreSQL)", .postgres)
    func showFormRequestedOnPostgres() async throws { try await showFormRequested(kind: .postgres) }

    @Test("skip=0: the form is shown, prefilled by the link; what the customer types is used (in memory)")
    func showFormRequestedInMemory() async throws { try await showFormRequested(kind: .memory) }

    func showFormRequested(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = Links.general("salescall", name: "Jane Smythe", email: "jane@example.com", showForm: true)
        #expect(link.personalization.skipsForm == false)
        let typed = try await t.book(link, at: F.tuesday(10), form: Self.typed)
        #expect(typed.customer == Customer(name: "Typed Name", email: "typed@example.com"))
        let partly = try await t.book(link, at: F.tuesday(11), form: Personalization(name: "Jane B. Smythe"))
        #expect(partly.customer == Customer(name: "Jane B. Smythe", email: "jane@example.com"))
        // A typed email that is not valid is refused even though the link had a good one.
        await expectRefusal(Refusal.Reason.formRequired.sentence, exact: true) {
            try await t.book(link, at: F.tuesday(12), form: Personalization(email: "typo@"))
        }
    }

    @Test("an invalid email in the link: the form is needed (SQLite)", arguments: ["jane@", "jane", "jane@example", "@example.com"])
    func invalidEmailInLink(email: String) async throws { try await invalidEmailInLink(kind: .sqlite, email: email) }

    @Test("an invalid email in the link: the form is needed (PostgreSQL)", .postgres, arguments: ["jane@", "jane", "jane@example", "@example.com"])
    func invalidEmailInLinkOnPostgres(email: String) async throws { try await invalidEmailInLink(kind: .postgres, email: email) }

    @Test("an invalid email in the link: the form is needed (in memory)", arguments: ["jane@", "jane", "jane@example", "@example.com"])
    func invalidEmailInLinkInMemory(email: String) async throws { try await invalidEmailInLink(kind: .memory, email: email) }

    func invalidEmailInLink(kind: StoreKind, email: String) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let link = Links.general("salescall", name: "Jane Smythe", email: email)
        await expectRefusal(Refusal.Reason.formRequired.sentence, exact: true) { try await t.book(link, at: F.tuesday(10), form: Personalization()) }
        #expect(try await t.allBookings().isEmpty)
        let fixed = try await t.book(link, at: F.tuesday(10), form: Personalization(email: "jane@example.com"))
        #expect(fixed.customer == Customer(name: "Jane Smythe", email: "jane@example.com"))
    }

    @Test("only a name, only an email, or nothing in the link: the form is needed (SQLite)")
    func incompleteLink() async throws { try await incompleteLink(kind: .sqlite) }

    @Test("only a name, only an email, or nothing in the link: the form is needed (PostgreSQL)", .postgres)
    func incompleteLinkOnPostgres() async throws { try await incompleteLink(kind: .postgres) }

    @Test("only a name, only an email, or nothing in the link: the form is needed (in memory)")
    func incompleteLinkInMemory() async throws { try await incompleteLink(kind: .memory) }

    func incompleteLink(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        for link in [Links.general("salescall", name: "Jane"), Links.general("salescall", email: "jane@example.com"),
                     Links.general("salescall")] {
            await expectRefusal(Refusal.Reason.formRequired.sentence, exact: true) { try await t.book(link, at: F.tuesday(10), form: Personalization()) }
        }
        let onlyEmail = try await t.book(Links.general("salescall", email: "jane@example.com"), at: F.tuesday(10),
                                   form: Personalization(name: "Jane"))
        #expect(onlyEmail.customer == Customer(name: "Jane", email: "jane@example.com"))
        let general = try await t.book(Links.general("salescall"), at: F.tuesday(11))
        #expect(general.linkKind == .general)
        #expect(general.customer == Customer(name: F.form.name!, email: F.form.email!))
    }

    @Test("a one-time link personalized with name and email skips the form too (SQLite)")
    func oneTimePersonalized() async throws { try await oneTimePersonalized(kind: .sqlite) }

    @Test("a one-time link personalized with name and email skips the form too (PostgreSQL)", .postgres)
    func oneTimePersonalizedOnPostgres() async throws { try await oneTimePersonalized(kind: .postgres) }

    @Test("a one-time link personalized with name and email skips the form too (in memory)")
    func oneTimePersonalizedInMemory() async throws { try await oneTimePersonalized(kind: .memory) }

    func oneTimePersonalized(kind: StoreKind) async throws {
        let t = try await TestStore(kind)
        defer { t.remove() }
        let made = try await t.oneTime(personalization: Personalization(name: "دانا", email: "dana@example.com"))
        let booking = try await t.book(made.link, at: F.tuesday(10), form: Personalization())
        #expect(Array(booking.customer.name.unicodeScalars) == Array("دانا".unicodeScalars))
        #expect(booking.linkKind == .oneTime)
    }
}
