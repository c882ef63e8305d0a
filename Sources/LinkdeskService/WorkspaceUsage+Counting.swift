import LinkdeskCore

/// What a store's counts mean for a workspace plan, decided once for every store: each store
/// only groups its rows (bookings by page, member, event type and status; one-time links by
/// master page) and hands the groups here.
extension WorkspaceUsage {
    /// `count` bookings made through `page` with the team member `member`, of `eventType`, with
    /// the stored `status` (a status this version does not know holds no time, as everywhere).
    /// A booking through a master page counts for the master page and for its team member.
    public mutating func addBookings(_ count: Int, page: PageID, member: PageID, eventType: EventTypeID, status: String) {
        let live = BookingStatus(rawValue: status)?.isLive ?? false
        add(count, live: live, for: page)
        if member != page { add(count, live: live, for: member) }
        eventTypeBookings[eventType, default: 0] += count
    }

    /// `total` one-time links of `master`, `live` of them live at the time of reading.
    public mutating func addOneTimeLinks(master: PageID, live: Int, total: Int) {
        let counted = oneTimeLinks[master] ?? Count(live: 0, total: 0)
        oneTimeLinks[master] = Count(live: counted.live + live, total: counted.total + total)
    }

    private mutating func add(_ count: Int, live: Bool, for page: PageID) {
        var counted = bookings[page] ?? Count(live: 0, total: 0)
        counted.total += count
        if live { counted.live += count }
        bookings[page] = counted
    }
}
