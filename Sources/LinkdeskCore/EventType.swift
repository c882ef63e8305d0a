/// A kind of meeting, e.g. "15-minute meeting".
public struct EventType: Codable, Equatable, Hashable, Sendable {
    public var id: EventTypeID
    public var name: String
    public var minutes: Int

    public init(id: EventTypeID, name: String, minutes: Int) {
        self.id = id
        self.name = name
        self.minutes = minutes
    }
}
