import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskStore

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Print one link to a page: general, personalized or one-time.",
        discussion: """
        PAGE is a slug or a name (case-insensitive); prefix master: or booking: when a name is
        shared by both kinds (e.g. master:"Sales call"). A one-time token is shown only here,
        once: the database keeps only its hash.
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
    @Flag(help: "Also copy the link to the clipboard.") var copy = false
    @Flag(help: "Print JSON: url, kind, page, and linkId for one-time links.") var json = false

    func run() throws {
        try reporting {
            let app = try global.context()
            let workspace = try app.store.workspace()
            let target = try workspace.resolvePage(page)
            let personalization = try self.personalization()
            if !oneTime && (uses != nil || expires != nil) {
                throw Refusal("--uses and --expires apply to one-time links only (add --one-time)")
            }
            let made = try app.linkMaker.make(page: target, personalization: personalization,
                                                    oneTime: oneTime ? try oneTimeOptions(now: app.now) : nil)
            if copy { Output.note(ClipboardReport.copy(made.url, helper: app.clipboard)) }
            if json {
                try Output.json(LinkJSON(url: made.url, kind: made.kind.rawValue, page: target.name,
                                         linkId: made.oneTime?.linkID, expiresAt: made.oneTime.map { ISO8601.string($0.expiresAt) },
                                         usesLeft: made.oneTime?.usesLeft))
            } else {
                Output.line(made.url)
            }
        }
    }

    private func personalization() throws -> Personalization {
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
        return try p.validated()
    }

    private func oneTimeOptions(now: Date) throws -> OneTimeOptions {
        OneTimeOptions(uses: uses ?? 1, expiresAt: try expires.map { try ExpiryText.parse($0, now: now) })
    }
}

/// `--expires`: a duration from now, or a calendar date meaning the end of that day (UTC).
enum ExpiryText {
    static func parse(_ text: String, now: Date) throws(Refusal) -> Date {
        if let first = text.first, first.isNumber, let last = text.last, last.isLetter {
            return now.addingTimeInterval(TimeInterval(try DurationText.minutes(text) * 60))
        }
        if let date = ISO8601.date(text) { return date }
        if let day = ISO8601.date(text + "T23:59:59Z") { return day }
        throw Refusal("--expires takes a duration (7d, 12h) or a date (2026-12-31), got \"\(text)\"")
    }
}
