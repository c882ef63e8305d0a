import Foundation

/// A booking page's scheduling controls (the workspace file's `scheduling:`), each off unless set,
/// so that a page written before they existed offers what it always did:
/// - `minimumNotice`: no slot starts sooner than this many minutes from now;
/// - `horizonDays`: no slot starts further out than this many days (the slot query's own limit
///   of 366 days stays);
/// - `interval`: slots start every this many minutes (by default they follow each other at the
///   meeting's length);
/// - `dailyLimit`: at most this many live bookings of the page's member on one local day;
/// - `bufferBefore`, `bufferAfter`: minutes kept free before and after each of the page's
///   meetings (`MeetingBuffers`): no other meeting's time, nor its buffers, nor a calendar event
///   may fall in them. Unlike the others they bind staff too, because the stores' no-overlap
///   guarantee covers them.
/// Customers are bound by the others; staff booking or moving for a customer are told, not stopped.
public struct SchedulingControls: Codable, Equatable, Sendable {
    public var minimumNotice: Int?
    public var horizonDays: Int?
    public var interval: Int?
    public var dailyLimit: Int?
    public var bufferBefore: Int?
    public var bufferAfter: Int?

    public init(minimumNotice: Int? = nil, horizonDays: Int? = nil, interval: Int? = nil, dailyLimit: Int? = nil,
                bufferBefore: Int? = nil, bufferAfter: Int? = nil) {
        self.minimumNotice = minimumNotice
        self.horizonDays = horizonDays
        self.interval = interval
        self.dailyLimit = dailyLimit
        self.bufferBefore = bufferBefore
        self.bufferAfter = bufferAfter
    }

    /// The buffers a meeting of this page keeps free around it; nil when none.
    public var buffers: MeetingBuffers? {
        let buffers = MeetingBuffers(before: bufferBefore ?? 0, after: bufferAfter ?? 0)
        return buffers == .none ? nil : buffers
    }

    public var isEmpty: Bool { self == SchedulingControls() }

    /// The limits a value must keep (the file and `page set-availability` check them here).
    public static let noticeRange = 0...(30 * 24 * 60)
    public static let horizonRange = 1...366
    public static let intervalRange = 5...(24 * 60)
    public static let dailyLimitRange = 1...1_000
    public static let bufferRange = 1...(24 * 60)

    /// A control as typed, in `unit`s of minutes (1; a day for the horizon): `off` or nothing
    /// for none, `0`, or a duration (`10m`, `4h`, `60d`) that falls in `range`; `name` names it in
    /// the refusal. The one reading of a control's text, for the command line, the workspace file
    /// and the Setup view alike.
    public static func value(_ text: String, _ name: String, range: ClosedRange<Int>, unit: Int = 1) throws(Refusal) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.lowercased() != "off" else { return nil }
        let minutes = trimmed == "0" ? 0 : try DurationText.minutes(trimmed)
        guard minutes % unit == 0, range.contains(minutes / unit) else { throw Refusal("\(name) is out of range: \(trimmed)") }
        return minutes / unit
    }

    /// Why `start` may not be booked now by a customer, for the two controls a start alone
    /// decides (the daily limit needs the day's bookings: `exceedsDailyLimit`).
    public func refusal(start: Date, now: Date) -> Refusal? {
        if let minimumNotice, start < now.addingTimeInterval(TimeInterval(minimumNotice * 60)) {
            return Refusal(.insideMinimumNotice(minutes: minimumNotice))
        }
        if let horizonDays, start > now.addingTimeInterval(TimeInterval(horizonDays * 86_400)) {
            return Refusal(.beyondHorizon(days: horizonDays))
        }
        return nil
    }

    /// True when `bookedThatDay` live bookings already fill the day's limit.
    public func exceedsDailyLimit(bookedThatDay: Int) -> Bool {
        dailyLimit.map { bookedThatDay >= $0 } ?? false
    }
}

/// Minutes kept free before and after a meeting (a page's `bufferBefore`/`bufferAfter`, kept with
/// each booking as they were when it was booked or moved, so that changing a page's buffers
/// never makes its stored bookings overlap).
public struct MeetingBuffers: Codable, Equatable, Hashable, Sendable {
    public var before: Int
    public var after: Int

    public init(before: Int, after: Int) {
        self.before = before
        self.after = after
    }

    public static let none = MeetingBuffers(before: 0, after: 0)

    /// The time a meeting from `start` to `end` keeps to itself: its buffers included.
    public func around(start: Date, end: Date) -> (start: Date, end: Date) {
        (start.addingTimeInterval(TimeInterval(-before * 60)), end.addingTimeInterval(TimeInterval(after * 60)))
    }
}

/// One event type's own scheduling controls on a booking page (the workspace file's
/// `event-scheduling: {60-minute meeting: {buffer-after: 30m}}`): each control it sets wins over
/// the page's for that event type's meetings; the others are the page's.
public struct EventScheduling: Codable, Equatable, Sendable {
    public var eventTypeID: EventTypeID
    public var controls: SchedulingControls

    public init(eventTypeID: EventTypeID, controls: SchedulingControls) {
        self.eventTypeID = eventTypeID
        self.controls = controls
    }
}

extension SchedulingControls {
    /// These controls with each one `override` sets in its place.
    public func overridden(by override: SchedulingControls) -> SchedulingControls {
        SchedulingControls(minimumNotice: override.minimumNotice ?? minimumNotice, horizonDays: override.horizonDays ?? horizonDays,
                           interval: override.interval ?? interval, dailyLimit: override.dailyLimit ?? dailyLimit,
                           bufferBefore: override.bufferBefore ?? bufferBefore, bufferAfter: override.bufferAfter ?? bufferAfter)
    }
}

extension BookingPage {
    /// The page as it schedules `event`'s meetings: its controls with that event type's own in
    /// their place (`eventScheduling`). Every rule that offers or books a time of one event type
    /// asks the page this way, so an override counts everywhere the page's controls do.
    public func scheduled(for event: EventTypeID) -> BookingPage {
        guard let own = eventScheduling?.first(where: { $0.eventTypeID == event })?.controls else { return self }
        var page = self
        let merged = (scheduling ?? SchedulingControls()).overridden(by: own)
        page.scheduling = merged.isEmpty ? nil : merged
        return page
    }
}

extension Workspace {
    /// The workspace without the event-type controls of event types their page no longer offers
    /// (the Setup view took one away): they would count nowhere, and a file could not say them.
    public func withoutStaleEventScheduling() -> Workspace {
        var workspace = self
        for index in workspace.bookingPages.indices {
            let page = workspace.bookingPages[index]
            guard let own = page.eventScheduling else { continue }
            let kept = own.filter { page.eventTypeIDs.contains($0.eventTypeID) }
            workspace.bookingPages[index].eventScheduling = kept.isEmpty ? nil : kept
        }
        return workspace
    }
}
