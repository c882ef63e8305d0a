import Foundation
@testable import LinkdeskCLI
import LinkdeskCore
import LinkdeskService
import LinkdeskShare
import LinkdeskStore
import LinkdeskTestSupport
import Testing

/// `linkdesk share`'s Copy & close over a real SQLite store: the pop-up holds page summaries,
/// and the link is made from the page as stored at that moment.
@Suite("Share pop-up: Copy & close reads its page")
struct ShareCommitTests {
    static let now = ISO8601.date("2026-11-23T14:00:00Z")!

    static func app(_ directory: URL) throws -> AppContext {
        let store = try SQLiteStore(path: directory.appendingPathComponent("db.sqlite").path, seed: { try DemoWorkspace.load() })
        return AppContext(linkdesk: Linkdesk(store: store, base: .default, time: FixedTime(now)), clipboard: .none)
    }

    @Test("a slug changed after the pop-up opened: the link and a campaign link use the new one; a removed page is refused")
    func pageAsStoredNow() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-share-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let app = try Self.app(directory)
        let pages = try await app.linkdesk.pageSummaries()
        let marketing = try PageLookup.resolve("marketing", in: pages)
        var state = ShareState(summaries: pages, selected: pages.firstIndex(of: marketing) ?? 0, base: app.base, token: "ABCDEFGHJKMNP")
        #expect(state.url == "http://localhost:8080/marketing")

        // Another process changes the page's link while the pop-up is open.
        let other = try Self.app(directory)
        _ = try await other.linkdesk.setSlug(page: marketing.id, to: "marketing-team")
        let runner = ShareRunner(app: app, theme: .light)
        guard case .copied(let committed) = await runner.perform(.copy(state)) else {
            Issue.record("Copy & close failed")
            return
        }
        #expect(committed.made.url == "http://localhost:8080/marketing-team")
        #expect(ShareRunner.url(committed, state: state) == "http://localhost:8080/marketing-team")
        state.campaign = .mailchimp
        #expect(ShareRunner.url(committed, state: state).hasPrefix("http://localhost:8080/marketing-team?"))

        // A page that is no longer there makes nothing.
        let gone = PageSummary(id: 999, kind: .booking, name: "Gone", slug: "gone", allowsOneTimeLinks: false)
        let orphan = ShareState(summaries: [gone], base: app.base, token: "ABCDEFGHJKMNP")
        guard case .copyFailed(let message) = await runner.perform(.copy(orphan)) else {
            Issue.record("a removed page was linked")
            return
        }
        #expect(message.contains("\"Gone\" is no longer a page"))
        #expect(try await app.linkdesk.activity(limit: 10).filter { $0.subject.contains("Gone") || $0.detail.contains("Gone") }.isEmpty)
    }
}
