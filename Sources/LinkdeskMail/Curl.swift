import CCurl
import Foundation

/// libcurl, loaded with `dlopen` the first time a message is sent (see Sources/CCurl/shim.h for
/// why the binaries do not link it). Each field is the libcurl function of the same name.
/// `package`: the calendars' HTTP client (LinkdeskCalendars) loads it the same way, once.
package struct Curl: @unchecked Sendable {
    package let easyInit: linkdesk_curl_easy_init_fn
    package let easyCleanup: linkdesk_curl_easy_cleanup_fn
    package let easyReset: linkdesk_curl_easy_reset_fn
    package let easyPerform: linkdesk_curl_easy_perform_fn
    package let easyStrerror: linkdesk_curl_easy_strerror_fn
    package let easySetopt: linkdesk_curl_easy_setopt_fn
    package let easyGetinfo: linkdesk_curl_easy_getinfo_fn
    package let slistAppend: linkdesk_curl_slist_append_fn
    package let slistFreeAll: linkdesk_curl_slist_free_all_fn

    /// libcurl, initialised once (curl_global_init is not thread-safe: a `static let` runs it
    /// exactly once), or why it could not be loaded.
    package static let loaded: Result<Curl, SMTPFailure> = load()

    private static func load() -> Result<Curl, SMTPFailure> {
        let names = ["libcurl.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(SMTPFailure(kind: .setUp, code: nil, reason: "sending email needs libcurl (Debian: apt-get install libcurl4): \(reason)"))
        }
        var missing: [String] = []
        func symbol<F>(_ name: String, _: F.Type) -> F? {
            guard let p = dlsym(handle, name) else { missing.append(name); return nil }
            return unsafeBitCast(p, to: F.self)
        }
        let globalInit = symbol("curl_global_init", linkdesk_curl_global_init_fn.self)
        let easyInit = symbol("curl_easy_init", linkdesk_curl_easy_init_fn.self)
        let easyCleanup = symbol("curl_easy_cleanup", linkdesk_curl_easy_cleanup_fn.self)
        let easyReset = symbol("curl_easy_reset", linkdesk_curl_easy_reset_fn.self)
        let easyPerform = symbol("curl_easy_perform", linkdesk_curl_easy_perform_fn.self)
        let easyStrerror = symbol("curl_easy_strerror", linkdesk_curl_easy_strerror_fn.self)
        let easySetopt = symbol("curl_easy_setopt", linkdesk_curl_easy_setopt_fn.self)
        let easyGetinfo = symbol("curl_easy_getinfo", linkdesk_curl_easy_getinfo_fn.self)
        let slistAppend = symbol("curl_slist_append", linkdesk_curl_slist_append_fn.self)
        let slistFreeAll = symbol("curl_slist_free_all", linkdesk_curl_slist_free_all_fn.self)
        guard let globalInit, let easyInit, let easyCleanup, let easyReset, let easyPerform, let easyStrerror, let easySetopt,
              let easyGetinfo, let slistAppend, let slistFreeAll else {
            return .failure(SMTPFailure(kind: .setUp, code: nil, reason: "this libcurl lacks \(missing.joined(separator: ", "))"))
        }
        guard globalInit(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK else {
            return .failure(SMTPFailure(kind: .setUp, code: nil, reason: "libcurl could not be initialised"))
        }
        return .success(Curl(easyInit: easyInit, easyCleanup: easyCleanup, easyReset: easyReset, easyPerform: easyPerform, easyStrerror: easyStrerror,
                             easySetopt: easySetopt, easyGetinfo: easyGetinfo, slistAppend: slistAppend,
                             slistFreeAll: slistFreeAll))
    }
}
