import CLibical
import Foundation

/// libical, loaded with `dlopen` the first time a calendar is read (see Sources/CLibical/shim.h
/// for why the binaries do not link it). Each field is the libical function of the same name.
struct Libical: @unchecked Sendable {
    let icalerrorSetErrorsAreFatal: linkdesk_icalerror_set_errors_are_fatal_fn
    let icaltimezoneGetBuiltinTimezone: linkdesk_icaltimezone_get_builtin_timezone_fn
    let icaltimezoneGetUtcTimezone: linkdesk_icaltimezone_get_utc_timezone_fn
    let icalparserParseString: linkdesk_icalparser_parse_string_fn
    let icalcomponentFree: linkdesk_icalcomponent_free_fn
    let icalcomponentIsa: linkdesk_icalcomponent_isa_fn
    let icalcomponentGetFirstComponent: linkdesk_icalcomponent_get_first_component_fn
    let icalcomponentGetNextComponent: linkdesk_icalcomponent_get_next_component_fn
    let icalcomponentGetFirstProperty: linkdesk_icalcomponent_get_first_property_fn
    let icalcomponentGetNextProperty: linkdesk_icalcomponent_get_next_property_fn
    let icalcomponentGetDtstart: linkdesk_icalcomponent_get_dtstart_fn
    let icalcomponentGetUid: linkdesk_icalcomponent_get_uid_fn
    let icalcomponentGetStatus: linkdesk_icalcomponent_get_status_fn
    let icalpropertyGetTransp: linkdesk_icalproperty_get_transp_fn
    let icalpropertyGetDatetimeWithComponent: linkdesk_icalproperty_get_datetime_with_component_fn
    let icalpropertyGetDuration: linkdesk_icalproperty_get_duration_fn
    let icalpropertyGetRrule: linkdesk_icalproperty_get_rrule_fn
    let icalpropertyGetRdate: linkdesk_icalproperty_get_rdate_fn
    let icalpropertyGetFirstParameter: linkdesk_icalproperty_get_first_parameter_fn
    let icalparameterGetTzid: linkdesk_icalparameter_get_tzid_fn
    let icalcomponentGetTimezone: linkdesk_icalcomponent_get_timezone_fn
    let icalrecurIteratorNew: linkdesk_icalrecur_iterator_new_fn
    let icalrecurIteratorNext: linkdesk_icalrecur_iterator_next_fn
    let icalrecurIteratorFree: linkdesk_icalrecur_iterator_free_fn
    let icalrecurIteratorSetStart: linkdesk_icalrecur_iterator_set_start_fn
    let icaltimeAsTimetWithZone: linkdesk_icaltime_as_timet_with_zone_fn
    let icaltimeAsTimet: linkdesk_icaltime_as_timet_fn
    let icaltimeFromTimetWithZone: linkdesk_icaltime_from_timet_with_zone_fn
    let icaltimeAdjust: linkdesk_icaltime_adjust_fn
    let icaltimeIsNullTime: linkdesk_icaltime_is_null_time_fn
    let icaltimeIsUtc: linkdesk_icaltime_is_utc_fn
    let icaldurationtypeAsInt: linkdesk_icaldurationtype_as_int_fn

    /// libical, set up once (errors never abort the process), or why it could not be loaded.
    static let loaded: Result<Libical, CalendarFetchFailure> = load()

