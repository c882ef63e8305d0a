import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// Headless Chromium through chromedriver (W3C WebDriver JSON over HTTP) against a real
/// `linkdesk-serve`. CI installs both (`.ci/run`); elsewhere the tests skip, saying so.
final class Browser: @unchecked Sendable {
    let driver = Process()
    let port = freePort()
    var session = ""
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    init() throws {
        driver.executableURL = URL(fileURLWithPath: try Tools.require("chromedriver", "chromium"))
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = Pipe()
        driver.standardError = Pipe()
        try driver.run()
        for _ in 0..<100 {
            if (try? RawHTTP.send(port: port, path: "/status", timeout: 2))?.status == 200 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let chromium = try Tools.require("chromium")
        let reply = try call("POST", "/session", [
            "capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": [
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1024,900"],
            ]]],
        ])
        session = try #require((reply["value"] as? [String: Any])?["sessionId"] as? String, "no session: \(reply)")
    }

    deinit {
        if !session.isEmpty { _ = try? call("DELETE", "/session/\(session)", nil) }
        // Not Process.waitUntilExit(): from a deinit on a concurrency thread it can hang.
        let pid = driver.processIdentifier
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    @discardableResult
    func call(_ method: String, _ path: String, _ body: [String: Any]?) throws -> [String: Any] {
        let text = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) } ?? ""
        let reply = try RawHTTP.send(port: port, method: method, path: path,
                                     headers: ["Content-Type": "application/json"], body: text, timeout: 60)
        let json = (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8))) as? [String: Any] ?? [:]
        if reply.status != 200 { throw RawHTTP.Failure(description: "WebDriver \(method) \(path): \(reply.status) \(reply.body.prefix(300))") }
        return json
    }

    func command(_ method: String, _ path: String, _ body: [String: Any]? = [:]) throws -> Any? {
        try call(method, "/session/\(session)" + path, method == "GET" ? nil : body)["value"]
    }

    func go(_ url: String) throws { _ = try command("POST", "/url", ["url": url]) }
    var title: String { get throws { try command("GET", "/title") as? String ?? "" } }
    var source: String { get throws { try command("GET", "/source") as? String ?? "" } }
    var url: String { get throws { try command("GET", "/url") as? String ?? "" } }

    func element(_ css: String) throws -> String {
        let value = try command("POST", "/element", ["using": "css selector", "value": css]) as? [String: Any]
        return try #require(value?[Self.elementKey] as? String, "no element \(css)")
    }

    func click(_ css: String) throws { _ = try command("POST", "/element/\(try element(css))/click") }
    func type(_ css: String, _ text: String) throws { _ = try command("POST", "/element/\(try element(css))/value", ["text": text]) }

    func script(_ source: String, _ args: [Any] = []) throws -> Any? {
        try command("POST", "/execute/sync", ["script": source, "args": args])
    }

    func asyncScript(_ source: String, _ args: [Any] = []) throws -> Any? {
        try command("POST", "/execute/async", ["script": source, "args": args])
    }

    /// Presses keys (WebDriver key codes: Tab \u{E004}, Enter \u{E007}, Space " ").
    func press(_ keys: String...) throws {
        var actions: [[String: Any]] = []
        for key in keys { actions += [["type": "keyDown", "value": key], ["type": "keyUp", "value": key]] }
        _ = try command("POST", "/actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
    }

    /// Tabs until the focused element matches `css` (at most 80 presses).
    func tab(to css: String) throws {
        for _ in 0..<80 {
            if try script("return document.activeElement && document.activeElement.matches(arguments[0])", [css]) as? Bool == true { return }
            try press("\u{E004}")
        }
        throw RawHTTP.Failure(description: "Tab never reached \(css)")
    }

    func waitFor(_ condition: () throws -> Bool) throws {
        for _ in 0..<100 {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw RawHTTP.Failure(description: "timed out waiting; at \(try url)")
    }
}

@Suite(.serialized, .tools("chromium", "chromedriver")) struct BrowserTests {
    /// `linkdesk link salescall --one-time --name … --email …` against the server's database.
    static func oneTimeLink(_ server: LiveServer) throws -> String {
        let finished = try Processes.run(try Products.path("linkdesk"),
                                         ["link", "salescall", "--one-time", "--name", "Ada Lovelace", "--email", "ada@example.com",
                                          "--db", server.db, "--base-url", server.base],
                                         environment: ["LINKDESK_NOW": "2026-12-07T12:00:00Z"])
        let url = finished.stdoutTrimmed
        try #require(finished.status == 0 && url.hasPrefix(server.base + "/."), "linkdesk link printed \(url)")
        return url
    }

    @Test func aCustomerBooksThroughAPersonalizedOneTimeLinkThenCancelsThroughTheManageLink() async throws {
        try await Self.aCustomerBooksThroughAPersonalizedOneTimeLinkThenCancelsThroughTheManageLink(.sqlite)
    }

    @Test(.postgres) func aCustomerBooksThroughAPersonalizedOneTimeLinkThenCancelsThroughTheManageLinkOnPostgres() async throws {
        try await Self.aCustomerBooksThroughAPersonalizedOneTimeLinkThenCancelsThroughTheManageLink(.postgres)
    }

    static func aCustomerBooksThroughAPersonalizedOneTimeLinkThenCancelsThroughTheManageLink(_ kind: RuntimeStore) async throws {
        let server = try LiveServer(kind)
        defer { server.remove() }
        let link = try Self.oneTimeLink(server)
        let browser = try Browser()
        try browser.go(link)
        try browser.click("ul.choices li:first-child a")  // 15-minute meeting
        try browser.waitFor { try browser.source.contains("name=\"slot\"") }
        try browser.click("input[name=slot]")
        #expect(try browser.source.contains("Booking for"))  // name and email came with the link
        try browser.click("form[method=post] button[type=submit]")
        try browser.waitFor { try browser.title == "You are booked" }
        #expect(try browser.url.contains("/manage/"))
        let ics = try browser.asyncScript("""
            var done = arguments[arguments.length - 1];
            fetch(document.querySelector('a[download]').href).then(function (r) { return r.text(); }).then(done);
            """) as? String
        #expect(ics?.hasPrefix("BEGIN:VCALENDAR\r\n") == true)
        #expect(ics?.contains("SUMMARY:15-minute meeting") == true)
        let manage = try browser.url
        try browser.go(link)
        #expect(try browser.title == "Link not valid")
        try browser.go(manage)
        try browser.click("a[href$='/cancel?tz=America%2FNew_York'], a[href*='/cancel?']")
        try browser.type("#reason", "Plans changed")
        try browser.click("form[method=post] button[type=submit]")
        try browser.waitFor { try browser.title == "Your booking is canceled" }
        let bookings = try await server.freshStore().bookings(BookingQuery())
        #expect(bookings.count == 1)
        #expect(bookings.first?.status == .canceledByCustomer)
        #expect(bookings.first?.customer.name == "Ada Lovelace")
    }

    @Test func theSameFlowWithTheKeyboardAlone() async throws {
        try await Self.theSameFlowWithTheKeyboardAlone(.sqlite)
    }

    @Test(.postgres) func theSameFlowWithTheKeyboardAloneOnPostgres() async throws {
        try await Self.theSameFlowWithTheKeyboardAlone(.postgres)
    }

    static func theSameFlowWithTheKeyboardAlone(_ kind: RuntimeStore) async throws {
        let server = try LiveServer(kind)
        defer { server.remove() }
        let link = try Self.oneTimeLink(server)
        let browser = try Browser()
        try browser.go(link)
        try browser.tab(to: "ul.choices li:first-child a")
        try browser.press("\u{E007}")
        try browser.waitFor { try browser.source.contains("name=\"slot\"") }
        try browser.tab(to: "input[name=slot]")
        try browser.press(" ")
        #expect(try browser.script("return document.querySelector('input[name=slot]:checked') !== null") as? Bool == true)
        try browser.tab(to: "form[method=post] button[type=submit]")
        try browser.press("\u{E007}")
        try browser.waitFor { try browser.title == "You are booked" }
        try browser.tab(to: "a[href*='/cancel?']")
        try browser.press("\u{E007}")
        try browser.waitFor { try browser.title == "Cancel this booking?" }
        try browser.tab(to: "#reason")
        _ = try browser.command("POST", "/actions", ["actions": [["type": "key", "id": "keyboard", "actions":
            "Busy".map { [["type": "keyDown", "value": String($0)], ["type": "keyUp", "value": String($0)]] }.flatMap { $0 }]]])
        try browser.tab(to: "form[method=post] button[type=submit]")
        try browser.press("\u{E007}")
        try browser.waitFor { try browser.title == "Your booking is canceled" }
        #expect(try await server.freshStore().bookings(BookingQuery()).first?.reason == "Busy")
        #expect(try await server.storedBookings() == 1)
    }

    /// About the page's script and the times it shows, not the store: SQLite alone.
    @Test func inTokyoTheTimesAreThePagesTimesShifted() async throws {
        let server = try LiveServer()
        defer { server.remove() }
        let browser = try Browser()
        _ = try browser.command("POST", "/goog/cdp/execute", ["cmd": "Emulation.setTimezoneOverride",
                                                               "params": ["timezoneId": "Asia/Tokyo"]])
        try browser.go(server.base + "/salescall555?event=1")
        // The script reloads the page in the browser's zone.
        try browser.waitFor { try browser.url.contains("tz=Asia%2FTokyo") }
        try browser.waitFor { try browser.source.contains("(Asia/Tokyo)") }
        // 09:00 in New York on Monday 7 December is 23:00 in Tokyo; the next day's 09:00 is 23:00 too.
        let label = try browser.script("""
            return document.querySelector('input[value="2026-12-07T14:00:00Z"]').parentElement.textContent.trim();
            """) as? String
        #expect(label == "23:00")
        #expect(try browser.source.contains("times free on Monday 7 December 2026 (Asia/Tokyo)"))
    }
}
