import Foundation
import LinkdeskCore
import LinkdeskTestSupport
import Testing

/// A personalized link printed by `link` and followed by `book` keeps every character.
@Suite("link → book round trip through the command line")
struct RoundTripTests {
    @Test("personalized names survive exactly, with a note full of reserved characters",
          arguments: [("José Smythe", false), ("دانا", true), ("Zoë O'Brien-Łukasz 🌵 +1", false), ("José Smythe", true)])
    func roundTrip(name: String, oneTime: Bool) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let note = "a&b=c#d"
        let made = try ws.jsonObject(["link", "salescall"] + (oneTime ? ["--one-time"] : [])
            + ["--name", name, "--email", "jose+tag@example.com", "--param", "note=\(note)", "--json"])
        let url = try #require(made["url"] as? String)
        #expect(url.contains("note=a%26b%3Dc%23d"), "\(url)")
        #expect(url.contains("email=jose%2Btag@example.com"), "\(url)")
        #expect(!url.contains(" "))
        // The link reads back to exactly what was put in.
        let read = try LinkURL.read(url, base: .default)
        #expect(read.personalization.name.map { Array($0.unicodeScalars) } == Array(name.unicodeScalars))
        #expect(read.personalization.note == note)

        // slots accepts it (the # is not taken for a fragment) …
        let slots = try ws.jsonArray(["slots", url, "--event", Demo.thirty, "--days", "2", "--json"])
        #expect(!slots.isEmpty)
        // … and book takes name and email from the link: no form needed.
        let booked = try ws.jsonObject(["book", url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--json"])
        let customer = try #require(booked["customer"] as? [String: Any])
        let bookedName = try #require(customer["name"] as? String)
        #expect(Array(bookedName.unicodeScalars) == Array(name.unicodeScalars), "name changed: \(bookedName)")
        #expect(customer["email"] as? String == "jose+tag@example.com")
        #expect(booked["linkKind"] as? String == (oneTime ? "one-time" : "personalized"))
        let listed = try ws.bookings()
        let listedName = (listed.first?["customer"] as? [String: Any])?["name"] as? String
        #expect(listedName.map { Array($0.unicodeScalars) } == Array(name.unicodeScalars))
    }

    @Test("a hand-edited link: keys case-insensitive, unknown keys ignored, skip=0 shows the form prefilled (SQLite)")
    func handEdited() throws { try handEdited(store: .sqlite) }

    @Test("a hand-edited link: keys case-insensitive, unknown keys ignored, skip=0 shows the form prefilled (PostgreSQL)", .postgres)
    func handEditedOnPostgres() throws { try handEdited(store: .postgres) }

    func handEdited(store: RuntimeStore) throws {
        let ws = try CLIWorkspace(store)
        defer { ws.remove() }
        try ws.ok(["pages"])
        let url = "http://localhost:8080/SalesCall?NAME=Ann%20Lee&Email=ann@example.com&utm_source=x"
        let booked = try ws.jsonObject(["book", url, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(10), "--json"])
        #expect((booked["customer"] as? [String: Any])?["name"] as? String == "Ann Lee")
        #expect(booked["page"] as? String == "Sales call")

        // skip=0: the form is shown, prefilled from the link; what the customer types wins.
        let showForm = "http://localhost:8080/salescall?name=Ann%20Lee&email=ann@example.com&skip=0"
        let withForm = try ws.jsonObject(["book", showForm, "--event", Demo.thirty, "--at", Demo.tuesdayLocal(11),
                                          "--name", "Ann B. Lee", "--json"])
        let customer = withForm["customer"] as? [String: Any]
        #expect(customer?["name"] as? String == "Ann B. Lee")
        #expect(customer?["email"] as? String == "ann@example.com")
    }
}
