import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import LinkdeskCLI
import LinkdeskConsole
import LinkdeskCore
import LinkdeskService
import LinkdeskStore
import LinkdeskTerminal
import LinkdeskTestSupport
import LinkdeskWeb
import Testing

/// Issue 9 item 7: a booking made on the booking site shows in the open console at once, like
/// any other — Bookings, Activity (by the customer, "via the web") and Reports. The site is the
/// real router over its own store on the same file (as `linkdesk serve` is another process).
@Suite("A booking made on the web shows live in the console")
struct WebBookingLiveTests {
    typealias Setup = ConsoleOverStoreTests.Setup

    /// POSTs a booking form to the site, as a browser does, and returns the status.
    static func bookOnTheWeb(_ web: Linkdesk, name: String) async throws -> HTTPResponse.Status {
        let app = Application(router: buildRouter(linkdesk: web))
        let body = "event=1&slot=2026-11-24T15%3A00%3A00Z&name=\(name)&email=\(name.lowercased())%40example.com"
        return try await app.test(.router) { client in
            try await client.execute(uri: "/salescall555", method: .post, headers: [
                .contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "same-origin",
            ], body: ByteBuffer(string: body)) { $0.status }
        }
    }

    @Test("Bookings, then Activity (customer, via the web), then Reports (SQLite)")
    func bookingsActivityAndReports() async throws {
        try await Self.bookingsActivityAndReports(.sqlite)
    }

    @Test("Bookings, then Activity (customer, via the web), then Reports (PostgreSQL)", .postgres)
    func bookingsActivityAndReportsOnPostgres() async throws {
        try await Self.bookingsActivityAndReports(.postgres)
    }

    static func bookingsActivityAndReports(_ kind: RuntimeStore) async throws {
        let setup = try Setup(kind)
        defer { setup.remove() }
        let web = try setup.otherProcess()
        let posted = PostedStatus()
        let (program, backend) = try await setup.program(view: .bookings, script: [
            .waitFor(text: " Bookings"),
            .waitFor("no booking yet") { $0.contains { $0.contains("0 booking") || $0.contains("No booking") } },
            .run { Task { posted.set(try? await Self.bookOnTheWeb(web, name: "Grace")) } },
            .waitFor("Grace's web booking in Bookings") { $0.contains { $0.contains("Grace") && $0.contains("Scheduled") } },
            .key(.char("5")),
            .waitFor("the booking in the activity, by the customer, via the web") { lines in
                lines.contains { $0.contains("customer") && $0.contains("booking scheduled") && $0.contains("#1 Grace") }
                    && lines.contains { $0.contains("customer: #1 Grace") && $0.contains("via the web") }
            },
            .key(.char("6")),
            .waitFor("the booking counted in Reports") { lines in
                lines.contains { $0.contains("1 booking, all dates") } && lines.contains { $0.contains("Sales call") && $0.contains("100%") }
            },
            .key(.char("q")),
        ])
        _ = try await program.runOnThread()
        // The console sees the booking once it is committed; the site's answer may still be on
        // its way back to this test's client (a loaded machine): wait for it, up to 10 s.
        for _ in 0..<1_000 where posted.status == nil { try await Task.sleep(nanoseconds: 10_000_000) }
        #expect(posted.status == .seeOther, "the site answered \(String(describing: posted.status))")
        let screens = backend.frames.map { $0.lines().joined(separator: "\n") }
        #expect(screens.contains { $0.contains("via the web") }, "\(screens.last ?? "")")
    }
}

/// The status the site answered, set from the script's task.
final class PostedStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var value: HTTPResponse.Status?
    var status: HTTPResponse.Status? { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ status: HTTPResponse.Status?) { lock.lock(); value = status; lock.unlock() }
}
