import Foundation
import LinkdeskCore
import PropertyBased
import Testing

/// Generators for links whose personalization passes `validated()` (SPEC §1: any text round-trips).
enum LinkGen {
    /// Pieces that stress the encoder: reserved URL characters, `%` sequences that look like
    /// escapes, emoji with skin tone + ZWJ, Arabic, a decomposed accent next to its precomposed
    /// twin (canonically equivalent, different scalars), controls, merge-field markers.
    static let fragments: [String] = [
        "a", "Z", "7", " ", "  ", "&", "=", "#", "+", "%", "?", "/", ";", ",", ":", "@", "!", "'", "\"",
        "%20", "%2B", "%%", "%G1", "a=b&c=d", "skip=0", "&name=evil",
        "👩🏽‍💻", "دانا", "e\u{0301}", "\u{00E9}", "Jane Smythe", "Zoë", "日本語", "ß", "İ",
        "\n", "\r\n", "\t", "\u{200D}", "\u{FEFF}", "\u{0000}", "~", "*|FNAME|*", "{{ contact.firstname }}",
        "{!Lead.Id}", "~Contact.Id~", "O'Brien", "-", ".", "_",
    ]

    static let text = Gen<String?>.element(of: fragments).map { $0! }
        .array(of: 1...6).map { $0.joined() }

    static let emailLocal = Gen<String?>.element(of: ["jane", "smythe", "a+tag", "o'neil", "x_y", "42", "zoë", "dana", "j%s", "q=1"])
        .map { $0! }.array(of: 1...3).map { $0.joined(separator: ".") }
    static let emailDomain = zip(
        Gen<String?>.element(of: ["example", "mail-server", "b2b", "xn--bcher-kva", "sub.example"]).map { $0! },
        Gen<String?>.element(of: ["com", "org", "io", "de"]).map { $0! }
    ).map { "\($0).\($1)" }
    static let email = zip(emailLocal, emailDomain).map { "\($0)@\($1)" }

    static let digits = Gen.number.string(of: 1...15)

    static let personalization = zip(
        text.optional, email.optional, text.optional, digits.optional, text.optional,
        text.optional, text.optional, text.optional, Gen.bool
    ).map { f in
        Personalization(name: f.0, email: f.1, phone: f.2, mobile: f.3, company: f.4,
                        location: f.5, subject: f.6, note: f.7, showForm: f.8)
    }

    static let slugCharacter = Gen<Character?>
        .element(of: Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")).map { $0! }
    static let slug = zip(Gen.letterOrNumber, slugCharacter.string(of: 1...30)).map { String($0) + $1 }

    static let token = Gen<Character?>.element(of: Token.alphabet).map { $0! }.string(of: Token.length)

    static let base = Gen<String?>.element(of: [
        "http://localhost:8080", "https://book.example.com/t", "https://Book.Example.com:8443/a/b/",
    ]).map { $0! }
}

@Suite("Link URL round trip")
struct LinkRoundTripTests {
    /// Everything a built URL must satisfy, plus the round trip itself.
    private func checkRoundTrip(_ link: Link, baseText: String) throws {
        let base = try BaseURL(baseText)
        _ = try link.personalization.validated()

        let url = LinkURL.build(link, base: base)
        let back = try LinkURL.read(url, base: base)
        #expect(back == link)
        #expect(sameScalars(back.personalization, link.personalization), "scalars differ for \(url)")
        #expect(sameScalars(back.target, link.target))
        #expect(back.kind == link.kind)

        // Only printable ASCII: no raw space, no raw non-ASCII, no control characters.
        #expect(url.unicodeScalars.allSatisfy { (0x21..<0x7F).contains($0.value) }, "\(url)")
        #expect(!url.contains("#"))
        #expect(url.filter { $0 == "?" }.count <= 1)

        // One `key=value` item per present field: a raw `&` or `=` inside a value would add items.
        let p = link.personalization
        let expectedItems = Personalization.keys.filter { p[$0] != nil }.count + (p.showForm ? 1 : 0)
        let parts = url.split(separator: "?", maxSplits: 1)
        if expectedItems == 0 {
            #expect(parts.count == 1, "no query expected in \(url)")
        } else {
            let items = try #require(parts.count == 2 ? parts[1].split(separator: "&", omittingEmptySubsequences: false) : nil)
            #expect(items.count == expectedItems, "\(url)")
            for item in items {
                #expect(item.filter { $0 == "=" }.count == 1, "item \(item)")
                #expect(!item.contains("+"), "a raw + would be read as a space by form decoders: \(item)")
            }
            if let email = p.email {
                let emailItem = try #require(items.first { $0.hasPrefix("email=") })
                #expect(emailItem.contains("@"), "@ stays literal")
                #expect(!emailItem.uppercased().contains("%40"))
                #expect(emailItem.filter { $0 == "@" }.count == email.filter { $0 == "@" }.count)
            }
        }
    }

