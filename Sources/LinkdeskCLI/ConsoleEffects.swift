import Foundation
import LinkdeskConsole
import LinkdeskCore
import LinkdeskService

/// Runs the console's effects against the store, clipboard and files, and loads its snapshot.
/// Each effect is answered by its own typed `ConsoleMessage`; every failure becomes
/// `.failed(effect, reason:)` for the status line: the console never exits on a refusal.
/// `perform` is async and is called off the loop's thread, so a slow store never stops the keys.
struct ConsoleEffects: Sendable {
    let app: AppContext
    static let bookingWindow = 200
    static let activityLimit = 500

    var linkdesk: Linkdesk { app.linkdesk }

    /// A fresh snapshot: the shared parts, plus the views' own parts that `request` names. The
    /// buttons gallery only until it has been read (`buttonShelf`).
    func load(_ request: ConsoleReload) async throws -> ConsoleData {
        let now = app.now
        let workspace = try await linkdesk.workspace()
        var data = ConsoleData(workspace: workspace, links: try await linkdesk.oneTimeLinks(),
                               activity: try await linkdesk.activity(limit: Self.activityLimit, workspace: workspace),
                               now: now, base: app.base)
        data.viewer = try await linkdesk.viewer()
        data.staff = try await linkdesk.staff()
        data.calendars = try await linkdesk.calendars()
        data.bookings = try await bookings(search: request.bookingsSearch, offset: request.bookingsOffset,
                                           mine: request.bookingsMine ? data.ownPages : nil)
        if request.report { data.report = try await report(workspace: workspace) }
        if request.buttons { data.buttons = Self.buttonShelf() }
        if let url = request.customerURL { data.customer = await customerSnapshot(url) }
        if let booking = request.rescheduleBooking {
            data.reschedule = try? await rescheduleSlots(for: booking)
        }
        data.emails = try await emails(of: request.messagesOf)
        return data
    }

    /// A booking's emails are few (a confirmation, a staff notice, reminders, and as many again
    /// per change); the details box shows them on one line.
    static let messagesLimit = 50

    /// The details box's emails: nil when booking emails are off; `booking`'s messages when one is open.
    func emails(of booking: BookingID?) async throws -> BookingEmails? {
        guard linkdesk.notifications != nil else { return nil }
        guard let booking else { return BookingEmails() }
        return BookingEmails(booking: booking, messages: try await linkdesk.outbox(booking: booking, limit: Self.messagesLimit))
    }

