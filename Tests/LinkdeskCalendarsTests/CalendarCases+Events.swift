extension CalendarCases {
    /// Single events, all-day, transparent and cancelled ones, and times in other zones.
    static let events: [(name: String, ics: String)] = [
        ("01_single_vtimezone", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VTIMEZONE
        TZID:Custom Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19810329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19961027T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:single-1@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Meeting (CEST)
        DTSTART;TZID=Custom Berlin:20261015T100000
        DTEND;TZID=Custom Berlin:20261015T110000
        END:VEVENT
        BEGIN:VEVENT
        UID:single-2@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Meeting (CET)
        DTSTART;TZID=Custom Berlin:20261210T150000
        DTEND;TZID=Custom Berlin:20261210T163000
        END:VEVENT
        BEGIN:VEVENT
        UID:single-3@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Before range
        DTSTART;TZID=Custom Berlin:20260901T100000
        DTEND;TZID=Custom Berlin:20260901T110000
        END:VEVENT
        BEGIN:VEVENT
        UID:single-4@test
        DTSTAMP:20260101T000000Z
        SUMMARY:UTC event
        DTSTART:20261111T111100Z
        DTEND:20261111T121100Z
        END:VEVENT
        END:VCALENDAR
        """),
        ("03_allday", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VEVENT
        UID:allday-1@test
        DTSTAMP:20260101T000000Z
        SUMMARY:One day, no DTEND
        DTSTART;VALUE=DATE:20261020
        END:VEVENT
        BEGIN:VEVENT
        UID:allday-3@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Three days
        DTSTART;VALUE=DATE:20261210
        DTEND;VALUE=DATE:20261213
        END:VEVENT
        BEGIN:VEVENT
        UID:allday-dst@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Two days across the EU DST end (49h)
        DTSTART;VALUE=DATE:20261024
        DTEND;VALUE=DATE:20261026
        END:VEVENT
        BEGIN:VEVENT
        UID:allday-yearly@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Yearly birthday since 2000
        DTSTART;VALUE=DATE:20001105
        DTEND;VALUE=DATE:20001106
        RRULE:FREQ=YEARLY
        END:VEVENT
        BEGIN:VEVENT
        UID:allday-weekly@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Weekly all-day Friday with a DATE EXDATE
        DTSTART;VALUE=DATE:20261002
        DTEND;VALUE=DATE:20261003
        RRULE:FREQ=WEEKLY;UNTIL=20261127
        EXDATE;VALUE=DATE:20261016
        END:VEVENT
        END:VCALENDAR
        """),
        ("04_transparent", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.berlin)
        BEGIN:VEVENT
        UID:transp-1@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Transparent
        DTSTART;TZID=Europe/Berlin:20261012T100000
        DTEND;TZID=Europe/Berlin:20261012T120000
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        UID:transp-2@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Transparent weekly
        DTSTART;TZID=Europe/Berlin:20261005T080000
        DTEND;TZID=Europe/Berlin:20261005T090000
        RRULE:FREQ=WEEKLY;COUNT=10
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        UID:transp-3@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Opaque control
        DTSTART;TZID=Europe/Berlin:20261013T100000
        DTEND;TZID=Europe/Berlin:20261013T120000
        TRANSP:OPAQUE
        END:VEVENT
        BEGIN:VEVENT
        UID:transp-4@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Transparent all-day
        DTSTART;VALUE=DATE:20261014
        TRANSP:TRANSPARENT
        END:VEVENT
        END:VCALENDAR
        """),
        ("05_cancelled", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.berlin)
        BEGIN:VEVENT
        UID:canc-1@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Cancelled
        DTSTART;TZID=Europe/Berlin:20261021T100000
        DTEND;TZID=Europe/Berlin:20261021T110000
        STATUS:CANCELLED
        END:VEVENT
        BEGIN:VEVENT
        UID:canc-2@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Cancelled series
        DTSTART;TZID=Europe/Berlin:20261001T070000
        DTEND;TZID=Europe/Berlin:20261001T073000
        RRULE:FREQ=DAILY;COUNT=20
        STATUS:CANCELLED
        END:VEVENT
        BEGIN:VEVENT
        UID:canc-3@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Confirmed control
        DTSTART;TZID=Europe/Berlin:20261022T100000
        DTEND;TZID=Europe/Berlin:20261022T110000
        STATUS:CONFIRMED
        END:VEVENT
        BEGIN:VEVENT
        UID:canc-4@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Tentative counts as busy here
        DTSTART;TZID=Europe/Berlin:20261023T100000
        DTEND;TZID=Europe/Berlin:20261023T110000
        STATUS:TENTATIVE
        END:VEVENT
        END:VCALENDAR
        """),
        ("06_tokyo", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VTIMEZONE
        TZID:Asia/Tokyo
        BEGIN:STANDARD
        TZOFFSETFROM:+0900
        TZOFFSETTO:+0900
        TZNAME:JST
        DTSTART:19700101T000000
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:tokyo-1@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Tokyo morning
        DTSTART;TZID=Asia/Tokyo:20261120T090000
        DTEND;TZID=Asia/Tokyo:20261120T100000
        END:VEVENT
        BEGIN:VEVENT
        UID:tokyo-2@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Tokyo new year
        DTSTART;TZID=Asia/Tokyo:20261231T233000
        DTEND;TZID=Asia/Tokyo:20270101T010000
        END:VEVENT
        BEGIN:VEVENT
        UID:tokyo-3@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Tokyo weekly Monday 08:00
        DTSTART;TZID=Asia/Tokyo:20261005T080000
        DTEND;TZID=Asia/Tokyo:20261005T083000
        RRULE:FREQ=WEEKLY;COUNT=6
        END:VEVENT
        END:VCALENDAR
        """),
        ("07_iana_no_vtimezone", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VEVENT
        UID:chicago@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Chicago weekly Thursday 16:00, no VTIMEZONE
        DTSTART;TZID=America/Chicago:20261022T160000
        DTEND;TZID=America/Chicago:20261022T170000
        RRULE:FREQ=WEEKLY;COUNT=4
        END:VEVENT
        BEGIN:VEVENT
        UID:london@test
        DTSTAMP:20260101T000000Z
        SUMMARY:London, no VTIMEZONE
        DTSTART;TZID=Europe/London:20261030T120000
        DTEND;TZID=Europe/London:20261030T130000
        END:VEVENT
        BEGIN:VEVENT
        UID:sydney@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Sydney, no VTIMEZONE, across AU DST start
        DTSTART;TZID=Australia/Sydney:20261001T090000
        DTEND;TZID=Australia/Sydney:20261001T100000
        RRULE:FREQ=DAILY;COUNT=7
        END:VEVENT
        END:VCALENDAR
        """),
    ]
}
