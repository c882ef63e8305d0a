import LinkdeskCore
import LinkdeskTerminal

/// The console as a `ProgramModel`: its state, the snapshot it shows, and the policy of when to
/// load what, which used to live in the CLI's loop and can now be tested with `TestBackend`:
/// - a writing effect's result is followed by a `.reload`, and so is `.storeChanged` (another
///   process wrote), however fast keys come, since both arrive as messages;
/// - entering Reports reloads (only Reports reads every booking);
/// - at most one reload runs at a time; asked for meanwhile, one more runs when it is back;
/// - results arrive in the order effects finish: a bookings window or a reload that was asked
///   for before the user typed on is dropped for the part that has moved on;
/// - a second Copy & close while the first one runs makes no second link;
/// - keys typed while the snapshot holds only the top of the page list (a first frame over many
///   pages) wait for the reload that brings the rest, so that End, PageDown or a filter act on
///   every page; that is one read (of a store whose reads never wait for a writer), and a failed
///   reload lets them act on what is shown. Ctrl-C, and q typed first, quit at once.
public struct ConsoleProgram: ProgramModel {
    public var state: ConsoleState
    public var data: ConsoleData
    public private(set) var outcome: Void?
    /// True while a `.reload` runs; `reloadAgain`: another was asked for meanwhile.
    public private(set) var reloading = false
    private var reloadAgain = false
    /// The bookings window last asked for: only that one is shown when it comes.
    private var wantedBookings: Window
    private var sharing = false
    private var heldKeys: [(key: Key, size: ScreenSize)] = []

    private struct Window: Equatable {
        var search: String
        var offset: Int
        var mine = false
    }

    public init(state: ConsoleState, data: ConsoleData) {
        self.state = state
        self.data = data
        wantedBookings = Window(search: data.bookings.search, offset: data.bookings.offset, mine: data.bookings.mine)
    }

    /// What a reload now should bring besides the shared parts.
    public var reloadRequest: ConsoleReload {
        ConsoleReload(bookingsSearch: wantedBookings.search, bookingsOffset: wantedBookings.offset, bookingsMine: wantedBookings.mine,
                      report: state.view == .reports, customerURL: data.customer?.url,
                      rescheduleBooking: data.reschedule?.bookingID, buttons: !data.buttons.isRead,
                      messagesOf: state.bookings.showsDetails ? data.emails?.booking : nil)
    }

    public mutating func handle(_ key: Key, size: ScreenSize) -> [ConsoleEffect] {
        if data.pageList == .top && reloading {
            // A way out that never waits: nothing held before it can have opened a field.
            guard key == .ctrl("c") || (key == .char("q") && heldKeys.isEmpty) else {
                heldKeys.append((key, size))
                return []
            }
        }
        let shownView = state.view
        guard let effect = state.handle(key, data: data, rows: ConsoleState.viewRows(height: size.height)) else {
            return state.view != shownView && state.view == .reports ? reload() : []
        }
        return start(effect)
    }

    public mutating func receive(_ message: ConsoleMessage) -> [ConsoleEffect] {
        switch message {
        case .storeChanged:
            state.receive(message)
            return reload()
        case .reloaded(let fresh):
            reloading = false
            merge(fresh)
            return handleHeldKeys() + reloadIfAsked()
        case .failed(.reload, _):
            reloading = false
            state.receive(message)
            return handleHeldKeys() + reloadIfAsked()
        case .bookingsLoaded(let window):
            if Window(search: window.search, offset: window.offset, mine: window.mine) == wantedBookings { data.bookings = window }
            return []
        case .rescheduleSlotsLoaded(let slots):
            data.reschedule = slots
            return []
        case let .messagesLoaded(booking, messages):
            if data.emails != nil { data.emails = BookingEmails(booking: booking, messages: messages) }
            return []
        case .customerLinkOpened(let snapshot):
            data.customer = snapshot
            state.receive(message)
            return []
        case .linkShared, .failed(.share, _):
            sharing = false
            state.receive(message)
            return reload()
        case .failed(let effect, _):
            state.receive(message)
            return effect.onlyLoads ? [] : reload()
        case .changeCheckFailed, .textCopied:
            state.receive(message)
            return []
        case .revoked, .rulesChanged, .slugChanged, .setupApplied, .bookingCanceled, .bookingMoved, .bookingMarked, .booked, .reportExported,
             .messageResent:
            state.receive(message)
            return reload()
        }
    }

    public func render(into buffer: inout CellBuffer) {
        state.render(into: &buffer, data: data)
    }

    private mutating func start(_ effect: ConsoleEffect) -> [ConsoleEffect] {
        switch effect {
        case .quit:
            outcome = ()
            return []
        case .reload: return reload()
        case let .loadBookings(search, offset, mine):
            let window = Window(search: search, offset: max(offset, 0), mine: mine)
            wantedBookings = window
            return [effect]
        case .share:
            guard !sharing else { return [] }
            sharing = true
            return [effect]
        default: return [effect]
        }
    }

    private mutating func reload() -> [ConsoleEffect] {
        guard !reloading else {
            reloadAgain = true
            return []
        }
        reloading = true
        return [.reload(reloadRequest)]
    }

    private mutating func handleHeldKeys() -> [ConsoleEffect] {
        let keys = heldKeys
        heldKeys = []
        var effects: [ConsoleEffect] = []
        for held in keys where outcome == nil { effects += handle(held.key, size: held.size) }
        return effects
    }

    private mutating func reloadIfAsked() -> [ConsoleEffect] {
        guard reloadAgain else { return [] }
        reloadAgain = false
        return reload()
    }

    /// A fresh snapshot replaces the old one, except for the parts the user has moved on from
    /// since it was asked for (another filter, another link opened), which the effects for the
    /// new ones bring; the buttons gallery is read once.
    private mutating func merge(_ fresh: ConsoleData) {
        var fresh = fresh
        if !fresh.buttons.isRead || data.buttons.isRead { fresh.buttons = data.buttons }
        if Window(search: fresh.bookings.search, offset: fresh.bookings.offset, mine: fresh.bookings.mine) != wantedBookings {
            fresh.bookings = data.bookings
        }
        if fresh.customer?.url != data.customer?.url { fresh.customer = data.customer }
        if fresh.reschedule?.bookingID != data.reschedule?.bookingID { fresh.reschedule = data.reschedule }
        if fresh.emails != nil, fresh.emails?.booking != data.emails?.booking { fresh.emails = data.emails }
        data = fresh
    }
}
