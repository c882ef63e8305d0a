import LinkdeskCore
import LinkdeskService
import Testing

/// How a store's groups of rows become a `WorkspaceUsage` (both stores hand theirs to it).
@Suite("workspace usage counting")
struct WorkspaceUsageCountingTests {
    @Test("a booking through a master page counts for it and for its member; only live statuses are live")
    func bookings() {
        var usage = WorkspaceUsage()
        usage.addBookings(2, page: 10, member: 10, eventType: 2, status: BookingStatus.scheduled.rawValue)
        usage.addBookings(1, page: 20, member: 10, eventType: 1, status: BookingStatus.rescheduled.rawValue)
        usage.addBookings(3, page: 20, member: 11, eventType: 2, status: BookingStatus.canceledByStaff.rawValue)
        usage.addBookings(1, page: 11, member: 11, eventType: 2, status: "a status from a newer linkdesk")
        let bookings: [PageID: WorkspaceUsage.Count] = [10: .init(live: 3, total: 3), 20: .init(live: 1, total: 4),
                                                        11: .init(live: 0, total: 4)]
        let byEventType: [EventTypeID: Int] = [1: 1, 2: 6]
        #expect(usage.bookings == bookings)
        #expect(usage.eventTypeBookings == byEventType)
        #expect(usage.oneTimeLinks.isEmpty)
    }

    @Test("one-time links by master page, as counted")
    func links() {
        var usage = WorkspaceUsage()
        usage.addOneTimeLinks(master: 20, live: 2, total: 5)
        #expect(usage == WorkspaceUsage(oneTimeLinks: [20: .init(live: 2, total: 5)]))
    }
}
