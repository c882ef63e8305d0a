import LinkdeskCore
import LinkdeskService
import Testing

/// The page configuration document both stores write and read (`PageConfigCodec`).
@Suite("page configuration codec")
struct PageConfigCodecTests {
    typealias F = StoreFixture

    @Test("fixture and demo pages: decoded from their kind and document as they were")
    func roundTrip() throws {
        for page in try F.workspace.pages + F.demoWorkspace().pages {
            let config = try PageConfigCodec.encode(page)
            #expect(try PageConfigCodec.decode(kind: page.kind.rawValue, config: config) == page)
            #expect(try config == PageConfigCodec.encode(page), "the same text every time (sorted keys)")
        }
    }

    @Test("every kind but master is a booking page's document")
    func kinds() throws {
        #expect(PageConfigCodec.kind("master") == .master)
        #expect(PageConfigCodec.kind("booking") == .booking)
        #expect(PageConfigCodec.kind("anything else") == .booking)
        let ann = F.workspace.pages[0]
        #expect(try PageConfigCodec.decode(kind: "anything else", config: PageConfigCodec.encode(ann)) == ann)
    }

    @Test("a document of the wrong kind is an error, not a page")
    func wrongKind() throws {
        let master = try PageConfigCodec.encode(F.workspace.pages.first { $0.kind == .master }!)
        #expect(throws: (any Error).self) { try PageConfigCodec.decode(kind: "booking", config: master) }
    }
}
