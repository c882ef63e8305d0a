/// iCalendar texts the busy-time tests read: each one rule of `ICalendarBusy` (or a way servers
/// and feeds write them), compared with python3-recurring-ical-events.
enum CalendarCases {
    static let all: [(name: String, ics: String)] = [
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
        ("02_weekly_ny", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VTIMEZONE
        TZID:America/New_York
        BEGIN:DAYLIGHT
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        DTSTART:20070311T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        DTSTART:20071104T020000
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        END:STANDARD
        END:VTIMEZONE
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
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
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
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
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
        ("08_daily_count", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
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
        BEGIN:VTIMEZONE
        TZID:America/New_York
        BEGIN:DAYLIGHT
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        DTSTART:20070311T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        DTSTART:20071104T020000
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        END:STANDARD
        END:VTIMEZONE
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
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
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
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
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
        BEGIN:VTIMEZONE
        TZID:America/New_York
        BEGIN:DAYLIGHT
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        DTSTART:20070311T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        DTSTART:20071104T020000
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        END:STANDARD
        END:VTIMEZONE
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
        ("13_rdate", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
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
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
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
        ("15_long_running", """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//icalproto//test//EN
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
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
        BEGIN:VTIMEZONE
        TZID:America/New_York
        BEGIN:DAYLIGHT
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        DTSTART:20070311T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        DTSTART:20071104T020000
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        END:STANDARD
        END:VTIMEZONE
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
