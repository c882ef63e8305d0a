import Foundation
import LinkdeskCore
import LinkdeskService
@testable import LinkdeskStore
import Testing

/// `ConfigReader` must give exactly what `JSONDecoder` gives whenever it gives anything, and give
/// up (so that `JSONDecoder` decides, errors included) on every shape it does not know.
@Suite("Store: the fast reader of JSON columns")
struct ConfigReaderTests {
    typealias F = StoreFixture

    static func stored<T: Encodable>(_ value: T) throws -> String { try StoredJSON.encode(value) }
    static func decoded<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try StoredJSON.decode(type, text) }

    /// Names that exercise the string reader: escapes, slashes, controls, every plane.
    static let awkwardNames = [
        "", "plain", "Zoë Ärger", "漢字の名前", "👍🏽 Thumbs", "🇫🇷 flag", "quote \" and \\ backslash", "a/b/c",
        "tab\tnew\nline\r", "nul \u{0} bell \u{7} esc \u{1B}", "\u{2028}\u{2029}", "e\u{301}", "\u{FEFF}bom",
    ]

    @Test("fixture and demo pages: the same values as JSONDecoder")
    func pages() throws {
        var pages = F.workspace.pages
        pages += try F.demoWorkspace().pages
        for page in pages {
            switch page {
            case .booking(let p):
                let text = try Self.stored(p)
                #expect(ConfigReader.bookingPage(text) == p, "\(text)")
                #expect(ConfigReader.bookingPage(Array(text.utf8)) == p, "from the column's bytes: \(text)")
                #expect(try Self.decoded(BookingPage.self, text) == p)
                #expect(ConfigReader.changePolicy(try Self.stored(p.policy)) == p.policy)
            case .master(let p):
                let text = try Self.stored(p)
                #expect(ConfigReader.masterPage(text) == p, "\(text)")
                #expect(ConfigReader.masterPage(Array(text.utf8)) == p, "from the column's bytes: \(text)")
                #expect(try Self.decoded(MasterPage.self, text) == p)
            }
        }
    }

    @Test("a page row reads as the codec both stores share reads it, whichever reader answers")
    func rows() throws {
        for page in try F.workspace.pages + F.demoWorkspace().pages {
            let config = try PageConfigCodec.encode(page)
            let shared = try PageConfigCodec.decode(kind: page.kind.rawValue, config: config)
            #expect(try PageRows.decode(kind: page.kind.rawValue, config: Array(config.utf8)) == shared)
            #expect(shared == page)
        }
    }

    @Test("awkward strings, every window and reason, big and negative numbers")
    func awkward() throws {
        let windows: [ChangeWindow] = [.anyTime, .never, .upTo(minutes: 15), .upTo(minutes: 20_160), .upTo(minutes: -5)]
        for (index, name) in Self.awkwardNames.enumerated() {
            let window = windows[index % windows.count], other = windows[(index + 2) % windows.count]
            let policy = ChangePolicy(cancel: window, cancelReason: ReasonRule.allCases[index % 3],
                                      reschedule: other, rescheduleReason: ReasonRule.allCases[(index + 1) % 3])
            let page = BookingPage(id: Int64.max - Int64(index), name: name, owner: name + "x", slug: "s\(index)",
                                   timeZone: "America/Argentina/Buenos_Aires",
                                   availability: WeeklyAvailability(days: index % 4 == 0 ? [] : [.sunday, .monday],
                                                                    openMinute: 0, closeMinute: 1440),
                                   eventTypeIDs: index % 2 == 0 ? [] : [Int64.min, 0, 7], policy: policy)
            let text = try Self.stored(page)
            #expect(ConfigReader.bookingPage(text) == page, "\(text)")
            #expect(ConfigReader.bookingPage(Array(text.utf8)) == page, "from the column's bytes: \(text)")
            #expect(try Self.decoded(BookingPage.self, text) == page)
            let master = MasterPage(id: -Int64(index), name: name, slug: name, scenario: index % 2 == 0 ? .pooled : .ruleBased,
                                    ruleType: index % 3 == 0 ? .static : .dynamic, locale: name, theme: name,
                                    memberIDs: [1, 2], eventTypeIDs: [],
                                    rules: index % 2 == 0 ? [] : [DynamicRule(eventTypeID: 1, primaryPageID: Int64(index))])
            let masterText = try Self.stored(master)
            #expect(ConfigReader.masterPage(masterText) == master, "\(masterText)")
            var details = Personalization(name: name, email: "a@b.example", showForm: index % 2 == 0)
            details.note = index % 3 == 0 ? "" : nil  // an empty string as stored, not normalized away
            let detailsText = try Self.stored(details)
            #expect(ConfigReader.personalization(detailsText) == details, "\(detailsText)")
            #expect(try Self.decoded(Personalization.self, detailsText) == details)
        }
        #expect(ConfigReader.personalization(try Self.stored(Personalization())) == Personalization())
    }

    @Test("several ranges a day and dates off are read by the fast path too")
    func rangesAndDatesOff() throws {
        var page = F.workspace.bookingPages[0]
        page.availability = WeeklyAvailability(ranges: [DayRange(day: .monday, openMinute: 540, closeMinute: 720),
                                                        DayRange(day: .monday, openMinute: 780, closeMinute: 1020),
                                                        DayRange(day: .saturday, openMinute: 600, closeMinute: 660)],
                                               datesOff: [LocalDate(year: 2026, month: 12, day: 25)])
        let text = try Self.stored(page)
        #expect(text.contains("\"ranges\""))
        #expect(ConfigReader.bookingPage(text) == page, "\(text)")
        #expect(try Self.decoded(BookingPage.self, text) == page)
        page.availability = WeeklyAvailability(days: [.tuesday], openMinute: 600, closeMinute: 700,
                                               datesOff: [LocalDate(year: 2027, month: 1, day: 1)])
        let simple = try Self.stored(page)
        #expect(!simple.contains("\"ranges\""))
        #expect(ConfigReader.bookingPage(simple) == page, "\(simple)")
    }

    @Test("other spellings JSONDecoder accepts: whitespace, key order, escaped letters")
    func otherSpellings() throws {
        let page = F.workspace.bookingPages[0]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]  // unsorted keys, indentation, " : "
        let pretty = String(decoding: try encoder.encode(page), as: UTF8.self)
        #expect(ConfigReader.bookingPage(pretty) == page)
        let escaped = """
            { "cancel" : {"upTo":{"minutes":60}}, "reschedule":{"never":{ }},
              "cancelReason":"\\u006fptional", "rescheduleReason":"not-asked" }
            """
        let expected = try Self.decoded(ChangePolicy.self, escaped)
        #expect(ConfigReader.changePolicy(escaped) == expected)
        #expect(ConfigReader.personalization(#"{"name":"\ud83d\udc4d","showForm":true}"#)
                == (try Self.decoded(Personalization.self, #"{"name":"\ud83d\udc4d","showForm":true}"#)))
    }

    @Test("shapes it does not know are left to JSONDecoder", arguments: [
        #"{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"anyTime":{}}}"#,  // missing key
        #"{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"anyTime":{}},"rescheduleReason":"later"}"#,
        #"{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"anyTime":{}},"rescheduleReason":null}"#,
        #"{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"upTo":{"minutes":1.5}},"rescheduleReason":"optional"}"#,
        #"{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"upTo":{"minutes":1e3}},"rescheduleReason":"optional"}"#,
        #"{"cancel":{"anyTime":{},"never":{}},"cancelReason":"optional","reschedule":{"never":{}},"rescheduleReason":"optional"}"#,
        #"{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"never":{}},"rescheduleReason":"optional","x":1}"#,
        #"{"cancel":{"anyTime":{}},"cancel":{"never":{}},"cancelReason":"optional","reschedule":{"never":{}},"rescheduleReason":"optional"}"#,
        #"{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"never":{}},"rescheduleReason":"optional"} x"#,
        #"{"cancel":{"anyTime":{}},"cancelReason":"optional","reschedule":{"never":{}},"rescheduleReason":"optional""#,
        #"{"cancel":{"upTo":{"minutes":99999999999999999999}},"cancelReason":"optional","reschedule":{"never":{}},"rescheduleReason":"optional"}"#,
        #"{"cancel":{"upTo":{"minutes":012}},"cancelReason":"optional","reschedule":{"never":{}},"rescheduleReason":"optional"}"#,
        #"{"cancel":{"anyTime":{}},"cancelReason":"opt\ud800ional","reschedule":{"never":{}},"rescheduleReason":"optional"}"#,
        "", "[]", "null",
    ])
    func givesUp(_ text: String) {
        #expect(ConfigReader.changePolicy(text) == nil)
    }

    @Test("unknown weekday, unknown scenario, missing showForm, a null field: left to JSONDecoder")
    func givesUpOnValues() throws {
        var text = try Self.stored(F.workspace.bookingPages[0])
        text = text.replacingOccurrences(of: "\"days\":[1,", with: "\"days\":[8,")
        #expect(ConfigReader.bookingPage(text) == nil)
        #expect(throws: (any Error).self) { try Self.decoded(BookingPage.self, text) }
        let master = try Self.stored(F.workspace.masterPages[0]).replacingOccurrences(of: "rule-based", with: "ruled")
        #expect(ConfigReader.masterPage(master) == nil)
        #expect(ConfigReader.personalization(#"{"name":"x"}"#) == nil)
        #expect(ConfigReader.personalization(#"{"name":null,"showForm":false}"#) == nil)
    }
}
