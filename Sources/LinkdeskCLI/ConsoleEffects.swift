import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskStore

/// Runs the console's effects against the store, clipboard and files, and loads its snapshot.
/// Each effect is answered by its own typed `ConsoleMessage`; every failure becomes
/// `.failed(effect, reason:)` for the status line: the console never exits on a refusal.
/// `perform` is async and is called off the loop's thread, so a slow store never stops the keys.
struct ConsoleEffects: Sendable {
    let app: AppContext
    static let bookingWindow = 200
    static let activityLimit = 500

    /// A fresh snapshot: the shared parts, plus the views' own parts that `request` names. The
    /// buttons gallery is not read here (`buttonShelf`, once).
    func load(_ request: ConsoleReload) throws -> ConsoleData {
        let now = app.now
        var data = ConsoleData(workspace: try app.store.workspace(), links: try app.store.oneTimeLinks(now: now),
                               activity: try app.store.activity(limit: Self.activityLimit), now: now, base: app.base)
        data.bookings = try bookings(search: request.bookingsSearch, offset: request.bookingsOffset)
        if request.report { data.report = try report(data) }
        if let url = request.customerURL { data.customer = customerSnapshot(url, workspace: data.workspace) }
        if let booking = request.rescheduleBooking {
            data.reschedule = try? rescheduleSlots(for: booking, workspace: data.workspace)
        }
        return data
    }

    /// The performer `Program` calls: one effect, one message.
    func perform(_ effect: ConsoleEffect) async -> ConsoleMessage {
        do {
            return try await run(effect)
        } catch let refusal as Refusal {
            return .failed(effect, reason: refusal.message)
        } catch let error as StoreError {
            return .failed(effect, reason: error.message)
        } catch {
            return .failed(effect, reason: "\(error)")
        }
    }

    private func run(_ effect: ConsoleEffect) async throws -> ConsoleMessage {
        let now = app.now
        switch effect {
        case .quit:
            return .failed(effect, reason: "quit ends the program; it is not an effect")
        case .reload(let request):
            return .reloaded(try load(request))
        case let .share(pageID, personalization, oneTime, token, campaignURL):
            guard let page = try app.store.workspace().page(id: pageID) else { throw Refusal("that page no longer exists") }
            let made = try app.linkMaker.make(page: page, personalization: try personalization.validated(),
                                              oneTime: oneTime ? OneTimeOptions() : nil, token: oneTime ? token : nil)
            // A campaign link is the previewed URL (its one-time token, if any, was just made live).
            let url = campaignURL ?? made.url
            let copied = ClipboardReport.copy(url, helper: app.clipboard)
            return .linkShared(url: url, copied: copied, nextToken: Token.generate(using: app.random))
        case .revoke(let linkID):
            _ = try app.store.revoke(linkID: linkID, now: now)
            return .revoked(linkID: linkID)
        case let .setRules(master, ruleType):
            let stopped = try app.store.setRuleType(master: master, to: ruleType, now: now)
            return .rulesChanged(ruleType, stoppedLinks: stopped)
        case let .setSlug(page, slug):
            try app.store.setSlug(page: page, to: slug, now: now)
            return .slugChanged(url: app.url(Link(target: .page(slug: slug))))
        case let .cancel(id, reason):
            return .bookingCanceled(try app.store.cancel(id: id, actor: .staff, reason: reason, now: now))
        case let .reschedule(id, start):
            return .bookingMoved(try app.store.reschedule(id: id, actor: .staff, to: start, reason: nil, now: now))
        case let .mark(id, status):
            return .bookingMarked(try app.store.mark(id: id, as: status, now: now), status)
        case .loadRescheduleSlots(let id):
            return .rescheduleSlotsLoaded(try rescheduleSlots(for: id, workspace: try app.store.workspace()))
        case let .loadBookings(search, offset):
            return .bookingsLoaded(try bookings(search: search, offset: offset))
        case .openCustomerLink(let url):
            return .customerLinkOpened(customerSnapshot(url, workspace: try app.store.workspace()))
        case let .book(url, event, start, form):
            let link = try LinkURL.read(url, base: app.base)
            return .booked(try app.store.book(CustomerBooking(link: link, eventName: event, start: start, form: form), now: now))
        case .exportReport(let path):
            return try export(to: path)
        case let .copyText(text, label):
            return .textCopied(label: label, copied: ClipboardReport.copy(text, helper: app.clipboard))
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
    private func export(to path: String) throws -> ConsoleMessage {
        let expanded = (path as NSString).expandingTildeInPath
        guard !FileManager.default.fileExists(atPath: expanded) else {
            throw Refusal("\(expanded) exists already: choose another name")
        }
        let now = app.now
        let data = ConsoleData(workspace: try app.store.workspace(), links: try app.store.oneTimeLinks(now: now), now: now,
                               base: app.base)
        let report = try report(data)
        guard FileManager.default.createFile(atPath: expanded, contents: Data(report.csv.utf8)) else {
            throw Refusal("cannot write \(expanded)")
        }
        return .reportExported(path: expanded)
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
