import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTestSupport
import Testing

/// The Bookings view's reads: pages of a list in start order, counts, and a search by customer
/// name or email substring whatever the characters typed (SPEC §2.4).
@Suite("bookings: paging, counting and search")
struct BookingQueryTests {
    typealias F = StoreFixture

    /// Customers whose names and emails hold what a search must take literally.
    static let customers: [(name: String, email: String)] = [
        ("Ann Marie Quinn", "amq@example.com"),
        ("Bob \"The Builder\" Stone", "bob@builders.example"),
        ("Zoë 100% Real", "zoe@example.org"),
        ("Dana_Underscore", "dana_u@example.com"),
        ("Li", "li@x.cn"),
        ("Sam Back\\slash", "sam@example.net"),
        ("O'Hara", "ohara@example.com"),
    ] + (0..<18).map { ("Customer \(String(format: "%02d", $0))", "c\(String(format: "%02d", $0))@example.com") }

    /// 25 bookings from Tuesday to Friday, on the hour, in the order of `customers`;
    /// every fifth one canceled. Written through the store, as the rules would.
    static func seeded(_ kind: StoreKind) async throws -> (TestStore, [Booking]) {
        let t = try await TestStore(kind)
        var made: [Booking] = []
        for (i, customer) in customers.enumerated() {
            let start = F.ny(day: 24 + i / 8, 9 + i % 8)
            made.append(try await t.store.insertBooking(NewBooking(
                booking: F.draft(customer.name, customer.email, at: start, status: i % 5 == 4 ? .canceledByStaff : .scheduled),
                consumes: nil, requiresSlug: nil, events: { _ in [] })))
        }
        return (t, made)
    }

    /// What a search must find: ASCII case-insensitive substring of the name or the email.
    static func matching(_ search: String, in bookings: [Booking]) -> [Booking] {
        bookings.filter { $0.customer.name.lowercased().contains(search.lowercased())
            || $0.customer.email.lowercased().contains(search.lowercased()) }
    }

    @Test("pages of a list (offset, limit) put together are the whole list, in start order (SQLite)")
    func paging() async throws { try await paging(kind: .sqlite) }

    @Test("pages of a list (offset, limit) put together are the whole list, in start order (PostgreSQL)", .postgres)
    func pagingOnPostgres() async throws { try await paging(kind: .postgres) }

    @Test("pages of a list (offset, limit) put together are the whole list, in start order (in memory)")
    func pagingInMemory() async throws { try await paging(kind: .memory) }

    func paging(kind: StoreKind) async throws {
        let (t, made) = try await Self.seeded(kind)
        defer { t.remove() }
        let desk = t.linkdesk()
        let all = try await desk.bookings(BookingQuery())
        #expect(all == made, "every booking, as stored, in start order")
        #expect(all.map(\.start) == all.map(\.start).sorted())
        #expect(Set(all.map(\.id)).count == 25, "each its own id")

        var pages: [Booking] = []
        for offset in stride(from: 0, to: 30, by: 10) {
            let page = try await desk.bookings(BookingQuery(limit: 10, offset: offset))
            #expect(page.count == min(10, max(0, 25 - offset)), "offset \(offset)")
            pages += page
        }
        #expect(pages == all)
        #expect(try await desk.bookings(BookingQuery(limit: 7, offset: 3)) == Array(all[3..<10]))
        #expect(try await desk.bookings(BookingQuery(limit: 10, offset: 25)).isEmpty)
        #expect(try await desk.bookings(BookingQuery(limit: 10, offset: 1_000)).isEmpty)
        #expect(try await desk.bookings(BookingQuery(limit: 0)).isEmpty)

        // Counting stops at the limit.
        #expect(try await desk.countBookings(BookingQuery()) == 25)
        #expect(try await desk.countBookings(BookingQuery(limit: 5)) == 5)
        #expect(try await desk.countBookings(BookingQuery(limit: 100)) == 25)
    }

    @Test("the other filters: live only, a time range, a team member, all but one (SQLite)")
    func filters() async throws { try await filters(kind: .sqlite) }