    /// What the first frame of `view` shows: the workspace and the one-time links (Pages and the
    /// Master overview count live ones), plus that view's own list; the rest comes with the
    /// reload that follows the first frame.
    ///
    /// The Pages view on a screen `screenRows` tall shows at most that many pages, from the top
    /// of the list: booking pages first. When there are at least that many, those pages (and the
    /// event types) are the whole first frame, and neither master pages nor one-time links are
    /// on it: only they are read, not a thousand page configurations (SPEC §3), from a store that
    /// can read so little (SQLite, whose reads never wait for a writer). Keys pressed before the
    /// reload lands wait for it (`ConsoleProgram`), but for the quit keys.
    func firstFrame(of view: ViewID, screenRows: Int) async throws -> ConsoleData {
        if view == .pages, screenRows > 0, let top = try await linkdesk.workspace(bookingPagesUpTo: screenRows) {
            if top.bookingPages.count >= screenRows {
                var data = ConsoleData(workspace: top, now: app.now, base: app.base)
                data.pageList = .top
                return data
            }
        }
        let workspace = try await linkdesk.workspace()
        var data = ConsoleData(workspace: workspace, links: try await linkdesk.oneTimeLinks(), now: app.now, base: app.base)
        data.emails = try await emails(of: nil)
        switch view {
        case .bookings: data.bookings = try await bookings(search: "", offset: 0, mine: nil)
        case .activity: data.activity = try await linkdesk.activity(limit: Self.activityLimit, workspace: workspace)
        case .reports: data.report = try await report(workspace: workspace)
        default: break
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
        switch effect {
        case .quit:
            return .failed(effect, reason: "quit ends the program; it is not an effect")
        case .reload(let request):
            return .reloaded(try await load(request))
        case let .share(pageID, personalization, oneTime, token, campaignURL):
            // The page as stored now, read alone (the snapshot may be the first frame's top of the list).
            guard let page = try await linkdesk.page(id: pageID) else { throw Refusal("that page no longer exists") }
            let made = try await linkdesk.makeLink(page: page, personalization: personalization,
                                                   oneTime: oneTime ? OneTimeOptions() : nil, token: oneTime ? token : nil)
            // A campaign link is the previewed URL (its one-time token, if any, was just made live).
            let url = campaignURL ?? made.url
            let copied = ClipboardReport.copy(url, helper: app.clipboard)
            return .linkShared(url: url, copied: copied, nextToken: Token.generate(using: app.random))
        case .revoke(let linkID):
            _ = try await linkdesk.revoke(linkID: linkID)
            return .revoked(linkID: linkID)
        case let .setRules(master, ruleType):
            return .rulesChanged(ruleType, stoppedLinks: try await linkdesk.setRuleType(master: master, to: ruleType))
        case let .setSlug(page, slug):
            return .slugChanged(url: app.url(of: try await linkdesk.setSlug(page: page, to: slug)))
        case let .cancel(id, reason):
            return .bookingCanceled(try await linkdesk.cancel(id: id, actor: .staff, reason: reason))
        case let .reschedule(id, start):
            return .bookingMoved(try await linkdesk.reschedule(id: id, actor: .staff, to: start, reason: nil))
        case let .mark(id, status):
            return .bookingMarked(try await linkdesk.mark(id: id, as: status), status)
        case .loadRescheduleSlots(let id):
            return .rescheduleSlotsLoaded(try await rescheduleSlots(for: id))
        case .loadMessages(let id):
            return .messagesLoaded(booking: id, try await linkdesk.outbox(booking: id, limit: Self.messagesLimit))
        case .resendMessage(let item):
            try await linkdesk.resendMessage(item)
            return .messageResent(item)
        case let .loadBookings(search, offset, mine):
            let pages = mine ? try await linkdesk.viewer().ownedPages(in: try await linkdesk.workspace()) : nil
            return .bookingsLoaded(try await bookings(search: search, offset: offset, mine: pages))
        case .openCustomerLink(let url):
            return .customerLinkOpened(await customerSnapshot(url))
        case let .book(url, event, start, form):
            let link = try linkdesk.link(from: url)
            return .booked(try await linkdesk.book(CustomerBooking(link: link, eventName: event, start: start, form: form)))
        case .exportReport(let path):
            return try await export(to: path)
        case let .copyText(text, label):
            return .textCopied(label: label, copied: ClipboardReport.copy(text, helper: app.clipboard))
        case .applySetup(let form):
            if let edit = form.calendarEdit() { return .setupApplied(summary: try await applyCalendar(try edit.get())) }
            var summary = "nothing changed"
            let changed = try await linkdesk.applyEdit { current in
                let proposal = try form.proposal(from: current).get()
                summary = proposal.summary
                return proposal.workspace
            }
            return .setupApplied(summary: changed ? summary : "nothing changed")
        }
    }

    /// A Setup calendar editor's save, through the calendar use cases (a calendar is not part of
    /// the workspace): a new calendar is read by the next sync, as `calendars add --no-sync`.
    private func applyCalendar(_ edit: CalendarEdit) async throws -> String {
        switch edit {
        case let .add(login, name, source):
            let calendar = try await linkdesk.addCalendar(staffLogin: login, name: name, source: source)
            return "calendar \(login)/\(calendar.name) connected: the next sync reads it (linkdesk calendars sync)"
        case let .remove(login, names):
            guard !names.isEmpty else { return "nothing changed" }
            for name in names { try await linkdesk.removeCalendar(staffLogin: login, name: name) }
            return "disconnected \(names.map { "\(login)/\($0)" }.joined(separator: ", "))"
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

    /// `mine`: only these team members' bookings (the booking pages the viewer owns).
    private func bookings(search: String, offset: Int, mine: [PageID]?) async throws -> BookingWindow {
        let filter = search.isEmpty ? nil : search
        let cap = filter == nil ? Int.max : Self.filterCap
        let count = BookingQuery(limit: cap, search: filter, matchCap: Self.filterCap, teamMembers: mine)
        let page = BookingQuery(limit: Self.bookingWindow, offset: max(offset, 0), search: filter, matchCap: Self.filterCap,
                                teamMembers: mine)
        let total = try await linkdesk.countBookings(count)
        let rows = try await linkdesk.bookings(page)
        var window = BookingWindow(search: search, offset: max(offset, 0), rows: rows, total: total)
        window.mine = mine != nil
        window.capped = total >= cap
        return window
    }

    private func rescheduleSlots(for id: BookingID) async throws -> RescheduleSlots {
        let offer = try await linkdesk.rescheduleOffer(id: id, days: 14)
        return RescheduleSlots(bookingID: id, slots: offer.slots, timeZone: offer.timeZone)
    }

    private func report(workspace: Workspace? = nil) async throws -> ReportData {
        let report = try await linkdesk.report(workspace: workspace)
        return ReportData(rows: report.rows, funnel: report.funnel)
    }

    /// Writes the report as CSV. An existing file is never overwritten: nothing is lost.
    private func export(to path: String) async throws -> ConsoleMessage {
        let expanded = (path as NSString).expandingTildeInPath
        guard !FileManager.default.fileExists(atPath: expanded) else {
            throw Refusal("\(expanded) exists already: choose another name")
        }
        let report = try await report()
        guard FileManager.default.createFile(atPath: expanded, contents: Data(report.csv.utf8)) else {
            throw Refusal("cannot write \(expanded)")
        }
        return .reportExported(path: expanded)
    }

    /// What a customer holding `url` sees: the page, or why the link can't be used, and the slots.
    func customerSnapshot(_ url: String) async -> CustomerSnapshot {
        do {
            let link = try linkdesk.link(from: url)
            let resolved = try await linkdesk.resolve(link)
            if let refusal = resolved.oneTime?.refusal(at: app.now) {
                return CustomerSnapshot(url: url, link: link, page: resolved.page, refusal: refusal, slots: [])
            }
            let offer = try await linkdesk.offer(link, days: 7)
            return CustomerSnapshot(url: url, link: link, page: resolved.page, refusal: nil, slots: offer.slots)
        } catch let refusal as Refusal {
            return CustomerSnapshot(url: url, link: nil, page: nil, refusal: refusal, slots: [])
        } catch {
            return CustomerSnapshot(url: url, link: nil, page: nil, refusal: Refusal("\(error)"), slots: [])
        }
    }
}
