import Foundation
@testable import LinkdeskShare
import Testing

/// The dropdown's filter compares ASCII labels byte by byte and leaves everything else to
/// Foundation's case- and accent-insensitive search: both must answer alike.
@Suite("Share pop-up: the dropdown's filter match")
struct DropdownMatchTests {
    static let labels = ["Sales call (booking page)", "Marketing (master page)", "SUPPORT desk", "José Ñúñez (booking page)",
                         "Café Crème", "a", "", "x-ray 24/7", "Ärzte-Team", "東京 office", "Zoë Smythe"]
    static let needles = ["s", "S", "sales", "SALES CALL", "call (", "page)", "jose", "JOSÉ", "cafe", "crème", "ÄR", "ar",
                          "24/7", "x-ray 24/7 more", "東京", "zoe", "Smy", "(", "z", "q", "ea"]

    @Test("the same answer as Foundation's range(of:options: [.caseInsensitive, .diacriticInsensitive]) for every pair")
    func sameAsFoundation() {
        for label in Self.labels {
            for needle in Self.needles {
                let expected = label.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) != nil
                #expect(Dropdown.contains(label, needle) == expected, "\"\(label)\" contains \"\(needle)\"")
            }
        }
    }

    @Test("ASCII labels: a match anywhere, in any case; no match past the end")
    func asciiCases() {
        #expect(Dropdown.contains("Sales call (booking page)", "PAGE)"))
        #expect(Dropdown.contains("Sales call", "s c"))
        #expect(!Dropdown.contains("Sales", "Sales call"))
        #expect(!Dropdown.contains("Sales call", "callx"))
        #expect(Dropdown.contains("José", "jose"), "an accented label still matches through Foundation")
    }
}