    @Test("page links round-trip exactly (600 generated cases)")
    func pageLinksRoundTrip() async {
        await propertyCheck(count: 600, input: LinkGen.slug, LinkGen.personalization, LinkGen.base) { slug, p, base in
            try checkRoundTrip(Link(target: .page(slug: slug), personalization: p), baseText: base)
        }
    }

    @Test("one-time links round-trip exactly (600 generated cases)")
    func oneTimeLinksRoundTrip() async {
        await propertyCheck(count: 600, input: LinkGen.token, LinkGen.personalization, LinkGen.base) { token, p, base in
            try checkRoundTrip(Link(target: .oneTime(token: token), personalization: p), baseText: base)
        }
    }

    @Test("canonically equivalent values keep their own scalars")
    func decomposedAccentSurvives() throws {
        let decomposed = "Rene\u{0301}e"
        let precomposed = "Ren\u{00E9}e"
        for name in [decomposed, precomposed] {
            let link = Link(target: .page(slug: "salescall"), personalization: Personalization(name: name))
            let back = try LinkURL.read(LinkURL.build(link, base: Fixtures.base), base: Fixtures.base)
            #expect(Array(try #require(back.personalization.name).unicodeScalars) == Array(name.unicodeScalars))
        }
        let a = LinkURL.build(Link(target: .page(slug: "x1"), personalization: Personalization(name: decomposed)), base: Fixtures.base)
        let b = LinkURL.build(Link(target: .page(slug: "x1"), personalization: Personalization(name: precomposed)), base: Fixtures.base)
        // Why the round trip compares scalars: String == would call these two equal.
        #expect(Personalization(name: decomposed) == Personalization(name: precomposed))
        #expect(!sameScalars(Personalization(name: decomposed), Personalization(name: precomposed)))
        #expect(a.hasSuffix("name=Rene%CC%81e"))
        #expect(b.hasSuffix("name=Ren%C3%A9e"))
    }
}

@Suite("Link URL building")
struct LinkBuildTests {
    @Test("the Jane Smythe example is built exactly")
    func janeSmythe() {
        let link = Link(target: .page(slug: "salescall"),
                        personalization: Personalization(name: "Jane Smythe", email: "jane.smythe@example.com"))
        #expect(LinkURL.build(link, base: .default)
            == "http://localhost:8080/salescall?name=Jane%20Smythe&email=jane.smythe@example.com")
    }

    @Test("skip=0 is written when the form is asked for; skip=1 is left out")
    func skipParameter() {
        var p = Personalization(name: "Jane Smythe", email: "jane.smythe@example.com")
        #expect(!LinkURL.build(Link(target: .page(slug: "salescall"), personalization: p), base: .default).contains("skip"))
        p.showForm = true
        #expect(LinkURL.build(Link(target: .page(slug: "salescall"), personalization: p), base: .default)
            == "http://localhost:8080/salescall?name=Jane%20Smythe&email=jane.smythe@example.com&skip=0")
    }

    @Test("general and one-time links without personalization have no query")
    func plainLinks() throws {
        #expect(LinkURL.build(Link(target: .page(slug: "dana")), base: .default) == "http://localhost:8080/dana")
        #expect(LinkURL.build(Link(target: .oneTime(token: "ABCDEFGHJKMNP")), base: .default)
            == "http://localhost:8080/.ABCDEFGHJKMNP")
        let base = try BaseURL("https://book.example.com/t///")
        #expect(LinkURL.build(Link(target: .page(slug: "dana")), base: base) == "https://book.example.com/t/dana")
    }

    @Test("reserved characters, emoji and Arabic are percent-encoded as UTF-8")
    func encoding() {
        let p = Personalization(name: "a&b=c#d+e%f?g h", company: "👩🏽‍💻", note: "دانا")
        let url = LinkURL.build(Link(target: .page(slug: "dana"), personalization: p), base: .default)
        #expect(url == "http://localhost:8080/dana?name=a%26b%3Dc%23d%2Be%25f%3Fg%20h"
            + "&company=%F0%9F%91%A9%F0%9F%8F%BD%E2%80%8D%F0%9F%92%BB&note=%D8%AF%D8%A7%D9%86%D8%A7")
    }

    @Test("link kind follows target and personalization")
    func kinds() {
        #expect(Link(target: .page(slug: "dana")).kind == .general)
        #expect(Link(target: .page(slug: "dana"), personalization: Personalization(name: "J")).kind == .personalized)
        #expect(Link(target: .page(slug: "dana"), personalization: Personalization(showForm: true)).kind == .personalized)
        #expect(Link(target: .oneTime(token: "ABCDEFGHJKMNP"), personalization: Personalization(name: "J")).kind == .oneTime)
    }
}

