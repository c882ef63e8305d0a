/// The staff member's calendar the server tests put on Radicale and in a feed, one resource per
/// case the issue names: a single meeting, a weekly series with one occurrence moved and one
/// removed, an all-day event, a transparent and a cancelled event, and a series in another zone
/// across its clock change (London moves a fortnight after New York in 2027).
enum StaffEvents {
    static let newYork = """
        BEGIN:VTIMEZONE\r
        TZID:America/New_York\r
        BEGIN:DAYLIGHT\r
        TZOFFSETFROM:-0500\r
        TZOFFSETTO:-0400\r
        TZNAME:EDT\r
        DTSTART:20070311T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
        END:DAYLIGHT\r
        BEGIN:STANDARD\r
        TZOFFSETFROM:-0400\r
        TZOFFSETTO:-0500\r
        TZNAME:EST\r
        DTSTART:20071104T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
        END:STANDARD\r
        END:VTIMEZONE\r

        """

    static let london = """
        BEGIN:VTIMEZONE\r
        TZID:Europe/London\r
        BEGIN:DAYLIGHT\r
        TZOFFSETFROM:+0000\r
        TZOFFSETTO:+0100\r
        TZNAME:BST\r
        DTSTART:19810329T010000\r
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
        END:DAYLIGHT\r
        BEGIN:STANDARD\r
        TZOFFSETFROM:+0100\r
        TZOFFSETTO:+0000\r
        TZNAME:GMT\r
        DTSTART:19961027T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
        END:STANDARD\r
        END:VTIMEZONE\r

        """

    /// Every event in one VCALENDAR, as a feed publishes a calendar.
    static var feed: String {
        calendar(all.map { event in
            event.ics.components(separatedBy: "BEGIN:VEVENT").dropFirst().map { "BEGIN:VEVENT" + $0 }.joined()
                .replacingOccurrences(of: "END:VCALENDAR\r\n", with: "")
        }.joined(), zone: newYork + london)
    }

    static func calendar(_ body: String, zone: String = newYork) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//linkdesk tests//EN\r\n" + zone + body + "END:VCALENDAR\r\n"
    }

    static let all: [(name: String, ics: String)] = [
        ("single", calendar("""
            BEGIN:VEVENT\r
            UID:single@linkdesk.test\r
            DTSTAMP:20261101T000000Z\r
            SUMMARY:Dentist\r
            DTSTART;TZID=America/New_York:20261124T100000\r
            DTEND;TZID=America/New_York:20261124T110000\r
            END:VEVENT\r

            """)),
        ("weekly", calendar("""
            BEGIN:VEVENT\r
            UID:weekly@linkdesk.test\r
            DTSTAMP:20261101T000000Z\r
            SUMMARY:Team sync\r
            DTSTART;TZID=America/New_York:20261125T140000\r
            DTEND;TZID=America/New_York:20261125T150000\r
            RRULE:FREQ=WEEKLY;COUNT=8\r
            EXDATE;TZID=America/New_York:20261209T140000\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:weekly@linkdesk.test\r
            DTSTAMP:20261101T000000Z\r
            RECURRENCE-ID;TZID=America/New_York:20261202T140000\r
            SUMMARY:Team sync (moved)\r
            DTSTART;TZID=America/New_York:20261203T160000\r
            DTEND;TZID=America/New_York:20261203T170000\r
            END:VEVENT\r

            """)),
        ("allday", calendar("""
            BEGIN:VEVENT\r
            UID:allday@linkdesk.test\r
            DTSTAMP:20261101T000000Z\r
            SUMMARY:Day off\r
            DTSTART;VALUE=DATE:20261127\r
            DTEND;VALUE=DATE:20261128\r
            END:VEVENT\r

            """, zone: "")),
        ("transparent", calendar("""
            BEGIN:VEVENT\r
            UID:transparent@linkdesk.test\r
            DTSTAMP:20261101T000000Z\r
            SUMMARY:Working from home\r
            DTSTART;TZID=America/New_York:20261130T090000\r
            DTEND;TZID=America/New_York:20261130T170000\r
            TRANSP:TRANSPARENT\r
            END:VEVENT\r

            """)),
        ("cancelled", calendar("""
            BEGIN:VEVENT\r
            UID:cancelled@linkdesk.test\r
            DTSTAMP:20261101T000000Z\r
            SUMMARY:Workshop (called off)\r
            DTSTART;TZID=America/New_York:20261201T090000\r
            DTEND;TZID=America/New_York:20261201T120000\r
            STATUS:CANCELLED\r
            END:VEVENT\r

            """)),
        ("london", calendar("""
            BEGIN:VEVENT\r
            UID:london@linkdesk.test\r
            DTSTAMP:20261101T000000Z\r
            SUMMARY:Call with London\r
            DTSTART;TZID=Europe/London:20270304T150000\r
            DTEND;TZID=Europe/London:20270304T160000\r
            RRULE:FREQ=WEEKLY;COUNT=6\r
            END:VEVENT\r

            """, zone: london)),
    ]
}
