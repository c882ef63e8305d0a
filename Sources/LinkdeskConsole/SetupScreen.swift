import LinkdeskCore
import LinkdeskTerminal

/// Which editor a Setup key opens.
public enum SetupEdit: Equatable, Sendable {
    case hours, datesOff, eventTypes, policy, scheduling, members, primaries, newBookingPage, newEventType, newCalendar, calendars
}

/// The Setup view (issue 11): the workspace's event types, booking pages and master pages, with
/// editors for the everyday changes — a page's weekly hours, dates off, event types and policy, a
/// master page's team members and primary team members, a new booking page or event type — so a
/// team needs no file for them. A save goes through the same check and one-transaction apply as
/// `linkdesk workspace apply`; the editor stays open with the problem when it is refused.
public struct SetupScreen: ConsoleScreen {
    public enum Item: Equatable, Sendable {
        case eventType(EventTypeID)
        case bookingPage(PageID)
        case masterPage(PageID)
        /// A staff member, by login (SPEC §8): shown here, managed with `linkdesk staff`.
        case staff(String)
    }

    public var filter = ""
    public var cursor = ListCursor()
    public var form: SetupForm?

    public init() {}

    /// An open editor has the keyboard: the view's and the console's letter keys step aside (a
    /// stray `q` or `3` must not drop what was typed); F1, Esc and ^C still work.
    public var capturesTyping: Bool { form != nil }

    /// Event types, then booking pages, then master pages (the file's order), filtered by name.
    public func items(_ data: ConsoleData) -> [Item] {
        let w = data.workspace
        func keep(_ name: String) -> Bool { filter.isEmpty || name.localizedCaseInsensitiveContains(filter) }
        return w.eventTypes.filter { keep($0.name) }.map { .eventType($0.id) }
            + w.bookingPages.filter { keep($0.name + " " + $0.slug) }.map { .bookingPage($0.id) }
            + w.masterPages.filter { keep($0.name + " " + $0.slug) }.map { .masterPage($0.id) }
            + data.staff.filter { keep($0.login + " " + $0.name) }.map { .staff($0.login) }
    }

    public func selected(_ data: ConsoleData) -> Item? {
        let all = items(data)
        return all.isEmpty ? nil : all[min(max(cursor.selected, 0), all.count - 1)]
    }

    public func selectedPage(_ data: ConsoleData) -> PageID? {
        switch selected(data) {
        case .bookingPage(let id)?, .masterPage(let id)?: id
        default: nil
        }
    }

