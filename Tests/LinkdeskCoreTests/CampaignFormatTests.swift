import Foundation
import LinkdeskCore
import Testing

/// Campaign links (SPEC §1): the exact text of each format, markers literal.
@Suite("Campaign links")
struct CampaignFormatTests {
    static let base: BaseURL = {
        do { return try BaseURL("http://localhost:8080") } catch { fatalError("\(error)") }
    }()
    static let general = LinkTarget.page(slug: "salescall")
    static let oneTime = LinkTarget.oneTime(token: "B6QK7HVEM2XRT")

    static let expected: [(CampaignFormat, String)] = [
        (.mailchimp, "name=*|FNAME|*%20*|LNAME|*&email=*|EMAIL|*"),
        (.hubspot, "name={{ contact.firstname }}%20{{ contact.lastname }}&email={{ contact.email }}"),
        (.salesforce, "soSkip=1&sosfLeadId={!Lead.Id}&sosfContactId={!Contact.Id}&sosfCaseId={!Case.Id}"),
        (.keap, "soisContactID=~Contact.Id~&soSkip=1"),
    ]

    @Test("each format on a general link", arguments: expected)
    func generalLink(_ format: CampaignFormat, _ query: String) {
        #expect(CampaignLink.build(Self.general, format: format, base: Self.base)
                == "http://localhost:8080/salescall?" + query)
    }

    @Test("each format on a one-time link", arguments: expected)
    func oneTimeLink(_ format: CampaignFormat, _ query: String) {
        #expect(CampaignLink.build(Self.oneTime, format: format, base: Self.base)
                == "http://localhost:8080/.B6QK7HVEM2XRT?" + query)
    }

    @Test("the SPEC's Salesforce and Keap examples appear verbatim")
    func specExamples() {
        #expect(CampaignLink.build(Self.general, format: .salesforce, base: Self.base)
            .hasSuffix("?soSkip=1&sosfLeadId={!Lead.Id}&sosfContactId={!Contact.Id}&sosfCaseId={!Case.Id}"))
        #expect(CampaignLink.build(Self.general, format: .keap, base: Self.base).hasSuffix("?soisContactID=~Contact.Id~&soSkip=1"))
    }

    @Test("no marker is percent-encoded", arguments: CampaignFormat.allCases)
    func markersLiteral(_ format: CampaignFormat) {
        let url = CampaignLink.build(Self.general, format: format, base: Self.base)
        for field in format.fields {
            for marker in field.marker.split(separator: " ", omittingEmptySubsequences: true)
            where marker.contains("|") || marker.contains("{") || marker.contains("~") {
                #expect(url.contains(marker), "\(marker) missing from \(url)")
            }
        }
        #expect(!url.contains("%7C") && !url.contains("%7B") && !url.contains("%7D") && !url.contains("%2A") && !url.contains("%7E"))
    }

    @Test("fixed parameters are encoded after the merge fields; name and email in them are ignored")
    func fixedParameters() {
        let fixed = Personalization(name: "Ignored", email: "ignored@example.com", company: "Acme & Sons",
                                    subject: "Q3 review #2")
        #expect(CampaignLink.build(Self.general, format: .mailchimp, base: Self.base, fixed: fixed)
                == "http://localhost:8080/salescall?name=*|FNAME|*%20*|LNAME|*&email=*|EMAIL|*"
                + "&company=Acme%20%26%20Sons&subject=Q3%20review%20%232")
        #expect(CampaignLink.build(Self.oneTime, format: .keap, base: Self.base, fixed: Personalization(note: "a+b"))
                == "http://localhost:8080/.B6QK7HVEM2XRT?soisContactID=~Contact.Id~&soSkip=1&note=a%2Bb")
    }

    @Test("Show booking form: skip=0 at the end for email tools, soSkip=0 for CRMs")
    func showForm() {
        let form = Personalization(showForm: true)
        #expect(CampaignLink.build(Self.general, format: .hubspot, base: Self.base, fixed: form)
                == "http://localhost:8080/salescall?name={{ contact.firstname }}%20{{ contact.lastname }}&email={{ contact.email }}&skip=0")
        #expect(CampaignLink.build(Self.general, format: .salesforce, base: Self.base, fixed: form)
                == "http://localhost:8080/salescall?soSkip=0&sosfLeadId={!Lead.Id}&sosfContactId={!Contact.Id}&sosfCaseId={!Case.Id}")
        #expect(CampaignLink.build(Self.oneTime, format: .keap, base: Self.base, fixed: form)
                == "http://localhost:8080/.B6QK7HVEM2XRT?soisContactID=~Contact.Id~&soSkip=0")
    }

    /// What Mailchimp or HubSpot send: every marker replaced by the recipient's value, encoded
    /// (Mailchimp's *|URL:…|* and HubSpot's urlencode do this; plain names need no encoding).
    static func substitute(_ url: String, _ values: [String: String]) -> String {
        values.reduce(url) { $0.replacingOccurrences(of: $1.key, with: PercentEncoding.encode($1.value)) }
    }

    @Test("after the email tool fills in the fields, the link reads back as that recipient's personalized link")
    func substitutedReadsBack() throws {
        let mailchimp = Self.substitute(CampaignLink.build(Self.general, format: .mailchimp, base: Self.base),
                                        ["*|FNAME|*": "Zoë", "*|LNAME|*": "O'Brien", "*|EMAIL|*": "zoe+news@example.com"])
        let read = try LinkURL.read(mailchimp, base: Self.base)
        #expect(read.target == Self.general)
        #expect(read.personalization == Personalization(name: "Zoë O'Brien", email: "zoe+news@example.com"))
        #expect(read.personalization.skipsForm)

        let hubspot = Self.substitute(CampaignLink.build(Self.oneTime, format: .hubspot, base: Self.base),
                                      ["{{ contact.firstname }}": "Dana", "{{ contact.lastname }}": "حداد",
                                       "{{ contact.email }}": "dana@example.com"])
        let readHub = try LinkURL.read(hubspot, base: Self.base)
        #expect(readHub.target == Self.oneTime)
        #expect(readHub.personalization == Personalization(name: "Dana حداد", email: "dana@example.com"))
    }

    @Test("CRM links read back as the plain link (the IDs are for the CRM integration, not form fields)")
    func crmReadsBack() throws {
        for format in [CampaignFormat.salesforce, .keap] {
            let url = CampaignLink.build(Self.oneTime, format: format, base: Self.base)
            let filled = Self.substitute(url, ["{!Lead.Id}": "00Q5e00000AbCdE", "{!Contact.Id}": "", "{!Case.Id}": "",
                                               "~Contact.Id~": "1234"])
            #expect(try LinkURL.read(filled, base: Self.base) == Link(target: Self.oneTime))
        }
    }

    @Test("format names: case-insensitive, infusionsoft is Keap, anything else is nil")
    func names() {
        #expect(CampaignFormat.named("MailChimp") == .mailchimp)
        #expect(CampaignFormat.named("hubspot") == .hubspot)
        #expect(CampaignFormat.named(" Salesforce ") == .salesforce)
        #expect(CampaignFormat.named("infusionsoft") == .keap)
        #expect(CampaignFormat.named("KEAP") == .keap)
        #expect(CampaignFormat.named("constant-contact") == nil)
        #expect(CampaignFormat.names == ["mailchimp", "hubspot", "salesforce", "keap"])
    }

    @Test("a longer base URL keeps its path")
    func basePath() throws {
        let base = try BaseURL("https://book.example.com/t/")
        #expect(CampaignLink.build(.page(slug: "marketing"), format: .keap, base: base)
                == "https://book.example.com/t/marketing?soisContactID=~Contact.Id~&soSkip=1")
    }
}
