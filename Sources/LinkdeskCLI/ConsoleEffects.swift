import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskService

/// Runs the console's effects against the store, clipboard and files, and loads its snapshot.
/// Every failure becomes a message for the status line: the console never exits on a refusal.
struct ConsoleEffects {
    let app: AppContext
    static let bookingWindow = 200
    static let activityLimit = 500

    var linkdesk: Linkdesk { app.linkdesk }

    func load(for state: ConsoleState, previous: ConsoleData?) async throws -> ConsoleData {
        let now = app.now
        let workspace = try await linkdesk.workspace()
        var data = ConsoleData(workspace: workspace, links: try await linkdesk.oneTimeLinks(),
                               activity: try await linkdesk.activity(limit: Self.activityLimit, workspace: workspace),
                               now: now, base: app.base)
        let window = previous?.bookings ?? BookingWindow()
        data.bookings = try await bookings(search: window.search, offset: window.offset)
        if state.view == .reports { data.report = try await report(data) }
        data.buttons = previous?.buttons ?? Self.buttonShelf()
        if let customer = previous?.customer { data.customer = await customerSnapshot(customer.url, workspace: data.workspace) }
        if let reschedule = previous?.reschedule {
            data.reschedule = try? await rescheduleSlots(for: reschedule.bookingID)
        }
        return data
    }

    func perform(_ effect: ConsoleEffect, data: inout ConsoleData) async -> EffectResult {
        do {
            return try await run(effect, data: &data)
        } catch let refusal as Refusal {
            return EffectResult(message: refusal.message, failed: true)
        } catch let error as StoreError {
            return EffectResult(message: error.message, failed: true)
        } catch {
            return EffectResult(message: "\(error)", failed: true)
        }
    }

    private func run(_ effect: ConsoleEffect, data: inout ConsoleData) async throws -> EffectResult {
        let now = app.now
        switch effect {
        case .quit:
            return EffectResult(message: "")
        case let .share(pageID, personalization, oneTime, token, campaignURL):
            guard let page = data.workspace.page(id: pageID) else { throw Refusal("that page no longer exists") }
            let made = try await linkdesk.makeLink(page: page, personalization: try personalization.validated(),
                                                   oneTime: oneTime ? OneTimeOptions() : nil, token: oneTime ? token : nil)
            // A campaign link is the previewed URL (its one-time token, if any, was just made live).
            let url = campaignURL ?? made.url
            let copied = ClipboardReport.copy(url, helper: app.clipboard)
            return EffectResult(message: "\(copied): \(url)", url: url)
        case .revoke(let linkID):
            _ = try await linkdesk.revoke(linkID: linkID)
            return EffectResult(message: "revoked \(linkID)")
        case let .setRules(master, ruleType):
            let stopped = try await linkdesk.setRuleType(master: master, to: ruleType)
            return EffectResult(message: "\(ruleType.title) now; \(stopped) one-time link\(stopped == 1 ? "" : "s") stopped working")
        case let .setSlug(page, slug):
            try await linkdesk.setSlug(page: page, to: slug)
            return EffectResult(message: "link changed to \(app.url(Link(target: .page(slug: slug)))); the former link no longer works")
        case let .cancel(id, reason):
            let booking = try await linkdesk.cancel(id: id, actor: .staff, reason: reason)
            return EffectResult(message: "booking #\(booking.id) canceled", booking: booking)
        case let .reschedule(id, start):
            let booking = try await linkdesk.reschedule(id: id, actor: .staff, to: start, reason: nil)
            return EffectResult(message: "booking #\(booking.id) moved", booking: booking)
        case let .mark(id, status):
            let booking = try await linkdesk.mark(id: id, as: status)
            return EffectResult(message: "booking #\(booking.id) marked \(status.rawValue.lowercased())", booking: booking)
        case .loadRescheduleSlots(let id):
            data.reschedule = try await rescheduleSlots(for: id)
            return EffectResult(message: "")
        case let .loadBookings(search, offset):
            data.bookings = try await bookings(search: search, offset: offset)
            return EffectResult(message: "")
        case .openCustomerLink(let url):
            let snapshot = await customerSnapshot(url, workspace: data.workspace)
            data.customer = snapshot
            return EffectResult(message: snapshot.refusal ?? "opened \(snapshot.page?.name ?? url)", failed: snapshot.refusal != nil)
        case let .book(url, event, start, form):
            let link = try linkdesk.link(from: url)
            let booking = try await linkdesk.book(CustomerBooking(link: link, eventName: event, start: start, form: form))
            return EffectResult(message: "booked #\(booking.id)", booking: booking)
        case .exportReport(let path):
            return try await export(to: path, data: data)
        case let .copyText(text, label):
            return EffectResult(message: "\(ClipboardReport.copy(text, helper: app.clipboard)): \(label)")
        }
    }

