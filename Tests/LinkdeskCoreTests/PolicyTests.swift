import Foundation
import LinkdeskCore
import Testing

@Suite("Cancel and reschedule rules")
struct PolicyTests {
    /// Monday 2 June 2025, 14:00 New York. Strict policy: cancel up to 1 day before, reason
    /// mandatory; reschedule up to 2 hours before, reason optional.
    static let start = Fixtures.local(2025, 6, 2, 14, 0)
    static let cancelCutoff = start.addingTimeInterval(-24 * 3600)
    static let rescheduleCutoff = start.addingTimeInterval(-2 * 3600)

    static func context(_ actor: Actor, _ now: Date, currentSlug: String? = "dana",
                        invalidated: Bool = false) -> ChangeContext {
        ChangeContext(actor: actor, now: now, currentSlug: currentSlug, linkInvalidated: invalidated)
    }

    static func booking(policy: ChangePolicy = Fixtures.strictPolicy, slugUsed: String? = "dana",
                        status: BookingStatus = .scheduled) -> Booking {
        Fixtures.booking(slugUsed: slugUsed, start: start, status: status, policy: policy)
    }

    @Test("customer may cancel just before the cutoff, not just after")
    func cancelWindow() throws {
        let before = Self.context(.customer, Self.cancelCutoff.addingTimeInterval(-1))
        #expect(try ChangeRules.cancel(Self.booking(), reason: "conflict", context: before) == .canceledByCustomer)
        let after = Self.context(.customer, Self.cancelCutoff.addingTimeInterval(1))
        #expect(throws: Refusal.self) { try ChangeRules.cancel(Self.booking(), reason: "conflict", context: after) }
    }

