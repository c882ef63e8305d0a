extension CalendarCases {
    /// Recurrence rules and their exceptions.
    static let recurrences: [(name: String, ics: String)] = [
        ("02_weekly_ny", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.newYork)
        BEGIN:VEVENT
        UID:weekly-ny@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Weekly 09:00 New York
        DTSTART;TZID=America/New_York:20260915T090000
        DTEND;TZID=America/New_York:20260915T100000
        RRULE:FREQ=WEEKLY;BYDAY=TU
        EXDATE;TZID=America/New_York:20261020T090000
        EXDATE;TZID=America/New_York:20261222T090000,20261229T090000
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly-ny@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Weekly 09:00 New York (moved)
        RECURRENCE-ID;TZID=America/New_York:20261103T090000
        DTSTART;TZID=America/New_York:20261104T140000
        DTEND;TZID=America/New_York:20261104T150000
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly-ny@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Weekly 09:00 New York (cancelled instance)
        RECURRENCE-ID;TZID=America/New_York:20261201T090000
        DTSTART;TZID=America/New_York:20261201T090000
        DTEND;TZID=America/New_York:20261201T100000
        STATUS:CANCELLED
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly-ny@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Weekly 09:00 New York (RECURRENCE-ID given in UTC)
        RECURRENCE-ID:20261110T140000Z
        DTSTART;TZID=America/New_York:20261110T110000
        DTEND;TZID=America/New_York:20261110T113000
        END:VEVENT
        END:VCALENDAR
        """),
        ("08_daily_count", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.berlin)
        BEGIN:VEVENT
        UID:count@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Daily COUNT=5 across EU DST end
        DTSTART;TZID=Europe/Berlin:20261023T080000
        DTEND;TZID=Europe/Berlin:20261023T083000
        RRULE:FREQ=DAILY;COUNT=5
        END:VEVENT
        BEGIN:VEVENT
        UID:count-old@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Daily COUNT started before range (only part visible)
        DTSTART;TZID=Europe/Berlin:20260925T120000
        DTEND;TZID=Europe/Berlin:20260925T121500
        RRULE:FREQ=DAILY;COUNT=10
        END:VEVENT
        END:VCALENDAR
        """),
        ("09_daily_until", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.newYork)
        BEGIN:VEVENT
        UID:until@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Daily UNTIL across US DST end
        DTSTART;TZID=America/New_York:20261030T180000
        DTEND;TZID=America/New_York:20261030T190000
        RRULE:FREQ=DAILY;UNTIL=20261105T230000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:until-exact@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Daily UNTIL equal to the last instance
        DTSTART;TZID=America/New_York:20261201T070000
        DTEND;TZID=America/New_York:20261201T073000
        RRULE:FREQ=DAILY;UNTIL=20261204T120000Z
        END:VEVENT
        END:VCALENDAR
        """),
        ("10_duration", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.berlin)
        BEGIN:VEVENT
        UID:dur-1@test
        DTSTAMP:20260101T000000Z
        SUMMARY:DURATION instead of DTEND
        DTSTART;TZID=Europe/Berlin:20261105T140000
        DURATION:PT1H30M
        END:VEVENT
        BEGIN:VEVENT
        UID:dur-2@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Weekly with DURATION
        DTSTART;TZID=Europe/Berlin:20261106T090000
        DURATION:PT45M
        RRULE:FREQ=WEEKLY;COUNT=3
        END:VEVENT
        BEGIN:VEVENT
        UID:dur-3@test
        DTSTAMP:20260101T000000Z
        SUMMARY:All-day with DURATION P2D
        DTSTART;VALUE=DATE:20261116
        DURATION:P2D
        END:VEVENT
        BEGIN:VEVENT
        UID:dur-4@test
        DTSTAMP:20260101T000000Z
        SUMMARY:UTC with DURATION P1DT2H
        DTSTART:20261120T220000Z
        DURATION:P1DT2H
        END:VEVENT
        END:VCALENDAR
        """),
        ("13_rdate", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.berlin)
        BEGIN:VEVENT
        UID:rdate-1@test
        DTSTAMP:20260101T000000Z
        SUMMARY:RDATE list with TZID plus EXDATE on one RDATE
        DTSTART;TZID=Europe/Berlin:20261007T150000
        DTEND;TZID=Europe/Berlin:20261007T160000
        RDATE;TZID=Europe/Berlin:20261014T150000,20261104T170000,20261209T090000
        RDATE:20261215T120000Z
        EXDATE;TZID=Europe/Berlin:20261104T170000
        END:VEVENT
        BEGIN:VEVENT
        UID:rdate-2@test
        DTSTAMP:20260101T000000Z
        SUMMARY:RRULE plus extra RDATE
        DTSTART;TZID=Europe/Berlin:20261201T080000
        DTEND;TZID=Europe/Berlin:20261201T084500
        RRULE:FREQ=WEEKLY;COUNT=3
        RDATE;TZID=Europe/Berlin:20261203T180000
        END:VEVENT
        END:VCALENDAR
        """),
        ("14_override_moves", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.berlin)
        BEGIN:VEVENT
        UID:moves@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Weekly Friday 10:00 Berlin since September
        DTSTART;TZID=Europe/Berlin:20260904T100000
        DTEND;TZID=Europe/Berlin:20260904T110000
        RRULE:FREQ=WEEKLY;UNTIL=20261218T090000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:moves@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Instance from before the range moved into it
        RECURRENCE-ID;TZID=Europe/Berlin:20260925T100000
        DTSTART;TZID=Europe/Berlin:20261001T160000
        DTEND;TZID=Europe/Berlin:20261001T170000
        END:VEVENT
        BEGIN:VEVENT
        UID:moves@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Instance moved out of the range
        RECURRENCE-ID;TZID=Europe/Berlin:20261009T100000
        DTSTART;TZID=Europe/Berlin:20270301T100000
        DTEND;TZID=Europe/Berlin:20270301T110000
        END:VEVENT
        BEGIN:VEVENT
        UID:moves@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Instance made transparent
        RECURRENCE-ID;TZID=Europe/Berlin:20261016T100000
        DTSTART;TZID=Europe/Berlin:20261016T100000
        DTEND;TZID=Europe/Berlin:20261016T110000
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        UID:moves@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Instance made longer (after EU DST end)
        RECURRENCE-ID;TZID=Europe/Berlin:20261030T100000
        DTSTART;TZID=Europe/Berlin:20261030T090000
        DTEND;TZID=Europe/Berlin:20261030T123000
        END:VEVENT
        BEGIN:VEVENT
        UID:orphan@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Override without master (invited to one instance only)
        RECURRENCE-ID;TZID=Europe/Berlin:20261111T100000
        DTSTART;TZID=Europe/Berlin:20261111T100000
        DTEND;TZID=Europe/Berlin:20261111T110000
        END:VEVENT
        END:VCALENDAR
        """),
    ]
}
