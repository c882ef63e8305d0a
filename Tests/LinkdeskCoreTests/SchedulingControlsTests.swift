import Foundation
import LinkdeskCore
import Testing

/// A booking page's scheduling controls (minimum notice, horizon, slot interval, daily limit):
/// what a customer is offered and may book; staff are not bound.
@Suite("Scheduling controls")
struct SchedulingControlsTests {
    static let now = Fixtures.local(2025, 6, 2, 10, 5)  // Monday 10:05 New York

    static func workspace(_ controls: SchedulingControls) -> (Workspace, BookingPage) {
        var dana = Fixtures.dana
        dana.scheduling = controls
        var workspace = Fixtures.workspace
        workspace.bookingPages = workspace.bookingPages.map { $0.id == dana.id ? dana : $0 }
        return (workspace, dana)
    }

    static func slots(_ controls: SchedulingControls, days: Int = 3, busy: [Booking] = []) throws -> [Date] {
        let (workspace, dana) = workspace(controls)
        return try SlotFinder.slots(page: .booking(dana), events: [Fixtures.thirty], workspace: workspace, now: now, days: days,
                                    busy: { _ in busy }).map(\.start)
    }

    static func draft(_ controls: SchedulingControls, at start: Date, bound: Bool = true, busy: [Booking] = []) throws -> BookingDraft {
        let (workspace, dana) = workspace(controls)
        let request = BookingRequest(link: Link(target: .page(slug: dana.slug), personalization: Personalization(name: "Ann", email: "ann@example.com")),
                                     page: .booking(dana), event: Fixtures.thirty, start: start, form: Personalization())
        return try BookingRules.draft(request, workspace: workspace, now: now, bound: bound, busy: { _ in busy })
    }

    static func refusal(_ body: () throws -> Void) -> Refusal.Reason? {
        do { try body(); return nil } catch let refusal as Refusal { return refusal.reason } catch { return nil }
    }

    @Test("none set: today's slots, back to back from the next one on")
    func none() throws {
        let slots = try Self.slots(SchedulingControls())
        #expect(slots.first == Fixtures.local(2025, 6, 2, 10, 30))
        #expect(slots.contains(Fixtures.local(2025, 6, 4, 16, 30)))
    }

    @Test("minimum notice: nothing sooner, offered or booked; staff are not bound")
    func minimumNotice() throws {
        let controls = SchedulingControls(minimumNotice: 240)  // 4 hours: from 14:05
        #expect(try Self.slots(controls).first == Fixtures.local(2025, 6, 2, 14, 30))
        #expect(Self.refusal { _ = try Self.draft(controls, at: Fixtures.local(2025, 6, 2, 14, 0)) } == .insideMinimumNotice(minutes: 240))
        #expect(try Self.draft(controls, at: Fixtures.local(2025, 6, 2, 14, 30)).start == Fixtures.local(2025, 6, 2, 14, 30))
        #expect(try Self.draft(controls, at: Fixtures.local(2025, 6, 2, 11, 0), bound: false).start == Fixtures.local(2025, 6, 2, 11, 0))
    }

    @Test("horizon: nothing further out than its days")
    func horizon() throws {
        let controls = SchedulingControls(horizonDays: 1)  // until Tuesday 10:05
        let slots = try Self.slots(controls, days: 5)
        #expect(slots.last == Fixtures.local(2025, 6, 3, 10, 0))
        #expect(Self.refusal { _ = try Self.draft(controls, at: Fixtures.local(2025, 6, 3, 10, 30)) } == .beyondHorizon(days: 1))
    }

    @Test("interval: starts every 15 minutes, each meeting still inside the hours")
    func interval() throws {
        let slots = try Self.slots(SchedulingControls(interval: 15), days: 1)
        #expect(slots.prefix(3) == [Fixtures.local(2025, 6, 2, 10, 15), Fixtures.local(2025, 6, 2, 10, 30), Fixtures.local(2025, 6, 2, 10, 45)])
        #expect(slots.last == Fixtures.local(2025, 6, 2, 16, 30), "a 30-minute meeting ends by 17:00")
        #expect(Self.refusal { _ = try Self.draft(SchedulingControls(), at: Fixtures.local(2025, 6, 2, 10, 45)) } == .notASlot)
        #expect(try Self.draft(SchedulingControls(interval: 15), at: Fixtures.local(2025, 6, 2, 10, 45)).start == Fixtures.local(2025, 6, 2, 10, 45))
    }

