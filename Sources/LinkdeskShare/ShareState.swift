import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// One entry of the "Select a Booking page" dropdown: a page's summary, as the pop-up never needs
/// a page's configuration (Copy & close reads the one page it links to).
public struct PageOption: Equatable, Sendable {
    public var page: PageSummary
    public var label: String { page.name + (page.kind == .master ? " (master page)" : " (booking page)") }
    public init(page: PageSummary) { self.page = page }
    public init(page: Page) { self.page = page.summary }
}

/// What can hold the focus, in Tab order.
public enum ShareFocus: CaseIterable, Equatable, Sendable {
    case page, personalize, oneTime, name, email, showForm, cancel, copy
}

/// Which (i) explanation is open.
public enum ShareInfo: Equatable, Sendable { case personalize, oneTime }

/// The whole Share pop-up as a value (SPEC §2.1). The one-time token is drawn once when the
/// pop-up opens so the URL preview is the URL that Copy & close makes live.
public struct ShareState: Equatable, Sendable {
    public var options: [PageOption]
    public var selected: Int
    public var base: BaseURL
    public var token: String
    public var personalize = false
    public var oneTime = false
    public var showForm = false
    public var name = TextField()
    public var email = TextField()
    public var focus: ShareFocus = .page
    public var dropdown: Dropdown?
    public var info: ShareInfo?
    public var showHelp = false
    /// The URL shown as a QR code over the whole pop-up (Q or F2).
    public var showQR = false
    /// A one-line message under the URL: why a key did nothing, or what failed.
    public var message: String?
    /// Whether the pop-up offers campaign links (`m`). Off by default, so that a host that can't
    /// make them shows the pop-up exactly as before; `linkdesk share` turns it on.
    public var offersCampaigns = false
    /// A campaign link's format (SPEC §1 Campaign links), or nil. It excludes Personalize: a
    /// campaign link takes each recipient's details from the email tool's merge fields.
    public var campaign: CampaignFormat?

    public init(summaries pages: [PageSummary], selected: Int = 0, base: BaseURL, token: String) {
        self.options = pages.map(PageOption.init(page:))
        self.selected = min(max(selected, 0), max(pages.count - 1, 0))
        self.base = base
        self.token = token
    }

    public init(pages: [Page], selected: Int = 0, base: BaseURL, token: String) {
        self.init(summaries: pages.map(\.summary), selected: selected, base: base, token: token)
    }

    public var page: PageSummary? { options.indices.contains(selected) ? options[selected].page : nil }

    /// nil when the selected page may have one-time links; else the sentence that says why not.
    public var oneTimeDisabledReason: String? { page?.oneTimeRefusal?.message }

    public var emailProblem: String? { personalize && campaign == nil ? EmailAddress.problem(email.text) : nil }

    public var personalization: Personalization {
        guard personalize, campaign == nil else { return Personalization() }
        return Personalization(name: name.text, email: email.text, showForm: showForm)
    }

    /// The live URL, rebuilt from the state at every render.
    public var url: String {
        guard let page else { return "" }
        let target: LinkTarget = oneTime ? .oneTime(token: token) : .page(slug: page.slug)
        if let campaign { return CampaignLink.build(target, format: campaign, base: base) }
        return LinkURL.build(Link(target: target, personalization: personalization), base: base)
    }

    /// The focus targets that exist right now: the customer fields only with Personalize on.
    var focusOrder: [ShareFocus] {
        ShareFocus.allCases.filter { (personalize && campaign == nil) || ($0 != .name && $0 != .email && $0 != .showForm) }
    }
}

/// The open dropdown: a filter typed by the user and the highlighted row among the matches.
public struct Dropdown: Equatable, Sendable {
    public var filter = TextField()
    public var highlighted = 0

    /// Indices into `options` whose label contains the filter (case- and accent-insensitive).
    public func matches(_ options: [PageOption]) -> [Int] {
        let needle = filter.text
        guard !needle.isEmpty else { return Array(options.indices) }
        let folded = Self.asciiFolded(needle.utf8)  // once, not once per label
        return options.indices.filter { Self.contains(options[$0].label, needle, asciiNeedle: folded) }
    }

    /// Foundation's case- and accent-insensitive search costs ~10,000 instructions a label
    /// (it goes through NSString and CoreFoundation), 3 ms per typed letter over a thousand
    /// pages; when both sides are ASCII, where accents cannot occur, bytes compared without case
    /// give the same answer.
    static func contains(_ label: String, _ needle: String) -> Bool {
        contains(label, needle, asciiNeedle: asciiFolded(needle.utf8))
    }

    private static func contains(_ label: String, _ needle: String, asciiNeedle: [UInt8]?) -> Bool {
        if let pattern = asciiNeedle, let text = asciiFolded(label.utf8) {
            guard !pattern.isEmpty, pattern.count <= text.count else { return false }  // "" matches nothing, as in Foundation
            for start in 0...(text.count - pattern.count) where text[start] == pattern[0] {
                if text[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
            }
            return false
        }
        return label.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }

    /// The bytes with A–Z lowered; nil when one is not ASCII.
    private static func asciiFolded(_ text: String.UTF8View) -> [UInt8]? {
        var folded: [UInt8] = []
        folded.reserveCapacity(text.count)
        for byte in text {
            guard byte < 0x80 else { return nil }
            folded.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return folded
    }
}