    private static func load() -> Result<Libical, CalendarFetchFailure> {
        let names = ["libical.so.3", "libical.so", "libical.3.dylib", "libical.dylib"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(CalendarFetchFailure("reading calendars needs libical (Debian: apt-get install libical3): \(reason)"))
        }
        func symbol<F>(_ name: String, _: F.Type) -> F? {
            dlsym(handle, name).map { unsafeBitCast($0, to: F.self) }
        }
        func missing(_ name: String) -> Result<Libical, CalendarFetchFailure> {
            .failure(CalendarFetchFailure("this libical lacks \(name)"))
        }
        guard let icalerrorSetErrorsAreFatal = symbol("icalerror_set_errors_are_fatal", linkdesk_icalerror_set_errors_are_fatal_fn.self) else { return missing("icalerror_set_errors_are_fatal") }
        guard let icaltimezoneGetBuiltinTimezone = symbol("icaltimezone_get_builtin_timezone", linkdesk_icaltimezone_get_builtin_timezone_fn.self) else { return missing("icaltimezone_get_builtin_timezone") }
        guard let icaltimezoneGetUtcTimezone = symbol("icaltimezone_get_utc_timezone", linkdesk_icaltimezone_get_utc_timezone_fn.self) else { return missing("icaltimezone_get_utc_timezone") }
        guard let icalparserParseString = symbol("icalparser_parse_string", linkdesk_icalparser_parse_string_fn.self) else { return missing("icalparser_parse_string") }
        guard let icalcomponentFree = symbol("icalcomponent_free", linkdesk_icalcomponent_free_fn.self) else { return missing("icalcomponent_free") }
        guard let icalcomponentIsa = symbol("icalcomponent_isa", linkdesk_icalcomponent_isa_fn.self) else { return missing("icalcomponent_isa") }
        guard let icalcomponentGetFirstComponent = symbol("icalcomponent_get_first_component", linkdesk_icalcomponent_get_first_component_fn.self) else { return missing("icalcomponent_get_first_component") }
        guard let icalcomponentGetNextComponent = symbol("icalcomponent_get_next_component", linkdesk_icalcomponent_get_next_component_fn.self) else { return missing("icalcomponent_get_next_component") }
        guard let icalcomponentGetFirstProperty = symbol("icalcomponent_get_first_property", linkdesk_icalcomponent_get_first_property_fn.self) else { return missing("icalcomponent_get_first_property") }
        guard let icalcomponentGetNextProperty = symbol("icalcomponent_get_next_property", linkdesk_icalcomponent_get_next_property_fn.self) else { return missing("icalcomponent_get_next_property") }
        guard let icalcomponentGetDtstart = symbol("icalcomponent_get_dtstart", linkdesk_icalcomponent_get_dtstart_fn.self) else { return missing("icalcomponent_get_dtstart") }
        guard let icalcomponentGetUid = symbol("icalcomponent_get_uid", linkdesk_icalcomponent_get_uid_fn.self) else { return missing("icalcomponent_get_uid") }
        guard let icalcomponentGetStatus = symbol("icalcomponent_get_status", linkdesk_icalcomponent_get_status_fn.self) else { return missing("icalcomponent_get_status") }
        guard let icalpropertyGetTransp = symbol("icalproperty_get_transp", linkdesk_icalproperty_get_transp_fn.self) else { return missing("icalproperty_get_transp") }
        guard let icalpropertyGetDatetimeWithComponent = symbol("icalproperty_get_datetime_with_component", linkdesk_icalproperty_get_datetime_with_component_fn.self) else { return missing("icalproperty_get_datetime_with_component") }
        guard let icalpropertyGetDuration = symbol("icalproperty_get_duration", linkdesk_icalproperty_get_duration_fn.self) else { return missing("icalproperty_get_duration") }
        guard let icalpropertyGetRrule = symbol("icalproperty_get_rrule", linkdesk_icalproperty_get_rrule_fn.self) else { return missing("icalproperty_get_rrule") }
        guard let icalpropertyGetRdate = symbol("icalproperty_get_rdate", linkdesk_icalproperty_get_rdate_fn.self) else { return missing("icalproperty_get_rdate") }
        guard let icalpropertyGetFirstParameter = symbol("icalproperty_get_first_parameter", linkdesk_icalproperty_get_first_parameter_fn.self) else { return missing("icalproperty_get_first_parameter") }
        guard let icalparameterGetTzid = symbol("icalparameter_get_tzid", linkdesk_icalparameter_get_tzid_fn.self) else { return missing("icalparameter_get_tzid") }
        guard let icalcomponentGetTimezone = symbol("icalcomponent_get_timezone", linkdesk_icalcomponent_get_timezone_fn.self) else { return missing("icalcomponent_get_timezone") }
        guard let icalrecurIteratorNew = symbol("icalrecur_iterator_new", linkdesk_icalrecur_iterator_new_fn.self) else { return missing("icalrecur_iterator_new") }
        guard let icalrecurIteratorNext = symbol("icalrecur_iterator_next", linkdesk_icalrecur_iterator_next_fn.self) else { return missing("icalrecur_iterator_next") }
        guard let icalrecurIteratorFree = symbol("icalrecur_iterator_free", linkdesk_icalrecur_iterator_free_fn.self) else { return missing("icalrecur_iterator_free") }
        guard let icalrecurIteratorSetStart = symbol("icalrecur_iterator_set_start", linkdesk_icalrecur_iterator_set_start_fn.self) else { return missing("icalrecur_iterator_set_start") }
        guard let icaltimeAsTimetWithZone = symbol("icaltime_as_timet_with_zone", linkdesk_icaltime_as_timet_with_zone_fn.self) else { return missing("icaltime_as_timet_with_zone") }
        guard let icaltimeAsTimet = symbol("icaltime_as_timet", linkdesk_icaltime_as_timet_fn.self) else { return missing("icaltime_as_timet") }
        guard let icaltimeFromTimetWithZone = symbol("icaltime_from_timet_with_zone", linkdesk_icaltime_from_timet_with_zone_fn.self) else { return missing("icaltime_from_timet_with_zone") }
        guard let icaltimeAdjust = symbol("icaltime_adjust", linkdesk_icaltime_adjust_fn.self) else { return missing("icaltime_adjust") }
        guard let icaltimeIsNullTime = symbol("icaltime_is_null_time", linkdesk_icaltime_is_null_time_fn.self) else { return missing("icaltime_is_null_time") }
        guard let icaltimeIsUtc = symbol("icaltime_is_utc", linkdesk_icaltime_is_utc_fn.self) else { return missing("icaltime_is_utc") }
        guard let icaldurationtypeAsInt = symbol("icaldurationtype_as_int", linkdesk_icaldurationtype_as_int_fn.self) else { return missing("icaldurationtype_as_int") }
        icalerrorSetErrorsAreFatal(0)
        return .success(Libical(icalerrorSetErrorsAreFatal: icalerrorSetErrorsAreFatal, icaltimezoneGetBuiltinTimezone: icaltimezoneGetBuiltinTimezone, icaltimezoneGetUtcTimezone: icaltimezoneGetUtcTimezone, icalparserParseString: icalparserParseString, icalcomponentFree: icalcomponentFree, icalcomponentIsa: icalcomponentIsa, icalcomponentGetFirstComponent: icalcomponentGetFirstComponent, icalcomponentGetNextComponent: icalcomponentGetNextComponent, icalcomponentGetFirstProperty: icalcomponentGetFirstProperty, icalcomponentGetNextProperty: icalcomponentGetNextProperty, icalcomponentGetDtstart: icalcomponentGetDtstart, icalcomponentGetUid: icalcomponentGetUid, icalcomponentGetStatus: icalcomponentGetStatus, icalpropertyGetTransp: icalpropertyGetTransp, icalpropertyGetDatetimeWithComponent: icalpropertyGetDatetimeWithComponent, icalpropertyGetDuration: icalpropertyGetDuration, icalpropertyGetRrule: icalpropertyGetRrule, icalpropertyGetRdate: icalpropertyGetRdate, icalpropertyGetFirstParameter: icalpropertyGetFirstParameter, icalparameterGetTzid: icalparameterGetTzid, icalcomponentGetTimezone: icalcomponentGetTimezone, icalrecurIteratorNew: icalrecurIteratorNew, icalrecurIteratorNext: icalrecurIteratorNext, icalrecurIteratorFree: icalrecurIteratorFree, icalrecurIteratorSetStart: icalrecurIteratorSetStart, icaltimeAsTimetWithZone: icaltimeAsTimetWithZone, icaltimeAsTimet: icaltimeAsTimet, icaltimeFromTimetWithZone: icaltimeFromTimetWithZone, icaltimeAdjust: icaltimeAdjust, icaltimeIsNullTime: icaltimeIsNullTime, icaltimeIsUtc: icaltimeIsUtc, icaldurationtypeAsInt: icaldurationtypeAsInt))
    }
}