    @Test("customer may reschedule just before the cutoff, not just after")
    func rescheduleWindow() throws {
        try ChangeRules.reschedule(Self.booking(), reason: nil,
                                   context: Self.context(.customer, Self.rescheduleCutoff.addingTimeInterval(-1)))
        #expect(throws: Refusal.self) {
            try ChangeRules.reschedule(Self.booking(), reason: nil,
                                       context: Self.context(.customer, Self.rescheduleCutoff.addingTimeInterval(1)))
        }
    }

    @Test("staff are not bound by the timeframe")
    func staffIgnoreWindow() throws {
        let late = Self.context(.staff, Self.start.addingTimeInterval(-60))
        #expect(try ChangeRules.cancel(Self.booking(), reason: "sick", context: late) == .canceledByStaff)
        try ChangeRules.reschedule(Self.booking(), reason: nil, context: late)
        let never = ChangePolicy(cancel: .never, cancelReason: .notAsked, reschedule: .never, rescheduleReason: .notAsked)
        #expect(try ChangeRules.cancel(Self.booking(policy: never), reason: nil, context: late) == .canceledByStaff)
        try ChangeRules.reschedule(Self.booking(policy: never), reason: nil, context: late)
    }

    @Test("never refuses the customer however early")
    func never() {
        let never = ChangePolicy(cancel: .never, cancelReason: .notAsked, reschedule: .never, rescheduleReason: .notAsked)
        let early = Self.context(.customer, Self.start.addingTimeInterval(-30 * 86_400))
        #expect(throws: Refusal.self) { try ChangeRules.cancel(Self.booking(policy: never), reason: "x", context: early) }
        #expect(throws: Refusal.self) { try ChangeRules.reschedule(Self.booking(policy: never), reason: "x", context: early) }
    }

    @Test("any time: allowed until the meeting starts")
    func anyTime() throws {
        let lenient = ChangePolicy.lenient
        let justBefore = Self.context(.customer, Self.start.addingTimeInterval(-1))
        #expect(try ChangeRules.cancel(Self.booking(policy: lenient), reason: nil, context: justBefore) == .canceledByCustomer)
        let started = Self.context(.customer, Self.start)
        #expect(throws: Refusal.self) { try ChangeRules.cancel(Self.booking(policy: lenient), reason: nil, context: started) }
        #expect(throws: Refusal.self) { try ChangeRules.reschedule(Self.booking(policy: lenient), reason: nil, context: started) }
    }

    @Test("a mandatory reason must be given and not blank")
    func mandatoryReason() throws {
        let early = Self.context(.customer, Self.start.addingTimeInterval(-3 * 86_400))
        for reason in [nil, "", "   ", " \n\t "] as [String?] {
            #expect(throws: Refusal.self) { try ChangeRules.cancel(Self.booking(), reason: reason, context: early) }
        }
        #expect(try ChangeRules.cancel(Self.booking(), reason: "I have a conflict", context: early) == .canceledByCustomer)
        // Optional reason for reschedule: none needed.
        try ChangeRules.reschedule(Self.booking(), reason: nil, context: early)
        let mandatoryReschedule = ChangePolicy(cancel: .anyTime, cancelReason: .notAsked,
                                               reschedule: .anyTime, rescheduleReason: .mandatory)
        #expect(throws: Refusal.self) { try ChangeRules.reschedule(Self.booking(policy: mandatoryReschedule), reason: " ", context: early) }
        try ChangeRules.reschedule(Self.booking(policy: mandatoryReschedule), reason: "moved", context: early)
    }

    @Test("an invalidated one-time link closes rescheduling for everybody, not cancelling", arguments: [Actor.customer, .staff])
    func invalidatedLink(actor: Actor) throws {
        let booking = Fixtures.booking(slugUsed: nil, start: Self.start, linkKind: .oneTime, linkID: "ot-abc234",
                                       policy: .lenient)
        let context = Self.context(actor, Self.start.addingTimeInterval(-3 * 86_400), invalidated: true)
        #expect(refusalMessage { () throws(Refusal) in try ChangeRules.reschedule(booking, reason: "x", context: context) }
            == Refusal.Reason.rescheduleClosedStatic.sentence)
        #expect(try ChangeRules.cancel(booking, reason: nil, context: context)
            == (actor == .staff ? .canceledByStaff : .canceledByCustomer))
    }

    @Test("a former page link refuses the customer but not staff")
    func formerLink() throws {
        let booking = Self.booking(policy: .lenient, slugUsed: "dana-old")
        let early = Self.start.addingTimeInterval(-3 * 86_400)
        let customer = Self.context(.customer, early, currentSlug: "dana")
        #expect(refusalMessage { () throws(Refusal) in try ChangeRules.cancel(booking, reason: "x", context: customer) }
            == Refusal.Reason.formerLink.sentence)
        #expect(refusalMessage { () throws(Refusal) in try ChangeRules.reschedule(booking, reason: "x", context: customer) }
            == Refusal.Reason.formerLink.sentence)
        let staff = Self.context(.staff, early, currentSlug: "dana")
        #expect(try ChangeRules.cancel(booking, reason: "x", context: staff) == .canceledByStaff)
        try ChangeRules.reschedule(booking, reason: "x", context: staff)
    }

    @Test("the same slug in another case is not a former link; one-time bookings have no slug")
    func notFormerLink() throws {
        let early = Self.start.addingTimeInterval(-3 * 86_400)
        let sameSlug = Self.booking(policy: .lenient, slugUsed: "Dana")
        #expect(try ChangeRules.cancel(sameSlug, reason: nil, context: Self.context(.customer, early, currentSlug: "dana"))
            == .canceledByCustomer)
        let oneTime = Fixtures.booking(slugUsed: nil, start: Self.start, linkKind: .oneTime, linkID: "ot-abc234", policy: .lenient)
        try ChangeRules.reschedule(oneTime, reason: nil, context: Self.context(.customer, early, currentSlug: "dana-new"))
    }

    @Test("a booking that is no longer live can't be canceled or rescheduled",
          arguments: [BookingStatus.canceledByCustomer, .canceledByStaff, .completed, .noShow])
    func notLive(status: BookingStatus) {
        let booking = Self.booking(policy: .lenient, status: status)
        for actor in [Actor.customer, .staff] {
            let context = Self.context(actor, Self.start.addingTimeInterval(-3 * 86_400))
            #expect(throws: Refusal.self) { try ChangeRules.cancel(booking, reason: "x", context: context) }
            #expect(throws: Refusal.self) { try ChangeRules.reschedule(booking, reason: "x", context: context) }
        }
    }

    @Test("a rescheduled booking can still be canceled")
    func rescheduledIsLive() throws {
        let booking = Self.booking(policy: .lenient, status: .rescheduled)
        #expect(try ChangeRules.cancel(booking, reason: nil, context: Self.context(.customer, Self.start.addingTimeInterval(-60)))
            == .canceledByCustomer)
    }
}

@Suite("Change window parsing")
struct ChangeWindowTests {
    @Test("accepted timeframes", arguments: [
        ("15m", ChangeWindow.upTo(minutes: 15)), ("90m", .upTo(minutes: 90)), ("2h", .upTo(minutes: 120)),
        ("1d", .upTo(minutes: 1440)), ("14d", .upTo(minutes: 20_160)), ("2w", .upTo(minutes: 20_160)),
        ("336h", .upTo(minutes: 20_160)), ("any", .anyTime), ("Any", .anyTime), ("never", .never), ("NEVER", .never),
    ])
    func accepted(text: String, window: ChangeWindow) throws {
        #expect(try ChangeWindow.parse(text) == window)
    }

    @Test("refused timeframes", arguments: ["14m", "0m", "-5m", "15d", "3w", "337h", "20161m", "", "m", "5", "5x", "soon",
                                           "99999999999999999999w"])
    func refused(text: String) {
        #expect(throws: Refusal.self) { try ChangeWindow.parse(text) }
    }

    @Test("summaries")
    func summaries() {
        #expect(ChangeWindow.upTo(minutes: 1440).summary == "up to 1 day before")
        #expect(ChangeWindow.upTo(minutes: 120).summary == "up to 2 hours before")
        #expect(ChangeWindow.upTo(minutes: 90).summary == "up to 90 minutes before")
        #expect(ChangeWindow.anyTime.summary == "any time before the meeting")
    }
}
