#ifndef LINKDESK_CLIBICAL_SHIM_H
#define LINKDESK_CLIBICAL_SHIM_H
/* libical (Debian: libical-dev for the header, libical3 at run time), the iCalendar reference
   implementation: it parses the staff calendars (CalDAV answers, ICS feeds) and expands their
   recurrence rules (LinkdeskCalendars/ICalendarBusy.swift). Like libpq and libcurl the binaries
   do NOT link it: libical pulls in ICU (30 MB of libicudata), which every start of the CLI would
   load for calendars it reads only when syncing. LinkdeskCalendars loads it with dlopen on first
   use (Libical.swift) through the function-pointer types below, one per function it calls. */
#include <libical/ical.h>

typedef __typeof__(&icalerror_set_errors_are_fatal) linkdesk_icalerror_set_errors_are_fatal_fn;
typedef __typeof__(&icaltimezone_get_builtin_timezone) linkdesk_icaltimezone_get_builtin_timezone_fn;
typedef __typeof__(&icaltimezone_get_utc_timezone) linkdesk_icaltimezone_get_utc_timezone_fn;
typedef __typeof__(&icalparser_parse_string) linkdesk_icalparser_parse_string_fn;
typedef __typeof__(&icalcomponent_free) linkdesk_icalcomponent_free_fn;
typedef __typeof__(&icalcomponent_isa) linkdesk_icalcomponent_isa_fn;
typedef __typeof__(&icalcomponent_get_first_component) linkdesk_icalcomponent_get_first_component_fn;
typedef __typeof__(&icalcomponent_get_next_component) linkdesk_icalcomponent_get_next_component_fn;
typedef __typeof__(&icalcomponent_get_first_property) linkdesk_icalcomponent_get_first_property_fn;
typedef __typeof__(&icalcomponent_get_next_property) linkdesk_icalcomponent_get_next_property_fn;
typedef __typeof__(&icalcomponent_get_dtstart) linkdesk_icalcomponent_get_dtstart_fn;
typedef __typeof__(&icalcomponent_get_uid) linkdesk_icalcomponent_get_uid_fn;
typedef __typeof__(&icalcomponent_get_status) linkdesk_icalcomponent_get_status_fn;
typedef __typeof__(&icalproperty_get_transp) linkdesk_icalproperty_get_transp_fn;
typedef __typeof__(&icalproperty_get_datetime_with_component) linkdesk_icalproperty_get_datetime_with_component_fn;
typedef __typeof__(&icalproperty_get_duration) linkdesk_icalproperty_get_duration_fn;
typedef __typeof__(&icalproperty_get_rrule) linkdesk_icalproperty_get_rrule_fn;
typedef __typeof__(&icalproperty_get_rdate) linkdesk_icalproperty_get_rdate_fn;
typedef __typeof__(&icalproperty_get_first_parameter) linkdesk_icalproperty_get_first_parameter_fn;
typedef __typeof__(&icalparameter_get_tzid) linkdesk_icalparameter_get_tzid_fn;
typedef __typeof__(&icalcomponent_get_timezone) linkdesk_icalcomponent_get_timezone_fn;
typedef __typeof__(&icalrecur_iterator_new) linkdesk_icalrecur_iterator_new_fn;
typedef __typeof__(&icalrecur_iterator_next) linkdesk_icalrecur_iterator_next_fn;
typedef __typeof__(&icalrecur_iterator_free) linkdesk_icalrecur_iterator_free_fn;
typedef __typeof__(&icalrecur_iterator_set_start) linkdesk_icalrecur_iterator_set_start_fn;
typedef __typeof__(&icaltime_as_timet_with_zone) linkdesk_icaltime_as_timet_with_zone_fn;
typedef __typeof__(&icaltime_as_timet) linkdesk_icaltime_as_timet_fn;
typedef __typeof__(&icaltime_from_timet_with_zone) linkdesk_icaltime_from_timet_with_zone_fn;
typedef __typeof__(&icaltime_adjust) linkdesk_icaltime_adjust_fn;
typedef __typeof__(&icaltime_is_null_time) linkdesk_icaltime_is_null_time_fn;
typedef __typeof__(&icaltime_is_utc) linkdesk_icaltime_is_utc_fn;
typedef __typeof__(&icaldurationtype_as_int) linkdesk_icaldurationtype_as_int_fn;
#endif