    /// The buttons gallery for the Buttons view, read as `linkdesk button` reads it; a problem
    /// (no Assets folder, a malformed index) is shown by the view, not thrown.
    static func buttonShelf() -> ButtonShelf {
        do {
            let gallery = try ButtonAssets.gallery()
            var templates: [String: String] = [:]
            for style in gallery.styles { templates[style.id] = try? ButtonAssets.template(style) }
            return ButtonShelf(styles: gallery.styles, templates: templates)
        } catch let error as StoreError {
            return ButtonShelf(problem: error.message)
        } catch {
            return ButtonShelf(problem: "\(error)")
        }
    }

    /// A filter counts (and lists) at most this many matches, so that every keystroke stays fast
    /// even when the filter matches nearly every booking; the list then says "5,000+".
    static let filterCap = 5_000

    private func bookings(search: String, offset: Int) async throws -> BookingWindow {
        let filter = search.isEmpty ? nil : search
        let cap = filter == nil ? Int.max : Self.filterCap
        let count = BookingQuery(limit: cap, search: filter, matchCap: Self.filterCap)
        let page = BookingQuery(limit: Self.bookingWindow, offset: max(offset, 0), search: filter, matchCap: Self.filterCap)
        let total = try await linkdesk.countBookings(count)
        let rows = try await linkdesk.bookings(page)
        var window = BookingWindow(search: search, offset: max(offset, 0), rows: rows, total: total)
        window.capped = total >= cap
        return window
    }

    private func rescheduleSlots(for id: BookingID) async throws -> RescheduleSlots {
        let offer = try await linkdesk.rescheduleOffer(id: id, days: 14)
        return RescheduleSlots(bookingID: id, slots: offer.slots, timeZone: offer.timeZone)
    }

    private func report(_ data: ConsoleData) async throws -> ReportData {
        let report = try await linkdesk.report(workspace: data.workspace)
        return ReportData(rows: report.rows, funnel: report.funnel)
    }

    /// Writes the report as CSV. An existing file is never overwritten: nothing is lost.
    private func export(to path: String, data: ConsoleData) async throws -> EffectResult {
        let expanded = (path as NSString).expandingTildeInPath
        guard !FileManager.default.fileExists(atPath: expanded) else {
            throw Refusal("\(expanded) exists already: choose another name")
        }
        let report = if let shown = data.report { shown } else { try await report(data) }
        guard FileManager.default.createFile(atPath: expanded, contents: Data(report.csv.utf8)) else {
            throw Refusal("cannot write \(expanded)")
        }
        return EffectResult(message: "report written to \(expanded)")
    }

    /// What a customer holding `url` sees: the page, or why the link can't be used, and the slots.
    func customerSnapshot(_ url: String, workspace: Workspace) async -> CustomerSnapshot {
        do {
            let link = try linkdesk.link(from: url)
            let resolved = try await linkdesk.resolve(link)
            if let refusal = resolved.oneTime?.refusal(at: app.now) {
                return CustomerSnapshot(url: url, link: link, page: resolved.page, refusal: refusal.message, slots: [])
            }
            let offer = try await linkdesk.offer(link, days: 7)
            return CustomerSnapshot(url: url, link: link, page: resolved.page, refusal: nil, slots: offer.slots)
        } catch let refusal as Refusal {
            return CustomerSnapshot(url: url, link: nil, page: nil, refusal: refusal.message, slots: [])
        } catch {
            return CustomerSnapshot(url: url, link: nil, page: nil, refusal: "\(error)", slots: [])
        }
    }
}
