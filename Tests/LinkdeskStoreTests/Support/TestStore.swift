import Foundation
import LinkdeskCore
import LinkdeskStore

/// A store on its own temporary database file; `remove()` deletes the file and its -wal/-shm.
final class TestStore: @unchecked Sendable {
    let directory: URL
    let path: String
    let store: SQLiteStore

    init(_ workspace: Workspace = StoreFixture.workspace) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("linkdesk-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("test.sqlite").path
        store = try SQLiteStore(path: path, seed: { workspace })
    }

    /// Another store (its own connection) on the same file, as a second process would have.
    func secondConnection() throws -> SQLiteStore {
        try SQLiteStore(path: path, seed: nil)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Conveniences over the store

    /// A one-time link made through `LinkMaker`, read back from the URL it printed.
    @discardableResult
    func oneTime(_ slug: String = "salescall", uses: Int = 1, expiresAt: Date? = nil,
                 personalization: Personalization = Personalization(),
                 now: Date = StoreFixture.now) throws -> (url: String, link: Link, linkID: String) {
        let page = try store.workspace().resolvePage(slug)
        let maker = LinkMaker(store: store, base: .default, random: SystemRandomSource(), now: now)
        let made = try maker.make(page: page, personalization: personalization,
                                  oneTime: OneTimeOptions(uses: uses, expiresAt: expiresAt))
        let link = try LinkURL.read(made.url, base: .default)
        guard let id = made.oneTime?.linkID else { throw Refusal("LinkMaker returned no one-time link") }
        return (made.url, link, id)
    }

    /// Books as the customer holding `link`. The form carries a name and email unless told otherwise.
    @discardableResult
    func book(_ link: Link, event: String = "30-minute meeting", at start: Date,
              form: Personalization = StoreFixture.form, now: Date = StoreFixture.now) throws -> Booking {
        try store.book(CustomerBooking(link: link, eventName: event, start: start, form: form), now: now)
    }

    func link(_ id: String, now: Date = StoreFixture.now) throws -> OneTimeLink? {
        try store.oneTimeLinks(now: now).first { $0.linkID == id }
    }

    func allBookings() throws -> [Booking] {
        try store.bookings(BookingQuery())
    }

    func activityKinds() throws -> [ActivityEvent.Kind] {
        try store.activity(limit: 10_000).map(\.kind)
    }
}

/// Links as data.
enum Links {
    static func general(_ slug: String, name: String? = nil, email: String? = nil, showForm: Bool = false) -> Link {
        Link(target: .page(slug: slug), personalization: Personalization(name: name, email: email, showForm: showForm))
    }
}