    @Test("daily limit: a full day offers nothing and books nothing; the next day does")
    func dailyLimit() throws {
        let controls = SchedulingControls(dailyLimit: 2)
        let busy = [Fixtures.booking(id: 1, start: Fixtures.local(2025, 6, 2, 11, 0)), Fixtures.booking(id: 2, start: Fixtures.local(2025, 6, 2, 15, 0)),
                    Fixtures.booking(id: 3, start: Fixtures.local(2025, 6, 3, 9, 0), status: .canceledByStaff)]
        let slots = try Self.slots(controls, days: 2, busy: busy)
        #expect(!slots.contains { $0 < Fixtures.local(2025, 6, 3) }, "Monday is full")
        #expect(slots.first == Fixtures.local(2025, 6, 3, 9, 0), "a canceled booking counts for nothing")
        #expect(Self.refusal { _ = try Self.draft(controls, at: Fixtures.local(2025, 6, 2, 13, 0), busy: busy) } == .dailyLimitReached(limit: 2))
        #expect(try Self.draft(controls, at: Fixtures.local(2025, 6, 2, 13, 0), bound: false, busy: busy).start == Fixtures.local(2025, 6, 2, 13, 0))
    }

    @Test("daily limit: a customer's draft carries the cap the store keeps, the member's local day; staff's carries none")
    func dayCap() throws {
        let controls = SchedulingControls(dailyLimit: 2)
        let cap = try #require(try Self.draft(controls, at: Fixtures.local(2025, 6, 3, 13, 0)).dayCap)
        #expect(cap == DayCap(member: Fixtures.dana.id, limit: 2, from: Fixtures.local(2025, 6, 3), until: Fixtures.local(2025, 6, 4)))
        #expect(try Self.draft(controls, at: Fixtures.local(2025, 6, 3, 13, 0), bound: false).dayCap == nil)
        #expect(try Self.draft(SchedulingControls(), at: Fixtures.local(2025, 6, 3, 13, 0)).dayCap == nil)
        // Across the clock change the local day is 23 hours long (New York, 8 March 2026).
        var dana = Fixtures.dana
        dana.scheduling = controls
        let spring = try #require(DayCap.of(dana, in: try Availability(page: dana), at: Fixtures.local(2026, 3, 8, 12, 0)))
        #expect(spring.from == Fixtures.local(2026, 3, 8) && spring.until.timeIntervalSince(spring.from) == 23 * 3_600)
    }
}

@Suite("Date hours")
struct DateHoursTests {
    @Test("a date's own hours replace its weekday's; none is a day without slots; a date off still wins")
    func ownHours() throws {
        var dana = Fixtures.dana
        let monday = LocalDate(year: 2025, month: 6, day: 2), tuesday = LocalDate(year: 2025, month: 6, day: 3)
        dana.availability.dateHours = [DateHours(date: monday, spans: [DateHours.Span(openMinute: 18 * 60, closeMinute: 19 * 60)]),
                                       DateHours(date: tuesday, spans: [])]
        dana.availability.datesOff = [LocalDate(year: 2025, month: 6, day: 4)]
        dana.availability.dateHours.append(DateHours(date: LocalDate(year: 2025, month: 6, day: 4),
                                                     spans: [DateHours.Span(openMinute: 9 * 60, closeMinute: 10 * 60)]))
        let availability = try Availability(page: dana)
        #expect(availability.starts(onDayOf: Fixtures.local(2025, 6, 2, 12), minutes: 30)
                == [Fixtures.local(2025, 6, 2, 18, 0), Fixtures.local(2025, 6, 2, 18, 30)], "Monday: 18:00–19:00 only")
        #expect(availability.starts(onDayOf: Fixtures.local(2025, 6, 3, 12), minutes: 30).isEmpty, "Tuesday: no hours")
        #expect(availability.starts(onDayOf: Fixtures.local(2025, 6, 4, 12), minutes: 30).isEmpty, "Wednesday: the date off wins")
        #expect(availability.starts(onDayOf: Fixtures.local(2025, 6, 5, 12), minutes: 30).count == 16, "Thursday: its weekday's hours")
        let stored = try JSONDecoder().decode(WeeklyAvailability.self, from: JSONEncoder().encode(dana.availability))
        #expect(stored == dana.availability, "kept as stored")
    }
}