@Suite("Link URL reading")
struct LinkReadTests {
    let base = Fixtures.base

    @Test("keys are case-insensitive, values case-sensitive")
    func keyCase() throws {
        let link = try LinkURL.read("http://localhost:8080/salescall?NAME=JaNe%20Smythe&Email=Jane@Example.com&SKIP=0", base: base)
        #expect(link.personalization.name == "JaNe Smythe")
        #expect(link.personalization.email == "Jane@Example.com")
        #expect(link.personalization.showForm)
        #expect(link.target == .page(slug: "salescall"))
    }

    @Test("unknown keys are ignored")
    func unknownKeys() throws {
        let link = try LinkURL.read("http://localhost:8080/dana?utm_source=mail&name=Dana&foo=bar&soSkip=1", base: base)
        #expect(link.personalization == Personalization(name: "Dana"))
    }

    @Test("skip=0 shows the form; skip=1 and no skip don't", arguments: [
        ("?name=J&email=j@example.com&skip=0", true),
        ("?name=J&email=j@example.com&skip=1", false),
        ("?name=J&email=j@example.com", false),
        ("?skip=0", true),
    ])
    func skip(query: String, showForm: Bool) throws {
        let link = try LinkURL.read("http://localhost:8080/dana" + query, base: base)
        #expect(link.personalization.showForm == showForm)
    }

    @Test("a plus stays a plus and %2B decodes to a plus")
    func plus() throws {
        let link = try LinkURL.read("http://localhost:8080/dana?email=a+b@example.com&name=x%2By", base: base)
        #expect(link.personalization.email == "a+b@example.com")
        #expect(link.personalization.name == "x+y")
    }

    @Test("one-time targets are read from /.TOKEN")
    func oneTimeTarget() throws {
        let link = try LinkURL.read("http://localhost:8080/.ABCDEFGHJKMNP?name=Jane", base: base)
        #expect(link.target == .oneTime(token: "ABCDEFGHJKMNP"))
        #expect(link.personalization.name == "Jane")
        #expect(link.kind == .oneTime)
    }

    @Test("malformed URLs are refused", arguments: [
        "http://localhost:8080/dana?name=%G1",          // not a hex digit
        "http://localhost:8080/dana?name=%4",           // escape cut short
        "http://localhost:8080/dana?name=abc%",         // lone %
        "http://localhost:8080/dana?name=%FF",          // not UTF-8
        "http://localhost:8080/dana?name=%C3",          // truncated UTF-8 sequence
        "http://localhost:8080/dana?name=%ED%A0%80",    // encoded surrogate
        "http://example.com/dana",                      // another workspace
        "http://localhost:9090/dana",                   // another port
        "ftp://localhost:8080/dana",                    // not http
        "localhost:8080/dana",                          // no scheme
        "http://localhost:8080/",                       // no page
        "http://localhost:8080/dana/extra",             // two path segments
        "http://localhost:8080/.0OIL1ABCDEFGH",         // ambiguous characters
        "http://localhost:8080/.ABCDEFGHJKMN",          // 12 characters
        "http://localhost:8080/.ABCDEFGHJKMNPQ",        // 14 characters
        "http://localhost:8080/.",                      // empty token
        "http://localhost:8080/da%20na",                // space in a slug
        "http://localhost:8080/-dana",                  // slug starting with a hyphen
    ])
    func malformed(url: String) {
        #expect(throws: Refusal.self) { try LinkURL.read(url, base: base) }
    }

    @Test("an empty value counts as absent")
    func emptyValue() throws {
        let link = try LinkURL.read("http://localhost:8080/dana?name=&email=j@example.com", base: base)
        #expect(link.personalization.name == nil)
        #expect(link.personalization.email == "j@example.com")
    }
}
