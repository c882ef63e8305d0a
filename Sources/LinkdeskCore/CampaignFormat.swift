import Foundation

/// Campaign links (SPEC §1): one link for a mass email, whose parameters are merge fields that the
/// email tool or CRM replaces with each recipient's details as it sends. The markers are written
/// literally (never percent-encoded), or the tool would not recognise them.
///
/// Decisions where the SPEC gives only examples:
/// - Mailchimp and HubSpot fill `name` with first **and** last name (the booking keeps the full
///   name the CRM knows, as a personalized link would), separated by an encoded space `%20`:
///   `name=*|FNAME|*%20*|LNAME|*&email=*|EMAIL|*`. A recipient without a last name gets a trailing
///   space, which the booking form trims like any typed name.
/// - Salesforce carries all three IDs (lead, contact, case) as in OnceHub's Salesforce links: the
///   CRM fills the ones the recipient has and leaves the others empty.
/// - Keap is Infusionsoft's current name; `infusionsoft` is accepted as an alias.
/// - "Show booking form" (`skip=0`) turns Salesforce's and Keap's `soSkip=1` into `soSkip=0`, and
///   is added as `skip=0` to Mailchimp and HubSpot links.
public enum CampaignFormat: String, CaseIterable, Codable, Equatable, Hashable, Sendable {
    case mailchimp, hubspot, salesforce, keap

    /// As shown to people: "Mailchimp", "HubSpot", "Salesforce", "Keap (Infusionsoft)".
    public var title: String {
        switch self {
        case .mailchimp: "Mailchimp"
        case .hubspot: "HubSpot"
        case .salesforce: "Salesforce"
        case .keap: "Keap (Infusionsoft)"
        }
    }

    /// `mailchimp`, `HubSpot`, `infusionsoft` … (case-insensitive); nil for anything else.
    public static func named(_ text: String) -> CampaignFormat? {
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        if lower == "infusionsoft" { return .keap }
        return CampaignFormat(rawValue: lower)
    }

    /// The names `named` accepts, for refusals and help.
    public static let names = allCases.map(\.rawValue)

    /// A merge field as people read it: what it carries and the tool's marker for it.
    public struct Field: Equatable, Sendable {
        public let label: String
        public let marker: String
    }

    /// The merge fields this format fills in, for the pop-up and help.
    public var fields: [Field] {
        switch self {
        case .mailchimp:
            [Field(label: "name", marker: "*|FNAME|* *|LNAME|*"), Field(label: "email", marker: "*|EMAIL|*")]
        case .hubspot:
            [Field(label: "name", marker: "{{ contact.firstname }} {{ contact.lastname }}"),
             Field(label: "email", marker: "{{ contact.email }}")]
        case .salesforce:
            [Field(label: "lead", marker: "{!Lead.Id}"), Field(label: "contact", marker: "{!Contact.Id}"),
             Field(label: "case", marker: "{!Case.Id}")]
        case .keap:
            [Field(label: "contact", marker: "~Contact.Id~")]
        }
    }

    /// One sentence on where the link must be sent from.
    public var sendFrom: String {
        switch self {
        case .mailchimp: "Send it in a Mailchimp campaign: each recipient's link carries their own name and email."
        case .hubspot: "Send it in a HubSpot marketing email: each recipient's link carries their own name and email."
        case .salesforce: "Send it from Salesforce (or an app integrated with it): each link carries the recipient's IDs."
        case .keap: "Send it from Keap/Infusionsoft (or an app integrated with it): each link carries the contact ID."
        }
    }

    /// The format's own query items, in order, with markers literal and everything else encoded.
    /// Salesforce and Keap carry the skip flag as `soSkip`; the others take `skip=0` at the end.
    func queryItems(showForm: Bool) -> [String] {
        switch self {
        case .mailchimp:
            return ["name=*|FNAME|*%20*|LNAME|*", "email=*|EMAIL|*"]
        case .hubspot:
            return ["name={{ contact.firstname }}%20{{ contact.lastname }}", "email={{ contact.email }}"]
        case .salesforce:
            return ["soSkip=\(showForm ? 0 : 1)", "sosfLeadId={!Lead.Id}", "sosfContactId={!Contact.Id}",
                    "sosfCaseId={!Case.Id}"]
        case .keap:
            return ["soisContactID=~Contact.Id~", "soSkip=\(showForm ? 0 : 1)"]
        }
    }
}

/// Builds campaign links. Pure: the same inputs always give the same text.
public enum CampaignLink {
    /// `BASE/SLUG?…` or `BASE/.TOKEN?…` with the format's merge fields, then any fixed parameters
    /// of `fixed` (company, subject, note … the same for every recipient, percent-encoded as in
    /// any link). `fixed`'s name and email are ignored: the merge fields provide them.
    public static func build(_ target: LinkTarget, format: CampaignFormat, base: BaseURL,
                             fixed: Personalization = Personalization()) -> String {
        var url = base.text + "/"
        switch target {
        case .page(let slug): url += slug
        case .oneTime(let token): url += "." + token
        }
        var items = format.queryItems(showForm: fixed.showForm)
        for key in Personalization.keys where key != "name" && key != "email" {
            if let value = fixed[key] { items.append("\(key)=\(PercentEncoding.encode(value))") }
        }
        if fixed.showForm && (format == .mailchimp || format == .hubspot) { items.append("skip=0") }
        return url + "?" + items.joined(separator: "&")
    }
}
