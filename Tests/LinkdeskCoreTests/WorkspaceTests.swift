import LinkdeskCore
import Testing

@Suite("Workspace lookups")
struct WorkspaceTests {
    let ws = Fixtures.workspace

    @Test("a page resolves by slug or by name, case-insensitively", arguments: [
        ("salescall", PageID(20)), ("SalesCall", 20), ("Sales call", 20), ("SALES CALL", 20),
        ("dana", 10), ("dana haddad", 10), ("Jane Smythe", 11), ("support", 21), ("Support Team", 21),
        ("omar", 12), ("onboarding-team", 23), ("Pooled Demo", 22),
    ])
    func resolves(query: String, id: PageID) throws {
        #expect(try ws.resolvePage(query).id == id)
    }

    @Test("a shared name is ambiguous and the refusal lists both slugs")
    func ambiguous() {
        let text = refusalMessage { () throws(Refusal) in try ws.resolvePage("onboarding") }
        #expect(text?.contains("ambiguous") == true)
        #expect(text?.contains("omar") == true)
        #expect(text?.contains("onboarding-team") == true)
    }

    @Test("a kind prefix picks one of two pages sharing a name")
    func kindPrefix() throws {
        #expect(try ws.resolvePage("master:onboarding").id == 23)
        #expect(try ws.resolvePage("Booking:Onboarding").id == 12)
        #expect(try ws.resolvePage("master:salescall").id == 20)
        #expect(throws: Refusal.self) { try ws.resolvePage("booking:salescall") }
    }

    @Test("an unknown page lists the near candidates, or all pages when none is near")
    func unknown() throws {
        let near = try #require(refusalMessage { () throws(Refusal) in try ws.resolvePage("sales") })
        #expect(near.contains("unknown page"))
        #expect(near.contains("Sales call"))
        #expect(!near.contains("Dana Haddad"))
        let none = try #require(refusalMessage { () throws(Refusal) in try ws.resolvePage("zzz") })
        for page in ws.pages {
            #expect(none.contains(page.name))
            #expect(none.contains(page.slug))
        }
    }

    @Test("an unknown page among many names the first ten candidates and counts the rest")
    func unknownAmongMany() throws {
        let many = (1...25).map { n in
            PageSummary(id: PageID(n), kind: .booking, name: "Member \(n)", slug: "member-\(n)", allowsOneTimeLinks: false)
        }
        let message = try #require(refusalMessage { () throws(Refusal) in _ = try PageLookup.resolve("zzz", in: many) })
        #expect(message.contains("\"Member 10\" (member-10)"))
        #expect(!message.contains("Member 11"))
        #expect(message.hasSuffix("and 15 more (linkdesk pages lists them)"))
        // Near candidates are counted the same way; a resolvable summary resolves as its page would.
        let near = try #require(refusalMessage { () throws(Refusal) in _ = try PageLookup.resolve("member-", in: many) })
        #expect(near.hasSuffix("and 15 more (linkdesk pages lists them)"))
        #expect(try PageLookup.resolve("MEMBER-7", in: many).id == 7)
        #expect(try PageLookup.resolve("Member 12", in: many).id == 12)
    }

    @Test("lookups by id and slug")
    func lookups() {
        #expect(ws.page(slug: "DANA")?.id == 10)
        #expect(ws.page(slug: "nobody") == nil)
        #expect(ws.page(id: 22)?.kind == .master)
        #expect(ws.page(id: 12)?.kind == .booking)
        #expect(ws.bookingPage(id: 20) == nil)
        #expect(ws.eventType(id: 3)?.minutes == 60)
        #expect(ws.pages.map(\.id) == [10, 11, 12, 20, 21, 22, 23])
    }

    @Test("event types resolve by name among those the page offers")
    func events() throws {
        #expect(try ws.resolveEvent("30-MINUTE MEETING", offeredBy: .master(Fixtures.salesCall)).id == 2)
        #expect(try ws.resolveEvent(nil, offeredBy: .master(Fixtures.pooled)).id == 2)
        #expect(throws: Refusal.self) { try ws.resolveEvent(nil, offeredBy: .master(Fixtures.salesCall)) }
        #expect(throws: Refusal.self) { try ws.resolveEvent("60-minute meeting", offeredBy: .booking(Fixtures.jane)) }
        #expect(throws: Refusal.self) { try ws.resolveEvent("90-minute meeting", offeredBy: .booking(Fixtures.dana)) }
    }
}

@Suite("Which pages may have one-time links")
struct OneTimeEligibilityTests {
    @Test("only a rule-based master page with Dynamic rules")
    func dynamicMasterAllowed() {
        #expect(Page.master(Fixtures.salesCall).oneTimeRefusal == nil)
        #expect(Fixtures.salesCall.allowsOneTimeLinks)
    }

    @Test("booking pages, static masters and pooled masters are refused with the rule sentence")
    func othersRefused() {
        for page in [Page.booking(Fixtures.dana), .master(Fixtures.support), .master(Fixtures.pooled),
                     .master(Fixtures.onboardingTeam)] {
            #expect(page.oneTimeRefusal?.message == Refusal.Reason.oneTimeOnlyDynamic.sentence, "\(page.name)")
        }
        #expect(Refusal.Reason.oneTimeOnlyDynamic.sentence
            == "Only a Master page using Rule-based assignment with Dynamic rules can have one-time links.")
    }

    @Test("switching the rule type changes eligibility")
    func switching() {
        var master = Fixtures.salesCall
        master.ruleType = .static
        #expect(Page.master(master).oneTimeRefusal?.message == Refusal.Reason.oneTimeOnlyDynamic.sentence)
        master.ruleType = .dynamic
        master.scenario = .pooled
        #expect(Page.master(master).oneTimeRefusal?.message == Refusal.Reason.oneTimeOnlyDynamic.sentence)
    }
}
