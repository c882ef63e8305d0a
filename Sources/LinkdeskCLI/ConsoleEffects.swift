import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskStore

/// Runs the console's effects against the store, clipboard and files, and loads its snapshot.
/// Every failure becomes a message for the status line: the console never exits on a refusal.
struct ConsoleEffects {
    let app: AppContext
    static let bookingWindow = 200
    static let activityLimit = 500

    func load(for state: ConsoleState, previous: ConsoleData?) throws -> ConsoleData {
        let now = app.now
        var data = ConsoleData(workspace: try app.store.workspace(), links: try app.store.oneTimeLinks(now: now),
                               activity: try app.store.activity(limit: Self.activityLimit), now: now, base: app.base)
        let window = previous?.bookings ?? BookingWindow()
        data.bookings = try bookings(search: window.search, offset: window.offset)
        if state.view == .reports { data.report = try report(data) }
        data.buttons = previous?.buttons ?? Self.buttonShelf()
        if let customer = previous?.customer { data.customer = customerSnapshot(customer.url, workspace: data.workspace) }
        if let reschedule = previous?.reschedule {
            data.reschedule = try? rescheduleSlots(for: reschedule.bookingID, workspace: data.workspace)
        }
        return data
    }

    func perform(_ effect: ConsoleEffect, data: inout ConsoleData) -> EffectResult {
        do {
            return try run(effect, data: &data)
        } catch let refusal as Refusal {
            return EffectResult(message: refusal.message, failed: true)
        } catch let error as StoreError {
            return EffectResult(message: error.message, failed: true)
        } catch {
            return EffectResult(message: "\(error)", failed: true)
        }
    }

