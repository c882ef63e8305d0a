import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskService

struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Print one link to a page: general, personalized, one-time or campaign.",
        discussion: """
        PAGE is a slug or a name (case-insensitive); prefix master: or booking: when a name is \
        shared by both kinds (e.g. master:"Sales call"). A one-time token is shown only here, \
        once: the database keeps only its hash.

        --merge prints a campaign link for a mass email: its merge fields (Mailchimp *|FNAME|*, \
        HubSpot {{ contact.email }}, Salesforce {!Lead.Id}, Keap ~Contact.Id~) stay literal so \
        that the email tool fills in each recipient's details.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Page slug or name.") var page: String
    @Flag(help: "Generate a one-time link (master pages with Dynamic rules only).") var oneTime = false
    @Option(help: "Bookings a one-time link allows (default 1).") var uses: Int?
    @Option(help: ArgumentHelp("When a one-time link expires: a duration (7d, 12h) or a date (2026-12-31); default and maximum 90 days.", valueName: "7d|date"))
    var expires: String?
    @Option(help: "Customer name.") var name: String?
    @Option(help: "Customer email.") var email: String?
    @Flag(help: "Show the booking form even though name and email are known (skip=0).") var showForm = false
    @Option(name: .customLong("param"), help: ArgumentHelp("Another parameter: phone, mobile, company, location, subject, note.", valueName: "key=value"))
    var params: [String] = []
    @Option(help: ArgumentHelp("A campaign link with the merge fields of mailchimp, hubspot, salesforce or keap (not with --name/--email).",
                               valueName: "format"))
    var merge: CampaignFormat?
    @Flag(help: "Also copy the link to the clipboard.") var copy = false
    @Flag(help: "Print JSON: url, kind, page, and linkId for one-time links.") var json = false

    func run() async throws {
        try await LinkArguments(page: page, oneTime: oneTime, uses: uses, expires: expires, name: name, email: email,
                                showForm: showForm, params: params, merge: merge, copy: copy, json: json)
            .run(context: global.context)
    }
}

/// `link`'s option values, and what it does with them: callable without parsing (`FastCommandLine`).
struct LinkArguments {
    var page: String
    var oneTime = false
    var uses: Int? = nil
    var expires: String? = nil
    var name: String? = nil
    var email: String? = nil
    var showForm = false
    var params: [String] = []
    var merge: CampaignFormat? = nil
    var copy = false
    var json = false

    func run(context: () throws -> AppContext) async throws {
        try await reporting {
            let app = try context()
            let workspace = try await app.linkdesk.workspace()
            let target = try workspace.resolvePage(page)
            if let merge { return try await campaign(merge, app: app, target: target) }
            let personalization = try self.personalization()
            let made = try await app.linkdesk.makeLink(page: target, personalization: personalization,
                                                       oneTime: try oneTimeOptions(now: app.now))
            if copy { Output.note(ClipboardReport.copy(made.url, helper: app.clipboard)) }
            if json {
                Output.json(LinkJSON(url: made.url, kind: made.kind.rawValue, page: target.name,
                                     linkId: made.oneTime?.linkID, expiresAt: made.oneTime.map { ISO8601.string($0.expiresAt) },
                                     usesLeft: made.oneTime?.usesLeft))
            } else {
                Output.line(made.url)
            }
        }
    }

    /// `--merge FORMAT`: the merge fields stand for each recipient's details, so a customer's own
    /// name or email can't be given too. Other --param values and --show-form are the same for
    /// every recipient and are kept. With --one-time the link is still one link: it allows
    /// --uses bookings in all, which a note says when that is a single one.
    private func campaign(_ format: CampaignFormat, app: AppContext, target: Page) async throws {
        let merged = params.contains { ["name", "email"].contains($0.split(separator: "=", maxSplits: 1).first?.lowercased() ?? "") }
        if name != nil || email != nil || merged {
            throw Refusal("--merge can't be combined with --name/--email: a campaign link is for many recipients, "
                          + "and \(format.title) fills in each one's details")
        }
        let fixed = try self.personalization()
        let made = try await app.linkdesk.makeCampaignLink(page: target, format: format, fixed: fixed,
                                                           oneTime: try oneTimeOptions(now: app.now))
        let (url, stored) = (made.url, made.oneTime)
        if stored?.usesAllowed == 1 {
            Output.note("a one-time campaign link allows one booking in all, not one per recipient (--uses N allows more)")
        }
        if copy { Output.note(ClipboardReport.copy(url, helper: app.clipboard)) }
        if json {
            Output.json(LinkJSON(url: url, kind: Link.Kind.campaign.rawValue, page: target.name, merge: format.rawValue,
                                 linkId: stored?.linkID, expiresAt: stored.map { ISO8601.string($0.expiresAt) },
                                 usesLeft: stored?.usesLeft))
        } else {
            Output.line(url)
        }
    }

    private func personalization() throws(Refusal) -> Personalization {
        var p = Personalization(name: name, email: email, showForm: showForm)
        for param in params {
            let parts = param.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].lowercased()
            guard parts.count == 2, Personalization.keys.contains(key), key != "name" || name == nil,
                  key != "email" || email == nil else {
                throw Refusal("--param takes key=value with key one of \(Personalization.keys.joined(separator: ", ")); got \"\(param)\"")
            }
            p[key] = String(parts[1])
        }
        return p
    }

    private func oneTimeOptions(now: Date) throws(Refusal) -> OneTimeOptions? {
        try ExpiryText.options(oneTime: oneTime, uses: uses, expires: expires, now: now)
    }
}

/// `link --merge … --json`: the shape of `link --json` plus the format (`kind` is "campaign").
/// `--expires`: a duration from now, or a calendar date meaning the end of that day (UTC).
enum ExpiryText {
    /// `--one-time`, `--uses` and `--expires` as the use cases take them (`OneTimeOptions.requested`
    /// decides whether they go together).
    static func options(oneTime: Bool, uses: Int?, expires: String?, now: Date) throws(Refusal) -> OneTimeOptions? {
        let expiresAt = try expires.map { text throws(Refusal) in try parse(text, now: now) }
        return try OneTimeOptions.requested(oneTime: oneTime, uses: uses, expiresAt: expiresAt)
    }

    static func parse(_ text: String, now: Date) throws(Refusal) -> Date {
        if let first = text.first, first.isNumber, let last = text.last, last.isLetter {
            return now.addingTimeInterval(TimeInterval(try DurationText.minutes(text) * 60))
        }
        if let date = ISO8601.date(text) { return date }
        if let day = ISO8601.date(text + "T23:59:59Z") { return day }
        throw Refusal("--expires takes a duration (7d, 12h) or a date (2026-12-31), got \"\(text)\"")
    }
}
