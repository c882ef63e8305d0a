import Foundation
import Testing
import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal
import LinkdeskTestSupport

/// The campaign format picker (`m`): Campaign ‹ None | Mailchimp | HubSpot | Salesforce | Keap ›.
@Suite("Share pop-up: campaign links")
struct CampaignPickerTests {
    /// The pop-up as `linkdesk share` opens it: campaigns offered.
    func offered(on name: String = "Sales call", _ kind: Page.Kind = .master) throws -> ShareState {
        var state = try Demo.state(on: name, kind)
        state.offersCampaigns = true
        return state
    }

    func check(_ state: ShareState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        GoldenScreens.expect(state.screen(), named: name, sourceLocation: sourceLocation)
    }

    @Test("not offered (the default): no Campaign line, and m is just a letter")
    func notOffered() throws {
        var state = try Demo.state(on: "Sales call", .master)
        #expect(!state.screen().joined().contains("Campaign"))
        state.press(.char("m"))
        #expect(state.campaign == nil)
        #expect(state.dropdown?.filter.text == "m", "on the page field a letter starts the filter, as before")
    }

    @Test("m cycles None → Mailchimp → HubSpot → Salesforce → Keap → None; M goes back")
    func cycles() throws {
        var state = try offered()
        var seen: [CampaignFormat?] = []
        for _ in 0..<5 {
            state.press(.char("m"))
            seen.append(state.campaign)
        }
        #expect(seen == [.mailchimp, .hubspot, .salesforce, .keap, nil])
        state.press(.char("M"))
        #expect(state.campaign == .keap)
        state.press(.char("M"), .char("M"))
        #expect(state.campaign == .hubspot)
        #expect(state.focus == .page && state.dropdown == nil, "m is a shortcut, not filter text, when offered")
    }

    @Test("the live URL is the campaign link, general or one-time", arguments: [
        (CampaignFormat.mailchimp, "name=*|FNAME|*%20*|LNAME|*&email=*|EMAIL|*"),
        (.hubspot, "name={{ contact.firstname }}%20{{ contact.lastname }}&email={{ contact.email }}"),
        (.salesforce, "soSkip=1&sosfLeadId={!Lead.Id}&sosfContactId={!Contact.Id}&sosfCaseId={!Case.Id}"),
        (.keap, "soisContactID=~Contact.Id~&soSkip=1"),
    ])
    func liveURL(_ format: CampaignFormat, _ query: String) throws {
        var state = try offered()
        while state.campaign != format { state.press(.char("m")) }
        #expect(state.url == "http://localhost:8080/salescall?" + query)
        state.press(.char("o"))
        #expect(state.url == "http://localhost:8080/.\(Demo.token)?" + query)
        #expect(state.screen().joined().contains("http://localhost:8080/.\(Demo.token)?"))
    }

    @Test("a campaign turns Personalize off and leaves the typed customer out; p turns the campaign off")
    func excludesPersonalize() throws {
        var state = try offered()
        state.press(.char("p"))
        state.focus(on: .name)
        state.type("Jane Smythe")
        state.press(.tab)
        state.type("not-an-email")
        #expect(state.copyBlocker != nil, "the invalid email blocks Copy & close while it is used")
        state.focus(on: .showForm)
        state.press(.char("m"))
        #expect(state.campaign == .mailchimp)
        #expect(!state.personalize)
        #expect(state.focus == .personalize, "the customer fields are gone: focus doesn't stay on one")
        #expect(state.personalization == Personalization())
        #expect(!state.url.contains("Jane"))
        #expect(state.copyBlocker == nil, "the hidden email no longer blocks")
        #expect(!state.screen().joined().contains("Customer name"))
        var order: [ShareFocus] = []
        for _ in 0..<6 { state.press(.tab); order.append(state.focus) }
        #expect(!order.contains(.name) && !order.contains(.email) && !order.contains(.showForm))

        state.press(.char("p"))
        #expect(state.personalize)
        #expect(state.campaign == nil)
        #expect(state.name.text == "Jane Smythe", "what was typed is kept")
        #expect(state.url.contains("name=Jane%20Smythe"))
    }

    @Test("Space on the Personalize toggle also turns a campaign off")
    func toggleClearsCampaign() throws {
        var state = try offered()
        state.press(.char("m"))
        state.focus(on: .personalize)
        state.press(.space)
        #expect(state.personalize && state.campaign == nil)
    }

    @Test("m in a text field is typed, not a shortcut")
    func typedInTextField() throws {
        var state = try offered()
        state.press(.char("p"))
        state.focus(on: .name)
        state.type("Emma")
        #expect(state.name.text == "Emma")
        #expect(state.campaign == nil)
    }

    @Test("Copy & close works with a campaign; the URL is the campaign link")
    func copy() throws {
        var state = try offered()
        state.press(.char("m"), .char("m"), .char("m"))
        #expect(state.press(.ctrl("y")) == .copy)
        #expect(state.url.hasSuffix("?soSkip=1&sosfLeadId={!Lead.Id}&sosfContactId={!Contact.Id}&sosfCaseId={!Case.Id}"))
    }

    @Test("help lists m and M when offered; the hint bar still fits at every focus", arguments: ShareFocus.allCases)
    func helpAndHints(_ focus: ShareFocus) throws {
        var state = try offered()
        state.personalize = true
        state.focus = focus
        let bar = HintBar.text(state.bindings, width: 80)
        #expect(bar.contains("Tab next") && bar.contains("Esc cancel") && bar.contains("copy"))
        #expect(DisplayWidth.of(bar) <= 80)
        state.focus = .page
        state.press(.char("?"))
        let screen = state.screen().joined(separator: "\n")
        #expect(screen.contains("Campaign link: None, Mailchimp, HubSpot, Salesforce, Keap"))
        #expect(screen.contains("Campaign link: the previous format"))
    }

    @Test("golden: as linkdesk share opens it (Campaign ‹ None ›)")
    func screenOffered() throws {
        let text = check(try offered(on: "Cactus Co Main", .booking), "share-campaign-none").joined(separator: "\n")
        #expect(text.contains("Campaign ‹ None › (m)"))
    }

    @Test("golden: Mailchimp on a one-time link of master page Sales call")
    func screenMailchimp() throws {
        var state = try offered()
        state.press(.char("o"), .char("m"))
        let text = check(state, "share-campaign-mailchimp").joined(separator: "\n")
        #expect(text.contains("Mailchimp merge fields"))
        #expect(text.contains("*|FNAME|* *|LNAME|*"))
        #expect(text.contains(ShareTexts.campaignOneTime))
    }

    @Test("golden: Salesforce on booking page Support desk (no one-time links there)")
    func screenSalesforce() throws {
        var state = try offered(on: "Support desk", .booking)
        state.press(.char("m"), .char("m"), .char("m"))
        let text = check(state, "share-campaign-salesforce").joined(separator: "\n")
        #expect(text.contains("{!Lead.Id}") && text.contains("{!Contact.Id}") && text.contains("{!Case.Id}"))
        #expect(text.contains(Refusal.Reason.oneTimeOnlyDynamic.sentence.prefix(30)))
        #expect(!text.contains(ShareTexts.campaignOneTime))
    }
}
