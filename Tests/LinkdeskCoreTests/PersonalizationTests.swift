import LinkdeskCore
import Testing

@Suite("Personalization and the booking form")
struct PersonalizationTests {
    static let valid = "jane.smythe@example.com"

    @Test("name and a valid email skip the form")
    func nameAndEmailSkip() {
        #expect(Personalization(name: "Jane Smythe", email: Self.valid).skipsForm)
        #expect(Personalization(name: "دانا", email: "a+b@example.co.uk", company: "ACME").skipsForm)
    }

    @Test("skip=0 shows the form even with name and email")
    func skipZeroShowsForm() {
        #expect(!Personalization(name: "Jane Smythe", email: Self.valid, showForm: true).skipsForm)
    }

    @Test("without a name or a valid email the form shows whatever skip says", arguments: [false, true])
    func incompleteShowsForm(showForm: Bool) {
        #expect(!Personalization(email: Self.valid, showForm: showForm).skipsForm)
        #expect(!Personalization(name: "Jane", showForm: showForm).skipsForm)
        #expect(!Personalization(name: "Jane", email: "jane@example", showForm: showForm).skipsForm)
        #expect(!Personalization(name: "Jane", email: "not an email", showForm: showForm).skipsForm)
        #expect(!Personalization(name: "", email: Self.valid, showForm: showForm).skipsForm)
        #expect(!Personalization(showForm: showForm).skipsForm)
    }

    @Test("a link read with skip=1 but an invalid email still shows the form")
    func readSkipOneInvalidEmail() throws {
        let link = try LinkURL.read("http://localhost:8080/dana?name=Jane&email=jane%40@example.com&skip=1", base: .default)
        #expect(!link.personalization.skipsForm)
    }

    /// CORE BUG (see report): a whitespace-only name is no name, yet `skipsForm` says the form is
    /// skipped, while `BookingRules.customer` then refuses the booking with "needs a customer name".
    @Test("a whitespace-only name does not skip the form")
    func blankNameDoesNotSkip() {
        #expect(!Personalization(name: "   ", email: Self.valid).skipsForm)
    }

    @Test("setting an empty string through the subscript clears the field")
    func emptyIsAbsent() {
        var p = Personalization(name: "Jane")
        p["name"] = ""
        #expect(p.name == nil)
        #expect(p.isEmpty)
        p["company"] = "ACME"
        #expect(p.company == "ACME")
        p["unknown"] = "x"
        #expect(p["unknown"] == nil)
        #expect(!p.isEmpty)
    }

    /// CORE BUG (see report): `Personalization` documents that an empty string counts as absent,
    /// but one built with `init(name: "")` still writes `?name=` into the URL and does not round-trip.
    @Test("an empty field given to init does not reach the URL")
    func emptyFieldFromInitIsAbsent() throws {
        let link = Link(target: .page(slug: "dana"), personalization: Personalization(name: "", email: nil))
        #expect(LinkURL.build(link, base: .default) == "http://localhost:8080/dana")
        #expect(link.kind == .general)
    }

    @Test("validated refuses an invalid email and a non-digit mobile")
    func validated() throws {
        #expect(throws: Refusal.self) { try Personalization(email: "jane@").validated() }
        #expect(throws: Refusal.self) { try Personalization(mobile: "+1 555 0100").validated() }
        #expect(throws: Refusal.self) { try Personalization(mobile: "٥٥٥").validated() }  // Arabic-Indic digits
        let ok = Personalization(name: "Jane", email: Self.valid, mobile: "15550100")
        #expect(try ok.validated() == ok)
    }
}

@Suite("Email addresses")
struct EmailTests {
    @Test("valid addresses", arguments: [
        "jane.smythe@example.com", "a+b@example.com", "o'neil@mail.example.org", "x_y-z@b2b.io",
        "zoë@example.de", "a@b.co", String(repeating: "a", count: 64) + "@example.com",
    ])
    func valid(_ text: String) {
        #expect(EmailAddress.isValid(text))
        #expect(EmailAddress.problem(text) == nil)
    }

    @Test("invalid addresses", arguments: [
        "jane", "@example.com", "jane@", "jane@example", "jane@@example.com", "a@b@example.com",
        ".jane@example.com", "jane.@example.com", "ja..ne@example.com", "ja ne@example.com",
        "jane@-example.com", "jane@example-.com", "jane@example.c", "jane@example.c0m", "jane@exa_mple.com",
        "jane@example..com", "\"jane\"@example.com", String(repeating: "a", count: 65) + "@example.com",
    ])
    func invalid(_ text: String) {
        #expect(!EmailAddress.isValid(text))
        #expect(EmailAddress.problem(text) == "not a valid email address")
    }

    @Test("an empty field has no problem to show")
    func emptyHasNoProblem() {
        #expect(!EmailAddress.isValid(""))
        #expect(EmailAddress.problem("") == nil)
    }
}
