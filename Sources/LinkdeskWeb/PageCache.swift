import Foundation
import NIOCore

/// Rendered link pages, by URL (path and query). A booking page is the same for every customer
/// who opens the same URL until something it shows changes — a page, a booking, the link's own
/// state (all in the store's change stamp) — or time removes a free time from it (its
/// `validUntil`), so a page is rendered once per change instead of once per request. Only pages
/// that come out the same for anyone are kept: GETs of links, never a POST's answer (which holds
/// what the customer typed) nor a manage page.
final class PageCache: @unchecked Sendable {
    /// The longest a page is kept without a change: what it shows of the calendar (today, this
    /// month) moves at midnight, at most this late.
    static let lifetime: TimeInterval = 60
    /// Pages kept at most (a one-time link's URL is a page of its own); beyond it, the cache starts over.
    static let capacity = 512

    private struct Entry {
        /// The page cut where its request key was: a hit joins the parts with a fresh key.
        var parts: [ByteBuffer]
        var stamp: String
        var from: Date
        var until: Date
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]  // guarded by `lock`

    /// The page kept for `key`, when it was rendered at `stamp` and `now` is inside its validity
    /// (a clock set back to before it was rendered does not get it either).
    func page(_ key: String, stamp: String, at now: Date, requestKey: () -> String) -> ByteBuffer? {
        lock.lock()
        let hit = entries[key]
        lock.unlock()
        guard let entry = hit, entry.stamp == stamp, entry.from <= now, now < entry.until else { return nil }
        guard entry.parts.count > 1 else { return entry.parts.first }
        let fresh = requestKey()
        var page = ByteBuffer()
        page.reserveCapacity(entry.parts.reduce(0) { $0 + $1.readableBytes } + fresh.utf8.count * (entry.parts.count - 1))
        for (index, part) in entry.parts.enumerated() {
            if index > 0 { page.writeString(fresh) }
            page.writeImmutableBuffer(part)
        }
        return page
    }

    /// Keeps `html`, cut at `requestKey` (a random key: it occurs only where the form put it).
    func store(_ html: String, requestKey: String, for key: String, stamp: String, from: Date, until: Date) {
        guard until > from else { return }
        let parts = html.components(separatedBy: requestKey).map { ByteBuffer(string: $0) }
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= Self.capacity, entries[key] == nil {
            entries.removeAll(keepingCapacity: true)
        }
        entries[key] = Entry(parts: parts, stamp: stamp, from: from, until: until)
    }
}