@Suite("meeting buffers")
struct MeetingBuffersTests {
    @Test("a page's buffers widen the time its meetings keep; none when both are unset")
    func around() {
        let start = Date(timeIntervalSince1970: 1_000_000), end = start.addingTimeInterval(1_800)
        let kept = MeetingBuffers(before: 5, after: 10).around(start: start, end: end)
        #expect(kept.start == start.addingTimeInterval(-300) && kept.end == end.addingTimeInterval(600))
        #expect(SchedulingControls(interval: 15).buffers == nil)
        #expect(SchedulingControls(bufferAfter: 10).buffers == MeetingBuffers(before: 0, after: 10))
    }

    @Test("a booking's buffers and the new meeting's are both kept: back to back is taken, past both is free")
    func overlap() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let held = BusyTime(teamMemberID: 1, start: start, end: start.addingTimeInterval(1_800), buffers: MeetingBuffers(before: 0, after: 10))
        let next = start.addingTimeInterval(1_800)
        #expect(held.overlaps(start: next, end: next.addingTimeInterval(1_800)), "inside its buffer")
        let later = next.addingTimeInterval(600)
        #expect(!held.overlaps(start: later, end: later.addingTimeInterval(1_800)))
        // The new meeting's own buffer before counts too.
        let mine = MeetingBuffers(before: 10, after: 0).around(start: later, end: later.addingTimeInterval(1_800))
        #expect(held.overlaps(start: mine.start, end: mine.end))
        let plain = BusyTime(teamMemberID: 1, start: start, end: start.addingTimeInterval(1_800))
        #expect(!plain.overlaps(start: next, end: next.addingTimeInterval(1_800)), "no buffers: back to back is free")
    }
}

@Suite("event types' own scheduling controls")
struct EventSchedulingTests {
    @Test("an event type's controls win over the page's for its meetings alone, everywhere slots are found")
    func override() throws {
        var page = Fixtures.dana
        page.scheduling = SchedulingControls(minimumNotice: 60, bufferAfter: 10)
        let long = try #require(page.eventTypeIDs.last), short = try #require(page.eventTypeIDs.first)
        page.eventScheduling = [EventScheduling(eventTypeID: long, controls: SchedulingControls(minimumNotice: 24 * 60))]
        #expect(page.scheduled(for: long).scheduling == SchedulingControls(minimumNotice: 24 * 60, bufferAfter: 10))
        #expect(page.scheduled(for: short).scheduling == page.scheduling)
        var workspace = SchedulingControlsTests.workspace(SchedulingControls()).0
        workspace.bookingPages = workspace.bookingPages.map { $0.id == page.id ? page : $0 }
        let now = SchedulingControlsTests.now
        let slots = try SlotFinder.slots(page: .booking(page), events: workspace.eventTypes.filter { page.eventTypeIDs.contains($0.id) },
                                         workspace: workspace, now: now, days: 3, busy: { _ in [BusyTime]() })
        let first = Dictionary(grouping: slots, by: \.event.id).mapValues { $0.map(\.start).min() ?? .distantFuture }
        #expect(first[long].map { $0 >= now.addingTimeInterval(24 * 3_600) } == true, "a day's notice for the long meeting")
        #expect(first[short].map { $0 < now.addingTimeInterval(2 * 3_600) } == true, "an hour's for the short one")
    }

    @Test("an event type the page no longer offers loses its controls")
    func stale() throws {
        var workspace = SchedulingControlsTests.workspace(SchedulingControls()).0
        let event = try #require(workspace.bookingPages[0].eventTypeIDs.first)
        workspace.bookingPages[0].eventScheduling = [EventScheduling(eventTypeID: event, controls: SchedulingControls(interval: 15))]
        #expect(workspace.withoutStaleEventScheduling() == workspace)
        workspace.bookingPages[0].eventTypeIDs.removeAll { $0 == event }
        #expect(workspace.withoutStaleEventScheduling().bookingPages[0].eventScheduling == nil)
    }
}
