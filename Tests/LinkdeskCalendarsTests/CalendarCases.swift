/// iCalendar texts the busy-time tests read: each one rule of `ICalendarBusy` (or a way servers
/// and feeds write them), compared with python3-recurring-ical-events.
enum CalendarCases {
    /// Every case, in the order of their numbers.
    static let all: [(name: String, ics: String)] = (events + recurrences + edges).sorted { $0.name < $1.name }
}
