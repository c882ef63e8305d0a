extension CalendarCases {
    /// The ways servers and feeds write what a reader could get wrong: floating times, several
    /// calendars in one text, long events, the edges of the range read.
    static let edges: [(name: String, ics: String)] = [
        ("11_floating", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VEVENT
        UID:float-1@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Floating lunch (staff zone)
        DTSTART:20261010T120000
        DTEND:20261010T130000
        END:VEVENT
        BEGIN:VEVENT
        UID:float-2@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Floating daily across EU DST end
        DTSTART:20261024T093000
        DTEND:20261024T100000
        RRULE:FREQ=DAILY;COUNT=3
        END:VEVENT
        END:VCALENDAR
        """),
        ("12_multi_vcalendar", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.berlin)
        BEGIN:VEVENT
        UID:multi-1@test
        DTSTAMP:20260101T000000Z
        SUMMARY:First resource with a very long summary line that is folded acros
         s two lines
        DTSTART;TZID=Europe/Berlin:20261102T100000
        DTEND;TZID=Europe/Berlin:20261102T110000
        END:VEVENT
        END:VCALENDAR
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.newYork)
        BEGIN:VEVENT
        UID:multi-2@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Second resource, series with override in the same VCALENDAR
        DTSTART;TZID=America/New_York:20261101T100000
        DTEND;TZID=America/New_York:20261101T110000
        RRULE:FREQ=DAILY;COUNT=4
        END:VEVENT
        BEGIN:VEVENT
        UID:multi-2@test
        DTSTAMP:20260101T000000Z
        RECURRENCE-ID;TZID=America/New_York:20261102T100000
        DTSTART;TZID=America/New_York:20261102T120000
        DTEND;TZID=America/New_York:20261102T123000
        END:VEVENT
        END:VCALENDAR
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VEVENT
        UID:multi-3@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Third resource, all-day
        DTSTART;VALUE=DATE:20261225
        DTEND;VALUE=DATE:20261227
        END:VEVENT
        END:VCALENDAR
        """),
        ("15_long_running", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        \(CalendarZones.berlin)
        \(CalendarZones.newYork)
        BEGIN:VEVENT
        UID:lr-biweekly@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Every 2nd week Mon+Wed since 2015 (NY)
        DTSTART;TZID=America/New_York:20150105T083000
        DTEND;TZID=America/New_York:20150105T090000
        RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE
        END:VEVENT
        BEGIN:VEVENT
        UID:lr-lastfri@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Last Friday of the month since 2010
        DTSTART;TZID=Europe/Berlin:20100129T160000
        DTEND;TZID=Europe/Berlin:20100129T170000
        RRULE:FREQ=MONTHLY;BYDAY=-1FR
        END:VEVENT
        BEGIN:VEVENT
        UID:lr-31st@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Monthly on the 31st since 2012 (skips short months)
        DTSTART;TZID=Europe/Berlin:20120131T070000
        DTEND;TZID=Europe/Berlin:20120131T073000
        RRULE:FREQ=MONTHLY;BYMONTHDAY=31
        END:VEVENT
        BEGIN:VEVENT
        UID:lr-thanksgiving@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Thanksgiving all-day since 2005
        DTSTART;VALUE=DATE:20051124
        DTEND;VALUE=DATE:20051125
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH
        END:VEVENT
        BEGIN:VEVENT
        UID:lr-every3days@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Every 3 days since 2019
        DTSTART;TZID=Europe/Berlin:20190101T060000
        DTEND;TZID=Europe/Berlin:20190101T061500
        RRULE:FREQ=DAILY;INTERVAL=3
        END:VEVENT
        BEGIN:VEVENT
        UID:lr-lastworkday@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Last working day of the month since 2018
        DTSTART;TZID=Europe/Berlin:20180131T170000
        DTEND;TZID=Europe/Berlin:20180131T180000
        RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1
        END:VEVENT
        BEGIN:VEVENT
        UID:lr-every5h@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Every 5 hours since August (sub-daily interval)
        DTSTART:20260801T010000Z
        DTEND:20260801T011000Z
        RRULE:FREQ=HOURLY;INTERVAL=5
        END:VEVENT
        BEGIN:VEVENT
        UID:lr-quarterly@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Every 3 months on the 15th since 2011
        DTSTART;TZID=Europe/Berlin:20110215T100000
        DTEND;TZID=Europe/Berlin:20110215T110000
        RRULE:FREQ=MONTHLY;INTERVAL=3
        END:VEVENT
        BEGIN:VEVENT
        UID:lr-biyearly@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Every 2 years in December since 2008
        DTSTART;TZID=Europe/Berlin:20081203T100000
        DTEND;TZID=Europe/Berlin:20081203T110000
        RRULE:FREQ=YEARLY;INTERVAL=2
        END:VEVENT
        END:VCALENDAR
        """),
        ("16_boundaries", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VEVENT
        UID:zero@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Zero length (no DTEND, DATE-TIME) blocks nothing
        DTSTART:20261015T120000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:ends-at-from@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Ends exactly at range start
        DTSTART:20260930T230000Z
        DTEND:20261001T000000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:straddles-from@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Straddles range start
        DTSTART:20260930T230000Z
        DTEND:20261001T003000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:starts-at-to@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Starts exactly at range end
        DTSTART:20270201T000000Z
        DTEND:20270201T010000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:straddles-to@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Straddles range end
        DTSTART:20270131T230000Z
        DTEND:20270201T010000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:allday-straddles-from@test
        DTSTAMP:20260101T000000Z
        SUMMARY:All-day Oct 1 in Berlin starts Sep 30 22:00Z
        DTSTART;VALUE=DATE:20261001
        END:VEVENT
        END:VCALENDAR
        """),
        ("17_misc", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VEVENT
        UID:unsync@test
        DTSTAMP:20260101T000000Z
        SUMMARY:DTSTART (Mon) not matching RRULE (Tue): DTSTART still counts
        DTSTART:20261005T100000Z
        DTEND:20261005T110000Z
        RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2
        END:VEVENT
        BEGIN:VEVENT
        UID:utc-exdate@test
        DTSTAMP:20260101T000000Z
        SUMMARY:NY series with EXDATE given in UTC (Google style), no VTIMEZONE
        DTSTART;TZID=America/New_York:20261020T090000
        DTEND;TZID=America/New_York:20261020T093000
        RRULE:FREQ=WEEKLY;COUNT=4
        EXDATE:20261027T130000Z
        EXDATE:20261103T140000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:allday-series@test
        DTSTAMP:20260101T000000Z
        SUMMARY:All-day weekly series with a DATE RECURRENCE-ID override
        DTSTART;VALUE=DATE:20261201
        DTEND;VALUE=DATE:20261202
        RRULE:FREQ=WEEKLY;COUNT=4
        END:VEVENT
        BEGIN:VEVENT
        UID:allday-series@test
        DTSTAMP:20260101T000000Z
        SUMMARY:moved from Dec 8 to Dec 9-10
        RECURRENCE-ID;VALUE=DATE:20261208
        DTSTART;VALUE=DATE:20261209
        DTEND;VALUE=DATE:20261211
        END:VEVENT
        BEGIN:VEVENT
        UID:allday-series@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Dec 15 cancelled
        RECURRENCE-ID;VALUE=DATE:20261215
        DTSTART;VALUE=DATE:20261215
        STATUS:CANCELLED
        END:VEVENT
        BEGIN:VEVENT
        UID:monthly-count@test
        DTSTAMP:20260101T000000Z
        SUMMARY:Monthly 2nd Wednesday, 14:00 Tokyo, no VTIMEZONE
        DTSTART;TZID=Asia/Tokyo:20261014T140000
        DTEND;TZID=Asia/Tokyo:20261014T150000
        RRULE:FREQ=MONTHLY;BYDAY=2WE;COUNT=3
        END:VEVENT
        END:VCALENDAR
        """),
    ]
}
