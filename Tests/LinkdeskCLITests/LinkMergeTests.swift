import Foundation
import LinkdeskCore
import Testing

/// `linkdesk link PAGE --merge FORMAT`: campaign links for mass emails, driven as a subprocess.
@Suite("link --merge: campaign links")
struct LinkMergeTests {
    @Test("each format prints its exact campaign link", arguments: [
        ("mailchimp", "http://localhost:8080/salescall?name=*|FNAME|*%20*|LNAME|*&email=*|EMAIL|*"),
        ("HubSpot", "http://localhost:8080/salescall?name={{ contact.firstname }}%20{{ contact.lastname }}&email={{ contact.email }}"),
        ("salesforce", "http://localhost:8080/salescall?soSkip=1&sosfLeadId={!Lead.Id}&sosfContactId={!Contact.Id}&sosfCaseId={!Case.Id}"),
        ("keap", "http://localhost:8080/salescall?soisContactID=~Contact.Id~&soSkip=1"),
        ("infusionsoft", "http://localhost:8080/salescall?soisContactID=~Contact.Id~&soSkip=1"),
    ])
    func formats(_ format: String, _ url: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        #expect(try ws.ok(["link", "master:Sales call", "--merge", format]) == url + "\n")
    }

    @Test("--json says kind campaign and the format; the share is in the activity stream")
    func json() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let made = try ws.jsonObject(["link", "support-lee", "--merge", "mailchimp", "--json"])
        #expect(made["kind"] as? String == "campaign")
        #expect(made["merge"] as? String == "mailchimp")
        #expect(made["page"] as? String == "Support desk")
        #expect(made["url"] as? String == "http://localhost:8080/support-lee?name=*|FNAME|*%20*|LNAME|*&email=*|EMAIL|*")
        #expect(made["linkId"] == nil)
        let activity = try ws.jsonArray(["activity", "--json"])
        #expect(activity.contains { $0["kind"] as? String == "link shared" && $0["detail"] as? String == "campaign: Mailchimp" })
    }

    @Test("--one-time: a live one-time link carrying the merge fields, with a note that it is one link for all")
    func oneTime() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let result = try ws.run(["link", "salescall", "--merge", "keap", "--one-time", "--json"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("one booking in all, not one per recipient"))
        let made = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(made["kind"] as? String == "campaign")
        let url = try #require(made["url"] as? String)
        let token = try #require(url.split(separator: "?").first?.split(separator: ".").last.map(String.init))
        #expect(Token.isWellFormed(token))
        #expect(url == "http://localhost:8080/.\(token)?soisContactID=~Contact.Id~&soSkip=1")
        let linkID = try #require(made["linkId"] as? String)
        #expect(try ws.links().contains { $0["linkId"] as? String == linkID && $0["status"] as? String == "live" })

        let many = try ws.run(["link", "salescall", "--merge", "mailchimp", "--one-time", "--uses", "50"])
        #expect(many.status == 0 && many.stderr.isEmpty, "\(many)")
    }

    @Test("fixed parameters and --show-form go with the merge fields")
    func fixedParameters() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        #expect(try ws.ok(["link", "salescall", "--merge", "hubspot", "--param", "subject=Q3 review", "--show-form"])
                == "http://localhost:8080/salescall?name={{ contact.firstname }}%20{{ contact.lastname }}&email={{ contact.email }}"
                + "&subject=Q3%20review&skip=0\n")
        #expect(try ws.ok(["link", "salescall", "--merge", "salesforce", "--show-form"])
                == "http://localhost:8080/salescall?soSkip=0&sosfLeadId={!Lead.Id}&sosfContactId={!Contact.Id}&sosfCaseId={!Case.Id}\n")
    }

    @Test("refusals", arguments: [
        (["link", "salescall", "--merge", "mailchimp", "--name", "Jane"], "--merge can't be combined with --name/--email"),
        (["link", "salescall", "--merge", "salesforce", "--email", "jane@example.com"], "--merge can't be combined with --name/--email"),
        (["link", "salescall", "--merge", "keap", "--param", "Email=jane@example.com"], "--merge can't be combined with --name/--email"),
        (["link", "salescall", "--merge", "constant-contact"], "The value 'constant-contact' is invalid for '--merge <format>'. Please provide one of 'mailchimp', 'hubspot', 'salesforce' or 'keap'."),
        (["link", "salescall", "--merge", "mailchimp", "--uses", "3"], "--uses and --expires apply to one-time links only"),
        (["link", "salescall", "--merge", "mailchimp", "--param", "mobile=+1 555"], "digits only"),
        (["link", "support-lee", "--merge", "mailchimp", "--one-time"], Refusal.Reason.oneTimeOnlyDynamic.sentence),
    ])
    func refusals(arguments: [String], reason: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.expectRefused(arguments, reason)
    }

    @Test("the link as Mailchimp sends it books with the recipient's details, without the form")
    func booksAsRecipient() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let url = try ws.ok(["link", "salescall", "--merge", "mailchimp"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let sent = url.replacingOccurrences(of: "*|FNAME|*", with: "Zo%C3%AB")
            .replacingOccurrences(of: "*|LNAME|*", with: "O%27Brien")
            .replacingOccurrences(of: "*|EMAIL|*", with: "zoe@example.com")
        let booking = try ws.jsonObject(["book", sent, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--json"])
        let customer = try #require(booking["customer"] as? [String: Any])
        #expect(customer["name"] as? String == "Zoë O'Brien")
        #expect(customer["email"] as? String == "zoe@example.com")
    }
}