    @Test("the other filters: live only, a time range, a team member, all but one (PostgreSQL)", .postgres)
    func filtersOnPostgres() async throws { try await filters(kind: .postgres) }

    @Test("the other filters: live only, a time range, a team member, all but one (in memory)")
    func filtersInMemory() async throws { try await filters(kind: .memory) }

    func filters(kind: StoreKind) async throws {
        let (t, made) = try await Self.seeded(kind)
        defer { t.remove() }
        let store = t.store
        let live = made.filter(\.status.isLive)
        #expect(live.count == 20)
        #expect(try await store.bookings(BookingQuery(liveOnly: true)) == live)
        #expect(try await store.countBookings(BookingQuery(liveOnly: true)) == 20)
        let wednesday = (F.ny(day: 25, 0), F.ny(day: 26, 0))
        let onWednesday = made.filter { $0.start >= wednesday.0 && $0.start < wednesday.1 }
        #expect(onWednesday.count == 8)
        #expect(try await store.bookings(BookingQuery(startsFrom: wednesday.0, startsBefore: wednesday.1)) == onWednesday)
        // [from, before): a booking starting exactly at `before` is out, one at `from` is in.
        #expect(try await store.bookings(BookingQuery(startsFrom: made[8].start, startsBefore: made[9].start)) == [made[8]])
        #expect(try await store.bookings(BookingQuery(teamMember: 10)).count == 25)
        #expect(try await store.bookings(BookingQuery(teamMember: 11)).isEmpty)
        #expect(try await store.bookings(BookingQuery(excluding: made[3].id)) == made.filter { $0.id != made[3].id })
        let liveWednesdayCustomers = BookingQuery(search: "customer", liveOnly: true, startsFrom: wednesday.0,
                                              startsBefore: wednesday.1)
        #expect(try await store.bookings(liveWednesdayCustomers)
                    == onWednesday.filter { $0.status.isLive && $0.customer.name.hasPrefix("Customer") })
    }

    @Test("busy times: the times of exactly the bookings the same query lists, in its order (SQLite)")
    func busyTimes() async throws { try await busyTimes(kind: .sqlite) }

    @Test("busy times: the times of exactly the bookings the same query lists, in its order (PostgreSQL)", .postgres)
    func busyTimesOnPostgres() async throws { try await busyTimes(kind: .postgres) }

    @Test("busy times: the times of exactly the bookings the same query lists, in its order (in memory)")
    func busyTimesInMemory() async throws { try await busyTimes(kind: .memory) }

    func busyTimes(kind: StoreKind) async throws {
        let (t, made) = try await Self.seeded(kind)
        defer { t.remove() }
        let wednesday = (F.ny(day: 25, 0), F.ny(day: 26, 0))
        for query in [BookingQuery(), BookingQuery(liveOnly: true), BookingQuery(limit: 4, offset: 2),
                      BookingQuery(liveOnly: true, startsFrom: wednesday.0, startsBefore: wednesday.1, excluding: made[9].id),
                      BookingQuery(teamMember: 11)] {
            let expected = try await t.store.bookings(query).map(BusyTime.init)
            #expect(try await t.store.busyTimes(query) == expected, "\(query)")
        }
        #expect(try await t.store.busyTimes(BookingQuery(liveOnly: true)).count == 20)
    }

    @Test("search by name or email substring, any case, 1 character or more; quotes, %, _ and \\ are literal (SQLite)")
    func search() async throws { try await search(kind: .sqlite) }

    @Test("search by name or email substring, any case, 1 character or more; quotes, %, _ and \\ are literal (PostgreSQL)", .postgres)
    func searchOnPostgres() async throws { try await search(kind: .postgres) }

    @Test("search by name or email substring, any case, 1 character or more; quotes, %, _ and \\ are literal (in memory)")
    func searchInMemory() async throws { try await search(kind: .memory) }

    func search(kind: StoreKind) async throws {
        let (t, made) = try await Self.seeded(kind)
        defer { t.remove() }
        let desk = t.linkdesk()
        // (search, how many it must find): the counts keep the reference filter honest.
        let cases: [(String, Int)] = [
            ("quinn", 1), ("QUINN", 1), ("Marie Q", 1),         // name, any case, across a space
            ("builders.example", 1), ("@example.org", 1),       // email
            ("example.com", 21),                                // many
            ("q", 1), ("Q", 1), ("Li", 1), ("x.", 1), ("c0", 10), ("zz", 0), ("Z", 1), ("e", 24),  // 1–2 characters
            ("\"", 1), ("\"The", 1), ("\"The Builder\"", 1), ("r\" S", 1),  // quotes
            ("%", 1), ("0%", 1), ("100% R", 1),                 // percent: never "anything"
            ("_", 1), ("a_u", 1), ("_u@", 1),                   // underscore: never "any character"
            ("\\", 1), ("k\\s", 1),                             // backslash
            ("'", 1), ("O'Hara", 1),                            // apostrophe
            ("\"\"", 0), ("%%", 0), ("*", 0), ("NEAR", 0), ("OR", 2), ("a OR b", 0),  // no query syntax
            ("nobody", 0),
        ]
        for (search, expected) in cases {
            let want = Self.matching(search, in: made)
            #expect(want.count == expected, "reference for \(search)")
            let got = try await desk.bookings(BookingQuery(search: search))
            #expect(got == want, "search \(search)")
            #expect(try await desk.countBookings(BookingQuery(search: search)) == expected, "count for \(search)")
        }
        // Non-ASCII as typed.
        #expect(try await desk.bookings(BookingQuery(search: "Zoë")).map(\.customer.name) == ["Zoë 100% Real"])
        #expect(try await desk.bookings(BookingQuery(search: "ë")).map(\.customer.name) == ["Zoë 100% Real"])
        #expect(try await desk.bookings(BookingQuery(search: "ZOË")).map(\.customer.name) == ["Zoë 100% Real"])
        // Any case, whatever the length (a 1–2 character search can't use a trigram index).
        #expect(try await desk.bookings(BookingQuery(search: "Ë")).map(\.customer.name) == ["Zoë 100% Real"])
        // An empty search filters nothing.
        #expect(try await desk.bookings(BookingQuery(search: "")) == made)
    }

    @Test("a search pages and counts like any list; a match cap only ever leaves matches out (SQLite)")
    func searchPagingAndCap() async throws { try await searchPagingAndCap(kind: .sqlite) }

    @Test("a search pages and counts like any list; a match cap only ever leaves matches out (PostgreSQL)", .postgres)
    func searchPagingAndCapOnPostgres() async throws { try await searchPagingAndCap(kind: .postgres) }

    @Test("a search pages and counts like any list; a match cap only ever leaves matches out (in memory)")
    func searchPagingAndCapInMemory() async throws { try await searchPagingAndCap(kind: .memory) }

    func searchPagingAndCap(kind: StoreKind) async throws {
        let (t, made) = try await Self.seeded(kind)
        defer { t.remove() }
        let store = t.store
        let matches = Self.matching("example.com", in: made)
        #expect(matches.count == 21)
        #expect(try await store.bookings(BookingQuery(limit: 5, offset: 5, search: "example.com")) == Array(matches[5..<10]))
        #expect(try await store.bookings(BookingQuery(limit: 5, offset: 18, search: "example.com")) == Array(matches[18...]))
        #expect(try await store.countBookings(BookingQuery(limit: 8, search: "example.com")) == 8)
        #expect(try await store.bookings(BookingQuery(limit: 3, search: "c0")) == Array(Self.matching("c0", in: made).prefix(3)))
        for search in ["example.com", "c0", "Li"] {
            let all = Self.matching(search, in: made)
            for cap in [1, 3, 100] {
                let capped = try await store.bookings(BookingQuery(search: search, matchCap: cap))
                #expect(capped.allSatisfy(all.contains), "\(search), cap \(cap): only matches")
                #expect(capped == all.filter(capped.contains), "\(search), cap \(cap): in list order")
                #expect(capped.count >= min(cap, all.count), "\(search), cap \(cap): at least the cap")
            }
        }
    }
}