    private func run(_ effect: ConsoleEffect, data: inout ConsoleData) throws -> EffectResult {
        let now = app.now
        switch effect {
        case .quit:
            return EffectResult(message: "")
        case let .share(pageID, personalization, oneTime, token, campaignURL):
            guard let page = data.workspace.page(id: pageID) else { throw Refusal("that page no longer exists") }
            let made = try app.linkMaker.make(page: page, personalization: try personalization.validated(),
                                              oneTime: oneTime ? OneTimeOptions() : nil, token: oneTime ? token : nil)
            // A campaign link is the previewed URL (its one-time token, if any, was just made live).
            let url = campaignURL ?? made.url
            let copied = ClipboardReport.copy(url, helper: app.clipboard)
            return EffectResult(message: "\(copied): \(url)", url: url)
        case .revoke(let linkID):
            _ = try app.store.revoke(linkID: linkID, now: now)
            return EffectResult(message: "revoked \(linkID)")
        case let .setRules(master, ruleType):
            let stopped = try app.store.setRuleType(master: master, to: ruleType, now: now)
            return EffectResult(message: "\(ruleType.title) now; \(stopped) one-time link\(stopped == 1 ? "" : "s") stopped working")
        case let .setSlug(page, slug):
            try app.store.setSlug(page: page, to: slug, now: now)
            return EffectResult(message: "link changed to \(app.url(Link(target: .page(slug: slug)))); the former link no longer works")
        case let .cancel(id, reason):
            let booking = try app.store.cancel(id: id, actor: .staff, reason: reason, now: now)
            return EffectResult(message: "booking #\(booking.id) canceled", booking: booking)
        case let .reschedule(id, start):
            let booking = try app.store.reschedule(id: id, actor: .staff, to: start, reason: nil, now: now)
            return EffectResult(message: "booking #\(booking.id) moved", booking: booking)
        case let .mark(id, status):
            let booking = try app.store.mark(id: id, as: status, now: now)
            return EffectResult(message: "booking #\(booking.id) marked \(status.rawValue.lowercased())", booking: booking)
        case .loadRescheduleSlots(let id):
            data.reschedule = try rescheduleSlots(for: id, workspace: data.workspace)
            return EffectResult(message: "")
        case let .loadBookings(search, offset):
            data.bookings = try bookings(search: search, offset: offset)
            return EffectResult(message: "")
        case .openCustomerLink(let url):
            let snapshot = customerSnapshot(url, workspace: data.workspace)
            data.customer = snapshot
            return EffectResult(message: snapshot.refusal ?? "opened \(snapshot.page?.name ?? url)", failed: snapshot.refusal != nil)
        case let .book(url, event, start, form):
            let link = try LinkURL.read(url, base: app.base)
            let booking = try app.store.book(CustomerBooking(link: link, eventName: event, start: start, form: form), now: now)
            return EffectResult(message: "booked #\(booking.id)", booking: booking)
        case .exportReport(let path):
            return try export(to: path, data: data)
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

    private func bookings(search: String, offset: Int) throws -> BookingWindow {
        let filter = search.isEmpty ? nil : search
        let cap = filter == nil ? Int.max : Self.filterCap
        var count = BookingQuery(limit: cap, search: filter)
        count.searchCap = Self.filterCap
        var page = BookingQuery(limit: Self.bookingWindow, offset: max(offset, 0), search: filter)
        page.searchCap = Self.filterCap
        let total = try app.store.countBookings(count)
        let rows = try app.store.bookings(page)
        var window = BookingWindow(search: search, offset: max(offset, 0), rows: rows, total: total)
        window.capped = total >= cap
        return window
    }

    private func rescheduleSlots(for id: BookingID, workspace: Workspace) throws -> RescheduleSlots {
        let booking = try app.store.booking(id: id)
        guard let member = workspace.bookingPage(id: booking.teamMemberID) else {
            throw Refusal("the booking page of booking #\(id) no longer exists")
        }
        let minutes = Int(booking.end.timeIntervalSince(booking.start) / 60)
        let now = app.now
        let live = try app.store.bookings(BookingQuery(limit: Int.max, liveOnly: true, startsFrom: now.addingTimeInterval(-86_400),
                                                       startsBefore: now.addingTimeInterval(16 * 86_400)))
            .filter { $0.teamMemberID == member.id && $0.id != id }
        let free = try Availability(page: member).upcoming(minutes: minutes, from: now, days: 14).filter { start in
            let end = start.addingTimeInterval(TimeInterval(minutes * 60))
            return !live.contains { $0.overlaps(start: start, end: end) }
        }
        return RescheduleSlots(bookingID: id, slots: free, timeZone: member.timeZone)
    }

    private func report(_ data: ConsoleData) throws -> ReportData {
        let all = try app.store.bookings(BookingQuery(limit: Int.max))
        let rows = ReportDimension.allCases.flatMap { Reports.breakdown(all, by: $0, workspace: data.workspace) }
        return ReportData(rows: rows, funnel: Reports.funnel(data.links, now: data.now))
    }

    /// Writes the report as CSV. An existing file is never overwritten: nothing is lost.
    private func export(to path: String, data: ConsoleData) throws -> EffectResult {
        let expanded = (path as NSString).expandingTildeInPath
        guard !FileManager.default.fileExists(atPath: expanded) else {
            throw Refusal("\(expanded) exists already: choose another name")
        }
        let report = try data.report ?? report(data)
        guard FileManager.default.createFile(atPath: expanded, contents: Data(report.csv.utf8)) else {
            throw Refusal("cannot write \(expanded)")
        }
        return EffectResult(message: "report written to \(expanded)")
    }

    /// What a customer holding `url` sees: the page, or why the link can't be used, and the slots.
    func customerSnapshot(_ url: String, workspace: Workspace) -> CustomerSnapshot {
        let now = app.now
        do {
            let link = try LinkURL.read(url, base: app.base)
            let resolved = try app.store.resolve(link, now: now)
            if let refusal = resolved.oneTime?.refusal(at: now) {
                return CustomerSnapshot(url: url, link: link, page: resolved.page, refusal: refusal.message, slots: [])
            }
            let live = try app.store.bookings(BookingQuery(limit: Int.max, liveOnly: true, startsFrom: now.addingTimeInterval(-86_400),
                                                           startsBefore: now.addingTimeInterval(9 * 86_400)))
            let events = resolved.page.eventTypeIDs.compactMap(workspace.eventType(id:))
            let slots = try SlotFinder.slots(page: resolved.page, events: events, workspace: workspace, now: now, days: 7,
                                             busy: { member in live.filter { $0.teamMemberID == member } })
            return CustomerSnapshot(url: url, link: link, page: resolved.page, refusal: nil, slots: slots)
        } catch let refusal as Refusal {
            return CustomerSnapshot(url: url, link: nil, page: nil, refusal: refusal.message, slots: [])
        } catch {
            return CustomerSnapshot(url: url, link: nil, page: nil, refusal: "\(error)", slots: [])
        }
    }
}
