import Foundation
import Hummingbird

/// The site's pages as HTML responses: one layout, one embedded stylesheet, no framework.
enum Pages {
    static func html(_ status: HTTPResponse.Status = .ok, _ body: String, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func html(_ status: HTTPResponse.Status = .ok, buffer: ByteBuffer) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// The whole document around `main`.
    static func layout(title: String, script: Bool = false, _ main: Markup) -> String {
        var page = HTML()
        page.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        page.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.append("<title>\(title)</title><link rel=\"stylesheet\" href=\"/style.css\">")
        if script { page.append("<script src=\"/tz.js\" defer></script>") }
        page.append("</head><body><main id=\"main\">\(main)</main></body></html>\n")
        return page.output
    }

    static let notFoundBody: String = layout(title: "Link not valid", """
        <h1>This booking link is not valid</h1>
        <p>This booking link is not valid any more. Ask the sender for a new one.</p>
        <p>Already booked? The confirmation page has a link to change or cancel your booking.</p>
        """)

    /// The one 404: the same status, headers and body for every link that leads nowhere.
    static func notFound() -> Response { html(.notFound, notFoundBody) }

    static func tooManyRequests(retryAfter: Int) -> Response {
        html(.tooManyRequests, layout(title: "Too many tries", """
            <h1>Too many tries</h1><p>Too many links that lead nowhere were opened from here. Wait a minute and try again.</p>
            """), headers: [.retryAfter: String(retryAfter)])
    }

    static func tooManyBookings(retryAfter: Int) -> Response {
        let minutes = max(1, (retryAfter + 59) / 60)
        return html(.tooManyRequests, layout(title: "Too many bookings", """
            <h1>Too many bookings</h1><p>Too many bookings were made from here in the last hour. \
            Try again in \(minutes) minute\(minutes == 1 ? "" : "s"), or contact us.</p>
            """), headers: [.retryAfter: String(retryAfter)])
    }

    static func serverError() -> Response {
        html(.internalServerError, layout(title: "Something went wrong", """
            <h1>Something went wrong</h1><p>Something went wrong on our side. Please try again in a moment.</p>
            """))
    }

    /// Seconds a client is asked to wait when the store is unavailable (PostgreSQL restarting).
    static let unavailableRetryAfter = 2

    static func unavailable(retryAfter: Int) -> Response {
        html(.serviceUnavailable, layout(title: "Try again in a moment", """
            <h1>Try again in a moment</h1><p>The booking system is busy or restarting. Please send the form again in a few seconds: a booking already made is never made twice.</p>
            """), headers: [.retryAfter: String(retryAfter)])
    }

    static func message(status: HTTPResponse.Status, title: String, text: String) -> Response {
        html(status, layout(title: title, "<h1>\(title)</h1><p>\(text)</p>"))
    }

    static func crossSite() -> Response {
        message(status: .forbidden, title: "Form refused",
                text: "This form was sent from another site, so nothing was done. Open the booking link itself and try again.")
    }

    static let stylesheet = """
        :root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#555;--accent:#0b57d0;--line:#ccc;--free:#e8f0fe}
        @media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#16161a;--muted:#aaa;--accent:#8ab4f8;--line:#444;--free:#233}}
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
        main{max-width:44rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
        a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible
        {outline:3px solid var(--accent);outline-offset:2px}
        .muted{color:var(--muted)}.error{border-left:4px solid #c5221f;padding:.5rem .75rem;background:rgba(197,34,31,.08)}
        .ok{border-left:4px solid #188038;padding:.5rem .75rem;background:rgba(24,128,56,.08)}
        ul.choices{list-style:none;padding:0}ul.choices li{margin:.4rem 0}
        ul.choices a{display:block;padding:.6rem .8rem;border:1px solid var(--line);border-radius:.4rem;text-decoration:none}
        table.month{border-collapse:collapse;width:100%;table-layout:fixed}table.month th{font-weight:600;font-size:.85rem;padding:.25rem}
        table.month td{text-align:center;padding:.15rem}table.month td a,table.month td span{display:block;padding:.45rem 0;border-radius:.3rem}
        table.month td a{background:var(--free);font-weight:600;text-decoration:none}table.month td a[aria-current]{outline:2px solid var(--accent)}
        table.month td span{color:var(--muted)}nav.months{display:flex;justify-content:space-between;margin:.5rem 0}
        fieldset{border:1px solid var(--line);border-radius:.4rem;margin:1rem 0;padding:.5rem .75rem}
        .times{display:flex;flex-wrap:wrap;gap:.4rem}.times label{border:1px solid var(--line);border-radius:.3rem;padding:.35rem .6rem}
        label{display:block;margin:.5rem 0 .15rem}.times label{display:inline-block;margin:0}
        input[type=text],input[type=email],input[type=tel],textarea,select{width:100%;padding:.5rem;font:inherit;border:1px solid var(--line);border-radius:.3rem;background:var(--bg);color:var(--fg)}
        button{font:inherit;padding:.6rem 1.1rem;margin:.75rem 0;border:0;border-radius:.4rem;background:var(--accent);color:var(--bg);cursor:pointer}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
        """

    /// Fills the zone picker with the browser's zone and, when the address names none, reloads
    /// the page in it (the server renders the times; without JavaScript the page's zone stays).
    static let zoneScript = """
        (function(){try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(!z)return;
        if(/[?&]tz=/.test(location.search))return;
        var s=document.querySelector('select[name=tz]');if(!s||s.value===z)return;
        var h=location.href.split('#')[0];
        location.replace(h+(location.search?'&':'?')+'tz='+encodeURIComponent(z));}catch(e){}})();
        """
}
