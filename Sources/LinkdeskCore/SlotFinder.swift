import Foundation

/// A bookable time as a customer holding a link sees it.
public struct Slot: Equatable, Sendable {
    public var event: EventType
    public var start: Date
    public var teamMember: BookingPage
}

/// What a customer can book through a page over the next days: availability minus live
/// bookings, with the team member each slot would go to (the first free candidate).
public enum SlotFinder {
    /// How far ahead a slot query may look: a day at least, a year (a leap one) at most.
    public static let dayRange = 1...366

    public static func checkDays(_ days: Int) throws(Refusal) {
        guard dayRange.contains(days) else { throw Refusal(.slotDays(days)) }
    }

    public static func slots<Held: HeldTime>(page: Page, events: [EventType], workspace: Workspace, now: Date, days: Int,
                                             busy: (PageID) -> [Held]) throws(Refusal) -> [Slot] {
        var result: [Slot] = []
        var busyCache: [PageID: [Held]] = [:]
        for event in events {
            let candidates = try Assignment.candidates(for: page, event: event.id, in: workspace)
            // Each start's member as an index into `candidates` (a page is a large value: a
            // month of slots would copy it once per slot).
            var byStart: [Date: Int] = [:]
            for index in candidates.indices.reversed() {  // reversed: earlier candidates overwrite later ones
                let member = candidates[index].scheduled(for: event.id)
                let taken = (busyCache[member.id] ?? busy(member.id)).filter(\.holdsTime)
                busyCache[member.id] = taken
                let availability = try Availability(page: member)
                // The daily limit: the member's live bookings counted per local day.
                var perDay: [LocalDate: Int] = [:]
                if member.scheduling?.dailyLimit != nil {
                    for held in taken where !held.fromCalendar { perDay[availability.dayKey(held.start), default: 0] += 1 }
                }
                for start in availability.upcoming(minutes: event.minutes, from: now, days: days) {
                    let end = start.addingTimeInterval(TimeInterval(event.minutes * 60))
                    if member.scheduling?.exceedsDailyLimit(bookedThatDay: perDay[availability.dayKey(start)] ?? 0) == true { continue }
                    let kept = (member.scheduling?.buffers ?? .none).around(start: start, end: end)
                    if !taken.contains(where: { $0.overlaps(start: kept.start, end: kept.end) }) {
                        byStart[start] = index
                    }
                }
            }
            result += byStart.sorted { $0.key < $1.key }.map { Slot(event: event, start: $0.key, teamMember: candidates[$0.value]) }
        }
        guard events.count > 1 else { return result }  // one event type: already in order
        return result.sorted { ($0.start, $0.event.minutes) < ($1.start, $1.event.minutes) }
    }
}