    // MARK: Keys

    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        if let form { return Self.formBindings(form) }
        let item = selected(data)
        let notBooking = { () -> String? in
            if case .bookingPage? = item { return nil }
            return "select a booking page first"
        }()
        let notMaster = { () -> String? in
            if case .masterPage? = item { return nil }
            return "select a master page first"
        }()
        var primaries = notMaster
        if primaries == nil, case .masterPage(let id)? = item, let master = data.workspace.masterPage(id: id),
           SetupForm.primaries(master, workspace: data.workspace) == nil {
            primaries = "the master page needs team members and event types first"
        }
        var open: String? = item == nil ? "nothing is selected" : nil
        // What the viewer's role allows of the selected item (SPEC §8): a member edits their own
        // booking page's hours, dates off and policy; pages' offers, teams and new things are an
        // administrator's.
        var own: String?
        if case .bookingPage(let id)? = item { own = data.roleRefusal(.editPage(ownerLogin: data.workspace.bookingPage(id: id)?.ownerLogin)) }
        let administrator = data.roleRefusal(.applyWorkspace)
        let master = data.roleRefusal(.changeMasterPage)
        if case .staff? = item { open = "staff are managed with `linkdesk staff` (add, set, remove)" }
        // A staff member's calendars: their own, or anyone's for an administrator.
        var calendars: String? = "select a staff member first"
        var removable: String? = "select a staff member first"
        if case .staff(let login)? = item {
            calendars = data.roleRefusal(.manageCalendars(staffLogin: login))
            removable = calendars ?? (data.calendars.contains { $0.staffLogin == login } ? nil : "they have no calendars")
        }
        let ownPage: String? = notBooking ?? own
        let offers: String? = notBooking ?? administrator
        let team: String? = notMaster ?? master
        let rules: String? = primaries ?? master
        let keys: [KeyBinding<ConsoleAction>] = [
            KeyBinding(.enter, hint: "edit", help: "Edit the selected item (hours of a booking page, team of a master page)",
                       action: .open, disabledReason: open, priority: 6),
            KeyBinding(.char("h"), hint: "hours", help: "Edit the weekly hours of the booking page",
                       action: .setupEdit(.hours), disabledReason: ownPage, priority: 5),
            KeyBinding(.char("o"), hint: "days off", help: "Edit the dates off of the booking page",
                       action: .setupEdit(.datesOff), disabledReason: ownPage, priority: 2),
            KeyBinding(.char("e"), hint: "event types", help: "Choose the event types the booking page offers",
                       action: .setupEdit(.eventTypes), disabledReason: offers, priority: 2),
            KeyBinding(.char("p"), hint: "policy", help: "Edit the booking page's cancel and reschedule policy",
                       action: .setupEdit(.policy), disabledReason: ownPage, priority: 2),
            KeyBinding(.char("c"), hint: "controls", help: "Edit the booking page's scheduling controls: buffers, notice, horizon, interval, daily limit",
                       action: .setupEdit(.scheduling), disabledReason: ownPage, priority: 1, showsInHintBar: false),
            KeyBinding(.char("l"), hint: "link calendar", help: "Connect (link) a calendar of the staff member (CalDAV or an ICS feed)",
                       action: .setupEdit(.newCalendar), disabledReason: calendars, priority: 1, showsInHintBar: false),
            KeyBinding(.char("x"), hint: "calendars", help: "Disconnect calendars of the staff member",
                       action: .setupEdit(.calendars), disabledReason: removable, priority: 1, showsInHintBar: false),
            KeyBinding(.char("t"), hint: "team", help: "Choose the master page's team members",
                       action: .setupEdit(.members), disabledReason: team, priority: 4),
            KeyBinding(.char("r"), hint: "primaries", help: "Choose the primary team member of each event type (Dynamic rules)",
                       action: .setupEdit(.primaries), disabledReason: rules, priority: 2),
            KeyBinding(.char("a"), hint: "add page", help: "Add a booking page", action: .setupEdit(.newBookingPage),
                       disabledReason: administrator, priority: 3, showsInHintBar: false),
            KeyBinding(.char("n"), hint: "new event type", help: "Add an event type", action: .setupEdit(.newEventType),
                       disabledReason: administrator, priority: 1, showsInHintBar: false),
        ]
        return ListBindings.all + keys
    }

    static func formBindings(_ form: SetupForm) -> [KeyBinding<ConsoleAction>] {
        var keys: [KeyBinding<ConsoleAction>] = [
            KeyBinding([.up, .backTab], hint: "previous", help: "Go to the previous row", action: .up, priority: 1,
                       showsInHintBar: false),
            KeyBinding([.down, .tab], hint: "next", help: "Go to the next row", action: .down, priority: 4),
            KeyBinding(.enter, hint: "save", help: "Save: check the change and apply it in one transaction",
                       action: .saveSetup, disabledReason: form.saving ? "saving…" : nil, priority: 8),
            KeyBinding(.esc, hint: "cancel", help: "Close the editor without saving", action: .closePanel, priority: 7),
        ]
        if !form.capturesTyping {  // in a text row Home and End move in the text
            keys.append(KeyBinding(.home, hint: "first", help: "Go to the first row", action: .top, showsInHintBar: false))
            keys.append(KeyBinding(.end, hint: "last", help: "Go to the last row", action: .bottom, showsInHintBar: false))
        }
        if form.focusedIsToggle {
            keys.append(KeyBinding(.char(" "), hint: "toggle", help: "Switch the row on or off", action: .toggleRow, priority: 6))
        }
        if form.focusedIsChoice {
            keys.append(KeyBinding([.right, .char(" ")], hint: "change", help: "Pick the next value", action: .nextChoice,
                                   priority: 6))
            keys.append(KeyBinding(.left, hint: "back", help: "Pick the previous value", action: .previousChoice, priority: 2,
                                   showsInHintBar: false))
        }
        return keys
    }

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows: Int) -> ConsoleCommand? {
        if form != nil { return performInForm(action) }
        let count = items(data).count
        if ListBindings.apply(action, to: &cursor, count: count, rows: max(rows - 2, 1)) { return nil }
        let workspace = data.workspace
        switch action {
        case .open:
            switch selected(data) {
            case .bookingPage?: return perform(.setupEdit(.hours), data: data, rows: rows)
            case .masterPage?: return perform(.setupEdit(.members), data: data, rows: rows)
            case .eventType?: return .message("an event type is offered by booking pages: select one and press e")
            case .staff?: return .message("staff are managed with `linkdesk staff` (add, set, remove)")
            case nil: return nil
            }
        case .setupEdit(let edit):
            switch (edit, selected(data)) {
            case (.hours, .bookingPage(let id)?): form = workspace.bookingPage(id: id).map(SetupForm.hours)
            case (.datesOff, .bookingPage(let id)?): form = workspace.bookingPage(id: id).map(SetupForm.datesOff)
            case (.eventTypes, .bookingPage(let id)?):
                form = workspace.bookingPage(id: id).map { SetupForm.eventTypes($0, workspace: workspace) }
            case (.policy, .bookingPage(let id)?): form = workspace.bookingPage(id: id).map(SetupForm.policy)
            case (.scheduling, .bookingPage(let id)?): form = workspace.bookingPage(id: id).map(SetupForm.scheduling)
            case (.members, .masterPage(let id)?):
                form = workspace.masterPage(id: id).map { SetupForm.members($0, workspace: workspace) }
            case (.primaries, .masterPage(let id)?):
                form = workspace.masterPage(id: id).flatMap { SetupForm.primaries($0, workspace: workspace) }
            case (.newBookingPage, _): form = SetupForm.newBookingPage(workspace: workspace)
            case (.newEventType, _): form = SetupForm.newEventType()
            case (.newCalendar, .staff(let login)?): form = data.staff.first { $0.login == login }.map(SetupForm.newCalendar)
            case (.calendars, .staff(let login)?):
                form = data.staff.first { $0.login == login }.map { SetupForm.calendars(of: $0, data.calendars) }
            default: break
            }
        default: break
        }
        return nil
    }

    private mutating func performInForm(_ action: ConsoleAction) -> ConsoleCommand? {
        if action == .closePanel {
            form = nil
            return nil
        }
        guard var form else { return nil }
        defer { self.form = form }
        switch action {
        case .up: form.move(by: -1)
        case .down: form.move(by: 1)
        case .top: form.move(by: -form.rows.count)
        case .bottom: form.move(by: form.rows.count)
        case .toggleRow: form.toggle()
        case .nextChoice: form.cycle(by: 1)
        case .previousChoice: form.cycle(by: -1)
        case .saveSetup:
            form.problem = nil
            form.saving = true
            return .effect(.applySetup(form))
        default: break
        }
        return nil
    }

    public mutating func typed(_ key: Key, data: ConsoleData) -> ConsoleCommand? {
        guard var form, !form.saving else { return nil }
        _ = form.type(key)
        self.form = form
        return nil
    }

    public mutating func filterChanged(data: ConsoleData) -> ConsoleCommand? {
        let count = items(data).count
        cursor.clamp(count: count, visible: count)
        return nil
    }

    /// The store answered a save: close the editor, or keep it open with the reason.
    mutating func saved(_ result: Result<Void, Refusal>) {
        switch result {
        case .success: form = nil
        case .failure(let refusal):
            form?.saving = false
            form?.problem = refusal.message
        }
    }
}
