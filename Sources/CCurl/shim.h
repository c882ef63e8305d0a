#ifndef LINKDESK_CCURL_SHIM_H
#define LINKDESK_CCURL_SHIM_H
/* libcurl (Debian: libcurl4-openssl-dev for the header, libcurl4 at run time), the SMTP client
   behind LinkdeskMail: STARTTLS, AUTH, TLS from the start, the most used SMTP client there is.
   Like libpq (Sources/CLibpq/shim.h), the binaries do NOT link it: libcurl pulls in OpenSSL,
   nghttp2, LDAP, Kerberos and more, whose loading every start of the CLI would pay for mail it
   rarely sends. LinkdeskMail loads it with dlopen on first use (Sources/LinkdeskMail/Curl.swift)
   through the function-pointer types below. curl_easy_setopt and curl_easy_getinfo are variadic,
   which Swift cannot call: the static inline helpers call them with one typed argument. */
#include <curl/curl.h>
typedef __typeof__(&curl_global_init) linkdesk_curl_global_init_fn;
typedef __typeof__(&curl_easy_init) linkdesk_curl_easy_init_fn;
typedef __typeof__(&curl_easy_cleanup) linkdesk_curl_easy_cleanup_fn;
typedef __typeof__(&curl_easy_reset) linkdesk_curl_easy_reset_fn;
typedef __typeof__(&curl_easy_perform) linkdesk_curl_easy_perform_fn;
typedef __typeof__(&curl_easy_strerror) linkdesk_curl_easy_strerror_fn;
typedef __typeof__(&curl_slist_append) linkdesk_curl_slist_append_fn;
typedef __typeof__(&curl_slist_free_all) linkdesk_curl_slist_free_all_fn;
typedef CURLcode (*linkdesk_curl_easy_setopt_fn)(CURL *, CURLoption, ...);
typedef CURLcode (*linkdesk_curl_easy_getinfo_fn)(CURL *, CURLINFO, ...);
typedef size_t (*linkdesk_curl_read_fn)(char *buffer, size_t size, size_t count, void *context);

static inline CURLcode linkdesk_curl_setopt_long(linkdesk_curl_easy_setopt_fn f, CURL *c, CURLoption o, long v) {
    return f(c, o, v);
}
static inline CURLcode linkdesk_curl_setopt_pointer(linkdesk_curl_easy_setopt_fn f, CURL *c, CURLoption o, void *v) {
    return f(c, o, v);
}
static inline CURLcode linkdesk_curl_setopt_string(linkdesk_curl_easy_setopt_fn f, CURL *c, CURLoption o, const char *v) {
    return f(c, o, v);
}
static inline CURLcode linkdesk_curl_setopt_read(linkdesk_curl_easy_setopt_fn f, CURL *c, linkdesk_curl_read_fn v) {
    return f(c, CURLOPT_READFUNCTION, v);
}
/* The body of an HTTP answer (calendars), handed over as it arrives. */
typedef size_t (*linkdesk_curl_write_fn)(char *data, size_t size, size_t count, void *context);
static inline CURLcode linkdesk_curl_setopt_write(linkdesk_curl_easy_setopt_fn f, CURL *c, linkdesk_curl_write_fn v) {
    return f(c, CURLOPT_WRITEFUNCTION, v);
}
static inline CURLcode linkdesk_curl_getinfo_long(linkdesk_curl_easy_getinfo_fn f, CURL *c, CURLINFO i, long *v) {
    return f(c, i, v);
}
/* The mail thread's own nice value (Linux keeps one per thread): Swift sees neither gettid nor
   SYS_gettid, so the call is made here. */
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
static inline int linkdesk_nice_this_thread(int niceness) {
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), niceness);
}
#endif
